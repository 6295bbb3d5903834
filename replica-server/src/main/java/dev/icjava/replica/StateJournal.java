package dev.icjava.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The replica's durable state under {@code --state-dir}: an append-only journal of every input that
 * changed the state, in the order the replica executed them, replayed at start. Execution is
 * deterministic given its inputs (each record carries the time it ran at, and the genesis record
 * the keys and the {@code raw_rand} seed), so replaying the journal rebuilds every canister, its
 * memory, stable memory and settings, the ledgers' balances and the request statuses exactly.
 *
 * <p>A reply is sent only once its record is on disk ({@link #awaitDurable}: {@code
 * FileChannel.force}); replies waiting together share one {@code force} (group commit). So a
 * replied update survives {@code kill -9} of the process, and a crash in the middle of an append
 * leaves a torn last record, which the next start cuts off (its message was never answered).
 *
 * <pre>
 * file {@code <state-dir>/journal}, little-endian:
 *
 *   offset  size  field
 *   0       4     magic "ICJJ" (0x49 0x43 0x4A 0x4A)
 *   4       2     version = 1
 *   6       2     reserved, 0
 *   8       ...   records, each:
 *                   0   4   length n of kind + payload (1 .. MAX_RECORD_BYTES)
 *                   4   4   CRC-32 (ISO-HDLC, java.util.zip.CRC32) of kind + payload
 *                   8   1   kind ({@link JournalRecord}: 1 genesis, 2 install, 3 ingress call, 4 round)
 *                   9   n-1 payload ({@link JournalRecord} draws each kind's)
 * </pre>
 *
 * <p>A record that is cut short or fails its checksum at the end of the file is a torn append and
 * is cut off ({@link #repaired()} says so; the launcher prints it); one followed by more bytes means the file was damaged, and
 * opening refuses it, naming the offset: replaying around a hole would be a different state. A file
 * of another magic or a newer version is refused the same way, never rewritten. The journal holds
 * an exclusive lock on the file while open: a second replica on the same directory is refused.
 *
 * <p>Cost: one {@code write} per state-changing message and one {@code force} per group of replies
 * (docs/network-launcher.md gives the measured figures); the file grows by the message's arguments and about 100
 * bytes per record; start-up time grows with the number of records, since every one is executed
 * again.
 */
final class StateJournal implements AutoCloseable {
  static final byte[] MAGIC = {'I', 'C', 'J', 'J'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8;
  /** The largest record accepted: above the largest ingress message (a 2 MiB module plus envelope). */
  static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

  /** A record read back: its kind and payload. */
  record Entry(int kind, byte[] payload) {}

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final List<Entry> entries;
  private final String repaired;
  private long written;
  private long durable;
  private boolean syncing;

  private StateJournal(Path file, FileChannel channel, FileLock lock, List<Entry> entries, long end, String repaired) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.entries = entries;
    this.written = end;
    this.durable = end;
    this.repaired = repaired;
  }

  /**
   * Opens (creating it and its directory if absent) the journal in {@code dir}; reads and checks
   * every record. Throws {@link JournalException} with a message naming the file and what is wrong.
   */
  static StateJournal open(Path dir) throws JournalException {
    Path file = dir.resolve("journal");
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new JournalException("state directory " + dir + " is in use by another replica (" + file + " is locked)");
      }
      long size = ch.size();
      if (size == 0) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putShort((short) VERSION).putShort((short) 0).flip();
        writeFully(ch, h, 0);
        ch.force(true);
        return new StateJournal(file, ch, lock, new ArrayList<>(), HEADER_BYTES, null);
      }
      List<Entry> entries = new ArrayList<>();
      long end = read(ch, file, size, entries);
      String repaired = null;
      if (end < size) {
        repaired = "state journal " + file + ": cut off a torn last record at byte " + end + " (" + (size - end)
            + " bytes of an append the replica never answered)";
        ch.truncate(end);
        ch.force(true);
      }
      return new StateJournal(file, ch, lock, entries, end, repaired);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new JournalException("cannot open the state journal " + file + ": " + e.getMessage());
    } catch (JournalException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  /** Reads every record; returns where the good records end (before a torn tail). */
  private static long read(FileChannel ch, Path file, long size, List<Entry> out) throws IOException, JournalException {
    if (size < HEADER_BYTES) {
      throw new JournalException("state journal " + file + " has " + size + " bytes: shorter than its header");
    }
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, h, 0);
    h.flip();
    byte[] magic = new byte[4];
    h.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new JournalException("state journal " + file + " does not start with the magic ICJJ: not a journal of this replica");
    }
    int version = h.getShort() & 0xFFFF;
    if (version != VERSION) {
      throw new JournalException("state journal " + file + " has version " + version + "; this replica reads version "
          + VERSION + " only");
    }
    long pos = HEADER_BYTES;
    ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (pos < size) {
      if (size - pos < 8) {
        return pos; // a torn frame header at the end
      }
      frame.clear();
      readFully(ch, frame, pos);
      frame.flip();
      long length = frame.getInt() & 0xFFFFFFFFL;
      long crc = frame.getInt() & 0xFFFFFFFFL;
      if (length < 1 || length > MAX_RECORD_BYTES) {
        if (pos + 8 + Math.max(length, 1) >= size) {
          return pos;
        }
        throw damaged(file, pos, "a record length of " + length + " bytes");
      }
      if (pos + 8 + length > size) {
        return pos; // cut short at the end: a torn append
      }
      ByteBuffer body = ByteBuffer.allocate((int) length);
      readFully(ch, body, pos + 8);
      byte[] bytes = body.array();
      CRC32 c = new CRC32();
      c.update(bytes);
      if (c.getValue() != crc) {
        if (pos + 8 + length == size) {
          return pos; // the last record, partly written
        }
        throw damaged(file, pos, "a record whose checksum does not match");
      }
      out.add(new Entry(bytes[0] & 0xFF, java.util.Arrays.copyOfRange(bytes, 1, bytes.length)));
      pos += 8 + length;
    }
    return pos;
  }

  private static JournalException damaged(Path file, long pos, String what) {
    return new JournalException("state journal " + file + " is damaged at byte " + pos + " (" + what
        + ", and more records follow): refusing to replay around it; move the state directory away to start afresh");
  }

  /** What opening repaired (a torn last record cut off), for the log; null when nothing. */
  String repaired() {
    return repaired;
  }

  /** The records read at open, oldest first. */
  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Whether the journal had no records when opened: a new state. */
  boolean wasEmpty() {
    return entries.isEmpty();
  }

  /**
   * Appends one record (written, not yet forced to disk); returns the offset after it, for {@link
   * #awaitDurable}. Called by the replica's executor only, in execution order.
   */
  synchronized long append(int kind, byte[] payload) {
    int length = payload.length + 1;
    if (length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("a journal record of " + length + " bytes is larger than " + MAX_RECORD_BYTES);
    }
    ByteBuffer b = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 c = new CRC32();
    c.update(kind);
    c.update(payload);
    b.putInt(length).putInt((int) c.getValue()).put((byte) kind).put(payload).flip();
    try {
      writeFully(channel, b, written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the state journal " + file, e);
    }
    written += b.capacity();
    return written;
  }

  /**
   * Returns once everything up to {@code offset} is on disk. The first caller to find it is not
   * forces the file; callers arriving meanwhile wait for that force and, if it did not cover them,
   * force again: one {@code force} serves every reply queued behind it.
   */
  void awaitDurable(long offset) {
    synchronized (this) {
      while (durable < offset && syncing) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the state journal", e);
        }
      }
      if (durable >= offset) {
        return;
      }
      syncing = true;
    }
    long target;
    synchronized (this) {
      target = written;
    }
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the state journal " + file + " to disk", e);
    } finally {
      synchronized (this) {
        syncing = false;
        durable = Math.max(durable, target);
        notifyAll();
      }
    }
  }

  /** The offset up to which records have been written. */
  synchronized long written() {
    return written;
  }

  /** Bytes on disk: the journal file's size. */
  long size() {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (channel.isOpen()) {
        channel.force(true);
        lock.release();
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the state journal " + file, e);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing: the first error is the one reported
      }
    }
  }

  /** The journal cannot be opened or read: the message says which file and why. */
  static final class JournalException extends Exception {
    private static final long serialVersionUID = 1L;

    JournalException(String message) {
      super(message);
    }
  }
}
