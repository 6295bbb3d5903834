/**
 * Canisters the local replica's own tests run: {@code Probe}, the semantics contract's Java side
 * (its Motoko twin is {@code src/test/motoko/Probe.mo}), and {@code StaticInitProbe}.
 */
package dev.icjava.testkit.probe;
