package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidType;
import dev.icjava.testkit.InstallOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management canister's ingress filter, one refusal per rule, with the IC's texts and codes
 * (dfinity/ic {@code ExecutionEnvironment::should_accept_ingress_message}, {@code
 * extract_effective_canister_id}, {@code CanisterManager::should_accept_ingress_message}; the
 * IC0512 text is the one agent-rs's ref-tests recorded against PocketIC), and one of them seen
 * through HTTP as the {@code non_replicated_rejection} it is.
 */
class IngressFilterTest {
  static final byte[] ANONYMOUS = {4};
  static ReplicaState state;
  static byte[] whoami;

  @BeforeAll
  static void install() throws Exception {
    state = new ReplicaState(NodeIdentity.generate(new SecureRandom()), null);
    Path wasm = Path.of(System.getProperty("icjava.root", ".."), "samples/target/whoami.wasm");
    whoami = state.install("whoami", Files.readAllBytes(wasm), Map.of(), LocalReplicaTime.NOW);
    state.registerSystemCanister(CyclesLedger.ID, new CyclesLedger());
  }

  /** A fixed time for installs. */
  static final class LocalReplicaTime {
    static final long NOW = 1_767_225_600_000_000_000L;
  }

  static byte[] canisterIdRecord(byte[] id, String field) {
    return CandidRecords.message(CandidType.record(CandidType.field(field, CandidType.principal())),
        w -> w.record().principal(id));
  }

  static List<Object> refusal(String method, byte[] arg, byte[] sender) {
    try {
      IngressFilter.check(state, method, arg, sender);
      return List.of("accepted");
    } catch (Refusal r) {
      return List.of(r.rejectCode, r.errorCode, r.getMessage());
    }
  }

  @Test
  void shouldRefuseANonControllerNamingCanisterAndMethod() {
    String id = Principal.fromBytes(whoami).toText();
    for (String m : List.of("canister_status", "start_canister", "stop_canister", "delete_canister", "uninstall_code",
        "update_settings", "install_code", "upload_chunk", "stored_chunks", "clear_chunk_store")) {
      assertEquals(List.of(5, "IC0512", "Only controllers of canister " + id + " can call ic00 method " + m),
          refusal(m, canisterIdRecord(whoami, "canister_id"), ANONYMOUS));
    }
    assertEquals(List.of(5, "IC0512", "Only controllers of canister " + id + " can call ic00 method install_chunked_code"),
        refusal("install_chunked_code", canisterIdRecord(whoami, "target_canister"), ANONYMOUS));
  }

  @Test
  void shouldAcceptTheController() {
    assertEquals(List.of("accepted"),
        refusal("canister_status", canisterIdRecord(whoami, "canister_id"), InstallOptions.defaultController()));
    assertEquals(List.of("accepted"),
        refusal("install_chunked_code", canisterIdRecord(whoami, "target_canister"), InstallOptions.defaultController()));
  }

  @Test
  void shouldRefuseWhatIngressMayNeverCall() {
    for (String m : List.of("create_canister", "raw_rand", "deposit_cycles", "http_request", "sign_with_ecdsa",
        "fetch_canister_logs", "bitcoin_get_balance")) {
      assertEquals(List.of(4, "IC0406", "ic00 method " + m + " can not be called via ingress messages"),
          refusal(m, new byte[] {'D', 'I', 'D', 'L', 0, 0}, ANONYMOUS));
    }
    assertEquals(List.of(4, "IC0406", "Only canisters can call ic00 method canister_info"),
        refusal("canister_info", canisterIdRecord(whoami, "canister_id"), ANONYMOUS));
  }

  @Test
  void shouldRefuseAMethodTheManagementCanisterDoesNotHave() {
    assertEquals(List.of(5, "IC0536", "ic00 interface does not expose method greet"),
        refusal("greet", new byte[0], ANONYMOUS));
  }

  @Test
  void shouldRefuseAnArgumentWithoutTheEffectiveCanister() {
    List<Object> r = refusal("canister_status", new byte[] {'D', 'I', 'D', 'L', 0, 0}, ANONYMOUS);
    assertEquals(List.of(4, "IC0408"), r.subList(0, 2));
    assertEquals(true, ((String) r.get(2)).startsWith("Failed to parse payload for ic00 method canister_status: "), r.toString());
  }

  @Test
  void shouldRefuseACanisterThatIsNotThere() {
    byte[] nowhere = {0, 0, 0, 0, 0, 0, 0, 99, 1, 1};
    assertEquals(List.of(3, "IC0301", "Canister " + Principal.fromBytes(nowhere).toText() + " not found"),
        refusal("canister_status", canisterIdRecord(nowhere, "canister_id"), ANONYMOUS));
  }

  @Test
  void shouldRefuseUsersOnSystemCanistersTheyDoNotControl() {
    assertEquals(List.of(5, "IC0512", "Only controllers of canister um5iw-rqaaa-aaaaq-qaaba-cai can call ic00 method stop_canister"),
        refusal("stop_canister", canisterIdRecord(CyclesLedger.ID, "canister_id"), ANONYMOUS));
  }

  @Test
  void shouldAdmitTheProvisionalMethodsForEveryoneAsALocalNetworkDoes() {
    assertEquals(List.of("accepted"), refusal("provisional_create_canister_with_cycles", new byte[0], ANONYMOUS));
    assertEquals(List.of("accepted"), refusal("provisional_top_up_canister", new byte[0], ANONYMOUS));
  }

  @Test
  void shouldAnswerARefusalAsANonReplicatedRejectionWhateverTheUrlsCanister() throws Exception {
    HttpReplica replica = new HttpReplica(state, 0);
    ObjectNode c = Cbor.map();
    c.put("request_type", "call");
    c.put("sender", ANONYMOUS);
    c.put("ingress_expiry", replica.now() + 60_000_000_000L);
    c.put("canister_id", new byte[0]);
    c.put("method_name", "canister_status");
    c.put("arg", canisterIdRecord(whoami, "canister_id"));
    ObjectNode envelope = Cbor.map();
    envelope.set("content", c);
    // the URL names another canister: the IC's HTTP handler accepts any for aaaaa-aa
    HttpReplica.Response r = replica.handle("POST", "/api/v4/canister/" + Principal.fromBytes(CyclesLedger.ID).toText()
        + "/call", Cbor.encode(envelope));
    assertEquals(200, r.status());
    JsonNode m = Cbor.decode(r.body());
    assertEquals("non_replicated_rejection", m.get("status").asText());
    assertEquals(5, m.get("reject_code").asInt());
    assertEquals("IC0512", m.get("error_code").asText());
    assertEquals("Only controllers of canister " + Principal.fromBytes(whoami).toText()
        + " can call ic00 method canister_status", m.get("reject_message").asText());
  }
}
