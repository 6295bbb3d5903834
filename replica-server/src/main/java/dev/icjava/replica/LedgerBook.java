package dev.icjava.replica;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The bookkeeping both ledgers share: balances by account key, the total supply, the block count,
 * and deduplication of transactions that carry {@code created_at_time} (ICRC-1, "Transaction
 * deduplication"; the ICP ledger's {@code TxDuplicate}): a transaction identical to one accepted in
 * the last {@link #TRANSACTION_WINDOW_NANOS} (plus {@link #PERMITTED_DRIFT_NANOS}) is refused naming
 * the earlier block. Both windows are the ledgers' own (dfinity/cycles-ledger {@code
 * cycles-ledger/src/config.rs}: {@code TRANSACTION_WINDOW} 24 h, {@code PERMITTED_DRIFT} 60 s; the
 * ICP ledger's defaults are the same).
 *
 * <p>Amounts are exact ({@link BigInteger}: cycles balances reach 2^127); nothing here goes below
 * zero: callers check before they {@link #debit}.
 */
final class LedgerBook {
  static final long TRANSACTION_WINDOW_NANOS = 24L * 60 * 60 * 1_000_000_000L;
  static final long PERMITTED_DRIFT_NANOS = 60L * 1_000_000_000L;

  /** How {@code created_at_time} compares with the ledger's time. */
  enum Age {
    /** Absent, or within the window. */
    OK,
    /** Older than the window and the drift. */
    TOO_OLD,
    /** Further ahead than the drift. */
    IN_THE_FUTURE
  }

  private final Map<String, BigInteger> balances = new HashMap<>();
  private final Map<String, Long> recent = new HashMap<>();
  private final ArrayDeque<String[]> recentOrder = new ArrayDeque<>();
  private BigInteger totalSupply = BigInteger.ZERO;
  private long blocks;

  BigInteger balance(byte[] account) {
    return balances.getOrDefault(key(account), BigInteger.ZERO);
  }

  BigInteger totalSupply() {
    return totalSupply;
  }

  /** The number of blocks so far: the index the next one gets. */
  long blocks() {
    return blocks;
  }

  /** Adds {@code amount} to {@code account} (a mint when it comes from outside the ledger). */
  void credit(byte[] account, BigInteger amount) {
    balances.merge(key(account), amount, BigInteger::add);
    totalSupply = totalSupply.add(amount);
  }

  /** Takes {@code amount} from {@code account}, which the caller checked holds it. */
  void debit(byte[] account, BigInteger amount) {
    String k = key(account);
    BigInteger left = balances.getOrDefault(k, BigInteger.ZERO).subtract(amount);
    if (left.signum() < 0) {
      throw new IllegalStateException("debit of " + amount + " from an account holding less");
    }
    if (left.signum() == 0) {
      balances.remove(k);
    } else {
      balances.put(k, left);
    }
    totalSupply = totalSupply.subtract(amount);
  }

  /** Records a block; returns its index. */
  long block() {
    return blocks++;
  }

  /** Checks {@code createdAtTime} (null: absent) against the ledger's time {@code now}. */
  static Age age(Long createdAtTime, long now) {
    if (createdAtTime == null) {
      return Age.OK;
    }
    long t = createdAtTime;
    if (Long.compareUnsigned(saturatingAdd(saturatingAdd(t, TRANSACTION_WINDOW_NANOS), PERMITTED_DRIFT_NANOS), now) < 0) {
      return Age.TOO_OLD;
    }
    if (Long.compareUnsigned(t, saturatingAdd(now, PERMITTED_DRIFT_NANOS)) > 0) {
      return Age.IN_THE_FUTURE;
    }
    return Age.OK;
  }

  /** The block an identical transaction got within the window, or null (always null without created_at_time). */
  Long duplicateOf(Long createdAtTime, byte[]... fields) {
    if (createdAtTime == null) {
      return null;
    }
    return recent.get(hash(createdAtTime, fields));
  }

  /** Remembers a transaction with created_at_time as block {@code index}, forgetting those out of the window. */
  void remember(Long createdAtTime, long index, long now, byte[]... fields) {
    while (!recentOrder.isEmpty()
        && Long.compareUnsigned(saturatingAdd(Long.parseLong(recentOrder.peekFirst()[1]),
            TRANSACTION_WINDOW_NANOS + PERMITTED_DRIFT_NANOS), now) < 0) {
      recent.remove(recentOrder.pollFirst()[0]);
    }
    if (createdAtTime == null) {
      return;
    }
    String h = hash(createdAtTime, fields);
    recent.put(h, index);
    recentOrder.addLast(new String[] {h, Long.toString(createdAtTime)});
  }

  private static String hash(long createdAtTime, byte[]... fields) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] f : fields) {
        int n = f == null ? -1 : f.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        if (f != null) {
          sha.update(f);
        }
      }
      for (int i = 0; i < 8; i++) {
        sha.update((byte) (createdAtTime >>> (8 * i)));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(byte[] account) {
    return HexFormat.of().formatHex(account);
  }

  private static long saturatingAdd(long a, long b) {
    long s = a + b;
    return Long.compareUnsigned(s, a) < 0 ? -1L : s;
  }
}
