package dev.icjava.samples;

import static dev.icjava.testkit.reference.Icrc3Json.array;
import static dev.icjava.testkit.reference.Icrc3Json.blob;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.integer;
import static dev.icjava.testkit.reference.Icrc3Json.map;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static dev.icjava.testkit.reference.Icrc3Json.text;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.reference.CandidNotation;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an attacker can do to the deployed whoami sample: call any method as any principal (the
 * anonymous one, the management canister, the canister itself), with any argument bytes, with any
 * attribute bundle signed by any principal (only Internet Identity's signature is trusted), and
 * capture and replay bundles that Internet Identity really signed for someone else. Every attack
 * must be refused with a trap that names the reason; {@code AdversarialTest} runs them all in the
 * local replica and prints the table.
 *
 * <p>Bundles are encoded by {@code @dfinity/candid} in one batch, with a 32-byte placeholder where
 * the nonce goes; a nonce the canister minted is copied over it before the call (a blob's bytes:
 * the encoding is unchanged). Hand-made malformed bundles are raw bytes.
 */
public final class Attacks {
  static final byte[] PLACEHOLDER = Fixtures.PLACEHOLDER;
  static final byte[] ANONYMOUS = {4};
  static final byte[] MANAGEMENT = {};
  static final long NOW = LocalReplica.DEFAULT_TIME;
  static final long MINUTE = Fixtures.MINUTE;

  /** One attack: the method it targets, what it does, the outcome the contract requires. */
  record Attack(String category, String name, String method, Outcome expected, Scenario scenario) {}

  interface Scenario {
    CallResult run(Canister c, LocalReplica replica, Attacks a);
  }

  private final Map<String, byte[]> bundles = new LinkedHashMap<>();
  /** Bytes of the argument or bundle the attack's last call sent (0 when it sent neither). */
  int sent;

  /** Encodes every JSON bundle the attacks use, in one Node run. */
  Attacks() {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("good", standard(NOW, Fixtures.email("alice@example.com")));
    json.put("no-nonce", map(entry("implicit:origin", text(Fixtures.ORIGIN)), issued(NOW), Fixtures.email("a@x")));
    json.put("two-nonces", standard(NOW, entry("implicit:nonce", blob("00")), Fixtures.email("a@x")));
    json.put("nonce-text", map(entry("implicit:nonce", text("0123456789abcdef")), origin(), issued(NOW), Fixtures.email("a@x")));
    json.put("nonce-31", map(entry("implicit:nonce", blob("01".repeat(31))), origin(), issued(NOW),
        Fixtures.email("a@x")));
    json.put("no-origin", map(nonce(), issued(NOW), Fixtures.email("a@x")));
    json.put("origin-slash", standard(NOW, Fixtures.email("a@x")).replace(Fixtures.ORIGIN, Fixtures.ORIGIN + "/"));
    json.put("origin-upper", standard(NOW, Fixtures.email("a@x")).replace(Fixtures.ORIGIN, "HTTPS://YOUR-APP.ICP0.IO"));
    json.put("origin-port", standard(NOW, Fixtures.email("a@x")).replace(Fixtures.ORIGIN, Fixtures.ORIGIN + ":443"));
    json.put("origin-blob", map(nonce(), entry("implicit:origin", blob("68747470733a2f2f")), issued(NOW), Fixtures.email("a@x")));
    json.put("two-origins", standard(NOW, entry("implicit:origin", text("https://evil.example")), Fixtures.email("a@x")));
    json.put("evil-origin", standard(NOW, Fixtures.email("a@x")).replace(Fixtures.ORIGIN, "https://evil.example"));
    json.put("no-issued", map(nonce(), origin(), Fixtures.email("a@x")));
    json.put("issued-int", map(nonce(), origin(), entry("implicit:issued_at_timestamp_ns", integer(Long.toString(NOW))),
        Fixtures.email("a@x")));
    json.put("issued-2^64", map(nonce(), origin(), entry("implicit:issued_at_timestamp_ns", nat("18446744073709551616")),
        Fixtures.email("a@x")));
    json.put("issued-text", map(nonce(), origin(), entry("implicit:issued_at_timestamp_ns", text(Long.toString(NOW))),
        Fixtures.email("a@x")));
    json.put("two-issued", standard(NOW, entry("implicit:issued_at_timestamp_ns", nat(Long.toString(NOW + 1))),
        Fixtures.email("a@x")));
    json.put("stale", standard(NOW - 5 * MINUTE - 1, Fixtures.email("a@x")));
    json.put("future", standard(NOW + MINUTE + 1, Fixtures.email("a@x")));
    json.put("no-email", standard(NOW, entry("name", text("Alice"))));
    json.put("email-nat", standard(NOW, entry("email", nat("1"))));
    json.put("email-blob", standard(NOW, entry("email", blob("61406578"))));
    json.put("two-emails", standard(NOW, Fixtures.email("alice@example.com"), Fixtures.email("mallory@evil.example")));
    json.put("not-a-map", text("Registered everyone"));
    json.put("array", array(text("implicit:nonce"), blob("00")));
    json.put("deep", deepArray(200));
    json.put("unknown-nonce", Icrc3Json.bundle(new byte[32], Fixtures.ORIGIN, NOW, Fixtures.email("a@x")));
    // beyond what Internet Identity signs (BundleLimits.INTERNET_IDENTITY)
    json.put("entries-100000", oneByteEntries(100_000));
    json.put("unsorted", Icrc3Json.unsortedMap(origin(), nonce(), issued(NOW), Fixtures.email("a@x")));
    json.put("origin-256", standard(NOW, Fixtures.email("a@x")).replace(Fixtures.ORIGIN, "https://" + "o".repeat(248)));
    json.put("value-50001", standard(NOW, Fixtures.email("a@x"), entry("name", text("n".repeat(50_001)))));
    json.put("key-1047", standard(NOW, Fixtures.email("a@x"),
        entry("openid:https://" + "i".repeat(1017) + ":verified_email", text("a@x"))));
    List<String> names = new ArrayList<>(json.keySet());
    List<NodeReference.Encoded> encoded = NodeReference.encodeIcrc3Values(new ArrayList<>(json.values()));
    for (int i = 0; i < names.size(); i++) {
      bundles.put(names.get(i), encoded.get(i).message());
    }
  }

  static String standard(long issuedAt, String... extra) {
    return Icrc3Json.bundle(PLACEHOLDER, Fixtures.ORIGIN, issuedAt, extra);
  }

  static String nonce() {
    return entry("implicit:nonce", blob(PLACEHOLDER));
  }

  static String origin() {
    return entry("implicit:origin", text(Fixtures.ORIGIN));
  }

  static String issued(long at) {
    return entry("implicit:issued_at_timestamp_ns", nat(Long.toString(at)));
  }

  /**
   * The trusted bundle of 100,000 one-byte entries (key "x", value Nat 0: four bytes each,
   * about 400 KB) beside the implicit fields.
   */
  static String oneByteEntries(int n) {
    String[] entries = new String[n + 4];
    entries[0] = nonce();
    entries[1] = origin();
    entries[2] = issued(NOW);
    entries[3] = Fixtures.email("a@x");
    for (int i = 0; i < n; i++) {
      entries[4 + i] = entry("x", nat("0"));
    }
    return map(entries);
  }

  static String deepArray(int depth) {
    String v = text("x");
    for (int i = 0; i < depth; i++) {
      v = array(v);
    }
    return map(nonce(), origin(), issued(NOW), entry("email", v));
  }

  /** The bundle called {@code name}, with {@code nonce} over its placeholder (if it has one). */
  byte[] bundle(String name, byte[] nonce) {
    byte[] b = bundles.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no bundle " + name);
    }
    b = b.clone();
    sent = b.length;
    int at = Fixtures.indexOf(b, PLACEHOLDER);
    if (at >= 0 && nonce != null) {
      System.arraycopy(nonce, 0, b, at, nonce.length);
    }
    return b;
  }

  /**
   * registerBegin by {@code user} (the anonymous principal: an unbound nonce; a user: bound to it),
   * then registerFinish by {@code caller} with bundle {@code name}.
   */
  CallResult finish(Canister c, byte[] user, byte[] caller, byte[] signer, String name) {
    byte[] nonce = Replies.blob(c.update("registerBegin", Request.from(user)));
    return c.update("registerFinish", Request.from(caller).withCallerInfo(bundle(name, nonce), signer));
  }

  /** registerFinish by {@link Fixtures#USER}, signed by Internet Identity, with bundle {@code name}. */
  CallResult finish(Canister c, String name) {
    return finish(c, Fixtures.USER, Fixtures.USER, Fixtures.II, name);
  }

  /**
   * A genuine registration by {@link Fixtures#USER}, with a nonce registerBegin minted for {@code
   * minter} (the anonymous principal, as the guide's frontend asks, or the user); returns the bundle
   * it used, for replays.
   */
  byte[] registered(Canister c, byte[] minter) {
    byte[] nonce = Replies.blob(c.update("registerBegin", Request.from(minter)));
    byte[] captured = bundle("good", nonce);
    CallResult r = c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(captured, Fixtures.II));
    if (!(r instanceof CallResult.Reply)) {
      throw new IllegalStateException("the genuine registration failed: " + r);
    }
    return captured;
  }

  static Outcome trap(String... keywords) {
    return Outcome.trap(keywords);
  }

  CallResult withArg(Canister c, String method, byte[] caller, byte[] arg) {
    sent = arg.length;
    return method.equals("whoAmI") ? c.query(method, Request.from(caller).withArg(arg))
        : c.update(method, Request.from(caller).withArg(arg));
  }

  static final List<Attack> ALL = build();

  private static List<Attack> build() {
    List<Attack> l = new ArrayList<>();
    // ---- who calls ----
    l.add(new Attack("caller", "protectedAction as the anonymous principal", "protectedAction",
        trap("anonymous", "not allowed"), (c, r, a) -> c.update("protectedAction", Request.anonymous())));
    l.add(new Attack("caller", "registerFinish as anonymous, with a bundle II signed for anonymous", "registerFinish",
        trap("anonymous", "not allowed"), (c, r, a) -> c.update("registerFinish",
            Request.anonymous().withCallerInfo(a.bundle("good", new byte[32]), Fixtures.II))));
    l.add(new Attack("caller", "registerFinish as anonymous, with the anonymous nonce", "registerFinish",
        trap("anonymous", "not allowed"), (c, r, a) -> a.finish(c, ANONYMOUS, ANONYMOUS, Fixtures.II, "good")));
    l.add(new Attack("caller", "registerBegin flood: a 9th live nonce for one caller", "registerBegin",
        trap("already holds 8 live nonces"), (c, r, a) -> {
          for (int i = 0; i < 8; i++) {
            c.update("registerBegin", Request.from(Fixtures.USER));
          }
          return c.update("registerBegin", Request.from(Fixtures.USER));
        }));
    // ---- argument bytes ----
    String[][] arguments = {
      {"empty argument (0 bytes)", "", "magic"},
      {"not DIDL magic", "DIDX\\00\\00", "magic"},
      {"message ends inside the header", "DIDL\\00", "ends"},
      {"bytes after the last value", "DIDL\\00\\00\\00", "after the last value"},
      {"type table claims 10^9 entries", "DIDL\\80\\94\\eb\\dc\\03\\00", "type table size"},
      {"argument count claims 10^9", "DIDL\\00\\80\\94\\eb\\dc\\03", "argument count"},
      {"vec null of 10^9 elements (space bomb)", "DIDL\\01\\6d\\7f\\01\\00\\80\\94\\eb\\dc\\03", "work"},
      {"vec vec null space bomb", "DIDL\\02\\6d\\01\\6d\\7f\\01\\00\\05\\ff\\ff\\3f\\ff\\ff\\3f\\ff\\ff\\3f\\ff\\ff\\3f\\ff\\ff\\3f", "work"},
      {"text length claims 10^9", "DIDL\\00\\01\\71\\80\\94\\eb\\dc\\03Motoko", "text length"},
      {"text that is not UTF-8", "DIDL\\00\\01\\71\\02\\c3\\28", "UTF-8"},
      {"principal of 30 bytes", "DIDL\\00\\01\\68\\01\\1e" + "\\00".repeat(30), "29"},
      {"bool value 2", "DIDL\\00\\01\\7e\\02", "bool"},
      {"record fields out of order", "DIDL\\01\\6c\\02\\01\\7c\\00\\7e\\01\\00\\2a\\01", "increasing"},
      {"type reference out of range", "DIDL\\01\\6e\\05\\01\\00\\00", "type"},
      {"primitive type in the type table", "DIDL\\01\\7f\\00", "table"},
    };
    for (String[] arg : arguments) {
      l.add(new Attack("argument", "registerFinish: " + arg[0], "registerFinish", trap("Candid", arg[2]),
          (c, r, a) -> a.withArg(c, "registerFinish", Fixtures.USER, CandidNotation.bytes(arg[1]))));
    }
    l.add(new Attack("argument", "whoAmI (query): opt nested 500 deep", "whoAmI", trap("Candid", "deep"),
        (c, r, a) -> a.withArg(c, "whoAmI", Fixtures.USER, nestedOpt(500))));
    l.add(new Attack("argument", "protectedAction: recursive type opt T, value 10,000 deep", "protectedAction",
        trap("Candid", "deep"), (c, r, a) -> a.withArg(c, "protectedAction", Fixtures.USER, recursiveOpt(10_000))));
    l.add(new Attack("argument", "registerBegin: 64 KiB of garbage", "registerBegin", trap("Candid", "magic"),
        (c, r, a) -> a.withArg(c, "registerBegin", Fixtures.USER, garbage(65_536))));
    // 2 MiB, the most an ingress message carries: refused before it is copied into the heap
    l.add(new Attack("argument", "registerBegin: vec opt nat of 2,096,000 elements (2 MiB)", "registerBegin",
        trap("Candid", "2096014 bytes"), (c, r, a) -> a.withArg(c, "registerBegin", ANONYMOUS, vecOptNat(2_096_000))));
    l.add(new Attack("argument", "whoAmI (query): vec opt nat of 2,096,000 elements (2 MiB)", "whoAmI",
        trap("Candid", "2096014 bytes"), (c, r, a) -> a.withArg(c, "whoAmI", Fixtures.USER, vecOptNat(2_096_000))));
    // within the size bound, what decoding would allocate a value per element for: refused at the
    // vector's length by the skipping quota
    l.add(new Attack("argument", "whoAmI (query): vec opt nat of 65,000 elements (64 KiB)", "whoAmI",
        trap("Candid", "skipping quota"), (c, r, a) -> a.withArg(c, "whoAmI", Fixtures.USER, vecOptNat(65_000))));
    // ---- who signed ----
    l.add(new Attack("signer", "no attributes at all", "registerFinish", trap("no identity attributes"),
        (c, r, a) -> c.update("registerFinish", Request.from(Fixtures.USER))));
    l.add(new Attack("signer", "perfect bundle signed by another canister", "registerFinish", trap("signed by", "trusted"),
        (c, r, a) -> a.finish(c, Fixtures.USER, Fixtures.USER, Fixtures.UNTRUSTED, "good")));
    l.add(new Attack("signer", "perfect bundle signed by the anonymous principal", "registerFinish",
        trap("signed by", "trusted"), (c, r, a) -> a.finish(c, Fixtures.USER, Fixtures.USER, ANONYMOUS, "good")));
    // The System API reports "no attributes" as a signer of size 0, which is also the management
    // canister's principal: such a call reads as carrying none (the IC never has it sign).
    l.add(new Attack("signer", "perfect bundle signed by the management canister (0 bytes)", "registerFinish",
        trap("no identity attributes"), (c, r, a) -> a.finish(c, Fixtures.USER, Fixtures.USER, MANAGEMENT, "good")));
    l.add(new Attack("signer", "perfect bundle signed by the canister itself", "registerFinish",
        trap("signed by", "trusted"), (c, r, a) -> a.finish(c, Fixtures.USER, Fixtures.USER, c.id(), "good")));
    l.add(new Attack("signer", "perfect bundle signed by the caller itself", "registerFinish",
        trap("signed by", "trusted"), (c, r, a) -> a.finish(c, Fixtures.USER, Fixtures.USER, Fixtures.USER, "good")));
    // ---- what II signed (the attacker cannot forge II's signature: these model a mistaken or
    // compromised signer, which the canister must still refuse to misread) ----
    l.add(new Attack("bundle", "bundle bytes that are not Candid", "registerFinish", trap("Candid"),
        (c, r, a) -> c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(garbage(64), Fixtures.II))));
    l.add(new Attack("bundle", "bundle is Candid text, not an ICRC-3 Value", "registerFinish", trap("Candid"),
        (c, r, a) -> c.update("registerFinish", Request.from(Fixtures.USER)
            .withCallerInfo(CandidNotation.bytes("DIDL\\00\\01\\71\\02hi"), Fixtures.II))));
    l.add(new Attack("bundle", "bundle Value is a Text, not a Map", "registerFinish", trap("map"),
        (c, r, a) -> a.finish(c, "not-a-map")));
    l.add(new Attack("bundle", "bundle Value is an Array", "registerFinish", trap("map"),
        (c, r, a) -> a.finish(c, "array")));
    l.add(new Attack("bundle", "bundle with a 10^9-element vec null appended", "registerFinish",
        trap("Candid", "skipping quota"), (c, r, a) -> { // II's bundle is one value: nothing to skip
          byte[] nonce = Replies.blob(c.update("registerBegin", Request.from(Fixtures.USER)));
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(appendVecNullBomb(a.bundle("good",
              nonce)), Fixtures.II));
        }));
    l.add(new Attack("bundle", "bundle with a value nested 200 deep", "registerFinish", trap("Candid", "deep"),
        (c, r, a) -> a.finish(c, "deep")));
    l.add(new Attack("bundle", "trusted bundle of 100,000 one-byte entries", "registerFinish",
        trap("beyond what its signer signs", "decoding quota"), (c, r, a) -> a.finish(c, "entries-100000")));
    l.add(new Attack("bundle", "keys not sorted (II's are)", "registerFinish", trap("not sorted and unique"),
        (c, r, a) -> a.finish(c, "unsorted")));
    l.add(new Attack("bundle", "implicit:origin of 256 bytes", "registerFinish", trap("beyond", "origin of 256 bytes"),
        (c, r, a) -> a.finish(c, "origin-256")));
    l.add(new Attack("bundle", "an attribute value of 50,001 bytes", "registerFinish",
        trap("beyond", "value of 50001 bytes"), (c, r, a) -> a.finish(c, "value-50001")));
    l.add(new Attack("bundle", "an attribute key of 1,047 bytes", "registerFinish", trap("beyond", "key of 1047 bytes"),
        (c, r, a) -> a.finish(c, "key-1047")));
    l.add(new Attack("nonce", "implicit:nonce missing", "registerFinish", trap("implicit:nonce"),
        (c, r, a) -> a.finish(c, "no-nonce")));
    l.add(new Attack("nonce", "implicit:nonce twice", "registerFinish", trap("implicit:nonce", "sorted and unique"),
        (c, r, a) -> a.finish(c, "two-nonces")));
    l.add(new Attack("nonce", "implicit:nonce a Text", "registerFinish", trap("implicit:nonce", "blob"),
        (c, r, a) -> a.finish(c, "nonce-text")));
    l.add(new Attack("nonce", "implicit:nonce of 31 bytes", "registerFinish", trap("nonce", "unknown"),
        (c, r, a) -> a.finish(c, "nonce-31")));
    l.add(new Attack("nonce", "nonce never minted", "registerFinish", trap("nonce", "unknown"),
        (c, r, a) -> a.finish(c, "unknown-nonce")));
    l.add(new Attack("nonce", "a real nonce with one tag bit flipped", "registerFinish", trap("nonce", "unknown"),
        (c, r, a) -> {
          byte[] nonce = Replies.blob(c.update("registerBegin", Request.from(Fixtures.USER)));
          nonce[15] ^= 1;
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(a.bundle("good", nonce), Fixtures.II));
        }));
    l.add(new Attack("nonce", "the next counter's nonce, guessed", "registerFinish", trap("nonce", "unknown"),
        (c, r, a) -> {
          byte[] nonce = Replies.blob(c.update("registerBegin", Request.from(Fixtures.USER)));
          nonce[0]++;
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(a.bundle("good", nonce), Fixtures.II));
        }));
    l.add(new Attack("nonce", "another caller's nonce in the attacker's bundle", "registerFinish",
        trap("nonce", "another caller"), (c, r, a) -> a.finish(c, Fixtures.USER, Fixtures.OTHER_USER, Fixtures.II, "good")));
    l.add(new Attack("nonce", "an anonymous nonce with one tag bit flipped", "registerFinish",
        trap("nonce", "unknown"), (c, r, a) -> {
          byte[] nonce = Replies.blob(c.update("registerBegin", Request.anonymous()));
          nonce[31] ^= (byte) 0x80;
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(a.bundle("good", nonce), Fixtures.II));
        }));
    l.add(new Attack("nonce", "an anonymous nonce turned into a bound one (kind byte)", "registerFinish",
        trap("nonce", "unknown"), (c, r, a) -> {
          byte[] nonce = Replies.blob(c.update("registerBegin", Request.anonymous()));
          nonce[7] = 2;
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(a.bundle("good", nonce), Fixtures.II));
        }));
    l.add(new Attack("nonce", "nonce used after it expired", "registerFinish", trap("nonce", "expired"),
        (c, r, a) -> {
          byte[] nonce = Replies.blob(c.update("registerBegin", Request.from(Fixtures.USER)));
          r.advanceTime(5 * MINUTE);
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(a.bundle("good", nonce), Fixtures.II));
        }));
    // ---- captured and replayed ----
    l.add(new Attack("replay", "captured bundle replayed by its owner", "registerFinish",
        trap("nonce", "already consumed"), (c, r, a) -> c.update("registerFinish",
            Request.from(Fixtures.USER).withCallerInfo(a.registered(c, ANONYMOUS), Fixtures.II))));
    l.add(new Attack("replay", "captured bundle (bound nonce) replayed by another caller", "registerFinish",
        trap("nonce", "another caller"), (c, r, a) -> {
          byte[] captured = a.registered(c, Fixtures.USER);
          return c.update("registerFinish", Request.from(Fixtures.OTHER_USER).withCallerInfo(captured, Fixtures.II));
        }));
    l.add(new Attack("replay", "captured bundle (anonymous nonce) replayed by another caller", "registerFinish",
        trap("nonce", "already consumed"), (c, r, a) -> {
          byte[] captured = a.registered(c, ANONYMOUS);
          return c.update("registerFinish", Request.from(Fixtures.OTHER_USER).withCallerInfo(captured, Fixtures.II));
        }));
    l.add(new Attack("replay", "captured bundle replayed after an upgrade", "registerFinish",
        trap("nonce", "already consumed"), (c, r, a) -> {
          byte[] captured = a.registered(c, ANONYMOUS);
          Sample.upgrade(c);
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(captured, Fixtures.II));
        }));
    l.add(new Attack("replay", "bundle replayed 5 minutes later", "registerFinish", trap("older than"),
        (c, r, a) -> {
          byte[] captured = a.registered(c, Fixtures.USER);
          r.advanceTime(5 * MINUTE + 1);
          return c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(captured, Fixtures.II));
        }));
    // ---- origin ----
    l.add(new Attack("origin", "bundle for another site", "registerFinish", trap("origin", "evil.example"),
        (c, r, a) -> a.finish(c, "evil-origin")));
    l.add(new Attack("origin", "implicit:origin missing", "registerFinish", trap("implicit:origin"),
        (c, r, a) -> a.finish(c, "no-origin")));
    l.add(new Attack("origin", "origin with a trailing slash", "registerFinish", trap("origin"),
        (c, r, a) -> a.finish(c, "origin-slash")));
    l.add(new Attack("origin", "origin in capitals", "registerFinish", trap("origin"),
        (c, r, a) -> a.finish(c, "origin-upper")));
    l.add(new Attack("origin", "origin with an explicit :443", "registerFinish", trap("origin"),
        (c, r, a) -> a.finish(c, "origin-port")));
    l.add(new Attack("origin", "implicit:origin a Blob", "registerFinish", trap("implicit:origin", "text"),
        (c, r, a) -> a.finish(c, "origin-blob")));
    l.add(new Attack("origin", "implicit:origin twice (ours and another)", "registerFinish",
        trap("implicit:origin", "sorted and unique"), (c, r, a) -> a.finish(c, "two-origins")));
    // ---- time ----
    l.add(new Attack("time", "issued 5 min + 1 ns ago", "registerFinish", trap("older than"),
        (c, r, a) -> a.finish(c, "stale")));
    l.add(new Attack("time", "issued 1 min + 1 ns ahead", "registerFinish", trap("after now"),
        (c, r, a) -> a.finish(c, "future")));
    l.add(new Attack("time", "issued_at missing", "registerFinish", trap("implicit:issued_at_timestamp_ns"),
        (c, r, a) -> a.finish(c, "no-issued")));
    l.add(new Attack("time", "issued_at an Int, not a Nat", "registerFinish", trap("implicit:issued_at_timestamp_ns"),
        (c, r, a) -> a.finish(c, "issued-int")));
    l.add(new Attack("time", "issued_at a Text", "registerFinish", trap("implicit:issued_at_timestamp_ns"),
        (c, r, a) -> a.finish(c, "issued-text")));
    l.add(new Attack("time", "issued_at 2^64 (past ic0.time's range)", "registerFinish", trap("64-bit"),
        (c, r, a) -> a.finish(c, "issued-2^64")));
    l.add(new Attack("time", "issued_at twice", "registerFinish",
        trap("implicit:issued_at_timestamp_ns", "sorted and unique"),
        (c, r, a) -> a.finish(c, "two-issued")));
    // ---- the attribute the sample reads ----
    l.add(new Attack("email", "email missing", "registerFinish", trap("email", "missing"),
        (c, r, a) -> a.finish(c, "no-email")));
    l.add(new Attack("email", "email a Nat", "registerFinish", trap("email", "text"),
        (c, r, a) -> a.finish(c, "email-nat")));
    l.add(new Attack("email", "email a Blob", "registerFinish", trap("email", "text"),
        (c, r, a) -> a.finish(c, "email-blob")));
    l.add(new Attack("email", "email twice (ours and the attacker's)", "registerFinish",
        trap("email", "sorted and unique"),
        (c, r, a) -> a.finish(c, "two-emails")));
    return l;
  }

  /** {@code (vec opt nat)} of {@code n} absent elements: a byte each. */
  static byte[] vecOptNat(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(CandidNotation.bytes("DIDL\\02\\6e\\7d\\6d\\00\\01\\01"));
    leb(out, n);
    out.writeBytes(new byte[n]);
    return out.toByteArray();
  }

  /** A message {@code (opt opt ... opt null)} with {@code depth} type-table entries. */
  public static byte[] nestedOpt(int depth) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("DIDL".getBytes(StandardCharsets.US_ASCII));
    leb(out, depth);
    for (int i = 0; i < depth; i++) {
      out.write(0x6e);
      if (i + 1 < depth) {
        sleb(out, i + 1); // type references are signed LEB128
      } else {
        out.write(0x7f);
      }
    }
    out.write(1);
    out.write(0);
    for (int i = 0; i < depth; i++) {
      out.write(1);
    }
    return out.toByteArray();
  }

  /** {@code type T = opt T} and a value {@code depth} options deep. */
  public static byte[] recursiveOpt(int depth) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(CandidNotation.bytes("DIDL\\01\\6e\\00\\01\\00"));
    for (int i = 0; i < depth; i++) {
      out.write(1);
    }
    out.write(0);
    return out.toByteArray();
  }

  /** Appends a second argument, {@code vec null} of 10^9 elements, to a one-argument message. */
  static byte[] appendVecNullBomb(byte[] message) {
    return withExtraArgument(message, CandidNotation.bytes("\\6d\\7f"), CandidNotation.bytes("\\80\\94\\eb\\dc\\03"));
  }

  /**
   * Adds one type-table entry {@code entry} and one argument of that type, whose value is
   * {@code value}, to a message the reader can parse (its type table is re-read here).
   */
  static byte[] withExtraArgument(byte[] message, byte[] entry, byte[] value) {
    int[] pos = {4};
    long tableSize = readLeb(message, pos);
    int tableStart = pos[0];
    int argsAt = tableEnd(message, tableStart, (int) tableSize);
    pos[0] = argsAt;
    long args = readLeb(message, pos);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Arrays.copyOfRange(message, 0, 4));
    leb(out, tableSize + 1);
    out.writeBytes(Arrays.copyOfRange(message, tableStart, argsAt));
    out.writeBytes(entry);
    leb(out, args + 1);
    int typesStart = pos[0];
    for (int i = 0; i < args; i++) {
      readLeb(message, pos);
    }
    out.writeBytes(Arrays.copyOfRange(message, typesStart, pos[0]));
    leb(out, tableSize);
    out.writeBytes(Arrays.copyOfRange(message, pos[0], message.length));
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** The end of a type table of {@code n} entries (opt, vec, record, variant only). */
  static int tableEnd(byte[] m, int at, int n) {
    int[] pos = {at};
    for (int i = 0; i < n; i++) {
      long op = readSleb(m, pos);
      if (op == -18 || op == -19) {
        readSleb(m, pos);
      } else if (op == -20 || op == -21) {
        long fields = readLeb(m, pos);
        for (int f = 0; f < fields; f++) {
          readLeb(m, pos);
          readSleb(m, pos);
        }
      } else {
        throw new IllegalArgumentException("unexpected type opcode " + op);
      }
    }
    return pos[0];
  }

  static long readLeb(byte[] m, int[] pos) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = m[pos[0]++] & 0xFF;
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
      if (b < 0x80) {
        return v;
      }
    }
  }

  static long readSleb(byte[] m, int[] pos) {
    long v = 0;
    int shift = 0;
    int b;
    do {
      b = m[pos[0]++] & 0xFF;
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while (b >= 0x80);
    if (shift < 64 && (b & 0x40) != 0) {
      v |= -1L << shift;
    }
    return v;
  }

  static void sleb(ByteArrayOutputStream out, long v) {
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
        out.write(b);
        return;
      }
      out.write(b | 0x80);
    }
  }

  static void leb(ByteArrayOutputStream out, long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  /** Pseudo-random bytes (fixed seed) that do not start with DIDL. */
  static byte[] garbage(int n) {
    byte[] b = new byte[n];
    new java.util.Random(n).nextBytes(b);
    b[0] = 'X';
    return b;
  }

}
