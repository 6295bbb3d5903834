/**
 * Nonces minted by the canister, bound to a caller and an action, kept in stable memory. Not
 * implemented yet: this module is reserved in the reactor so that its dependencies are fixed
 * (caller-auth, ic-runtime).
 */
package dev.icjava.noncestore;
