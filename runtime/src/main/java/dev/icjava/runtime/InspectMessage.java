package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code public static void} method without parameters that runs before an ingress update call is accepted; call Ic0.accept_message to accept; exported as
 * {@code canister_inspect_message}. At most one per canister. The canister build wraps it so that any uncaught exception
 * becomes a trap naming the exception.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InspectMessage {}
