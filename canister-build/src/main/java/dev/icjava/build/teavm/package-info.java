/**
 * The TeaVM plugin that makes TeaVM's linear-memory Wasm output a canister: host imports over
 * {@code ic0}, the trap bridge around entry points, the callback table, the upgrade guard, string
 * handling without copies, and the inlining filter that keeps failure paths out of hot code. It
 * names several {@code dev.icjava.runtime.internal} classes by their names.
 */
package dev.icjava.build.teavm;
