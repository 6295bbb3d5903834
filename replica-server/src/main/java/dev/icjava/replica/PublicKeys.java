package dev.icjava.replica;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The public keys a request may be signed with, DER-encoded (interface spec, index.md,
 * "Signatures"): Ed25519 (RFC 8410), ECDSA on P-256 and on secp256k1 with SHA-256 (RFC 5480,
 * uncompressed points, signatures {@code r || s} of 32 bytes each), and canister signatures (OID
 * 1.3.6.1.4.1.56387.1.2). Web Authentication keys (OID 1.3.6.1.4.1.56387.1.1) are refused with a
 * message saying so: no client here uses them.
 */
final class PublicKeys {
  static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
  static final ASN1ObjectIdentifier EC_PUBLIC_KEY = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
  static final ASN1ObjectIdentifier P256 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
  static final ASN1ObjectIdentifier SECP256K1 = new ASN1ObjectIdentifier("1.3.132.0.10");
  static final ASN1ObjectIdentifier CANISTER_SIGNATURE = new ASN1ObjectIdentifier("1.3.6.1.4.1.56387.1.2");
  static final ASN1ObjectIdentifier WEBAUTHN_COSE = new ASN1ObjectIdentifier("1.3.6.1.4.1.56387.1.1");

  private PublicKeys() {}

  /** A canister signature public key: the signing canister and the seed. */
  record CanisterKey(byte[] canisterId, byte[] seed) {}

  /**
   * Verifies {@code signature} of {@code payload} (domain separator included) under the DER key
   * {@code der}; canister signatures are checked against {@code rootKeyDer}.
   */
  static void verify(byte[] der, byte[] payload, byte[] signature, byte[] rootKeyDer) throws SignatureException {
    SubjectPublicKeyInfo info = parse(der);
    ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
    byte[] key = info.getPublicKeyData().getOctets();
    if (alg.equals(ED25519)) {
      if (info.getAlgorithm().getParameters() != null || key.length != 32) {
        throw new SignatureException("malformed Ed25519 public key");
      }
      Ed25519Signer s = new Ed25519Signer();
      s.init(false, new Ed25519PublicKeyParameters(key, 0));
      s.update(payload, 0, payload.length);
      if (signature.length != 64 || !s.verifySignature(signature)) {
        throw new SignatureException("Ed25519 signature does not verify");
      }
    } else if (alg.equals(EC_PUBLIC_KEY)) {
      ecdsa(info, key, payload, signature);
    } else if (alg.equals(CANISTER_SIGNATURE)) {
      CanisterSignatures.verify(canisterKey(info), payload, signature, rootKeyDer);
    } else if (alg.equals(WEBAUTHN_COSE)) {
      throw new SignatureException("Web Authentication keys are not supported by this replica");
    } else {
      throw new SignatureException("unsupported public key algorithm " + alg.getId());
    }
  }

  private static void ecdsa(SubjectPublicKeyInfo info, byte[] key, byte[] payload, byte[] signature)
      throws SignatureException {
    if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
      throw new SignatureException("an ECDSA key must name its curve");
    }
    String name;
    if (curve.equals(P256)) {
      name = "secp256r1";
    } else if (curve.equals(SECP256K1)) {
      name = "secp256k1";
    } else {
      throw new SignatureException("unsupported ECDSA curve " + curve.getId());
    }
    if (key.length != 65 || key[0] != 0x04) {
      throw new SignatureException("an ECDSA public key must be an uncompressed point (65 bytes)");
    }
    X9ECParameters p = CustomNamedCurves.getByName(name);
    ECPoint q;
    try {
      q = p.getCurve().decodePoint(key);
    } catch (IllegalArgumentException e) {
      throw new SignatureException("the ECDSA public key is not a point of " + name);
    }
    if (signature.length != 64) {
      throw new SignatureException("an ECDSA signature has 64 bytes (r || s), not " + signature.length);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, new ECPublicKeyParameters(q, new ECDomainParameters(p)));
    if (!signer.verifySignature(HashToG1.sha256(payload), r, s)) {
      throw new SignatureException("ECDSA " + name + " signature does not verify");
    }
  }

  static SubjectPublicKeyInfo parse(byte[] der) throws SignatureException {
    try {
      ASN1Primitive prim = ASN1Primitive.fromByteArray(der);
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(prim);
      if (!Arrays.equals(info.getEncoded("DER"), der)) {
        throw new SignatureException("the public key is not in DER form");
      }
      return info;
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new SignatureException("the public key is not a DER SubjectPublicKeyInfo");
    }
  }

  /** The signing canister and seed of a canister signature key, or null for any other key. */
  static CanisterKey canisterKey(byte[] der) throws SignatureException {
    SubjectPublicKeyInfo info = parse(der);
    return info.getAlgorithm().getAlgorithm().equals(CANISTER_SIGNATURE) ? canisterKey(info) : null;
  }

  private static CanisterKey canisterKey(SubjectPublicKeyInfo info) throws SignatureException {
    byte[] raw = info.getPublicKeyData().getOctets();
    if (raw.length < 1 || raw[0] < 0 || 1 + raw[0] > raw.length || raw[0] > 29) {
      throw new SignatureException("malformed canister signature public key");
    }
    int n = raw[0];
    return new CanisterKey(Arrays.copyOfRange(raw, 1, 1 + n), Arrays.copyOfRange(raw, 1 + n, raw.length));
  }

  /** The DER public key of canister {@code canisterId}'s signatures under {@code seed}. */
  static byte[] canisterKeyDer(byte[] canisterId, byte[] seed) {
    byte[] raw = new byte[1 + canisterId.length + seed.length];
    raw[0] = (byte) canisterId.length;
    System.arraycopy(canisterId, 0, raw, 1, canisterId.length);
    System.arraycopy(seed, 0, raw, 1 + canisterId.length, seed.length);
    try {
      return new SubjectPublicKeyInfo(new AlgorithmIdentifier(CANISTER_SIGNATURE), raw).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DER form of a raw Ed25519 public key. */
  static byte[] ed25519Der(byte[] raw) {
    try {
      return new SubjectPublicKeyInfo(new AlgorithmIdentifier(ED25519), raw).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
