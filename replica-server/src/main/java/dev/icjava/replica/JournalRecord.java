package dev.icjava.replica;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inputs {@link StateJournal} records, one kind per state-changing thing the replica does, and
 * their payloads (little-endian; a blob is a u32 length then its bytes, a text is a UTF-8 blob):
 *
 * <pre>
 * 1 genesis   u64 time, blob root key secret (big-endian scalar), blob node key (32-byte Ed25519
 *             seed), blob raw_rand seed, u8 flags (bit 0: the Internet Identity stand-in, --ii)
 * 2 install   u64 time, text name, blob module, u32 n, n × (text variable, text value)
 * 3 call      u64 time, blob request id, blob sender, blob effective canister id, blob canister
 *             id, text method, blob argument, u8 has sender_info, [blob info, blob signer],
 *             u64 forget the status after (nanoseconds), blob outcome digest (8 bytes: the first
 *             bytes of SHA-256 of how the call ended, checked when the record is replayed)
 * 4 round     u64 time (a round of system tasks that ran at least one)
 * </pre>
 *
 * <p>The genesis record is the journal's first; every state is rebuilt by executing the others in
 * order at their times. A call's outcome digest catches a replay that ends differently (a journal
 * written by another build of the replica): the start is refused rather than a different state
 * served.
 */
sealed interface JournalRecord {
  int GENESIS = 1;
  int INSTALL = 2;
  int CALL = 3;
  int ROUND = 4;

  /** The record's kind. */
  int kind();

  /** The record's payload. */
  byte[] payload();

  /** The keys and seeds of a new network, and what it was started with. */
  record Genesis(long time, BigInteger rootSecret, byte[] nodeKeySeed, byte[] randomSeed, boolean ii)
      implements JournalRecord {
    @Override
    public int kind() {
      return GENESIS;
    }

    @Override
    public byte[] payload() {
      return new Writer().u64(time).blob(rootSecret.toByteArray()).blob(nodeKeySeed).blob(randomSeed).u8(ii ? 1 : 0)
          .bytes();
    }
  }

  /** A canister the server installed itself ({@code --canister=}). */
  record Install(long time, String name, byte[] wasm, Map<String, String> environment) implements JournalRecord {
    @Override
    public int kind() {
      return INSTALL;
    }

    @Override
    public byte[] payload() {
      Writer w = new Writer().u64(time).text(name).blob(wasm).u32(environment.size());
      for (Map.Entry<String, String> e : environment.entrySet()) {
        w.text(e.getKey()).text(e.getValue());
      }
      return w.bytes();
    }
  }

  /** An ingress call that was executed, as authenticated: everything its execution read. */
  record IngressCall(long time, byte[] requestId, byte[] sender, byte[] effectiveCanisterId, byte[] canisterId,
      String method, byte[] arg, byte[] senderInfo, byte[] senderInfoSigner, long forgetAfter, byte[] outcome)
      implements JournalRecord {
    /** The same call before execution: no outcome yet. */
    IngressCall(long time, byte[] requestId, byte[] sender, byte[] effectiveCanisterId, byte[] canisterId,
        String method, byte[] arg, byte[] senderInfo, byte[] senderInfoSigner, long forgetAfter) {
      this(time, requestId, sender, effectiveCanisterId, canisterId, method, arg, senderInfo, senderInfoSigner,
          forgetAfter, new byte[0]);
    }

    /** The same call with the digest of how it ended. */
    IngressCall withOutcome(byte[] digest) {
      return new IngressCall(time, requestId, sender, effectiveCanisterId, canisterId, method, arg, senderInfo,
          senderInfoSigner, forgetAfter, digest);
    }

    @Override
    public int kind() {
      return CALL;
    }

    @Override
    public byte[] payload() {
      Writer w = new Writer().u64(time).blob(requestId).blob(sender).blob(effectiveCanisterId).blob(canisterId)
          .text(method).blob(arg).u8(senderInfo == null ? 0 : 1);
      if (senderInfo != null) {
        w.blob(senderInfo).blob(senderInfoSigner);
      }
      return w.u64(forgetAfter).blob(outcome).bytes();
    }
  }

  /** A round of system tasks (timers, heartbeats) at {@code time} that ran at least one. */
  record Round(long time) implements JournalRecord {
    @Override
    public int kind() {
      return ROUND;
    }

    @Override
    public byte[] payload() {
      return new Writer().u64(time).bytes();
    }
  }

  /** Decodes one record; throws {@link IllegalArgumentException} naming what is malformed. */
  static JournalRecord decode(int kind, byte[] payload) {
    Reader r = new Reader(payload);
    JournalRecord out = switch (kind) {
      case GENESIS -> new Genesis(r.u64(), new BigInteger(r.blob()), r.blob(), r.blob(), r.u8() == 1);
      case INSTALL -> {
        long time = r.u64();
        String name = r.text();
        byte[] wasm = r.blob();
        long n = r.u32();
        Map<String, String> env = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) {
          env.put(r.text(), r.text());
        }
        yield new Install(time, name, wasm, env);
      }
      case CALL -> {
        long time = r.u64();
        byte[] rid = r.blob();
        byte[] sender = r.blob();
        byte[] ecid = r.blob();
        byte[] cid = r.blob();
        String method = r.text();
        byte[] arg = r.blob();
        boolean info = r.u8() == 1;
        byte[] data = info ? r.blob() : null;
        byte[] signer = info ? r.blob() : null;
        long forget = r.u64();
        yield new IngressCall(time, rid, sender, ecid, cid, method, arg, data, signer, forget, r.blob());
      }
      case ROUND -> new Round(r.u64());
      default -> throw new IllegalArgumentException("unknown journal record kind " + kind);
    };
    r.end();
    return out;
  }

  /** Little-endian writer of the payloads. */
  final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer u32(long v) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Writer u64(long v) {
      for (int i = 0; i < 8; i++) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Writer blob(byte[] b) {
      u32(b.length);
      out.writeBytes(b);
      return this;
    }

    Writer text(String s) {
      return blob(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Reads what {@link Writer} wrote; refuses reading past the end and trailing bytes. */
  final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    private void need(long n) {
      if (n < 0 || pos + n > b.length) {
        throw new IllegalArgumentException("a journal record ends after " + b.length + " bytes, inside a field at byte " + pos);
      }
    }

    int u8() {
      need(1);
      return b[pos++] & 0xFF;
    }

    long u32() {
      need(4);
      long v = 0;
      for (int i = 0; i < 4; i++) {
        v |= (long) (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    long u64() {
      need(8);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (long) (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    byte[] blob() {
      long n = u32();
      need(n);
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + (int) n);
      pos += (int) n;
      return out;
    }

    String text() {
      return new String(blob(), StandardCharsets.UTF_8);
    }

    void end() {
      if (pos != b.length) {
        throw new IllegalArgumentException("a journal record has " + (b.length - pos) + " bytes after its last field");
      }
    }
  }
}
