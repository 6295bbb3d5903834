package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/** One of a {@link MemoryManager}'s memories; access outside its size throws (a trap). */
final class VirtualMemory implements StableMemory {
  private final MemoryManager manager;
  private final int id;

  VirtualMemory(MemoryManager manager, int id) {
    this.manager = manager;
    this.id = id;
  }

  @Override
  public long size() {
    return manager.size(id);
  }

  @Override
  public long grow(long pages) {
    return manager.grow(id, pages);
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    manager.access(id, offset, dst, dstOffset, length, false);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    manager.access(id, offset, src, srcOffset, length, true);
  }
}
