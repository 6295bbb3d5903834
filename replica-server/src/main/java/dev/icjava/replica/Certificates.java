package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Certificates (interface spec, certification.md): a hash tree and a BLS signature of {@code
 * domain_sep("ic-state-root") · reconstruct(tree)}, optionally with a delegation from the root
 * subnet. The replica mints root-subnet certificates (no delegation); verification follows {@code
 * verify_cert} and {@code check_delegation}, and is used for canister signatures, whose
 * certificates come from the IC itself in the tests (Internet Identity's published vectors).
 */
final class Certificates {
  private Certificates() {}

  /** A verified certificate: its tree, and the subnet of its delegation (null: the root key signed it). */
  record Verified(HashTree tree, byte[] delegationSubnet) {}

  static byte[] mint(HashTree tree, BigInteger secret) {
    ObjectNode m = Cbor.map();
    m.set("tree", tree.toCbor());
    m.put("signature", Bls12381.sign(secret, signedPayload(tree)));
    return Cbor.encode(m);
  }

  private static byte[] signedPayload(HashTree tree) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(HashTree.domainSep("ic-state-root"));
    b.writeBytes(tree.digest());
    return b.toByteArray();
  }

  /**
   * {@code verify_cert}: the signature under the root key or under the key of a delegated subnet
   * (whose own certificate the root key signed, with no further delegation). When {@code
   * canisterInRange} is not null, a delegation must list it in the subnet's canister ranges, and the
   * subnet must not be of type {@code cloud_engine} (canister signatures, index.md).
   */
  static Verified verify(byte[] certificate, byte[] rootKeyDer, byte[] canisterInRange)
      throws SignatureException {
    return verify(certificate, rootKeyDer, canisterInRange, true);
  }

  private static Verified verify(byte[] certificate, byte[] rootKeyDer, byte[] canisterInRange, boolean mayDelegate)
      throws SignatureException {
    JsonNode m;
    HashTree tree;
    byte[] signature;
    try {
      m = Cbor.decode(certificate);
      if (!m.isObject() || m.get("tree") == null || m.get("signature") == null) {
        throw new SignatureException("a certificate is a map with tree and signature");
      }
      tree = HashTree.fromCbor(m.get("tree"));
      signature = HashTree.bytes(m.get("signature"));
    } catch (Cbor.MalformedException e) {
      throw new SignatureException("malformed certificate: " + e.getMessage());
    }
    byte[] key;
    byte[] subnet = null;
    JsonNode delegation = m.get("delegation");
    if (delegation == null) {
      key = rootKeyDer;
    } else {
      if (!mayDelegate) {
        throw new SignatureException("the certificate of a delegation must not itself have a delegation");
      }
      try {
        subnet = HashTree.bytes(delegation.path("subnet_id"));
        Verified inner = verify(HashTree.bytes(delegation.path("certificate")), rootKeyDer, null, false);
        HashTree.Lookup pk = inner.tree().lookup(List.of(ascii("subnet"), subnet, ascii("public_key")));
        if (!(pk instanceof HashTree.Lookup.Found f)) {
          throw new SignatureException("the delegation's certificate has no public key for its subnet");
        }
        key = f.value();
        if (canisterInRange != null) {
          if (!inRanges(inner.tree(), subnet, canisterInRange)) {
            throw new SignatureException("the delegation's subnet is not authorised for the signing canister");
          }
          HashTree.Lookup type = inner.tree().lookup(List.of(ascii("subnet"), subnet, ascii("type")));
          if (type instanceof HashTree.Lookup.Found t && Arrays.equals(t.value(), ascii("cloud_engine"))) {
            throw new SignatureException("a cloud_engine subnet cannot certify canister signatures");
          }
        }
      } catch (Cbor.MalformedException e) {
        throw new SignatureException("malformed delegation: " + e.getMessage());
      }
    }
    byte[] raw;
    try {
      raw = Bls12381.fromDer(key);
    } catch (IllegalArgumentException e) {
      throw new SignatureException(e.getMessage());
    }
    if (!Bls12381.verify(raw, signature, signedPayload(tree))) {
      throw new SignatureException("the certificate's BLS signature does not verify");
    }
    return new Verified(tree, subnet);
  }

  /** Whether {@code canister} lies in the subnet's ranges: sharded ranges first, then the whole list. */
  static boolean inRanges(HashTree tree, byte[] subnet, byte[] canister) throws Cbor.MalformedException {
    List<byte[]> blobs = new ArrayList<>();
    HashTree shards = tree.subtree(List.of(ascii("canister_ranges"), subnet));
    if (shards != null) {
      for (HashTree.Labeled l : shards.children()) {
        if (l.subtree() instanceof HashTree.Leaf leaf) {
          blobs.add(leaf.value());
        }
      }
    }
    if (blobs.isEmpty()
        && tree.lookup(List.of(ascii("subnet"), subnet, ascii("canister_ranges"))) instanceof HashTree.Lookup.Found f) {
      blobs.add(f.value());
    }
    for (byte[] blob : blobs) {
      for (JsonNode range : Cbor.decode(blob)) {
        byte[] lo = HashTree.bytes(range.get(0));
        byte[] hi = HashTree.bytes(range.get(1));
        if (Arrays.compareUnsigned(lo, canister) <= 0 && Arrays.compareUnsigned(canister, hi) <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  static byte[] ascii(String s) {
    return HashToG1.ascii(s);
  }
}
