package dev.icjava.stable;

import dev.icjava.callerauth.Principal;
import java.util.function.Function;

/**
 * How a value of type {@code T} becomes bytes in stable memory and back, and how large those bytes
 * may be ({@link #bound()}).
 *
 * <p>{@link StableBTreeMap} orders keys by their bytes (unsigned, lexicographic, a prefix first), so
 * a key type's encoding should keep the order users expect; the constants here do, and they are the
 * encodings of dfinity/stable-structures ({@code src/storable.rs} at commit {@code b5d1650}) so that
 * a Rust canister reads what a Java one wrote:
 *
 * <pre>
 * constant   Java type   bytes                               bound            Rust type
 * STRING     String      UTF-8                               unbounded        String
 * BYTES      byte[]      as they are                         unbounded        Vec&lt;u8&gt;
 * LONG       Long        8 bytes big-endian (unsigned order) exactly 8        u64
 * INT        Integer     4 bytes big-endian (unsigned order) exactly 4        u32
 * PRINCIPAL  Principal   the principal's bytes               at most 29       candid::Principal
 * </pre>
 *
 * <p>{@code LONG} and {@code INT} order as unsigned numbers: {@code -1L} sorts after every
 * non-negative long, as {@code u64::MAX} does in Rust.
 *
 * <pre>{@code
 * Storable<Point> POINT = Storable.of(Bound.fixed(8),
 *     p -> ..., bytes -> ...);   // or implement the interface
 * }</pre>
 *
 * @param <T> the stored type
 */
public interface Storable<T> {
  /** Text as UTF-8; unbounded. */
  Storable<String> STRING = BuiltinStorables.STRING;

  /** Bytes as they are; unbounded. */
  Storable<byte[]> BYTES = BuiltinStorables.BYTES;

  /** A long as 8 big-endian bytes, ordered as unsigned 64-bit; Rust's {@code u64}. */
  Storable<Long> LONG = BuiltinStorables.LONG;

  /** An int as 4 big-endian bytes, ordered as unsigned 32-bit; Rust's {@code u32}. */
  Storable<Integer> INT = BuiltinStorables.INT;

  /** A principal's 0 to 29 bytes; Rust's {@code candid::Principal}. */
  Storable<Principal> PRINCIPAL = BuiltinStorables.PRINCIPAL;

  /**
   * The bytes of {@code value}; must satisfy {@link #bound()}.
   *
   * @param value the value
   * @return its bytes
   */
  byte[] toBytes(T value);

  /**
   * The value these bytes encode; may throw on bytes no value encodes to.
   *
   * @param bytes the bytes {@link #toBytes} made
   * @return the value
   */
  T fromBytes(byte[] bytes);

  /**
   * How large {@link #toBytes} may be.
   *
   * @return the bound on {@link #toBytes}'s length
   */
  Bound bound();

  /**
   * A Storable that stores a record (or an enum, or a sealed interface of records) as one Candid
   * message, {@code DIDL}, the type table and the value, in the mapping of typed methods ({@code
   * Optional} is {@code opt}, {@code List} is {@code vec}, nested records, {@code @Candid} and {@code
   * @CandidName} as there); unbounded. The bytes describe themselves: a Rust canister reads them with
   * {@code candid::Decode!} (the usual {@code Storable} of a Rust struct deriving {@code
   * CandidType}), and the strict reader's subtyping lets a later version of the record add {@code
   * Optional} fields (absent in values written before) or drop fields.
   *
   * <p>The canister build writes the code: it finds each {@code Storable.candid(X.class)} in the
   * classes the canister class uses (a class literal is required) and generates the encoder and decoder, as
   * it does for typed methods (it needs the {@code candid} module on the class path, as they do).
   * Bytes that do not decode as {@code X} are refused with a {@link StableStructureException} (a
   * trap) naming the type and the reader's reason. Outside a canister built that way (on the JVM),
   * this throws.
   *
   * @param <T> the stored type
   * @param type a class literal: a record, an enum or a sealed interface of records
   * @return the generated Storable (in a canister built by the canister build)
   * @throws StableStructureException outside such a canister
   */
  static <T> Storable<T> candid(Class<T> type) {
    throw new StableStructureException("Storable.candid(" + (type == null ? "null" : type.getName() + ".class")
        + "): the canister build generates this Storable, for a class literal in the classes a canister uses;"
        + " it is not available here");
  }

  /**
   * A Storable from two functions.
   *
   * @param <T> the value's type
   * @param bound the bound on encodings
   * @param encode value to bytes
   * @param decode bytes to value
   * @return the Storable
   */
  static <T> Storable<T> of(Bound bound, Function<T, byte[]> encode, Function<byte[], T> decode) {
    if (bound == null || encode == null || decode == null) {
      throw new IllegalArgumentException("null bound, encoder or decoder");
    }
    return new Storable<T>() {
      @Override
      public byte[] toBytes(T value) {
        return encode.apply(value);
      }

      @Override
      public T fromBytes(byte[] bytes) {
        return decode.apply(bytes);
      }

      @Override
      public Bound bound() {
        return bound;
      }
    };
  }
}
