package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * BLS certificates both ways: the replica's verification accepts canister signatures the IC itself
 * certified (Internet Identity's published vectors, test/vectors/icrc3-test-vectors.json of
 * aterga/identity-attributes at the commit in resources/identity-attributes/COMMIT, Apache-2.0: real
 * IC certificates under the IC's root key), and refuses them altered; what the replica mints, it
 * verifies (the Node test checks the same with @icp-sdk/core's own Certificate).
 */
class CertificatesTest {
  private static final HexFormat HEX = HexFormat.of();

  private static JsonNode vectors() throws Exception {
    try (InputStream in = CertificatesTest.class.getResourceAsStream("/identity-attributes/icrc3-test-vectors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void shouldAcceptCanisterSignaturesCertifiedByTheIc() throws Exception {
    JsonNode v = vectors();
    byte[] root = HEX.parseHex(v.get("root_key_hex").asText());
    PublicKeys.CanisterKey key = PublicKeys.canisterKey(HEX.parseHex(v.get("canister_sig_pk_hex").asText()));
    int n = 0;
    for (JsonNode vector : v.get("vectors")) {
      byte[] signed = HEX.parseHex(vector.get("signed_message_hex").asText());
      byte[] sig = HEX.parseHex(vector.get("certificate_cbor_hex").asText());
      CanisterSignatures.verify(key, signed, sig, root);
      n++;
    }
    assertEquals(10, n);
  }

  @Test
  void shouldRefuseThemAltered() throws Exception {
    JsonNode v = vectors();
    byte[] root = HEX.parseHex(v.get("root_key_hex").asText());
    PublicKeys.CanisterKey key = PublicKeys.canisterKey(HEX.parseHex(v.get("canister_sig_pk_hex").asText()));
    JsonNode first = v.get("vectors").get(0);
    byte[] signed = HEX.parseHex(first.get("signed_message_hex").asText());
    byte[] sig = HEX.parseHex(first.get("certificate_cbor_hex").asText());
    byte[] otherMessage = signed.clone();
    otherMessage[otherMessage.length - 1] ^= 1;
    assertThrows(SignatureException.class, () -> CanisterSignatures.verify(key, otherMessage, sig, root));
    byte[] otherRoot = Bls12381.generate(new SecureRandom()).publicKeyDer();
    SignatureException e = assertThrows(SignatureException.class, () -> CanisterSignatures.verify(key, signed, sig, otherRoot));
    assertTrue(e.getMessage().contains("BLS signature does not verify"), e.getMessage());
    PublicKeys.CanisterKey otherSeed = new PublicKeys.CanisterKey(key.canisterId(), new byte[] {1});
    assertThrows(SignatureException.class, () -> CanisterSignatures.verify(otherSeed, signed, sig, root));
  }

  @Test
  void shouldVerifyWhatTheReplicaMints() throws Exception {
    Bls12381.KeyPair k = Bls12381.generate(new SecureRandom());
    LabeledTree t = LabeledTree.node();
    t.put("time", LabeledTree.leaf(Leb128.unsigned(42)));
    byte[] cert = Certificates.mint(t.toHashTree(), k.secret());
    Certificates.Verified verified = Certificates.verify(cert, k.publicKeyDer(), null);
    assertEquals(BigInteger.valueOf(42), Leb128.decodeUnsigned(((HashTree.Lookup.Found) verified.tree().lookup(SpecVectorsTest.path("time"))).value()));
    assertThrows(SignatureException.class, () -> Certificates.verify(cert, Bls12381.generate(new SecureRandom()).publicKeyDer(), null));
    byte[] canisterSig = CanisterSignatures.mint(InternetIdentityStandIn.II, new byte[] {7}, new byte[] {1, 2}, k.secret(), 1);
    CanisterSignatures.verify(new PublicKeys.CanisterKey(InternetIdentityStandIn.II, new byte[] {7}), new byte[] {1, 2}, canisterSig, k.publicKeyDer());
  }

  @Test
  void shouldRefuseBlsPointsOutsideTheGroupAndOtherMessages() {
    Bls12381.KeyPair k = Bls12381.generate(new SecureRandom());
    byte[] sig = Bls12381.sign(k.secret(), new byte[] {1});
    assertTrue(Bls12381.verify(k.publicKey(), sig, new byte[] {1}));
    assertFalse(Bls12381.verify(k.publicKey(), sig, new byte[] {2}));
    byte[] flipped = sig.clone();
    flipped[0] ^= 0x20; // the other y: -sig
    assertFalse(Bls12381.verify(k.publicKey(), flipped, new byte[] {1}));
    byte[] notCompressed = sig.clone();
    notCompressed[0] &= 0x7F;
    assertFalse(Bls12381.verify(k.publicKey(), notCompressed, new byte[] {1}));
  }
}
