package dev.icjava.samples;

import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.text;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Replies;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.reference.NodeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The principals and attribute bundles of the whoami contract's tests (and of the benchmark's calls):
 * fixed users, so that counts repeat run after run; Internet Identity's backend as the trusted
 * signer; bundles encoded by {@code @dfinity/candid} (as the replica models it, signed by the
 * principal a call names).
 */
public final class Fixtures {
  public static final byte[] USER = principal(0x9d, 2);
  public static final byte[] OTHER_USER = principal(0x3b, 2);
  public static final byte[] II = {0, 0, 0, 0, 0, 0, 0, 7, 1, 1};
  public static final String II_TEXT = "rdmx6-jaaaa-aaaaa-aaadq-cai";
  public static final byte[] UNTRUSTED = {0, 0, 0, 0, 0, 0, 0, 2, 1, 1}; // ryjl3-tyaaa-aaaaa-aaaba-cai
  public static final String ORIGIN = "https://your-app.icp0.io";
  public static final long MINUTE = 60_000_000_000L;
  public static final String ANONYMOUS_TRAP = "Anonymous principal not allowed.";
  public static final String USER_TEXT = NodeReference.principalTexts(List.of(USER)).get(0);
  /**
   * 32 bytes that stand for a nonce in bundles encoded before the nonce is known; the nonce is
   * copied over them (a blob's bytes: the encoding is unchanged).
   */
  public static final byte[] PLACEHOLDER = "nonce-goes-here!nonce-goes-here!".getBytes(StandardCharsets.US_ASCII);

  private Fixtures() {}

  /** An {@code email} entry of a bundle. */
  public static String email(String address) {
    return entry("email", text(address));
  }

  /** registerBegin by {@link #USER} (not counted): a nonce bound to it. */
  public static byte[] begin(Canister c) {
    return Replies.blob(c.update("registerBegin", Request.from(USER)));
  }

  /** registerBegin by the anonymous principal (not counted): an unbound nonce. */
  public static byte[] beginAnonymously(Canister c) {
    return Replies.blob(c.update("registerBegin", Request.anonymous()));
  }

  /** A bundle for {@code nonce}, issued {@code issuedOffset} ns from the replica's now. */
  public static byte[] bundle(byte[] nonce, LocalReplica replica, long issuedOffset, String origin, String... extra) {
    return encode(Icrc3Json.bundle(nonce, origin, replica.time() + issuedOffset, extra));
  }

  /** An ICRC-3 value (JSON notation) encoded by {@code @dfinity/candid}. */
  public static byte[] encode(String json) {
    return NodeReference.encodeIcrc3Values(List.of(json)).get(0).message();
  }

  /** Where {@code needle} first occurs in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A fixed 29-byte self-authenticating principal. */
  private static byte[] principal(int step, int tag) {
    byte[] b = new byte[29];
    for (int i = 0; i < 28; i++) {
      b[i] = (byte) (step * (i + 1));
    }
    b[28] = (byte) tag;
    return b;
  }
}
