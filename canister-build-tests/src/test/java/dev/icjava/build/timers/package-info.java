/**
 * Tests of the library's timers ({@code dev.icjava.runtime.Timers}) in a compiled canister: the
 * build's {@code canister_global_timer}, deadline order, a trapping task, the canister's own
 * {@code @GlobalTimer} beside them, and what an upgrade does to them ({@code TimersTest} through
 * {@code TimersProbe}).
 */
package dev.icjava.build.timers;
