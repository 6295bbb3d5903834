/**
 * Identity attributes attached to a call by Internet Identity: trusted-signer checks, the Candid
 * reader for ICRC-3 values, and verification of the implicit fields. Not implemented yet: this
 * module is reserved in the reactor so that its dependencies are fixed (caller-auth, ic-runtime).
 */
package dev.icjava.attributes;
