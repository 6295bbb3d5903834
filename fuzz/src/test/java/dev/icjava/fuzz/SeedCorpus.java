package dev.icjava.fuzz;

import static dev.icjava.testkit.reference.Icrc3Json.array;
import static dev.icjava.testkit.reference.Icrc3Json.blob;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.integer;
import static dev.icjava.testkit.reference.Icrc3Json.map;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static dev.icjava.testkit.reference.Icrc3Json.text;

import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.testkit.reference.CandidNotation;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.reference.NodeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed seed corpora (run it only to regenerate them: {@code mvn -pl fuzz test
 * -Dtest=SeedCorpus -Dfuzz.writeSeeds=true}). Seeds come from independent sources where there are
 * some: the Candid specification's test suite, bundles encoded by {@code @dfinity/candid}; stores
 * are written by the nonce store itself in each of its states.
 */
class SeedCorpus {
  static final Path RESOURCES = Path.of("src/test/resources/dev/icjava/fuzz");

  @Test
  @EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Map<String, byte[]> principals = new LinkedHashMap<>();
    for (String t : List.of(Targets.II, "2vxsx-fae", "aaaaa-aa", "ryjl3-tyaaa-aaaaa-aaaba-cai",
        Principal.selfAuthenticating(new byte[] {1, 2, 3}).toText(), "RDMX6-JAAAA-AAAAA-AAADQ-CAI",
        "rdmx6-jaaaa-aaaaa-aaadq-caj", "rdmx6jaaaa-aaaaa-aaadq-cai", "rdmx6-jaaaa--aaaaa-aaadq-cai", "")) {
      principals.put("text-" + principals.size(), t.getBytes(StandardCharsets.UTF_8));
    }
    principals.put("bytes-29", Principal.selfAuthenticating(new byte[] {1}).bytes());
    principals.put("bytes-10", Principal.fromText(Targets.II).bytes());
    write("PrincipalTextFuzzTestInputs/principalText", principals);

    Map<String, byte[]> lists = new LinkedHashMap<>();
    for (String t : List.of("aaaaa-aa, " + Targets.II, Targets.II, " , ", "\t" + Targets.II + " ,,2vxsx-fae",
        "not-a-principal", "aaaaa-aa,aaaaa-aa")) {
      lists.put("list-" + lists.size(), t.getBytes(StandardCharsets.UTF_8));
    }
    write("PrincipalTextFuzzTestInputs/signerList", lists);

    List<String> bundleJson = new ArrayList<>();
    long now = Targets.NOW;
    bundleJson.add(standard(now, entry("email", text("alice@example.com")), entry("name", text("Alice"))));
    bundleJson.add(standard(now));
    bundleJson.add(standard(now - 6 * Targets.MINUTE));
    bundleJson.add(standard(now, entry("email", nat("5"))));
    bundleJson.add(standard(now, entry("implicit:nonce", blob("ff"))));
    bundleJson.add(standard(now).replace(Targets.ORIGIN, "https://evil.example"));
    bundleJson.add(map(entry("implicit:nonce", blob(Targets.NONCE)), entry("implicit:origin", text(Targets.ORIGIN))));
    bundleJson.add(map(entry("a", array(nat("0"), integer("-170141183460469231731687303715884105728"),
        map(entry("b", array())), blob("00ff")))));
    bundleJson.add(text("not a map"));
    List<NodeReference.Encoded> bundles = NodeReference.encodeIcrc3Values(bundleJson);
    Map<String, byte[]> bundleSeeds = new LinkedHashMap<>();
    for (NodeReference.Encoded e : bundles) {
      bundleSeeds.put("dfinity-candid-" + bundleSeeds.size(), e.message());
    }
    write("CandidReaderFuzzTestInputs/bundle", bundleSeeds);

    Map<String, byte[]> messages = new LinkedHashMap<>(specBlobs());
    messages.put("bundle-0", bundles.get(0).message());
    write("CandidReaderFuzzTestInputs/candidMessage", messages);

    Map<String, byte[]> attributes = new LinkedHashMap<>();
    int[] selectors = {0, 1, 2, 3, 4, 0x08, 0x10, 0x18, 0x20, 0x28, 0x30, 0x38};
    for (int s : selectors) {
      attributes.put("selector-" + s, prefixed(s, bundles.get(0).message()));
    }
    for (int i = 1; i < bundles.size(); i++) {
      attributes.put("bundle-" + i, prefixed(0x18, bundles.get(i).message()));
    }
    write("AttributeVerificationFuzzTestInputs/attributes", attributes);

    write("NonceStoreMemoryFuzzTestInputs/stableMemory", storeImages());
  }

  static String standard(long issuedAt, String... extra) {
    return Icrc3Json.bundle(Targets.NONCE, Targets.ORIGIN, issuedAt, extra);
  }

  static byte[] prefixed(int selector, byte[] message) {
    byte[] out = new byte[message.length + 1];
    out[0] = (byte) selector;
    System.arraycopy(message, 0, out, 1, message.length);
    return out;
  }

  /** Every distinct {@code blob "..."} of the specification's test suite. */
  static Map<String, byte[]> specBlobs() throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Pattern p = Pattern.compile("blob \"((?:[^\"\\\\]|\\\\.)*)\"");
    List<byte[]> seen = new ArrayList<>();
    Path dir = Path.of("../candid/src/test/resources/candid-spec-tests");
    for (String f : List.of("prim", "construct", "reference", "spacebomb", "overshoot", "subtypes")) {
      Matcher m = p.matcher(Files.readString(dir.resolve(f + ".test.did")));
      int n = 0;
      while (m.find()) {
        byte[] b = CandidNotation.bytes(m.group(1));
        if (seen.stream().noneMatch(x -> Arrays.equals(x, b))) {
          seen.add(b);
          out.put("spec-" + f + "-" + n++, b);
        }
      }
    }
    return out;
  }

  /**
   * The store of {@link Targets#CONFIG} in each state it can be in, as {@code open} finds it
   * (layout 2; the committed {@code seed-v1-*} images are layout 1, written by that build).
   */
  static Map<String, byte[]> storeImages() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Principal a = Principal.selfAuthenticating(new byte[] {1});
    Principal b = Principal.selfAuthenticating(new byte[] {2});
    VectorStableMemory m = new VectorStableMemory(4);
    NonceStore s = NonceStore.open(m, 0, Targets.CONFIG);
    out.put("v2-fresh", trimmed(m));
    byte[] n1 = s.mint(a, "fuzz", Targets.NOW, Targets.TTL);
    byte[] u1 = s.mint(Principal.anonymous(), "fuzz", Targets.NOW, Targets.TTL);
    out.put("v2-one-live-of-each", trimmed(m));
    s.mint(a, "other", Targets.NOW, Targets.TTL);
    s.mint(b, "fuzz", Targets.NOW - 2 * Targets.TTL, Targets.TTL); // expired at NOW
    s.mint(Principal.anonymous(), "fuzz", Targets.NOW - 2 * Targets.TTL, Targets.TTL);
    s.consume(a, "fuzz", n1, Targets.NOW);
    s.consume(b, "fuzz", u1, Targets.NOW);
    out.put("v2-live-consumed-expired", trimmed(m));
    s.mint(b, "fuzz", Targets.NOW, Targets.TTL);
    for (int i = 0; i < 20; i++) {
      s.mint(Principal.anonymous(), "fuzz", Targets.NOW, Targets.TTL); // the ring turns over
    }
    out.put("v2-full", trimmed(m));
    byte[] newer = trimmed(m);
    newer[4] = 3;
    out.put("v2-newer-version", newer);
    return out;
  }

  static byte[] trimmed(VectorStableMemory m) {
    byte[] all = m.toByteArray();
    int end = all.length;
    while (end > 0 && all[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(all, end);
  }

  static void write(String dir, Map<String, byte[]> seeds) throws IOException {
    Path d = RESOURCES.resolve(dir);
    Files.createDirectories(d);
    for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
      Files.write(d.resolve("seed-" + e.getKey()), e.getValue());
    }
  }
}
