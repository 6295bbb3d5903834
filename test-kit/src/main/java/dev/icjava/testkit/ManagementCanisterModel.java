package dev.icjava.testkit;

import java.util.Set;

/**
 * The management canister's method names and reply helpers shared by {@link ManagementCanister}:
 * a method outside {@link #METHODS} gets the IC's reject for a method the management canister does
 * not have; one inside it that the replica does not implement ends the test with {@link
 * UnsupportedSystemApiException}, out of the replica: a gap of the replica is never mistaken for
 * the canister's behaviour.
 *
 * <p>{@code raw_rand} replies {@code (blob)} with 32 fresh bytes per call (interface spec, {@code
 * management-canister.md}, "IC method raw_rand"): SHA-256 of the replica's seed and a counter, so a
 * test that sets the seed ({@link LocalReplica#setRandomSeed}) gets the same bytes every run.
 */
final class ManagementCanisterModel {
  private ManagementCanisterModel() {}

  /** The management canister's methods (interface spec, management-canister.md, at b58cf042). */
  static final Set<String> METHODS = Set.of(
      "create_canister", "update_settings", "upload_chunk", "clear_chunk_store", "stored_chunks", "install_code",
      "install_chunked_code", "uninstall_code", "canister_status", "canister_metrics", "canister_info",
      "canister_metadata", "stop_canister", "start_canister", "delete_canister", "deposit_cycles", "raw_rand",
      "ecdsa_public_key", "sign_with_ecdsa", "schnorr_public_key", "sign_with_schnorr", "vetkd_public_key",
      "vetkd_derive_key", "http_request", "node_metrics_history", "subnet_info", "take_canister_snapshot",
      "load_canister_snapshot", "read_canister_snapshot_metadata", "read_canister_snapshot_data",
      "upload_canister_snapshot_metadata", "upload_canister_snapshot_data", "list_canister_snapshots",
      "delete_canister_snapshot", "fetch_canister_logs", "list_canisters", "bitcoin_get_utxos",
      "bitcoin_get_balance", "bitcoin_send_transaction", "bitcoin_get_current_fee_percentiles",
      "bitcoin_get_block_headers", "provisional_create_canister_with_cycles", "provisional_top_up_canister");

  /** {@code (blob)}: DIDL, one type (vec nat8), one value of it (at most 127 bytes). */
  static byte[] blobMessage(byte[] data) {
    byte[] out = new byte[10 + data.length];
    byte[] head = {'D', 'I', 'D', 'L', 1, 0x6d, 0x7b, 1, 0, (byte) data.length};
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    return out;
  }
}
