package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.reference.NodeReference;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management canister's own Candid ({@link IcCandid}) against an independent implementation,
 * {@code @dfinity/candid} (through {@code tools/node/candid-values.js}): arguments as agents encode
 * them at ic.did's types (dfinity/portal {@code docs/references/_attachments/ic.did} at 0484f2cf)
 * are read right, and the {@code canister_status} reply the management canister writes is decoded
 * by it at the reply type with the values put in.
 */
class IcCandidReferenceTest {
  static final String MODE = "{\"variant\":[[\"install\",\"null\"],[\"reinstall\",\"null\"],[\"upgrade\",{\"opt\":"
      + "{\"record\":[[\"skip_pre_upgrade\",{\"opt\":\"bool\"}],[\"wasm_memory_persistence\",{\"opt\":{\"variant\":"
      + "[[\"keep\",\"null\"],[\"replace\",\"null\"]]}}]]}}]]}";
  static final String INSTALL = "{\"record\":[[\"mode\"," + MODE + "],[\"canister_id\",\"principal\"],"
      + "[\"wasm_module\",\"blob\"],[\"arg\",\"blob\"],[\"sender_canister_version\",{\"opt\":\"nat64\"}]]}";
  static final String SETTINGS = "{\"record\":[[\"controllers\",{\"opt\":{\"vec\":\"principal\"}}],"
      + "[\"freezing_threshold\",{\"opt\":\"nat\"}],[\"environment_variables\",{\"opt\":{\"vec\":{\"record\":"
      + "[[\"name\",\"text\"],[\"value\",\"text\"]]}}}]]}";
  static final String UPDATE = "{\"record\":[[\"canister_id\",\"principal\"],[\"settings\"," + SETTINGS + "]]}";

  static byte[] encodedByDfinity(String type, String value) {
    NodeReference.Answer a = NodeReference.encodeCandid(List.of(type + " " + value)).get(0);
    assertTrue(a.ok(), a.error());
    return HexFormat.of().parseHex(a.value());
  }

  @Test
  void shouldReadInstallCodeArgumentsAsDfinitysLibraryWritesThem() {
    String id = "bkyz2-fmaaa-aaaaa-qaaaq-cai";
    IcCandid.Value install = IcCandid.decode(encodedByDfinity(INSTALL, "{\"mode\":{\"install\":null},\"canister_id\":\""
        + id + "\",\"wasm_module\":\"0061736d01000000\",\"arg\":\"4449444c0000\",\"sender_canister_version\":[]}"));
    assertTrue(install.field("mode").is("install"));
    assertEquals(id, PrincipalTexts.format(install.field("canister_id").principal()));
    assertArrayEquals(HexFormat.of().parseHex("0061736d01000000"), install.field("wasm_module").blob());
    assertTrue(install.field("sender_canister_version").isNull());

    IcCandid.Value upgrade = IcCandid.decode(encodedByDfinity(INSTALL, "{\"mode\":{\"upgrade\":[{\"skip_pre_upgrade\":"
        + "[true],\"wasm_memory_persistence\":[{\"keep\":null}]}]},\"canister_id\":\"" + id + "\",\"wasm_module\":\"00\","
        + "\"arg\":\"\",\"sender_canister_version\":[\"7\"]}"));
    IcCandid.Value flags = upgrade.field("mode").caseValue().opt();
    assertTrue(flags.field("skip_pre_upgrade").opt().bool());
    assertTrue(flags.field("wasm_memory_persistence").opt().is("keep"));
    assertEquals(BigInteger.valueOf(7), upgrade.field("sender_canister_version").opt().nat());

    IcCandid.Value reinstall = IcCandid.decode(encodedByDfinity(INSTALL, "{\"mode\":{\"reinstall\":null},"
        + "\"canister_id\":\"" + id + "\",\"wasm_module\":\"\",\"arg\":\"\",\"sender_canister_version\":[]}"));
    assertTrue(reinstall.field("mode").is("reinstall"));
  }

  @Test
  void shouldReadUpdateSettingsAsDfinitysLibraryWritesThem() {
    IcCandid.Value u = IcCandid.decode(encodedByDfinity(UPDATE, "{\"canister_id\":\"aaaaa-aa\",\"settings\":"
        + "{\"controllers\":[[\"2vxsx-fae\"]],\"freezing_threshold\":[\"86400\"],\"environment_variables\":"
        + "[[{\"name\":\"6b\",\"value\":\"76c3a9\"}]]}}"));
    IcCandid.Value s = u.field("settings");
    assertArrayEquals(new byte[] {4}, s.field("controllers").opt().element(0).principal());
    assertEquals(BigInteger.valueOf(86_400), s.field("freezing_threshold").opt().nat());
    assertEquals("vé", s.field("environment_variables").opt().element(0).field("value").text());
    assertNull(s.field("compute_allocation").opt(), "a field the sender left out reads as none");
  }

  @Test
  void shouldWriteACanisterStatusReplyDfinitysLibraryDecodes() {
    LocalReplica replica = new LocalReplica();
    Ingress created = replica.submit(new byte[0], "provisional_create_canister_with_cycles",
        Request.from(ManagementCanisterTest.ALICE).withArg(ManagementCanisterTest.encode(
            ManagementCanisterTest.PROVISIONAL, "amount", BigInteger.valueOf(123))));
    replica.runUntilIdle();
    byte[] id = IcCandid.decode(created.result().replyBytes()).field("canister_id").principal();
    Ingress status = replica.submit(new byte[0], "canister_status", Request.from(ManagementCanisterTest.ALICE)
        .withArg(ManagementCanisterTest.encode(ManagementCanisterTest.ID, "canister_id", id)));
    replica.runUntilIdle();
    byte[] reply = assertInstanceOf(CallResult.Reply.class, status.result()).replyBytes();
    // the reply type as ic.did writes it: @dfinity/candid skips the newer fields a client need not know
    String type = "{\"record\":[[\"status\",{\"variant\":[[\"running\",\"null\"],[\"stopping\",\"null\"],[\"stopped\","
        + "\"null\"]]}],[\"settings\",{\"record\":[[\"controllers\",{\"vec\":\"principal\"}],[\"freezing_threshold\","
        + "\"nat\"],[\"wasm_memory_limit\",\"nat\"]]}],[\"module_hash\",{\"opt\":\"blob\"}],[\"cycles\",\"nat\"],"
        + "[\"version\",\"nat64\"]]}";
    NodeReference.Answer a = NodeReference.decodeCandid(List.of(type + " " + HexFormat.of().formatHex(reply))).get(0);
    assertTrue(a.ok(), a.error());
    String v = a.value();
    assertTrue(v.contains("\"running\":null"), v);
    assertTrue(v.contains("\"cycles\":\"123\""), v);
    assertTrue(v.contains("\"freezing_threshold\":\"2592000\""), v);
    assertTrue(v.contains("\"module_hash\":[]"), v);
    assertTrue(v.contains(PrincipalTexts.format(ManagementCanisterTest.ALICE)), v);
  }
}
