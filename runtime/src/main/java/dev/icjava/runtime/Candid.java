package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Candid integer type of an integer in a typed entry point's signature (a parameter, the result,
 * a record component, a type argument): {@code @Candid("nat64") long}, {@code List<@Candid("nat8")
 * Integer>}, {@code @Candid("nat") CandidInteger}. Without it, Java's integers keep their own signed
 * width ({@code byte} int8, {@code short} int16, {@code int} int32, {@code long} int64), and a
 * {@code CandidInteger} must say {@code "nat"} or {@code "int"}.
 *
 * <p>The Java type must hold every value of the Candid type or the build fails; a Candid type
 * narrower than the Java type is range-checked when a value is written, and a value out of range
 * traps naming it (never truncated). {@code nat64} in a {@code long} and {@code nat32} in an {@code
 * int} keep the bits: values from 2^63 (2^31) on read as negative, as {@link
 * Long#toUnsignedString(long)} prints them. {@code nat} and {@code int} in a {@code long} refuse
 * values beyond 64 bits when decoded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Candid {
  /**
   * {@code nat}, {@code int}, {@code nat8} ... {@code nat64} or {@code int8} ... {@code int64}.
   *
   * @return the Candid integer type's name
   */
  String value();
}
