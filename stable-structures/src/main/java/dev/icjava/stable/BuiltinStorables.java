package dev.icjava.stable;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.internal.Utf8;

/** The built-in {@link Storable}s, one small class each, with their checks. */
final class BuiltinStorables {
  static final Storable<String> STRING = new Text();
  static final Storable<byte[]> BYTES = new Blob();
  static final Storable<Long> LONG = new U64();
  static final Storable<Integer> INT = new U32();
  static final Storable<Principal> PRINCIPAL = new PrincipalBytes();

  private BuiltinStorables() {}

  /** Calls {@code s.toBytes} and checks the result against the bound. */
  static <T> byte[] encode(Storable<T> s, T value, String what) {
    if (value == null) {
      throw new StableStructureException(what + ": null cannot be stored");
    }
    byte[] b = s.toBytes(value);
    if (b == null || !s.bound().admits(b.length)) {
      throw new StableStructureException(
          what + ": encoded to " + (b == null ? "null" : b.length + " bytes")
              + ", outside its Storable's bound (" + s.bound() + ")");
    }
    return b;
  }

  private static final class Text implements Storable<String> {
    @Override
    public byte[] toBytes(String value) {
      return Utf8.encode(value);
    }

    @Override
    public String fromBytes(byte[] bytes) {
      String s = Utf8.decode(bytes);
      if (s == null) {
        throw new StableStructureException("stored text is not valid UTF-8");
      }
      return s;
    }

    @Override
    public Bound bound() {
      return Bound.unbounded();
    }
  }

  private static final class Blob implements Storable<byte[]> {
    @Override
    public byte[] toBytes(byte[] value) {
      return value.clone();
    }

    @Override
    public byte[] fromBytes(byte[] bytes) {
      return bytes;
    }

    @Override
    public Bound bound() {
      return Bound.unbounded();
    }
  }

  private static final class U64 implements Storable<Long> {
    private static final Bound BOUND = Bound.fixed(8);

    @Override
    public byte[] toBytes(Long value) {
      long v = value;
      byte[] b = new byte[8];
      // Big-endian as two little-endian stores of the byte-reversed halves (unchecked: 8 bytes).
      Bytes.putIntLE(b, 0, Integer.reverseBytes((int) (v >>> 32)));
      Bytes.putIntLE(b, 4, Integer.reverseBytes((int) v));
      return b;
    }

    @Override
    public Long fromBytes(byte[] bytes) {
      if (bytes.length != 8) {
        throw new StableStructureException("a stored long has 8 bytes, not " + bytes.length);
      }
      long high = Integer.reverseBytes(Bytes.intLE(bytes, 0)) & 0xFFFFFFFFL;
      return high << 32 | (Integer.reverseBytes(Bytes.intLE(bytes, 4)) & 0xFFFFFFFFL);
    }

    @Override
    public Bound bound() {
      return BOUND;
    }
  }

  private static final class U32 implements Storable<Integer> {
    private static final Bound BOUND = Bound.fixed(4);

    @Override
    public byte[] toBytes(Integer value) {
      int v = value;
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Override
    public Integer fromBytes(byte[] bytes) {
      if (bytes.length != 4) {
        throw new StableStructureException("a stored int has 4 bytes, not " + bytes.length);
      }
      return (bytes[0] & 0xFF) << 24
          | (bytes[1] & 0xFF) << 16
          | (bytes[2] & 0xFF) << 8
          | (bytes[3] & 0xFF);
    }

    @Override
    public Bound bound() {
      return BOUND;
    }
  }

  private static final class PrincipalBytes implements Storable<Principal> {
    private static final Bound BOUND = Bound.atMost(Principal.MAX_LENGTH);

    @Override
    public byte[] toBytes(Principal value) {
      return value.bytes();
    }

    @Override
    public Principal fromBytes(byte[] bytes) {
      return Principal.fromBytes(bytes);
    }

    @Override
    public Bound bound() {
      return BOUND;
    }
  }
}
