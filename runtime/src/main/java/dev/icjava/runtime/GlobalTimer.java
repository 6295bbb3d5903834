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
 * the exception. A trap here rolls back the whole message, the sending of the library's due timers with it: they stay
 * queued, and run once the global timer is set again (the next {@link Timers#setTimer} or {@link
 * SystemApi#globalTimerSet}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GlobalTimer {}
