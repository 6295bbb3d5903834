package dev.icjava.runtime;

/** The canister's stable memory through {@code ic0.stable64_*}; the IC traps on out-of-range access. */
final class Ic0StableMemory implements StableMemory {
  static final Ic0StableMemory INSTANCE = new Ic0StableMemory();

  private Ic0StableMemory() {}

  @Override
  public long size() {
    return SystemApi.stableSize();
  }

  @Override
  public long grow(long pages) {
    return SystemApi.stableGrow(pages);
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    SystemApi.stableRead(offset, dst, dstOffset, length);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    SystemApi.stableWrite(offset, src, srcOffset, length);
  }
}
