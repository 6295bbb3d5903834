/**
 * Fuzzing with Jazzer: one target per reader of hostile bytes (Candid messages, attribute bundles,
 * principal texts, nonce-store memory), seed corpora, and their replay in a canister ({@code
 * CorpusProbeTest}).
 */
package dev.icjava.fuzz;
