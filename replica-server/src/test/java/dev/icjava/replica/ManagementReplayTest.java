package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidWriter;
import dev.icjava.testkit.ManagedCanisterInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the management canister did survives a restart on the same state directory: the journal
 * holds the ingress calls to {@code aaaaa-aa} (creation, install, settings) like any other, and
 * replaying them rebuilds the canisters with their ids, modules, controllers and environment
 * variables; a call refused by the ingress filter (a stranger's install) changes nothing and is
 * not journaled.
 */
class ManagementReplayTest {
  static final byte[] ALICE = Principal.selfAuthenticating(new byte[] {7}).bytes();
  static final byte[] BOB = Principal.selfAuthenticating(new byte[] {8}).bytes();
  static final byte[] DEFAULT_EFFECTIVE = HttpReplica.principalBytes(LocalNetwork.DEFAULT_EFFECTIVE_CANISTER_ID);

  @TempDir
  Path dir;

  static JournalRecord.IngressCall call(long time, byte[] sender, byte[] effective, String method, byte[] arg) {
    byte[] rid = new byte[32];
    new SecureRandom().nextBytes(rid);
    return new JournalRecord.IngressCall(time, rid, sender, effective, new byte[0], method, arg, null, null,
        time + 600_000_000_000L);
  }

  static final CandidType MODE = CandidType.variant(CandidType.field("install", CandidType.nullType()),
      CandidType.field("reinstall", CandidType.nullType()), CandidType.field("upgrade",
          CandidType.opt(CandidType.record(CandidType.field("skip_pre_upgrade", CandidType.opt(CandidType.bool()))))));

  static byte[] installArgs(byte[] id, byte[] wasm) {
    CandidType t = CandidType.record(CandidType.field("mode", MODE), CandidType.field("canister_id",
        CandidType.principal()), CandidType.field("wasm_module", CandidType.blob()), CandidType.field("arg",
        CandidType.blob()));
    byte[] empty = {'D', 'I', 'D', 'L', 0, 0};
    CandidWriter w = new CandidWriter(t).record();
    // fields in id order: arg, wasm_module, mode, canister_id
    for (int i = 0; i < 4; i++) {
      if (i == t.fieldIndex("arg")) {
        w.blob(empty);
      } else if (i == t.fieldIndex("wasm_module")) {
        w.blob(wasm);
      } else if (i == t.fieldIndex("mode")) {
        w.variant(MODE.fieldIndex("install"));
      } else {
        w.principal(id);
      }
    }
    return w.toMessage();
  }

  static byte[] settingsArgs(byte[] id, byte[] controller, String name, String value) {
    CandidType env = CandidType.record(CandidType.field("name", CandidType.text()),
        CandidType.field("value", CandidType.text()));
    CandidType settings = CandidType.record(CandidType.field("controllers", CandidType.opt(CandidType.vec(
        CandidType.principal()))), CandidType.field("environment_variables", CandidType.opt(CandidType.vec(env))));
    CandidType t = CandidType.record(CandidType.field("canister_id", CandidType.principal()),
        CandidType.field("settings", settings));
    CandidWriter w = new CandidWriter(t).record();
    boolean idFirst = t.fieldIndex("canister_id") == 0;
    if (idFirst) {
      w.principal(id);
    }
    w.record();
    boolean controllersFirst = settings.fieldIndex("controllers") == 0;
    if (controllersFirst) {
      w.some().vec(1).principal(controller);
    }
    w.some().vec(1).record();
    if (env.fieldIndex("name") == 0) {
      w.text(name).text(value);
    } else {
      w.text(value).text(name);
    }
    if (!controllersFirst) {
      w.some().vec(1).principal(controller);
    }
    if (!idFirst) {
      w.principal(id);
    }
    return w.toMessage();
  }

  @Test
  void shouldFindCreatedCanistersModulesAndSettingsAfterARestart() throws Exception {
    byte[] wasm = Files.readAllBytes(LauncherProcess.ROOT.resolve("samples/target/whoami.wasm"));
    long now = (System.currentTimeMillis() + 10_000) * 1_000_000L;
    byte[] id;
    try (StateJournal j = StateJournal.open(dir)) {
      ReplicaState s = LocalNetwork.open(j, false, new SecureRandom()).state();
      // record {}: every field of provisional_create_canister_with_cycles_args is optional
      RequestStatus created = s.call(call(now, ALICE, DEFAULT_EFFECTIVE, "provisional_create_canister_with_cycles",
          new byte[] {'D', 'I', 'D', 'L', 1, 0x6c, 0, 1, 0}));
      assertTrue(created.reply() != null, "created: " + created);
      id = CandidMessage.parse(created.reply()).decode(CandidType.record(CandidType.field("canister_id",
          CandidType.principal())))[0].field("canister_id").principal();
      assertEquals(LocalNetwork.DEFAULT_EFFECTIVE_CANISTER_ID, HttpReplica.text(id));
      // a stranger's install is refused before execution, and leaves nothing in the journal
      Refusal refused = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class,
          () -> s.call(call(now + 1, BOB, id, "install_code", installArgs(id, wasm))));
      assertEquals("IC0512", refused.errorCode);
      s.call(call(now + 2, ALICE, id, "install_code", installArgs(id, wasm)));
      s.call(call(now + 3, ALICE, id, "update_settings", settingsArgs(id, BOB, "trusted_attribute_signers",
          "rdmx6-jaaaa-aaaaa-aaadq-cai")));
      s.awaitDurable(s.position());
    }
    try (StateJournal j = StateJournal.open(dir)) {
      ReplicaState s = LocalNetwork.open(j, false, new SecureRandom()).state();
      ManagedCanisterInfo info = s.replica.managedCanister(id);
      assertNotNull(info, "the created canister is there again");
      assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(wasm), info.moduleHash());
      assertEquals(1, info.controllers().size());
      assertArrayEquals(BOB, info.controllers().get(0));
      assertEquals(Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"), info.canister().environmentVariables());
      Outcome who = s.query(id, "whoAmI", ALICE, new byte[] {'D', 'I', 'D', 'L', 0, 0}, null, now + 10);
      assertTrue(who.replied(), who.toString());
      String text = new String(who.reply(), StandardCharsets.UTF_8);
      assertTrue(text.contains(Principal.fromBytes(ALICE).toText()), text);
      // the state tree certifies it: module hash and controllers
      LabeledTree tree = s.stateTree(now + 11);
      assertNotNull(tree);
      assertTrue(List.of(s.served(id).metadata.keySet().toArray()).contains("candid:service"));
    }
  }
}
