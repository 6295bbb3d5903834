/**
 * Identity attributes that Internet Identity attaches to a call, turned into attributes a canister
 * can trust or a trap that says why not.
 *
 * <p>Start with {@link dev.icjava.attributes.AttributeVerifier}: it checks that the call carries
 * attributes, that their signer is trusted ({@link dev.icjava.attributes.TrustedSigners}), decodes
 * the ICRC-3 {@link dev.icjava.attributes.Icrc3Value} bundle with the strict Candid reader, and
 * checks {@code implicit:origin}, {@code implicit:issued_at_timestamp_ns} and {@code
 * implicit:nonce} before handing out {@link dev.icjava.attributes.VerifiedAttributes}.
 */
package dev.icjava.attributes;
