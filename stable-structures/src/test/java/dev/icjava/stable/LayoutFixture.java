package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Committed layout fixtures under {@code src/test/resources/layout/}: the used prefix of a memory,
 * loaded back as a whole memory. {@link #regenerate} rewrites one (run only by the disabled
 * regenerator tests, when a new layout version is added beside the old ones).
 */
final class LayoutFixture {
  private LayoutFixture() {}

  static VectorStableMemory load(String name) {
    return VectorStableMemory.of(Fixtures.read("layout/" + name), 1 << 16);
  }

  /** The bytes of {@code m} up to its last non-zero byte. */
  static byte[] usedPrefix(VectorStableMemory m) {
    byte[] all = m.toByteArray();
    int end = all.length;
    while (end > 0 && all[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(all, end);
  }

  static void regenerate(String name, VectorStableMemory m) {
    try {
      Path p = Path.of("src/test/resources/layout", name);
      Files.createDirectories(p.getParent());
      byte[] bytes = usedPrefix(m);
      if (name.endsWith(".gz")) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
          gz.write(bytes);
        }
        bytes = out.toByteArray();
      }
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VectorStableMemory fresh() {
    return new VectorStableMemory(1 << 16);
  }

  static VectorStableMemory withHeader(byte[] header) {
    VectorStableMemory m = fresh();
    m.grow(1);
    m.write(0, header, 0, header.length);
    return m;
  }

  static StableMemory limited(long pages) {
    return new VectorStableMemory(pages);
  }
}
