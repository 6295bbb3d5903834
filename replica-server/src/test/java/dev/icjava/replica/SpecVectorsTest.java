package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the interface spec (dfinity/developer-docs b58cf042,
 * docs/references/ic-interface-spec/): the request id of https-interface.md "Request ids", the
 * LEB128 examples of "Representation-independent hashing", and the hash tree of certification.md
 * "Example" (encoding, root hash, pruning, lookups).
 */
class SpecVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldComputeTheRequestIdOfTheSpecsExample() throws Exception {
    ObjectNode content = Cbor.map();
    content.put("request_type", "call");
    content.put("sender", new byte[] {0x04});
    content.put("ingress_expiry", 1685570400000000000L);
    content.put("canister_id", HEX.parseHex("00000000000004D2"));
    content.put("method_name", "hello");
    content.put("arg", "DIDL\u0000\u00FD*".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        "1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101", HEX.formatHex(RequestIds.hashOfMap(content)));
  }

  @Test
  void shouldEncodeTheSpecsLeb128Examples() {
    assertEquals("00", HEX.formatHex(Leb128.unsigned(0)));
    assertEquals("e58e26", HEX.formatHex(Leb128.unsigned(624485)));
    assertEquals("c0bb78", HEX.formatHex(Leb128.signed(BigInteger.valueOf(-123456))));
  }

  private static final String FULL =
      "8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162820344676f6f64"
          + "8301830241638100830241648203476d6f726e696e67";
  private static final String PRUNED =
      "83018301830241618301820458201b4feff9bef8131788b0c9dc6dbad6e81e524249c879e9f10f71ce3749f5a638830241798203"
          + "45776f726c6483024162820458207b32ac0c6ba8ce35ac82c255fc7906f7fc130dab2a090f80fe12f9c2cae83ba6830182045820"
          + "ec8324b8a1f1ac16bd2e806edba78006479c9877fed4eb464a25485465af601d830241648203476d6f726e696e67";

  @Test
  void shouldHashTheSpecsExampleTree() throws Exception {
    HashTree full = HashTree.fromCbor(Cbor.decode(HEX.parseHex(FULL)));
    assertEquals("eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0", HEX.formatHex(full.digest()));
    assertEquals(FULL, HEX.formatHex(Cbor.encodeUntagged(full.toCbor())));
    HashTree pruned = HashTree.fromCbor(Cbor.decode(HEX.parseHex(PRUNED)));
    assertArrayEquals(full.digest(), pruned.digest());
    assertInstanceOf(HashTree.Lookup.Unknown.class, pruned.lookup(path("a", "a")));
    assertEquals("world", new String(((HashTree.Lookup.Found) pruned.lookup(path("a", "y"))).value(), StandardCharsets.UTF_8));
    assertInstanceOf(HashTree.Lookup.Absent.class, pruned.lookup(path("aa")));
    assertInstanceOf(HashTree.Lookup.Absent.class, pruned.lookup(path("ax")));
    assertInstanceOf(HashTree.Lookup.Unknown.class, pruned.lookup(path("b")));
    assertInstanceOf(HashTree.Lookup.Unknown.class, pruned.lookup(path("bb")));
    assertEquals("morning", new String(((HashTree.Lookup.Found) pruned.lookup(path("d"))).value(), StandardCharsets.UTF_8));
    assertInstanceOf(HashTree.Lookup.Absent.class, pruned.lookup(path("e")));
  }

  @Test
  void shouldKeepTheRootHashInAWitnessRevealThePathsAndProveAbsence() {
    LabeledTree t = LabeledTree.node();
    t.child("a").put("x", LabeledTree.leaf(utf8("hello"))).put("y", LabeledTree.leaf(utf8("world")));
    t.put("b", LabeledTree.leaf(utf8("good")));
    t.put("c", LabeledTree.node());
    t.put("d", LabeledTree.leaf(utf8("morning")));
    HashTree full = t.toHashTree();
    HashTree w = t.witness(List.of(path("a", "y"), path("ax"), path("d")));
    assertArrayEquals(full.digest(), w.digest());
    assertEquals("world", new String(((HashTree.Lookup.Found) w.lookup(path("a", "y"))).value(), StandardCharsets.UTF_8));
    assertInstanceOf(HashTree.Lookup.Absent.class, w.lookup(path("ax")));
    assertInstanceOf(HashTree.Lookup.Unknown.class, w.lookup(path("a", "x")));
    assertEquals("morning", new String(((HashTree.Lookup.Found) w.lookup(path("d"))).value(), StandardCharsets.UTF_8));
  }

  static List<byte[]> path(String... labels) {
    return java.util.Arrays.stream(labels).map(SpecVectorsTest::utf8).toList();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
