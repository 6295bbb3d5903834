/** Canisters that make and answer inter-canister calls, for {@code CallsProbeTest}. */
package dev.icjava.calls.probe;
