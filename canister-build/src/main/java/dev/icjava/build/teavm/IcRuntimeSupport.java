package dev.icjava.build.teavm;

import dev.icjava.runtime.Ic0;
import org.teavm.backend.wasm.WasmHeap;
import org.teavm.backend.wasm.runtime.math.WasmPow;
import org.teavm.interop.Address;
import org.teavm.interop.Unmanaged;

/**
 * What TeaVM's Wasm runtime asks of its host, done with {@code ic0}. Compiled by TeaVM into the
 * canister; {@link RuntimeImportsTransformer} points {@code WasmSupport}'s natives here by signature.
 *
 * <p>Several of these run inside the garbage collector ({@code @Unmanaged}), where allocating is
 * forbidden: they write into TeaVM's own scratch buffer ({@code WasmHeap.buffer}) instead.
 */
public final class IcRuntimeSupport {
  private IcRuntimeSupport() {}

  /**
   * {@code System.err}: bytes at address go to the canister log.
   *
   * @param address the bytes' address
   * @param count the number of bytes
   */
  @Unmanaged
  public static void putCharsStderr(Address address, int count) {
    Ic0.debug_print(address.toInt(), count);
  }

  /**
   * {@code System.out}: bytes at address go to the canister log.
   *
   * @param address the bytes' address
   * @param count the number of bytes
   */
  @Unmanaged
  public static void putCharsStdout(Address address, int count) {
    Ic0.debug_print(address.toInt(), count);
  }

  /**
   * {@code System.currentTimeMillis()}: the IC's time of this message.
   *
   * @return the time, in milliseconds since 1970
   */
  @Unmanaged
  public static double currentTimeMillisImpl() {
    return (double) (Ic0.time() / 1_000_000L);
  }

  /**
   * TeaVM's debug print of an integer: its decimal digits to the canister log.
   *
   * @param a the integer
   */
  @Unmanaged
  public static void print(int a) {
    printInt(a);
  }

  /**
   * The runtime's diagnostics (ASCII) to the canister log, in chunks through the scratch buffer.
   *
   * @param s the text
   */
  @Unmanaged
  public static void printString(String s) {
    Address buffer = WasmHeap.buffer;
    int chunk = Math.min(WasmHeap.bufferSize, 256);
    for (int i = 0; i < s.length(); i += chunk) {
      int count = Math.min(chunk, s.length() - i);
      for (int j = 0; j < count; ++j) {
        char c = s.charAt(i + j);
        buffer.add(j).putByte((byte) (c < 0x80 ? c : '?'));
      }
      Ic0.debug_print(buffer.toInt(), count);
    }
  }

  /**
   * An integer's decimal digits to the canister log, through the scratch buffer.
   *
   * @param value the integer
   */
  @Unmanaged
  public static void printInt(int value) {
    Address end = WasmHeap.buffer.add(16);
    Address p = end;
    long v = value;
    boolean negative = v < 0;
    if (negative) {
      v = -v;
    }
    do {
      p = p.add(-1);
      p.putByte((byte) ('0' + (int) (v % 10)));
      v /= 10;
    } while (v > 0);
    if (negative) {
      p = p.add(-1);
      p.putByte((byte) '-');
    }
    Ic0.debug_print(p.toInt(), end.toInt() - p.toInt());
  }

  /** The Java heap reached its maximum: trap, so the message's changes are rolled back. */
  @Unmanaged
  public static void printOutOfMemory() {
    trapAscii("Out of memory: the Java heap reached its maximum size (raise maxHeapSize)");
  }

  /**
   * Heap tracing is not supported: does nothing.
   *
   * @param maxHeap unused
   */
  @Unmanaged
  public static void initHeapTrace(int maxHeap) {}

  /**
   * {@code Math.random()}: a canister has no local source of randomness that a replica could agree
   * on, so this traps instead of returning a predictable number. Use the management canister's
   * {@code raw_rand}.
   *
   * @return never returns normally
   */
  @Unmanaged
  public static double random() {
    trapAscii("Math.random() is not available in a canister: use the management canister's raw_rand");
    return 0;
  }

  /**
   * {@code Math.pow}: TeaVM's own Wasm implementation.
   *
   * @param x the base
   * @param y the exponent
   * @return {@code x} to the power {@code y}
   */
  public static double pow(double x, double y) {
    return WasmPow.pow(x, y);
  }

  @Unmanaged
  private static void trapAscii(String message) {
    Address buffer = WasmHeap.buffer;
    int count = Math.min(message.length(), WasmHeap.bufferSize);
    for (int j = 0; j < count; ++j) {
      buffer.add(j).putByte((byte) message.charAt(j));
    }
    Ic0.trap(buffer.toInt(), count);
  }
}
