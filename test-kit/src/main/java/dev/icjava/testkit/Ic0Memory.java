package dev.icjava.testkit;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The System API's contract on the canister's Wasm memory, as {@link Ic0Host}'s entries use it: every
 * range an entry reads or writes lies inside the memory (else the IC's trap), the {@code _copy}
 * entries' offset and size lie inside the data, a module without memory traps at the first entry
 * that needs it (dfinity/ic {@code linker.rs}, {@code with_memory_and_system_api}), and text the IC
 * requires to be UTF-8 is checked.
 */
final class Ic0Memory {
  private Ic0Memory() {}

  static String utf8(Instance instance, String entry, long src, long size) {
    return new String(readIn(instance, entry, src, size), StandardCharsets.UTF_8);
  }

  static String strictUtf8(byte[] bytes, String entry) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new TrapSignal("ic0." + entry + ": the message is not valid UTF-8");
    }
  }

  /** The bytes of Wasm memory: 0 for a module without memory. */
  static long memoryBytes(Instance instance) {
    Memory memory = instance.memory();
    return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
  }

  static void checkRange(Instance instance, String entry, long address, long size) {
    if (instance.memory() == null) {
      // dfinity/ic linker.rs, with_memory_and_system_api: every entry that reads or writes memory
      throw new TrapSignal("WebAssembly module must define memory");
    }
    long limit = memoryBytes(instance);
    if (address < 0 || size < 0 || address > limit - size) {
      throw new TrapSignal(
          "ic0." + entry + ": memory range [" + address + ", " + address + " + " + size
              + ") is outside the Wasm memory of " + limit + " bytes");
    }
  }

  static byte[] readIn(Instance instance, String entry, long src, long size) {
    checkRange(instance, entry, src, size);
    return size == 0 ? new byte[0] : instance.memory().readBytes((int) src, (int) size);
  }

  static void writeOut(Instance instance, String entry, byte[] data, long dst) {
    checkRange(instance, entry, dst, data.length);
    instance.memory().write((int) dst, data);
  }

  /** The {@code _copy} contract: {@code data[offset..offset+size)} to {@code dst}. */
  static void copyOut(
      Instance instance, String entry, byte[] data, long dst, long offset, long size) {
    if (offset < 0 || size < 0 || offset > data.length - size) {
      throw new TrapSignal(
          "ic0." + entry + ": offset " + offset + " + size " + size + " exceeds the data's "
              + data.length + " bytes");
    }
    checkRange(instance, entry, dst, size);
    if (size > 0) {
      instance.memory().write((int) dst, data, (int) offset, (int) size);
    }
  }
}
