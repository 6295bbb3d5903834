package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Canister signatures (interface spec, index.md, "Canister signatures"): a certificate whose tree
 * holds {@code /canister/<signer>/certified_data} = the root hash of a second tree with {@code
 * /sig/<sha256(seed)>/<sha256(payload)>} = "". Internet Identity signs delegations and identity
 * attributes ({@code sender_info}) this way.
 *
 * <p>{@link #mint} is the stand-in's half: the replica holds its root key, so it can certify any
 * canister's signature as that canister would through {@code ic0.certified_data_set}. It is what a
 * local stand-in for Internet Identity signs with; nothing mints for a canister on the real IC.
 */
final class CanisterSignatures {
  private CanisterSignatures() {}

  static void verify(PublicKeys.CanisterKey key, byte[] payload, byte[] signature, byte[] rootKeyDer)
      throws SignatureException {
    JsonNode m;
    HashTree tree;
    byte[] certificate;
    try {
      m = Cbor.decode(signature);
      if (!m.isObject() || m.get("certificate") == null || m.get("tree") == null) {
        throw new SignatureException("a canister signature is a map with certificate and tree");
      }
      certificate = HashTree.bytes(m.get("certificate"));
      tree = HashTree.fromCbor(m.get("tree"));
    } catch (Cbor.MalformedException e) {
      throw new SignatureException("malformed canister signature: " + e.getMessage());
    }
    Certificates.Verified cert = Certificates.verify(certificate, rootKeyDer, key.canisterId());
    HashTree.Lookup data =
        cert.tree().lookup(List.of(Certificates.ascii("canister"), key.canisterId(), Certificates.ascii("certified_data")));
    if (!(data instanceof HashTree.Lookup.Found f) || !Arrays.equals(f.value(), tree.digest())) {
      throw new SignatureException("the certificate does not certify the signature's tree for the signing canister");
    }
    HashTree.Lookup sig =
        tree.lookup(List.of(Certificates.ascii("sig"), HashToG1.sha256(key.seed()), HashToG1.sha256(payload)));
    if (!(sig instanceof HashTree.Lookup.Found s) || s.value().length != 0) {
      throw new SignatureException("the signature's tree does not hold this payload under this seed");
    }
  }

  /** A canister signature by {@code signer} under {@code seed} of {@code payload}, certified at {@code time}. */
  static byte[] mint(byte[] signer, byte[] seed, byte[] payload, BigInteger rootSecret, long time) {
    LabeledTree sigTree = LabeledTree.node();
    sigTree.child("sig").child(HashToG1.sha256(seed)).put(HashToG1.sha256(payload), LabeledTree.leaf(new byte[0]));
    HashTree sigHashTree = sigTree.toHashTree();
    LabeledTree state = LabeledTree.node();
    state.put("time", LabeledTree.leaf(Leb128.unsigned(time)));
    state.child("canister").child(signer).put("certified_data", LabeledTree.leaf(sigHashTree.digest()));
    byte[] certificate = Certificates.mint(state.toHashTree(), rootSecret);
    ObjectNode sig = Cbor.map();
    sig.put("certificate", certificate);
    sig.set("tree", sigHashTree.toCbor());
    return Cbor.encode(sig);
  }
}
