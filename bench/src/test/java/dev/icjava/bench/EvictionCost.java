package dev.icjava.bench;

import dev.icjava.noncestore.NonceStore;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import java.util.Arrays;

/**
 * What evicting a user's unbound nonce costs an attacker inside a one-minute sign-in window, for the
 * samples' whoami's ring (the nonce store's default geometry) and for DFINITY's relying-party library (4,096 nonces on the heap, the oldest
 * evicted). Anonymous minting is all the attacker can use (a signed-in caller's nonces are bound,
 * capped and never evicted), and anonymous calls are ingress messages, so the subnet's ingress
 * throughput bounds the rate; the canister, not the attacker, pays for each call.
 *
 * <p>Sources: dfinity/ic {@code rs/limits/src/lib.rs} at a99f77e ({@code
 * MAX_INGRESS_MESSAGES_PER_BLOCK = 1000}; {@code INITIAL_NOTARY_DELAY_APP_SUBNET} = 600 ms, so at
 * most one block per 0.6 s; "a block rate of 1 block per second" in the same file), and {@code
 * rs/config/src/subnet_config.rs} at 002d5530 (13-node application subnet: {@code
 * ingress_message_reception_fee} 1,200,000, {@code ingress_byte_reception_fee} 2,000 per byte of
 * method name and argument, {@code update_message_execution_fee} 5,000,000, {@code
 * ten_update_instructions_execution_fee} 10).
 */
public final class EvictionCost {
  static final long INGRESS_PER_BLOCK = 1_000;
  static final double BLOCKS_PER_SECOND_TYPICAL = 1.0;
  static final double BLOCKS_PER_SECOND_MOST = 1 / 0.6;
  static final long RECEPTION_FEE = 1_200_000;
  static final long BYTE_FEE = 2_000;
  static final long EXECUTION_FEE = 5_000_000;
  static final int WINDOW_SECONDS = 60;
  static final int DFINITY_LIBRARY_SLOTS = 4_096;

  private EvictionCost() {}

  /** Prints the table alone (the benchmark prints it too). */
  public static void main(String[] args) {
    System.out.print(table());
  }

  /** Median instructions of an anonymous registerBegin on a store that holds many nonces. */
  static long anonymousBeginInstructions() {
    Canister c = Implementation.SAMPLE.deployed(new LocalReplica());
    long[] counts = new long[201];
    for (int i = 0; i < counts.length; i++) {
      CallResult r = c.update("registerBegin", Request.anonymous());
      if (!(r instanceof CallResult.Reply)) {
        throw new IllegalStateException("anonymous registerBegin: " + r);
      }
      counts[i] = r.instructions();
    }
    Arrays.sort(counts);
    return counts[counts.length / 2];
  }

  /** Cycles a 13-node subnet charges the canister for one ingress update of these bytes and instructions. */
  static long cyclesPerCall(int ingressBytes, long instructions) {
    return RECEPTION_FEE + BYTE_FEE * ingressBytes + EXECUTION_FEE + instructions;
  }

  static String table() {
    int ring = new NonceStore.Config().ringSlots();
    long instructions = anonymousBeginInstructions();
    int bytes = "registerBegin".length() + Implementation.EMPTY_ARGUMENTS.length;
    long perCall = cyclesPerCall(bytes, instructions);
    double typical = INGRESS_PER_BLOCK * BLOCKS_PER_SECOND_TYPICAL;
    double most = INGRESS_PER_BLOCK * BLOCKS_PER_SECOND_MOST;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("anonymous registerBegin: %,d instructions, %d ingress bytes: %,d cycles per call"
        + " charged to the canister (13-node subnet)%n", instructions, bytes, perCall));
    sb.append(String.format("a subnet's ingress: %,d messages per block, %.1f to %.2f blocks a second: %,.0f to %,.0f"
        + " messages a second, %,.0f to %,.0f in a %d s sign-in window, for every canister on it%n",
        INGRESS_PER_BLOCK, BLOCKS_PER_SECOND_TYPICAL, BLOCKS_PER_SECOND_MOST, typical, most, typical * WINDOW_SECONDS,
        most * WINDOW_SECONDS, WINDOW_SECONDS));
    sb.append(String.format("%-44s %12s %16s %22s %26s%n", "to evict one user's unbound nonce", "calls",
        "cycles (canister)", "whole subnet's ingress", "share of the ring per window"));
    row(sb, "this sample (ring of " + String.format("%,d", ring) + ", stable memory)", ring, perCall, typical, most);
    row(sb, "DFINITY's library (4,096 on the heap)", DFINITY_LIBRARY_SLOTS, perCall, typical, most);
    sb.append(String.format("(an upgrade evicts every nonce of DFINITY's library; none of this store's: %,d bytes of"
        + " stable memory, %s)%n", NonceStore.regionBytes(new NonceStore.Config()), "ring, bound tables and header"));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String what, long calls, long perCall, double typical, double most) {
    sb.append(String.format("%-44s %,12d %,16d %9.1f to %6.1f s %25.0f%%%n", what, calls, calls * perCall,
        calls / most, calls / typical, Math.min(100.0, 100.0 * most * WINDOW_SECONDS / calls)));
  }
}
