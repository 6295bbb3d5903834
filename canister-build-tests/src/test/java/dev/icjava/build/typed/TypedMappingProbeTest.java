package dev.icjava.build.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.reference.CandidModel;
import dev.icjava.testkit.reference.CandidModel.T;
import dev.icjava.testkit.reference.CandidModel.Tagged;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Probes;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each type mapping of typed entry points, both ways, against two independent implementations: the
 * argument is encoded by {@code @dfinity/candid} (and by ic4j-candid), decoded in the canister by
 * the generated glue at the Java signature's type, and the method's result, encoded by the glue,
 * is decoded by the same reference at the Candid type the mapping promises, and must be the value
 * sent. {@link TypedMappingProbe} is built with the generated {@code .did}.
 */
class TypedMappingProbeTest {
  static final int VALUES = 25;
  static Canister canister;

  @BeforeAll
  static void build() throws Exception {
    canister = new LocalReplica().install(Probes.buildTyped(TypedMappingProbe.class.getName(), "mapping-probe"));
  }

  record Mapping(String method, T type, Function<Random, Object> values) {}

  static T prim(String name) {
    return T.prim(name);
  }

  static T opt(T t) {
    return new T("opt", t, List.of(), List.of());
  }

  static T vec(T t) {
    return new T("vec", t, List.of(), List.of());
  }

  static T record(List<String> names, List<T> fields) {
    return new T("record", null, names, fields);
  }

  static T variant(List<String> names, List<T> fields) {
    return new T("variant", null, names, fields);
  }

  static final T ERROR = variant(List.of("NoAttributes", "MissingField", "Stale"),
      List.of(prim("null"), record(List.of("field"), List.of(prim("text"))), record(List.of("ageNs"), List.of(prim("nat")))));
  static final T COLOR = variant(List.of("Red", "Green", "blue"), List.of(prim("null"), prim("null"), prim("null")));

  static List<Mapping> mappings() {
    List<Mapping> out = new ArrayList<>();
    for (String p : List.of("text", "bool", "blob", "principal", "nat64", "int64", "int32", "int16", "int8", "nat32",
        "nat16", "nat8", "nat", "int", "float32", "float64")) {
      out.add(new Mapping(p, prim(p), r -> CandidModel.randomValue(r, prim(p))));
    }
    out.add(new Mapping("natInLong", prim("nat"), r -> BigInteger.valueOf(r.nextLong() & Long.MAX_VALUE >> r.nextInt(63))));
    out.add(new Mapping("opt", opt(prim("text")), r -> CandidModel.randomValue(r, opt(prim("text")))));
    out.add(new Mapping("list", vec(prim("nat16")), r -> CandidModel.randomValue(r, vec(prim("nat16")))));
    out.add(new Mapping("bytes", vec(prim("nat8")), r -> CandidModel.randomValue(r, vec(prim("nat8")))));
    out.add(new Mapping("array", vec(prim("text")), r -> CandidModel.randomValue(r, vec(prim("text")))));
    T profile = record(List.of("name", "e-mail", "age"), List.of(opt(prim("text")), opt(prim("text")), prim("nat8")));
    out.add(new Mapping("record", profile, r -> CandidModel.randomValue(r, profile)));
    out.add(new Mapping("enum", COLOR, r -> CandidModel.randomValue(r, COLOR)));
    out.add(new Mapping("sealed", ERROR, TypedMappingProbeTest::error));
    T result = variant(List.of("ok", "err"), List.of(prim("null"), ERROR));
    out.add(new Mapping("result", result, r -> r.nextBoolean() ? new Tagged(0, null) : new Tagged(1, error(r))));
    T resultText = variant(List.of("ok", "err"), List.of(prim("text"), COLOR));
    out.add(new Mapping("resultText", resultText, r -> CandidModel.randomValue(r, resultText)));
    return out;
  }

  /** An Error whose ageNs fits the Java long it maps to. */
  static Object error(Random r) {
    switch (r.nextInt(3)) {
      case 0: return new Tagged(0, null);
      case 1: return new Tagged(1, List.of(CandidModel.randomValue(r, prim("text"))));
      default: return new Tagged(2, List.of(BigInteger.valueOf(r.nextLong() & Long.MAX_VALUE)));
    }
  }

  @Test
  void shouldEchoValuesEncodedAndDecodedByDfinityCandid() {
    Random r = new Random(18);
    List<Mapping> cases = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<String> encodeRequests = new ArrayList<>();
    for (Mapping m : mappings()) {
      for (int i = 0; i < VALUES; i++) {
        Object v = m.values().apply(r);
        cases.add(m);
        values.add(v);
        encodeRequests.add(m.type().json() + " " + CandidModel.canonical(m.type(), v));
      }
    }
    List<NodeReference.Answer> encoded = NodeReference.encodeCandid(encodeRequests);
    List<String> decodeRequests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      assertTrue(encoded.get(i).ok(), encodeRequests.get(i) + ": " + encoded.get(i));
      CallResult reply = canister.query(cases.get(i).method(),
          Request.anonymous().withArg(HexFormat.of().parseHex(encoded.get(i).value())));
      assertTrue(reply instanceof CallResult.Reply, cases.get(i).method() + " " + encodeRequests.get(i) + ": " + reply);
      decodeRequests.add(cases.get(i).type().json() + " " + HexFormat.of().formatHex(reply.replyBytes()));
    }
    List<NodeReference.Answer> decoded = NodeReference.decodeCandid(decodeRequests);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String expected = CandidModel.canonical(cases.get(i).type(), values.get(i));
      if (!decoded.get(i).ok() || !decoded.get(i).value().equals(expected)) {
        disagreements.add(cases.get(i).method() + ": sent " + expected + ", got " + decoded.get(i));
      }
    }
    assertEquals(List.of(), disagreements.subList(0, Math.min(5, disagreements.size())));
  }

  @Test
  void shouldEchoValuesEncodedAndDecodedByIc4j() {
    Random r = new Random(1818);
    int compared = 0;
    List<String> disagreements = new ArrayList<>();
    for (Mapping m : mappings()) {
      for (int i = 0; i < VALUES; i++) {
        Object v = m.values().apply(r);
        if (!m.type().ic4jSupports(v, true)) {
          continue; // see CandidModel.T#ic4jSupports
        }
        compared++;
        CallResult reply = canister.query(m.method(), Request.anonymous().withArg(CandidModel.ic4jEncode(m.type(), v)));
        String got = reply instanceof CallResult.Reply
            ? CandidModel.ic4jCanonical(m.type(), IDLArgs.fromBytes(reply.replyBytes()).getArgs().get(0).getValue())
            : reply.toString();
        String expected = CandidModel.canonical(m.type(), v);
        if (!got.equals(expected) && disagreements.size() < 5) {
          disagreements.add(m.method() + ": sent " + expected + ", got " + got);
        }
      }
    }
    assertEquals(List.of(), disagreements);
    assertTrue(compared > mappings().size() * VALUES / 2, "compared " + compared);
  }

  @Test
  void shouldTakeSeveralArgumentsAndReplyEmptyForVoid() {
    byte[] args = IDLArgs.create(List.of(IDLValue.create("ab"),
        IDLValue.create((byte) 3, org.ic4j.candid.types.Type.NAT8))).toBytes();
    CallResult r = canister.update("repeat", Request.anonymous().withArg(args));
    assertEquals("ababab", IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue());
    assertEquals("4449444c0000", HexFormat.of().formatHex(canister.update("nothing", Request.anonymous()).replyBytes()));
  }

  @Test
  void shouldRefuseWhatDoesNotFitWithAMessage() {
    // a nat beyond 64 bits where a Java long receives it
    byte[] big = IDLArgs.create(List.of(IDLValue.create(BigInteger.ONE.shiftLeft(70), org.ic4j.candid.types.Type.NAT)))
        .toBytes();
    CallResult r = canister.query("natInLong", Request.anonymous().withArg(big));
    assertTrue(r.trapMessage().contains("argument 1 of natInLong does not fit a Java long"), r.trapMessage());
    // a text where nat8 is expected
    r = canister.query("nat8", Request.anonymous().withArg(IDLArgs.create(List.of(IDLValue.create("x"))).toBytes()));
    assertTrue(r.trapMessage().startsWith("Candid: a text value where nat8 is expected"), r.trapMessage());
    // a null result
    r = canister.query("nullText", Request.anonymous());
    assertTrue(r.trapMessage().contains("the result of nullText is null"), r.trapMessage());
    // extra arguments and a nat where an int is expected decode, as the spec's subtyping says
    byte[] natAsInt = IDLArgs.create(List.of(IDLValue.create(BigInteger.TEN, org.ic4j.candid.types.Type.NAT),
        IDLValue.create("extra"))).toBytes();
    assertEquals(BigInteger.TEN, IDLArgs.fromBytes(canister.query("int", Request.anonymous().withArg(natAsInt)).replyBytes())
        .getArgs().get(0).getValue());
  }

  @Test
  void shouldConcatenateStringsInTheCanisterAsJavaDoes() {
    Random r = new Random(3);
    for (int i = 0; i < 200; i++) {
      String a = (String) CandidModel.randomValue(r, prim("text"));
      int n = r.nextInt();
      Optional<String> maybe = r.nextBoolean() ? Optional.empty() : Optional.of((String) CandidModel.randomValue(r, prim("text")));
      String absent = maybe.orElse(null);
      String expected = a + n + 'c' + absent + true + -4L + (byte) 3 + (short) -5 + 2.5 + "|" + a + a + a + n;
      byte[] arg = IDLArgs.create(List.of(IDLValue.create(a), IDLValue.create(n),
          IDLValue.create(maybe, org.ic4j.candid.parser.IDLType.createType(org.ic4j.candid.types.Type.OPT,
              org.ic4j.candid.parser.IDLType.createType(org.ic4j.candid.types.Type.TEXT))))).toBytes();
      CallResult reply = canister.query("concat", Request.anonymous().withArg(arg));
      assertEquals(expected, IDLArgs.fromBytes(reply.replyBytes()).getArgs().get(0).getValue(), reply.toString());
    }
  }

  @Test
  void shouldWritePrincipalTextOfEveryLengthInTheCanister() {
    Random r = new Random(29);
    List<String> texts = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    for (int length = 0; length <= 29; length++) {
      for (int k = 0; k < 20; k++) {
        byte[] p = new byte[length];
        r.nextBytes(p);
        texts.add(CandidModel.principalText(p));
        requests.add("\"principal\" \"" + texts.get(texts.size() - 1) + "\"");
      }
    }
    List<NodeReference.Answer> args = NodeReference.encodeCandid(requests); // @dfinity/candid parses the text
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      CallResult reply = canister.query("principalText", Request.anonymous().withArg(HexFormat.of().parseHex(args.get(i).value())));
      assertEquals(text + " " + text + " " + text, IDLArgs.fromBytes(reply.replyBytes()).getArgs().get(0).getValue(),
          "principal " + text);
      reply = canister.query("principalTwice", Request.anonymous().withArg(HexFormat.of().parseHex(args.get(i).value())));
      assertEquals(text + text, IDLArgs.fromBytes(reply.replyBytes()).getArgs().get(0).getValue(), "principal " + text);
      reply = canister.query("prefixed", Request.anonymous().withArg(HexFormat.of().parseHex(args.get(i).value())));
      assertEquals("by " + text, IDLArgs.fromBytes(reply.replyBytes()).getArgs().get(0).getValue(), "principal " + text);
      reply = canister.query("suffixed", Request.anonymous().withArg(HexFormat.of().parseHex(args.get(i).value())));
      assertEquals(text + " acted.", IDLArgs.fromBytes(reply.replyBytes()).getArgs().get(0).getValue(),
          "principal " + text);
    }
  }

  @Test
  void shouldReplyReturnedLiteralsAndOtherStringsAlike() {
    String[][] cases = {{"", "empty"}, {"u", "non-ASCII literal \u00fc\u00e9"}, {"copy", "empty"}, {"empty", "empty"},
        {"x\u00e9", "x\u00e9"}};
    for (String[] c : cases) {
      byte[] arg = IDLArgs.create(List.of(IDLValue.create(c[0]))).toBytes();
      CallResult r = canister.query("literal", Request.anonymous().withArg(arg));
      assertEquals(c[1], IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue(), "argument \"" + c[0] + "\"");
    }
  }

  @Test
  void shouldEchoARecursiveRecord() {
    // type Tree = record { label : text; children : vec Tree } (label's id is the lower): table entry
    // 0 the record, entry 1 vec 0; the value Tree { label = "a"; children = vec { Tree { label = "b";
    // children = vec {} } } }
    byte[] arg = HexFormat.of().parseHex("4449444c" + "02" + "6c02" + leb(idOf("label")) + "71" + leb(idOf("children"))
        + "01" + "6d00" + "0100" + "0161" + "01" + "0162" + "00");
    assertTrue(idOf("label") < idOf("children"));
    CallResult r = canister.query("tree", Request.anonymous().withArg(arg));
    assertTrue(r instanceof CallResult.Reply, r.toString());
    // the reply is the same value; its type table is the writer's: the same two entries
    assertEquals(HexFormat.of().formatHex(arg), HexFormat.of().formatHex(r.replyBytes()));
  }

  @Test
  void shouldGenerateTheInterface() throws Exception {
    String did = Files.readString(Path.of("target/probe/mapping-probe.did"));
    assertTrue(did.contains("type Tree = record { label : text; children : vec Tree; };")
        || did.contains("type Tree = record { children : vec Tree; label : text; };"), did);
    assertTrue(did.contains("  \"nat64\" : (nat64) -> (nat64) query;"), did);
    assertTrue(did.contains("  result : (variant { ok; err : Error; }) -> (variant { ok; err : Error; }) query;"), did);
    assertTrue(did.contains("  repeat : (text, nat8) -> (text);"), did);
    assertTrue(did.contains("  nothing : () -> ();"), did);
  }

  /**
   * A method without parameters reads through extra arguments, up to 64 KiB
   * ({@code CandidArguments.MAX_UNREAD_ARGUMENT_BYTES}); a larger argument traps before it is copied
   * into the heap (the IC takes ingress arguments of up to 2 MiB, more than a canister's first heap).
   */
  @Test
  void shouldReadThroughExtraArgumentsOfAMethodWithoutParametersUpTo64KiB() {
    assertEquals("4449444c0000", HexFormat.of().formatHex(
        canister.update("nothing", Request.anonymous().withArg(textArgument(65_536))).replyBytes()));
    CallResult r = canister.update("nothing", Request.anonymous().withArg(textArgument(65_537)));
    assertEquals("Candid: an argument of 65537 bytes; this method takes none and reads at most 65536.", r.trapMessage());
  }

  /** {@code (text)} of exactly {@code size} bytes in all. */
  private static byte[] textArgument(int size) {
    byte[] head = HexFormat.of().parseHex("4449444c000171" + leb(size - 10));
    byte[] arg = new byte[size];
    System.arraycopy(head, 0, arg, 0, head.length);
    java.util.Arrays.fill(arg, head.length, size, (byte) 'a');
    return arg;
  }

  private static long idOf(String name) {
    return CandidModel.idOf(name);
  }

  private static String leb(long v) {
    StringBuilder sb = new StringBuilder();
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      sb.append(String.format("%02x", v != 0 ? b | 0x80 : b));
    } while (v != 0);
    return sb.toString();
  }

}
