package dev.icjava.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The management canister ({@code aaaaa-aa}) as far as the local replica offers it: {@code
 * raw_rand}, and the IC's reject for a method the management canister does not have. A method it
 * has but this replica does not implement ends the test with {@link UnsupportedSystemApiException},
 * out of the replica: a gap of the replica is never mistaken for the canister's behaviour.
 *
 * <p>{@code raw_rand} replies {@code (blob)} with 32 fresh bytes per call (interface spec, {@code
 * management-canister.md}, "IC method raw_rand"): here SHA-256 of the replica's seed and a counter,
 * so a test that sets the seed ({@link LocalReplica#setRandomSeed}) gets the same bytes every run.
 */
final class ManagementCanisterModel {
  /** What the management canister answered: a reply's bytes, or a reject. */
  record Answer(byte[] reply, int rejectCode, String rejectMessage) {
    static Answer reply(byte[] bytes) {
      return new Answer(bytes, 0, null);
    }

    static Answer reject(int code, String message) {
      return new Answer(null, code, message);
    }
  }

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

  private byte[] seed = "icjava local replica raw_rand".getBytes(StandardCharsets.UTF_8);
  private long draws;

  void setSeed(byte[] seed) {
    this.seed = seed.clone();
    this.draws = 0;
  }

  /** Answers a canister's call of {@code method} with argument {@code arg}. */
  Answer handle(String method, byte[] arg) {
    if (!METHODS.contains(method)) {
      // dfinity/ic rs/execution_environment/src/execution_environment.rs: ErrorCode::CanisterMethodNotFound
      return Answer.reject(5, "IC0536: Management canister has no method '" + method + "'");
    }
    if (!method.equals("raw_rand")) {
      throw UnsupportedSystemApiException.managementMethod(method);
    }
    if (!isEmptyCandid(arg)) {
      // raw_rand decodes its argument as () (EmptyBlob); a payload that is not Candid is refused
      return Answer.reject(4, "IC0408: Error decoding candid: the argument of raw_rand is not the empty Candid message");
    }
    return Answer.reply(blobMessage(nextRandom()));
  }

  private byte[] nextRandom() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(seed);
      long n = draws++;
      for (int i = 0; i < 8; i++) {
        sha.update((byte) (n >>> (8 * i)));
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Exactly the empty Candid message {@code ()}: {@code DIDL 00 00}. */
  private static boolean isEmptyCandid(byte[] arg) {
    return arg.length == 6 && arg[0] == 'D' && arg[1] == 'I' && arg[2] == 'D' && arg[3] == 'L' && arg[4] == 0
        && arg[5] == 0;
  }

  /** {@code (blob)}: DIDL, one type (vec nat8), one value of it. */
  static byte[] blobMessage(byte[] data) {
    byte[] out = new byte[10 + data.length];
    byte[] head = {'D', 'I', 'D', 'L', 1, 0x6d, 0x7b, 1, 0, (byte) data.length};
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    return out;
  }
}
