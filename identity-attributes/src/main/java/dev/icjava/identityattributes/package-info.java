/**
 * The sign-in contract of DFINITY's relying-party libraries (Motoko {@code identity-attributes}
 * 0.4.0, Rust {@code identity-attributes}): {@code _internet_identity_sign_in_start : () -> (blob)}
 * and {@code _internet_identity_sign_in_finish : () -> (variant { ok; err : Error })}, taken into a
 * canister with one {@code @Include} field ({@link dev.icjava.identityattributes.IdentityAttributesSignIn}).
 */
package dev.icjava.identityattributes;
