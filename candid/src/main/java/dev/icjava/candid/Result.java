package dev.icjava.candid;

/**
 * The Candid {@code variant { ok : T; err : E }} of a typed entry point's result: {@code
 * Result<Void, Error>} is {@code variant { ok; err : Error }}, the form DFINITY's libraries return.
 *
 * <pre>{@code
 * @Update("finish")
 * public static Result<Void, Error> finish() {
 *   return ok ? Result.ok() : Result.err(new Error.Stale(age));
 * }
 * }</pre>
 */
public sealed interface Result<T, E> permits Result.Ok, Result.Err {
  /** The {@code ok} case, with its value ({@code null} for {@code Result<Void, E>}). */
  record Ok<T, E>(T value) implements Result<T, E> {}

  /** The {@code err} case. */
  record Err<T, E>(E error) implements Result<T, E> {}

  /**
   * The {@code ok} case with {@code value}.
   *
   * @param <T> the {@code ok} type
   * @param <E> the {@code err} type
   * @param value the value
   * @return the {@code ok} case
   */
  static <T, E> Result<T, E> ok(T value) {
    return new Ok<>(value);
  }

  /**
   * {@code ok} without a value, for {@code Result<Void, E>}.
   *
   * @param <E> the {@code err} type
   * @return the {@code ok} case
   */
  static <E> Result<Void, E> ok() {
    return new Ok<>(null);
  }

  /**
   * The {@code err} case with {@code error}.
   *
   * @param <T> the {@code ok} type
   * @param <E> the {@code err} type
   * @param error the error
   * @return the {@code err} case
   */
  static <T, E> Result<T, E> err(E error) {
    return new Err<>(error);
  }
}
