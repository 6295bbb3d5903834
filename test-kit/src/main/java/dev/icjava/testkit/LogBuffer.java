package dev.icjava.testkit;

import java.util.ArrayDeque;

/**
 * The canister log as the IC sizes it, for what {@code debug_print} and {@code trap} cost: a buffer
 * of 4 KiB ({@code MAX_ALLOWED_CANISTER_LOG_BUFFER_SIZE}) holding records of 40 bytes plus their
 * content ({@code CanisterLogRecord::data_size}: two u64 and a vector header), the oldest dropped to
 * make room (dfinity/ic {@code ic_management_canister_types_private}, {@code CanisterLog}). The
 * lines themselves are kept by {@link Canister#logs()}.
 */
final class LogBuffer {
  static final int CAPACITY = 4 * 1024;
  static final int RECORD_OVERHEAD = 40;

  private final ArrayDeque<Integer> records = new ArrayDeque<>();
  private long used;

  long capacity() {
    return CAPACITY;
  }

  long remaining() {
    return Math.max(0, CAPACITY - used);
  }

  void add(long contentBytes) {
    long size = RECORD_OVERHEAD + Math.min(contentBytes, CAPACITY - RECORD_OVERHEAD);
    while (used + size > CAPACITY && !records.isEmpty()) {
      used -= records.removeFirst();
    }
    records.addLast((int) size);
    used += size;
  }

  LogBuffer copy() {
    LogBuffer c = new LogBuffer();
    c.records.addAll(records);
    c.used = used;
    return c;
  }
}
