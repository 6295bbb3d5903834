/**
 * The nonce store compiled into canisters: {@code NonceStoreProbe} (for {@code NonceStoreProbeTest}
 * and the scaling benchmark) and {@code SeededNonceStoreProbe} (for {@code SeededNonceStoreProbeTest}).
 */
package dev.icjava.noncestore.probe;
