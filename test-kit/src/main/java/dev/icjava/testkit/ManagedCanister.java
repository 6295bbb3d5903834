package dev.icjava.testkit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the management canister knows of one canister, installed or empty: its controllers and
 * settings ({@code definite_canister_settings}), status, chunk store, module hash, history (for
 * {@code canister_info}), and the cycles it holds while it has no module. Once a module is installed
 * the {@link Canister} holds the running state and the cycles; controllers and environment variables
 * are kept here and pushed to it whenever they change.
 */
final class ManagedCanister {
  /** Status as {@code ic0.canister_status} numbers it: 1 running, 2 stopping, 3 stopped. */
  static final int RUNNING = 1;

  static final int STOPPING = 2;

  static final int STOPPED = 3;

  /** One entry of the canister's history (ic.did {@code change}). */
  record Change(long timestampNanos, long canisterVersion, byte[] originUser, byte[] originCanister,
      String kind, List<byte[]> controllers, String mode, byte[] moduleHash) {}

  final byte[] id;
  List<byte[]> controllers;
  Map<String, String> environment = new LinkedHashMap<>();
  BigInteger computeAllocation = BigInteger.ZERO;
  BigInteger memoryAllocation = BigInteger.ZERO;
  /** 30 days, the IC's default. */
  BigInteger freezingThreshold = BigInteger.valueOf(2_592_000);
  /** 5 T cycles, the IC's default. */
  BigInteger reservedCyclesLimit = BigInteger.valueOf(5_000_000_000_000L);
  /** 3 GiB, the IC's default. */
  BigInteger wasmMemoryLimit = BigInteger.valueOf(3L << 30);
  BigInteger wasmMemoryThreshold = BigInteger.ZERO;
  /** 4 KiB, the canister log's default size on the IC (stored and reported; the log buffer keeps its own). */
  BigInteger logMemoryLimit = BigInteger.valueOf(4096);
  /** 0 controllers, 1 public, 2 allowed viewers. */
  int logVisibility;
  List<byte[]> allowedViewers = List.of();
  int status = RUNNING;
  long cycles;
  long versionWhileEmpty;
  Canister installed;
  byte[] moduleHash;
  /** The installed module (null when empty): its custom sections are the canister's metadata. */
  byte[] wasm;
  long createdAt;
  long installedAt;
  final Map<String, byte[]> chunks = new LinkedHashMap<>();
  final List<Change> history = new ArrayList<>();
  long totalChanges;

  ManagedCanister(byte[] id, List<byte[]> controllers, long cycles) {
    this.id = id.clone();
    this.controllers = List.copyOf(controllers);
    this.cycles = cycles;
  }

  boolean isController(byte[] principal) {
    for (byte[] c : controllers) {
      if (Arrays.equals(c, principal)) {
        return true;
      }
    }
    return false;
  }

  long cycleBalance() {
    return installed != null ? installed.cycleBalance() : cycles;
  }

  void addCycles(long amount) {
    if (installed != null) {
      installed.depositCycles(amount);
    } else {
      cycles = saturatedAdd(cycles, amount);
    }
  }

  long version() {
    return installed != null ? installed.version() : versionWhileEmpty;
  }

  /** Records a change; the IC keeps the last 20 (canister_history's limit), and counts them all. */
  void record(Change change) {
    history.add(change);
    totalChanges++;
    while (history.size() > 20) {
      history.remove(0);
    }
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
