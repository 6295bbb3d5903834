/**
 * The canister runtime: {@link dev.icjava.runtime.Ic0}, the raw System API binding (one native method
 * per {@code ic0} entry, spec names); {@link dev.icjava.runtime.SystemApi}, the same calls in Java
 * types; {@link dev.icjava.runtime.SystemApi#trap(String)}, the one way to trap; and the annotations
 * that mark a canister's entry points ({@link dev.icjava.runtime.Query}, {@link
 * dev.icjava.runtime.Update}, {@link dev.icjava.runtime.Init}, ...).
 */
package dev.icjava.runtime;
