/**
 * Single-use nonces bound to a caller and an action, minted by the canister and kept in stable
 * memory: {@link dev.icjava.noncestore.NonceStore}.
 */
package dev.icjava.noncestore;
