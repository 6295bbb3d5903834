package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static void} method without parameters as an update method, exported as
 * {@code canister_update <value>}. The canister build wraps it so that any uncaught exception becomes a trap
 * naming the exception (never a bare {@code unreachable}); the method replies itself, for example
 * with {@link SystemApi#msgReply(byte[])}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Update {
  /**
   * The Candid method name.
   *
   * @return the Candid method name
   */
  String value();
}
