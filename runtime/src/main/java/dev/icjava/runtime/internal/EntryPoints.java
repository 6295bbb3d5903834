package dev.icjava.runtime.internal;

import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.Include;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * The bridge the canister build puts around every exported entry point. For a method annotated
 * {@code @Update("m")} the build adds, in the same class, an export {@code canister_update m} whose
 * body is:
 *
 * <pre>{@code
 * EntryPoints.enter();
 * try { m(); } catch (Throwable t) { EntryPoints.uncaught(t); }
 * }</pre>
 *
 * <p>so an exception that escapes user code ends the message with {@code ic0.trap} and a message
 * naming the exception's class and text, and the IC rolls back the message's changes. User code never
 * calls these methods.
 */
public final class EntryPoints {
  private static long messageSequence;

  private EntryPoints() {}

  /** Called first in every entry point. */
  public static void enter() {
    messageSequence++;
  }

  /**
   * A number that differs between any two messages this instance has run to completion, for caches
   * that must not outlive a message. (A trapped or query message's increment is rolled back with the
   * rest of its changes, and so is anything it cached.)
   *
   * @return the message's sequence number
   */
  public static long messageSequence() {
    return messageSequence;
  }

  /**
   * The value of an {@code @Include} field, which the generated glue calls an included entry point
   * on; a trap naming the field ({@code field}: its class's simple name, a dot, its name) when it is
   * null. Without it, a method that does not touch its object would even run on null.
   *
   * @param <T> the field's type
   * @param value the field's value
   * @param field the field's name, {@code Class.field}
   * @return {@code value}, never {@code null}
   */
  public static <T> T included(T value, String field) {
    if (value == null) {
      throw new CanisterTrap("@Include field " + field + " is null");
    }
    return value;
  }

  /**
   * Traps with a message naming {@code t}; never returns.
   *
   * @param t the exception that escaped the entry point
   */
  public static void uncaught(Throwable t) {
    if (t instanceof CanisterTrap) {
      throw SystemApi.trapUtf8(((CanisterTrap) t).messageUtf8());
    }
    throw SystemApi.trap(describe(t));
  }

  /**
   * The exception's class name. TeaVM keeps a class's name only when its analysis sees that class
   * reach {@code Class.getName()}; exceptions the runtime raises itself (bounds, null, division) do
   * not, so for those the most specific well-known JDK type is named instead.
   */
  static String className(Throwable t) {
    String name = t.getClass().getName();
    if (name != null) {
      return name;
    }
    if (t instanceof ArrayIndexOutOfBoundsException) {
      return "java.lang.ArrayIndexOutOfBoundsException";
    } else if (t instanceof StringIndexOutOfBoundsException) {
      return "java.lang.StringIndexOutOfBoundsException";
    } else if (t instanceof IndexOutOfBoundsException) {
      return "java.lang.IndexOutOfBoundsException";
    } else if (t instanceof NullPointerException) {
      return "java.lang.NullPointerException";
    } else if (t instanceof ArithmeticException) {
      return "java.lang.ArithmeticException";
    } else if (t instanceof ClassCastException) {
      return "java.lang.ClassCastException";
    } else if (t instanceof NegativeArraySizeException) {
      return "java.lang.NegativeArraySizeException";
    } else if (t instanceof ArrayStoreException) {
      return "java.lang.ArrayStoreException";
    } else if (t instanceof NumberFormatException) {
      return "java.lang.NumberFormatException";
    } else if (t instanceof IllegalArgumentException) {
      return "java.lang.IllegalArgumentException";
    } else if (t instanceof IllegalStateException) {
      return "java.lang.IllegalStateException";
    } else if (t instanceof UnsupportedOperationException) {
      return "java.lang.UnsupportedOperationException";
    } else if (t instanceof OutOfMemoryError) {
      return "java.lang.OutOfMemoryError";
    } else if (t instanceof StackOverflowError) {
      return "java.lang.StackOverflowError";
    } else if (t instanceof RuntimeException) {
      return "a java.lang.RuntimeException";
    } else if (t instanceof Error) {
      return "a java.lang.Error";
    }
    return "a java.lang.Throwable";
  }

  /**
   * {@code "Uncaught <class>: <message>"}, with the causes' classes after {@code "; caused by "}.
   *
   * @param t the exception
   * @return its description
   */
  public static String describe(Throwable t) {
    if (t instanceof CanisterTrap) {
      return t.getMessage();
    }
    StringBuilder sb = new StringBuilder("Uncaught ");
    int depth = 0;
    for (Throwable c = t; c != null && depth < 4; c = c.getCause(), depth++) {
      if (depth > 0) {
        sb.append("; caused by ");
      }
      sb.append(className(c));
      String message = c.getMessage();
      if (message != null) {
        sb.append(": ").append(message);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
