/** The stable structures compiled into a canister: {@code StableMapProbe}, for {@code StableMapProbeTest}. */
package dev.icjava.stable.probe;
