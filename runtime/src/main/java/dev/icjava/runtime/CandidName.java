package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Candid name of a record component (a record field), an enum constant or a record implementing
 * a sealed interface (a variant tag), or of a record, enum or sealed interface (its type's name in
 * the generated {@code .did}), where it differs from the Java name: {@code @CandidName("ageNs") long
 * age}. Any text is allowed; the {@code .did} quotes names that are not Candid identifiers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.TYPE})
public @interface CandidName {
  /**
   * The name Candid uses, in place of the Java name.
   *
   * @return the Candid name
   */
  String value();
}
