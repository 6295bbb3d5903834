package dev.icjava.replica;

import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidLimits;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The checks an ingress call to the management canister ({@code aaaaa-aa}) passes before it is
 * accepted, as the IC makes them (https-interface.md, "Asynchronous canister calling": "checking
 * that the management canister method can be called via ingress messages and that the caller is a
 * controller of the target canister"). A refusal is a {@code non_replicated_rejection}: the call
 * is never executed and leaves no status.
 *
 * <p>In the IC's order (dfinity/ic {@code ExecutionEnvironment::should_accept_ingress_message}, then
 * {@code CanisterManager::should_accept_ingress_message}, {@code
 * rs/execution_environment/src/canister_manager.rs}):
 *
 * <ol>
 *   <li>the effective canister id is read from the argument ({@code extract_effective_canister_id},
 *       {@code rs/types/types/src/messages/ingress_messages.rs}): the {@code canister_id} field of
 *       the method's record, {@code target_canister} for {@code install_chunked_code}, none for the
 *       provisional methods. A method the management canister does not have: {@code ic00 interface
 *       does not expose method <m>} (reject 5, IC0536); one that ingress may never call ({@code
 *       create_canister}, {@code raw_rand}, {@code deposit_cycles}, {@code http_request}, threshold
 *       signatures, bitcoin, {@code fetch_canister_logs}, ...): {@code ic00 method <m> can not be
 *       called via ingress messages} (4, IC0406); an argument that does not decode: {@code Failed to
 *       parse payload for ic00 method <m>: <why>} (4, IC0408);
 *   <li>the canister must exist: {@code Canister <id> not found} (3, IC0301);
 *   <li>{@code canister_info}, {@code canister_metadata}, {@code rename_canister}: {@code Only
 *       canisters can call ic00 method <m>} (4, IC0406); the controller-only methods: the sender must
 *       be a controller, else {@code Only controllers of canister <id> can call ic00 method <m>} (5,
 *       IC0512, the text agent-rs's ref-tests recorded against PocketIC); the provisional methods:
 *       a local network whitelists everyone, as PocketIC does.
 * </ol>
 *
 * <p>The URL's effective canister id is not compared for management calls: the IC's HTTP handler
 * accepts them whatever it is (its {@code test_update_call_to_management_canister}); it routes.
 * Our {@code <why>} is this replica's Candid reader's message, not Rust candid's.
 */
final class IngressFilter {
  private IngressFilter() {}

  /** Methods whose record names the effective canister in {@code canister_id}. */
  static final Set<String> BY_CANISTER_ID = Set.of(
      "start_canister", "canister_status", "delete_canister", "uninstall_code", "stop_canister", "canister_info",
      "canister_metadata", "update_settings", "install_code", "upload_chunk", "clear_chunk_store", "stored_chunks",
      "take_canister_snapshot", "load_canister_snapshot", "list_canister_snapshots", "delete_canister_snapshot",
      "read_canister_snapshot_metadata", "read_canister_snapshot_data", "upload_canister_snapshot_metadata",
      "upload_canister_snapshot_data", "rename_canister");

  /** Methods that ingress may never call (ParseIngressError::SubnetMethodNotAllowed). */
  static final Set<String> NOT_FROM_INGRESS = Set.of(
      "create_canister", "setup_initial_dkg", "deposit_cycles", "http_request", "raw_rand", "ecdsa_public_key",
      "sign_with_ecdsa", "reshare_chain_key", "schnorr_public_key", "sign_with_schnorr", "vetkd_public_key",
      "vetkd_derive_key", "bitcoin_get_balance", "bitcoin_get_utxos", "bitcoin_get_block_headers",
      "bitcoin_send_transaction", "bitcoin_send_transaction_internal", "bitcoin_get_successors",
      "bitcoin_get_current_fee_percentiles", "node_metrics_history", "subnet_info", "fetch_canister_logs");

  /** Methods the whitelist admits: on a local network, everyone. */
  static final Set<String> PROVISIONAL = Set.of("provisional_create_canister_with_cycles", "provisional_top_up_canister");

  /** Methods with an effective canister that only canisters may call. */
  static final Set<String> CANISTERS_ONLY = Set.of("canister_info", "canister_metadata", "rename_canister");

  /**
   * Accepts, or refuses with the IC's reject, an ingress call of {@code method} with {@code arg}
   * to the management canister from {@code sender}.
   */
  static void check(ReplicaState state, String method, byte[] arg, byte[] sender) throws Refusal {
    if (PROVISIONAL.contains(method)) {
      return;
    }
    if (NOT_FROM_INGRESS.contains(method)) {
      throw Refusal.reject(4, "IC0406", "ic00 method " + method + " can not be called via ingress messages");
    }
    byte[] canister;
    if (method.equals("install_chunked_code")) {
      canister = effectiveCanister(method, arg, "target_canister");
    } else if (BY_CANISTER_ID.contains(method)) {
      canister = effectiveCanister(method, arg, "canister_id");
    } else {
      throw Refusal.reject(5, "IC0536", "ic00 interface does not expose method " + method);
    }
    List<byte[]> controllers = state.controllersOf(canister);
    if (controllers == null) {
      throw Refusal.reject(3, "IC0301", "Canister " + HttpReplica.text(canister) + " not found");
    }
    if (CANISTERS_ONLY.contains(method)) {
      throw Refusal.reject(4, "IC0406", "Only canisters can call ic00 method " + method);
    }
    for (byte[] c : controllers) {
      if (Arrays.equals(c, sender)) {
        return;
      }
    }
    throw Refusal.reject(5, "IC0512",
        "Only controllers of canister " + HttpReplica.text(canister) + " can call ic00 method " + method);
  }

  /** The principal in field {@code field} of the argument's record, or the IC's IC0408 refusal. */
  static byte[] effectiveCanister(String method, byte[] arg, String field) throws Refusal {
    try {
      CandidType record = CandidType.record(CandidType.field(field, CandidType.principal()));
      // the record's other fields (a whole module in install_code) are skipped: allow one per byte
      CandidLimits limits = CandidLimits.DEFAULT.withQuotas(CandidLimits.DEFAULT_DECODING_QUOTA,
          CandidLimits.DEFAULT_SKIPPING_QUOTA + arg.length);
      return CandidMessage.parse(arg, limits).decode(record)[0].field(field).principal();
    } catch (CandidException | IllegalStateException e) {
      throw Refusal.reject(4, "IC0408", "Failed to parse payload for ic00 method " + method + ": " + e.getMessage());
    }
  }
}
