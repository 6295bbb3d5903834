package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record with exactly one component that is a case of a sealed interface: in the Candid
 * variant, the case's payload is that component's value, not a record holding it. {@code
 * @Unwrapped record MissingField(String field)} is {@code MissingField : text}; without the
 * annotation it is {@code MissingField : record { field : text }}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Unwrapped {}
