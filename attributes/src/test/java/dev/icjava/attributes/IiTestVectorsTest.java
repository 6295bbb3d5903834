package dev.icjava.attributes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.ConsumeOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Internet Identity's own test vectors ({@code src/test/resources/ii-test-vectors/}, from
 * aterga/identity-attributes at 3b3c770c; made by II): every bundle decodes to exactly the value
 * the vector states, its signed bytes are {@code 0x0e "ic-sender-info"} and the bundle, and it
 * verifies under the vectors' origin, its own time and its own nonce, signed by the canister whose
 * id the canister-signature public key carries. Verification does not check the signature: the IC
 * does that before the canister runs.
 */
class IiTestVectorsTest {
  static final Path VECTORS = Path.of("src/test/resources/ii-test-vectors/icrc3-test-vectors.json");
  static final long SECOND = 1_000_000_000L;
  static JsonNode root;
  static List<JsonNode> vectors;

  @BeforeAll
  static void read() throws Exception {
    root = new ObjectMapper().readTree(Files.readAllBytes(VECTORS));
    vectors = new ArrayList<>();
    root.get("vectors").forEach(vectors::add);
  }

  static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  /**
   * The signer: the canister id inside the canister-signature public key (DER: the algorithm
   * identifier, then a bit string of length-prefixed canister id and seed; interface spec,
   * "Canister signatures").
   */
  static Principal signer() {
    byte[] der = hex(root.get("canister_sig_pk_hex"));
    byte[] prefix = HexFormat.of().parseHex("303c300c060a2b0601040183b8430102032c00");
    assertArrayEquals(prefix, Arrays.copyOf(der, prefix.length), "a canister-signature public key");
    int idLength = der[prefix.length];
    return Principal.fromBytes(Arrays.copyOfRange(der, prefix.length + 1, prefix.length + 1 + idLength));
  }

  @Test
  void shouldReadTenVectorsSignedByOneCanister() {
    assertEquals(10, vectors.size());
    assertEquals("https://some-dapp.com", root.get("origin").asText());
    assertEquals(10, signer().bytes().length);
  }

  @Test
  void shouldSignTheDomainSeparatorFollowedByTheBundle() {
    byte[] domain = concat(new byte[] {0x0e}, "ic-sender-info".getBytes(StandardCharsets.US_ASCII));
    for (JsonNode v : vectors) {
      assertArrayEquals(concat(domain, hex(v.get("message_hex"))), hex(v.get("signed_message_hex")),
          v.get("label").asText());
    }
  }

  @Test
  void shouldDecodeEveryBundleToExactlyTheValueItsVectorStates() {
    for (JsonNode v : vectors) {
      Icrc3Value decoded = Icrc3Value.decode(hex(v.get("message_hex")));
      assertEquals(VectorNotation.canonical(v.get("icrc3_value").asText()), decoded.toString(), v.get("label").asText());
    }
  }

  @Test
  void shouldVerifyEveryBundleUnderItsOriginTimeAndNonce() {
    Principal signer = signer();
    Principal user = Principal.selfAuthenticating(new byte[] {7});
    for (JsonNode v : vectors) {
      String label = v.get("label").asText();
      byte[] bundle = hex(v.get("message_hex"));
      Icrc3Value value = Icrc3Value.decode(bundle);
      long issuedAt = value.get("implicit:issued_at_timestamp_ns").nat().longValueExact();
      byte[] expectedNonce = value.get("implicit:nonce").blob();
      assertEquals(32, expectedNonce.length, label);
      List<byte[]> consumed = new ArrayList<>();
      AttributeVerifier verifier = AttributeVerifier.create().trustedSigners(TrustedSigners.of(signer))
          .expectedOrigins(root.get("origin").asText());
      VerifiedAttributes a = verifier.verify(CallerInfo.of(signer, bundle), user, issuedAt + 30 * SECOND,
          (caller, nonce, now) -> {
            assertEquals(issuedAt + 30 * SECOND, now, label); // the time verification used
            consumed.add(nonce);
            return Arrays.equals(nonce, expectedNonce) ? ConsumeOutcome.CONSUMED : ConsumeOutcome.UNKNOWN;
          });
      assertEquals(1, consumed.size(), label);
      assertEquals(issuedAt, a.issuedAtNanos(), label);
      assertEquals(root.get("origin").asText(), a.origin(), label);
      String email = root.get("email").asText();
      String name = root.get("name").asText();
      String scope = "openid:" + root.get("issuer").asText() + ":";
      assertEquals(value.get("email") != null ? email : null, a.unverifiedEmail(), label);
      assertEquals(value.get(scope + "email") != null ? email : null, a.text(scope + "email"), label);
      assertEquals(value.get("name") != null ? name : null, a.name(), label);
      assertEquals(value.get(scope + "name") != null ? name : null, a.text(scope + "name"), label);
      assertNull(a.verifiedEmail(), label);
      // and not under another origin, later than five minutes, or with another nonce
      assertThrows(AttributeException.class, () -> AttributeVerifier.create().trustedSigners(TrustedSigners.of(signer))
          .expectedOrigins("https://other-dapp.com")
          .verify(CallerInfo.of(signer, bundle), user, issuedAt, (c, n, t) -> ConsumeOutcome.CONSUMED), label);
      assertThrows(AttributeException.class, () -> verifier.verify(CallerInfo.of(signer, bundle), user,
          issuedAt + 5 * 60 * SECOND + 1, (c, n, t) -> ConsumeOutcome.CONSUMED), label);
      assertThrows(AttributeException.class, () -> verifier.verify(CallerInfo.of(signer, bundle), user, issuedAt,
          (c, n, t) -> ConsumeOutcome.UNKNOWN), label);
    }
  }

  @Test
  void shouldCarryOnlyAttributesThatTheFlowRequested() {
    for (JsonNode v : vectors) {
      Icrc3Value value = Icrc3Value.decode(hex(v.get("message_hex")));
      for (int i = 0; i < value.size(); i++) {
        String key = value.key(i);
        assertTrue(key.startsWith("implicit:") || key.equals("email") || key.equals("name")
            || key.startsWith("openid:https://accounts.google.com:"), key);
      }
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * The vectors' notation of a value ({@code Map({ "k": Nat(1_800), "n": Blob(hex"00"), "o":
   * Text("x") })}), read by a small parser and printed in {@link Icrc3Value#toString()}'s form.
   */
  static final class VectorNotation {
    private final String s;
    private int at;

    private VectorNotation(String s) {
      this.s = s;
    }

    static String canonical(String notation) {
      VectorNotation p = new VectorNotation(notation);
      StringBuilder out = new StringBuilder();
      p.value(out);
      p.spaces();
      if (p.at != notation.length()) {
        throw new IllegalArgumentException("trailing text at " + p.at + ": " + notation);
      }
      return out.toString();
    }

    private void value(StringBuilder out) {
      spaces();
      if (take("Map({")) {
        out.append("Map{");
        spaces();
        boolean first = true;
        while (!take("})")) {
          if (!first) {
            expect(",");
            spaces();
          }
          out.append(first ? "" : ", ").append(string()).append(": ");
          spaces();
          expect(":");
          value(out);
          spaces();
          first = false;
        }
        out.append('}');
      } else if (take("Nat(")) {
        int end = s.indexOf(')', at);
        out.append("Nat(").append(s.substring(at, end).replace("_", "")).append(')');
        at = end + 1;
      } else if (take("Blob(hex")) {
        String quoted = string();
        out.append("Blob(").append(quoted, 1, quoted.length() - 1).append(')');
        expect(")");
      } else if (take("Text(")) {
        out.append("Text(").append(string()).append(')');
        expect(")");
      } else {
        throw new IllegalArgumentException("unknown value at " + at + ": " + s);
      }
    }

    /** A quoted string as it stands (the vectors' strings need no escapes); leaves {@code at} after it. */
    private String string() {
      spaces();
      int start = at;
      expect("\"");
      at = s.indexOf('"', at) + 1;
      String quoted = s.substring(start, at);
      if (quoted.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("escapes in a vector string: " + quoted);
      }
      return quoted;
    }

    private boolean take(String token) {
      if (s.startsWith(token, at)) {
        at += token.length();
        return true;
      }
      return false;
    }

    private void expect(String token) {
      if (!take(token)) {
        throw new IllegalArgumentException("expected " + token + " at " + at + ": " + s);
      }
    }

    private void spaces() {
      while (at < s.length() && s.charAt(at) == ' ') {
        at++;
      }
    }
  }
}
