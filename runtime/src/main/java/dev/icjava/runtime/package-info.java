/**
 * The canister runtime, what canister code uses: {@link dev.icjava.runtime.Ic0}, the raw System API
 * binding (one native method per {@code ic0} entry, spec names); {@link dev.icjava.runtime.SystemApi},
 * the same calls in Java types; {@link dev.icjava.runtime.SystemApi#trap(String)}, the one way to
 * trap; {@link dev.icjava.runtime.StableMemory} and its implementations; and the annotations that
 * mark a canister's entry points ({@link dev.icjava.runtime.Query}, {@link dev.icjava.runtime.Update},
 * {@link dev.icjava.runtime.Init}, ...) and shape typed methods ({@link dev.icjava.runtime.Candid},
 * {@link dev.icjava.runtime.CandidName}, {@link dev.icjava.runtime.Unwrapped}, {@link
 * dev.icjava.runtime.Include}). What only the build and the libraries use is in {@code
 * dev.icjava.runtime.internal}.
 */
package dev.icjava.runtime;
