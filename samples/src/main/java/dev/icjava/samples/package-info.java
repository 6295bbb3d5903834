/**
 * The sample canisters, written as users write them: {@link dev.icjava.samples.WhoAmI} (the caller,
 * a protected action and the integration guide's sign-in with identity attributes, typed methods)
 * and {@link dev.icjava.samples.Profiles} (DFINITY's relying-party sign-in methods through the
 * identity-attributes module). The build writes {@code target/whoami.wasm} and {@code
 * target/profiles.wasm} with their generated {@code .did}.
 */
package dev.icjava.samples;
