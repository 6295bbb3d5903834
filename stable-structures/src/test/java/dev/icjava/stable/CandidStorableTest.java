package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.stable.probe.ProfileStoreProbe;
import dev.icjava.stable.probe.ProfileStoreProbe.Address;
import dev.icjava.stable.probe.ProfileStoreProbe.Profile;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CandidArgs;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.TestCanister;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLValue;
import org.junit.jupiter.api.Test;

/**
 * {@code Storable.candid(Profile.class)} in a compiled canister: records in a {@code StableBTreeMap}
 * across upgrades, their stored bytes decoded by an independent Candid implementation (ic4j-candid)
 * to the same values, and bytes that are not a {@code Profile} refused with a message.
 */
@SuppressWarnings("unchecked")
class CandidStorableTest {
  private static final byte[] EMPTY = {'D', 'I', 'D', 'L', 0, 0};
  private static final int ENTRIES = 400;

  private static Object reply(CallResult r) {
    assertInstanceOf(CallResult.Reply.class, r, r.toString());
    return TestCanister.decode(r);
  }

  @Test
  void shouldKeepRecordsAcrossUpgradesAsCandidThatAnotherImplementationReads() throws Exception {
    byte[] wasm = Probes.buildTyped(ProfileStoreProbe.class.getName(), "profilestore");
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    assertEquals(BigInteger.valueOf(300), bigOf(reply(c.update("fill", Request.anonymous().withArg(CandidArgs.encode(0, 300))))));
    assertEquals(true, reply(c.query("check", Request.anonymous().withArg(CandidArgs.encode(300)))));
    c.upgrade(wasm, EMPTY);
    c.upgrade(wasm, EMPTY);
    assertEquals(true, reply(c.query("check", Request.anonymous().withArg(CandidArgs.encode(300)))));
    reply(c.update("fill", Request.anonymous().withArg(CandidArgs.encode(300, ENTRIES - 300))));
    c.upgrade(wasm, EMPTY);
    assertEquals(true, reply(c.query("check", Request.anonymous().withArg(CandidArgs.encode(ENTRIES)))));

    // The same map read on the JVM with the stored bytes as they are, each decoded by ic4j-candid.
    byte[] stable = c.stableMemory();
    StableBTreeMap<Principal, byte[]> raw = StableBTreeMap.init(
        MemoryManager.init(VectorStableMemory.of(stable, 1 << 16)).get(0), Storable.PRINCIPAL, Storable.BYTES);
    assertEquals(ENTRIES, raw.size());
    int i = 0;
    for (Map.Entry<Principal, byte[]> e : raw) {
      assertEquals(ProfileStoreProbe.keyOf(i), e.getKey());
      byte[] bytes = e.getValue();
      assertArrayEquals("DIDL".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(bytes, 4));
      List<IDLValue> values = IDLArgs.fromBytes(bytes).getArgs();
      assertEquals(1, values.size());
      assertEquals(expected(ProfileStoreProbe.profileOf(i)), normalize(values.get(0).getValue()), "entry " + i);
      i++;
    }
    assertEquals(ENTRIES, i);
  }

  @Test
  void shouldRefuseBytesThatAreNotAProfile() throws Exception {
    byte[] wasm = Probes.buildTyped(ProfileStoreProbe.class.getName(), "profilestore");
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    reply(c.update("fill", Request.anonymous().withArg(CandidArgs.encode(0, 10))));
    byte[] text = {'D', 'I', 'D', 'L', 0, 1, 0x71, 3, 'a', 'b', 'c'}; // ("abc"): a text, not a Profile
    byte[] junk = {1, 2, 3};
    String type = Profile.class.getCanonicalName();
    int k = 100;
    for (byte[] bad : new byte[][] {text, junk}) {
      Principal key = ProfileStoreProbe.keyOf(k++);
      reply(c.update("putRaw", Request.anonymous().withArg(
          CandidArgs.encode(CandidArgs.principal(key.bytes()), bad))));
      CallResult r = c.query("get", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(key.bytes()))));
      CallResult.Trap trap = assertInstanceOf(CallResult.Trap.class, r, r.toString());
      assertTrue(trap.message().contains("Storable.candid(" + type + ".class): the stored bytes are not a " + type
          + ": Candid: "), trap.message());
    }
    // the other entries still read
    Object five = reply(c.query("get", Request.anonymous().withArg(
        CandidArgs.encode(CandidArgs.principal(ProfileStoreProbe.keyOf(5).bytes())))));
    assertTrue(five instanceof Optional<?> o ? o.isPresent() : five != null, String.valueOf(five));
  }

  /**
   * Bytes another encoder wrote (ic4j-candid, from Candid text): its type table is not the one the
   * generated encoder writes (another order, an extra field), so the generated decoder's direct read
   * does not apply and the general reader decodes them, by subtyping (the extra field dropped, the
   * missing and null {@code opt} fields absent).
   */
  @Test
  void shouldDecodeAnotherEncodersCompatibleBytesThroughTheGeneralReader() throws Exception {
    byte[] wasm = Probes.buildTyped(ProfileStoreProbe.class.getName(), "profilestore");
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    // (ic4j-candid 0.7.2's text parser takes neither a nat16, nor a case without "= null", nor a
    // numeric field id above 2^31 such as e-mail's: the address is Candid's null, and e-mail is left
    // out; both read as an absent opt)
    byte[] other = IDLArgs.fromIDL("(record { extra = \"dropped\"; tier = variant { PAID = null };"
        + " since = 18446744073709551615 : nat64; address = null;"
        + " tags = vec { \"x\"; \"y\" }; name = opt \"Ada\" })")
        .toBytes();
    Principal key = ProfileStoreProbe.keyOf(7);
    reply(c.update("putRaw", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(key.bytes()), other))));
    Object read = reply(c.query("get", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(key.bytes())))));
    Profile expected = new Profile(Optional.of("Ada"), Optional.empty(), List.of("x", "y"),
        Optional.empty(), -1L, ProfileStoreProbe.Tier.PAID);
    assertEquals(Optional.of(expected(expected)), normalize(read));
  }

  /**
   * Bytes with the header the generated encoder writes (taken from a stored entry) but values that
   * are not a Profile: the direct read refuses them, and so does the general reader, with its
   * message. Unchanged, the same bytes read back.
   */
  @Test
  void shouldRefuseBadValuesBehindTheEncodersOwnHeader() throws Exception {
    byte[] wasm = Probes.buildTyped(ProfileStoreProbe.class.getName(), "profilestore");
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    reply(c.update("fill", Request.anonymous().withArg(CandidArgs.encode(0, 10))));
    StableBTreeMap<Principal, byte[]> raw = StableBTreeMap.init(
        MemoryManager.init(VectorStableMemory.of(c.stableMemory(), 1 << 16)).get(0), Storable.PRINCIPAL,
        Storable.BYTES);
    byte[] good = raw.get(ProfileStoreProbe.keyOf(5)); // name "user 5", present
    int name = indexOf(good, "user 5".getBytes(StandardCharsets.US_ASCII));
    assertTrue(name > 2, "the name's bytes in the stored value");
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] notUtf8 = good.clone();
    notUtf8[name] = (byte) 0xFF;
    byte[] optTag = good.clone();
    optTag[name - 2] = 2; // the name's opt tag, before its one-byte length
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    String type = Profile.class.getCanonicalName();
    int k = 200;
    for (byte[] bad : new byte[][] {trailing, notUtf8, optTag, cut}) {
      Principal key = ProfileStoreProbe.keyOf(k++);
      reply(c.update("putRaw", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(key.bytes()), bad))));
      CallResult r = c.query("get", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(key.bytes()))));
      CallResult.Trap trap = assertInstanceOf(CallResult.Trap.class, r, r.toString());
      assertTrue(trap.message().contains("Storable.candid(" + type + ".class): the stored bytes are not a " + type
          + ": Candid: "), trap.message());
    }
    Principal copy = ProfileStoreProbe.keyOf(300);
    reply(c.update("putRaw", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(copy.bytes()), good))));
    Object read = reply(c.query("get", Request.anonymous().withArg(CandidArgs.encode(CandidArgs.principal(copy.bytes())))));
    assertEquals(Optional.of(expected(ProfileStoreProbe.profileOf(5))), normalize(read));
  }

  private static int indexOf(byte[] b, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= b.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (b[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The documentation's example: a profile set, the canister upgraded, the profile read back. */
  @Test
  void shouldKeepTheDocumentationsDirectoryAcrossAnUpgrade() throws Exception {
    byte[] wasm = Probes.buildTyped(dev.icjava.stable.example.Directory.class.getName(), "directory");
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    byte[] profile = IDLArgs.fromIDL("(record { displayName = \"Ada\"; email = opt \"ada@example.org\";"
        + " tags = vec { \"math\"; \"engines\" }; address = opt record { city = \"London\"; country = null };"
        + " joinedAt = 1815 : nat64 })").toBytes();
    reply(c.update("setProfile", Request.anonymous().withArg(profile)));
    c.upgrade(wasm, EMPTY);
    assertEquals(BigInteger.ONE, bigOf(reply(c.query("count", Request.anonymous().withArg(EMPTY)))));
    Object read = reply(c.query("getProfile", Request.anonymous().withArg(
        CandidArgs.encode(CandidArgs.principal(Principal.anonymous().bytes())))));
    Map<Long, Object> p = (Map<Long, Object>) ((Optional<?>) normalize(read)).orElseThrow();
    assertEquals("Ada", p.get(idOf("displayName")));
    assertEquals(Optional.of("ada@example.org"), p.get(idOf("email")));
    assertEquals(List.of("math", "engines"), p.get(idOf("tags")));
    assertEquals(Optional.of(record("city", "London", "country", Optional.empty())), p.get(idOf("address")));
    assertEquals(BigInteger.valueOf(1815), p.get(idOf("joinedAt")));
  }

  @Test
  void shouldSayOnTheJvmThatTheBuildGeneratesIt() {
    StableStructureException e = assertThrows(StableStructureException.class, () -> Storable.candid(Profile.class));
    assertTrue(e.getMessage().contains("the canister build generates this Storable"), e.getMessage());
  }

  private static BigInteger bigOf(Object o) {
    return o instanceof BigInteger b ? b : BigInteger.valueOf(((Number) o).longValue());
  }

  // ---- the expected value in ic4j-candid's terms: a record is a map from field id to value ----

  /** Candid's field id: the name's hash (the specification's idl_hash). */
  static long idOf(String name) {
    long h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h * 223 + (b & 0xFF)) & 0xFFFFFFFFL;
    }
    return h;
  }

  private static Map<Long, Object> record(Object... idsAndValues) {
    java.util.TreeMap<Long, Object> m = new java.util.TreeMap<>();
    for (int i = 0; i < idsAndValues.length; i += 2) {
      m.put(idOf((String) idsAndValues[i]), idsAndValues[i + 1]);
    }
    return m;
  }

  private static Object expected(Profile p) {
    Address a = p.address().orElse(null);
    return record("name", p.name(), "e-mail", p.email(), "tags", p.tags(),
        "address", a == null ? Optional.empty() : Optional.of(record("city", a.city(), "zip", (long) a.zip())),
        "since", new BigInteger(Long.toUnsignedString(p.since())),
        "tier", record(p.tier().name(), null));
  }

  /** ic4j-candid's decoded value in plain terms: records and variants as id maps, numbers widened, arrays as lists. */
  @SuppressWarnings("unchecked")
  private static Object normalize(Object v) {
    if (v instanceof Map<?, ?> m) {
      java.util.TreeMap<Long, Object> out = new java.util.TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(labelId(e.getKey()), normalize(e.getValue()));
      }
      return out;
    }
    if (v instanceof Optional<?> o) {
      return o.map(CandidStorableTest::normalize);
    }
    if (v instanceof Object[] array) {
      List<Object> out = new ArrayList<>();
      for (Object x : array) {
        out.add(normalize(x));
      }
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object x : list) {
        out.add(normalize(x));
      }
      return out;
    }
    if (v instanceof Short s) {
      return (long) (s & 0xFFFF);
    }
    if (v instanceof Integer n) {
      return (long) n;
    }
    if (v instanceof Long n) {
      return new BigInteger(Long.toUnsignedString(n));
    }
    return v;
  }

  private static long labelId(Object label) {
    org.ic4j.candid.types.Label l = (org.ic4j.candid.types.Label) label;
    Object id = l.getId();
    return id instanceof Number n ? n.longValue() : idOf(String.valueOf(id));
  }
}
