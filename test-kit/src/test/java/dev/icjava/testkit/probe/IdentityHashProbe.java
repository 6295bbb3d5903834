package dev.icjava.testkit.probe;

import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * Fragments the heap with long-lived objects and fills the holes with objects that have identity
 * hash codes, once the identity-hash counter is past the heap's size; then allocates until young
 * collections run, and checks every kept object. In TeaVM 0.13.1 the identity hash is a counter
 * kept in the object's second word, the word a free chunk keeps its size in; see {@code
 * IdentityHashGcTest}.
 */
public final class IdentityHashProbe {
  /** Long-lived objects: runs of four, of which three are dropped to leave holes. */
  public static final int KEPT = 12_000;

  private static Item[] kept;
  private static Item[] filled;

  private IdentityHashProbe() {}

  /** A small object with the default (identity) hash code. */
  static final class Item {
    final int slot;
    int hash;

    Item(int slot) {
      this.slot = slot;
    }
  }

  /**
   * Argument: how many identity hashes to draw first (4 bytes, little-endian). Replies the number
   * of objects checked (4 bytes).
   */
  @Update("run")
  public static void run() {
    byte[] arg = SystemApi.msgArgData();
    int draws = (arg[0] & 0xFF) | (arg[1] & 0xFF) << 8 | (arg[2] & 0xFF) << 16 | (arg[3] & 0xFF) << 24;
    Item sink = null;
    for (int i = 0; i < draws; i++) {
      Item item = new Item(i);
      item.hash = item.hashCode();
      if ((i & 0xFFFF) == 0) {
        sink = item;
      }
    }
    kept = new Item[KEPT];
    for (int i = 0; i < KEPT; i++) {
      kept[i] = new Item(i);
    }
    System.gc(); // the kept objects become old
    for (int i = 0; i < KEPT; i++) {
      if ((i & 3) != 0) {
        kept[i] = null;
      }
    }
    System.gc(); // holes between them
    filled = new Item[KEPT / 4];
    for (int i = 0; i < filled.length; i++) {
      Item item = new Item(-i);
      item.hash = item.hashCode();
      filled[i] = item;
    }
    for (int i = 0; i < 200_000; i++) { // garbage, until young collections run
      sink = new Item(i);
    }
    int checked = 0;
    for (int i = 0; i < KEPT; i += 4) {
      if (kept[i] == null || kept[i].slot != i) {
        throw SystemApi.trap("kept object " + i + " changed on the heap");
      }
      checked++;
    }
    for (int i = 0; i < filled.length; i++) {
      if (filled[i].slot != -i || filled[i].hashCode() != filled[i].hash) {
        throw SystemApi.trap("hashed object " + i + " changed on the heap");
      }
      checked++;
    }
    if (sink == null) {
      checked = -1;
    }
    SystemApi.msgReply(new byte[] {(byte) checked, (byte) (checked >>> 8), (byte) (checked >>> 16), (byte) (checked >>> 24)});
  }
}
