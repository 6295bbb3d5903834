package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static void} method without parameters as a query method (read-only; its changes are discarded), exported as
 * {@code canister_query <value>}. The canister build wraps it so that any uncaught exception becomes a trap
 * naming the exception (never a bare {@code unreachable}); the method replies itself, for example
 * with {@link SystemApi#msgReply(byte[])}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Query {
  /**
   * The Candid method name.
   *
   * @return the Candid method name
   */
  String value();
}
