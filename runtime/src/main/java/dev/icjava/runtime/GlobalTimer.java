package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code public static void} method without parameters that runs when the canister's own timer fires: once
 * the deadline set with {@link SystemApi#globalTimerSet} has passed. At most one per canister. The build's {@code
 * canister_global_timer}, which every canister exports, first sends the library's due timers ({@link Timers}), then
 * calls this method if that deadline has passed; it wraps both so that any uncaught exception becomes a trap naming
 * the exception (which rolls back the whole message: the library's timers that were due then run at the next firing).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GlobalTimer {}
