package dev.icjava.testkit;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * A canister's Wasm memory: Chicory's memory behind a handle the replica can reset. Wasm memory
 * only grows, but rolling back a message that grew it must shrink it again; {@link #reset(byte[])}
 * swaps in a memory holding exactly the snapshot. {@link #keepNextZero()} makes the instance's
 * initialisation keep the current contents (an upgrade that keeps main memory).
 */
final class CanisterMemory implements Memory {
  private final MemoryLimits limits;
  private Memory delegate;
  private boolean keepNextZero;

  CanisterMemory(MemoryLimits limits) {
    this.limits = limits;
    this.delegate = new ByteBufferMemory(limits);
  }

  /** Replaces the contents by {@code bytes} (a whole number of pages). */
  void reset(byte[] bytes) {
    int pages = bytes.length / PAGE_SIZE;
    if (pages != delegate.pages()) {
      delegate = new ByteBufferMemory(limits);
      if (pages > delegate.pages()) {
        delegate.grow(pages - delegate.pages());
      }
    }
    delegate.write(0, bytes, 0, bytes.length);
  }

  void keepNextZero() {
    keepNextZero = true;
  }

  @Override
  public void zero() {
    if (keepNextZero) {
      keepNextZero = false;
      return;
    }
    delegate.zero();
  }

  @Override
  public int pages() {
    return delegate.pages();
  }

  @Override
  public int grow(int size) {
    return delegate.grow(size);
  }

  @Override
  public int initialPages() {
    return delegate.initialPages();
  }

  @Override
  public int maximumPages() {
    return delegate.maximumPages();
  }

  @Override
  public boolean shared() {
    return delegate.shared();
  }

  @Override
  public Object lock(int address) {
    return delegate.lock(address);
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    return delegate.waitOn(address, expected, timeout);
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    return delegate.waitOn(address, expected, timeout);
  }

  @Override
  public int notify(int address, int maxThreads) {
    return delegate.notify(address, maxThreads);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    delegate.initialize(instance, dataSegments);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
    delegate.initialize(instance, dataSegments, memoryIndex);
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    delegate.initPassiveSegment(segmentId, dest, offset, size);
  }

  @Override
  public void copy(int dest, int src, int size) {
    delegate.copy(dest, src, size);
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    delegate.write(addr, data, offset, size);
  }

  @Override
  public byte read(int addr) {
    return delegate.read(addr);
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    return delegate.readBytes(addr, len);
  }

  @Override
  public void writeI32(int addr, int data) {
    delegate.writeI32(addr, data);
  }

  @Override
  public int readInt(int addr) {
    return delegate.readInt(addr);
  }

  @Override
  public void writeLong(int addr, long data) {
    delegate.writeLong(addr, data);
  }

  @Override
  public long readLong(int addr) {
    return delegate.readLong(addr);
  }

  @Override
  public void writeShort(int addr, short data) {
    delegate.writeShort(addr, data);
  }

  @Override
  public short readShort(int addr) {
    return delegate.readShort(addr);
  }

  @Override
  public long readU16(int addr) {
    return delegate.readU16(addr);
  }

  @Override
  public void writeByte(int addr, byte data) {
    delegate.writeByte(addr, data);
  }

  @Override
  public void writeF32(int addr, float data) {
    delegate.writeF32(addr, data);
  }

  @Override
  public long readF32(int addr) {
    return delegate.readF32(addr);
  }

  @Override
  public float readFloat(int addr) {
    return delegate.readFloat(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    delegate.writeF64(addr, data);
  }

  @Override
  public double readDouble(int addr) {
    return delegate.readDouble(addr);
  }

  @Override
  public long readF64(int addr) {
    return delegate.readF64(addr);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    delegate.fill(value, fromIndex, toIndex);
  }

  @Override
  public void drop(int segment) {
    delegate.drop(segment);
  }
}
