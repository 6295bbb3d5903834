package dev.icjava.runtime;

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
   */
  public static long messageSequence() {
    return messageSequence;
  }

  /** Traps with a message naming {@code t}; never returns. */
  public static void uncaught(Throwable t) {
    throw SystemApi.trap(describe(t));
  }

  /** {@code "Uncaught <class>: <message>"}, with the causes' classes after {@code "; caused by "}. */
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
      sb.append(c.getClass().getName());
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
