package dev.icjava.replica;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.PAIR;

/**
 * BLS signatures on BLS12-381 as the IC uses them: "minimal signature size" (signatures in G1, 48
 * bytes compressed; public keys in G2, 96 bytes compressed), ciphersuite {@code
 * BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_} (interface spec, certification.md), points in the
 * ZCash compressed encoding, public keys DER-wrapped with the OIDs 1.3.6.1.4.1.44668.5.3.1.2.1 and
 * 1.3.6.1.4.1.44668.5.3.2.1.
 *
 * <p>Curve arithmetic and the pairing are Apache Milagro's (milagro-crypto-java 0.4.0, pure Java);
 * hashing to G1 is {@link HashToG1}.
 */
public final class Bls12381 {
  /** The DER prefix of a 96-byte G2 public key (the same bytes @icp-sdk/core's certificate.js checks). */
  static final byte[] DER_PREFIX =
      HexFormat.of()
          .parseHex("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");

  static final byte[] DST = HashToG1.ascii("BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_");

  /** The order of G1 and G2. */
  static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** h_eff of G1 (RFC 9380, section 8.8.1): 1 - z for BLS12-381's z = -0xd201000000010000. */
  private static final BigInteger H_EFF = new BigInteger("d201000000010001", 16);

  private static final BigInteger HALF_P = HashToG1.P.subtract(BigInteger.ONE).shiftRight(1);

  private Bls12381() {}

  /** A secret scalar and its public key (96 bytes, compressed G2). */
  public record KeyPair(BigInteger secret, byte[] publicKey) {
    /**
     * The public key DER-wrapped, as {@code /api/v2/status} serves it as {@code root_key}.
     *
     * @return the DER-wrapped public key
     */
    public byte[] publicKeyDer() {
      return der(publicKey);
    }
  }

  /**
   * A new key pair: a non-zero secret scalar modulo the group order, drawn from {@code random}.
   *
   * @param random the random source
   * @return the key pair
   */
  public static KeyPair generate(SecureRandom random) {
    BigInteger sk;
    do {
      sk = new BigInteger(R.bitLength() + 64, random).mod(R);
    } while (sk.signum() == 0);
    return keyPair(sk);
  }

  static KeyPair keyPair(BigInteger secret) {
    ECP2 pk = ECP2.generator().mul(big(secret));
    return new KeyPair(secret, compressG2(pk));
  }

  /**
   * The signature of {@code message} (48 bytes).
   *
   * @param secret the secret scalar
   * @param message the message
   * @return the signature
   */
  public static byte[] sign(BigInteger secret, byte[] message) {
    return compressG1(hashToG1(message).mul(big(secret)));
  }

  /**
   * Whether {@code signature} (48 bytes) is a valid signature of {@code message} under {@code
   * publicKey} (96 bytes). Malformed points, points off the curve or outside the subgroup are
   * refused (false).
   *
   * @param publicKey the public key, 96 bytes
   * @param signature the signature, 48 bytes
   * @param message the message
   * @return whether the signature is valid
   */
  public static boolean verify(byte[] publicKey, byte[] signature, byte[] message) {
    ECP2 pk;
    ECP sig;
    try {
      pk = decompressG2(publicKey);
      sig = decompressG1(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (pk.is_infinity() || sig.is_infinity()) {
      return false;
    }
    ECP h = hashToG1(message);
    ECP2 negPk = new ECP2(pk);
    negPk.neg();
    // e(sig, g2) * e(H(m), -pk) == 1
    FP12 e = PAIR.fexp(PAIR.ate2(ECP2.generator(), sig, negPk, h));
    return e.isunity();
  }

  static byte[] der(byte[] publicKey) {
    if (publicKey.length != 96) {
      throw new IllegalArgumentException("a BLS12-381 public key has 96 bytes, not " + publicKey.length);
    }
    byte[] out = Arrays.copyOf(DER_PREFIX, DER_PREFIX.length + 96);
    System.arraycopy(publicKey, 0, out, DER_PREFIX.length, 96);
    return out;
  }

  /** The 96-byte key inside a DER-wrapped BLS public key; refuses any other encoding. */
  static byte[] fromDer(byte[] der) {
    if (der.length != DER_PREFIX.length + 96
        || !Arrays.equals(der, 0, DER_PREFIX.length, DER_PREFIX, 0, DER_PREFIX.length)) {
      throw new IllegalArgumentException("not a DER-wrapped BLS12-381 G2 public key");
    }
    return Arrays.copyOfRange(der, DER_PREFIX.length, der.length);
  }

  // ---- hashing ----

  static ECP hashToG1(byte[] message) {
    BigInteger[] u = HashToG1.hashToField(message, DST);
    ECP q0 = point(HashToG1.mapToCurve(u[0]));
    ECP q1 = point(HashToG1.mapToCurve(u[1]));
    q0.add(q1);
    return q0.mul(big(H_EFF));
  }

  private static ECP point(HashToG1.Affine a) {
    ECP p = new ECP(big(a.x()), big(a.y()));
    if (p.is_infinity()) {
      throw new IllegalStateException("the map to the curve left the curve");
    }
    return p;
  }

  // ---- encodings (ZCash's compressed form: flag bits 0x80 compressed, 0x40 infinity, 0x20 sign) ----

  static byte[] compressG1(ECP p) {
    byte[] out = new byte[48];
    if (p.is_infinity()) {
      out[0] = (byte) 0xC0;
      return out;
    }
    p.affine();
    byte[] x = bytes(p.getX());
    System.arraycopy(x, 0, out, 0, 48);
    out[0] |= (byte) 0x80;
    if (value(p.getY()).compareTo(HALF_P) > 0) {
      out[0] |= 0x20;
    }
    return out;
  }

  static ECP decompressG1(byte[] b) {
    if (b.length != 48 || (b[0] & 0x80) == 0) {
      throw new IllegalArgumentException("a compressed G1 point has 48 bytes and the compression flag");
    }
    boolean infinity = (b[0] & 0x40) != 0;
    boolean sign = (b[0] & 0x20) != 0;
    byte[] xb = b.clone();
    xb[0] &= 0x1F;
    BigInteger x = new BigInteger(1, xb);
    if (infinity) {
      if (sign || x.signum() != 0) {
        throw new IllegalArgumentException("a non-canonical point at infinity");
      }
      return new ECP();
    }
    if (x.compareTo(HashToG1.P) >= 0) {
      throw new IllegalArgumentException("x is not reduced modulo p");
    }
    BigInteger y2 = x.pow(3).add(BigInteger.valueOf(4)).mod(HashToG1.P);
    if (!HashToG1.isSquare(y2)) {
      throw new IllegalArgumentException("x is not on the curve");
    }
    BigInteger y = HashToG1.sqrt(y2);
    if ((y.compareTo(HALF_P) > 0) != sign) {
      y = HashToG1.P.subtract(y);
    }
    ECP p = new ECP(big(x), big(y));
    if (p.is_infinity() || !p.mul(big(R)).is_infinity()) {
      throw new IllegalArgumentException("the point is not in G1");
    }
    return p;
  }

  static byte[] compressG2(ECP2 p) {
    byte[] out = new byte[96];
    if (p.is_infinity()) {
      out[0] = (byte) 0xC0;
      return out;
    }
    p.affine();
    FP2 x = p.getX();
    FP2 y = p.getY();
    System.arraycopy(bytes(x.getB()), 0, out, 0, 48);
    System.arraycopy(bytes(x.getA()), 0, out, 48, 48);
    out[0] |= (byte) 0x80;
    if (largest(y)) {
      out[0] |= 0x20;
    }
    return out;
  }

  static ECP2 decompressG2(byte[] b) {
    if (b.length != 96 || (b[0] & 0x80) == 0) {
      throw new IllegalArgumentException("a compressed G2 point has 96 bytes and the compression flag");
    }
    boolean infinity = (b[0] & 0x40) != 0;
    boolean sign = (b[0] & 0x20) != 0;
    byte[] c1 = Arrays.copyOfRange(b, 0, 48);
    c1[0] &= 0x1F;
    byte[] c0 = Arrays.copyOfRange(b, 48, 96);
    BigInteger x1 = new BigInteger(1, c1);
    BigInteger x0 = new BigInteger(1, c0);
    if (infinity) {
      if (sign || x1.signum() != 0 || x0.signum() != 0) {
        throw new IllegalArgumentException("a non-canonical point at infinity");
      }
      return new ECP2();
    }
    if (x1.compareTo(HashToG1.P) >= 0 || x0.compareTo(HashToG1.P) >= 0) {
      throw new IllegalArgumentException("x is not reduced modulo p");
    }
    ECP2 p = new ECP2(new FP2(big(x0), big(x1)));
    if (p.is_infinity()) {
      throw new IllegalArgumentException("x is not on the curve");
    }
    p.affine();
    if (largest(p.getY()) != sign) {
      p.neg();
    }
    if (!PAIR.G2mul(p, big(R)).is_infinity()) {
      throw new IllegalArgumentException("the point is not in G2");
    }
    return p;
  }

  private static boolean largest(FP2 y) {
    BigInteger y1 = value(y.getB());
    return y1.signum() != 0 ? y1.compareTo(HALF_P) > 0 : value(y.getA()).compareTo(HALF_P) > 0;
  }

  private static BIG big(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[48];
    int n = Math.min(raw.length, 48);
    System.arraycopy(raw, raw.length - n, out, 48 - n, n);
    return BIG.fromBytes(out);
  }

  private static byte[] bytes(BIG v) {
    byte[] out = new byte[48];
    BIG c = new BIG(v);
    c.norm();
    c.toBytes(out);
    return out;
  }

  private static BigInteger value(BIG v) {
    return new BigInteger(1, bytes(v));
  }
}
