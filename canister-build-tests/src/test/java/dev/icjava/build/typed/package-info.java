/**
 * Tests of the canister build's typed methods with the library modules: the Java-to-Candid mapping
 * against {@code @dfinity/candid} and ic4j-candid ({@code TypedMappingProbeTest} through {@code
 * TypedMappingProbe}), the build's refusals of types without a Candid form, the generated {@code .did} and
 * its check against hand-written ones, {@code ic-wasm check-endpoints} on generated interfaces, and
 * {@code @Include} (inherited entry points, a null field).
 */
package dev.icjava.build.typed;
