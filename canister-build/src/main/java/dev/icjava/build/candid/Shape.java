package dev.icjava.build.candid;

import java.util.List;

/**
 * How one Java type of a typed entry point's signature maps to Candid: its Candid type, the Java
 * type's source text, and what the generated glue does to decode and encode it. Made by {@link
 * JavaCandidMapping}; each distinct shape gets its own pair of glue methods, so that recursive
 * records recurse through them.
 */
final class Shape {
  enum Kind {
    TEXT, BOOL, BLOB, PRINCIPAL, FLOAT32, FLOAT64,
    /** nat8 ... int64 in a Java byte, short, int or long (or their boxes). */
    FIXED,
    /** nat or int in a Java long. */
    BIG_IN_LONG,
    /** nat or int in a CandidInteger. */
    BIG,
    OPTIONAL, LIST, ARRAY, RECORD, ENUM, SEALED, RESULT
  }

  /** A record component, enum constant or variant case, with its Candid name and id. */
  record Member(String javaName, String candidName, long id, Shape shape) {}

  final int index;
  final Kind kind;
  /** The Java type as source text ({@code long}, {@code java.util.Optional<java.lang.String>}). */
  String javaType;
  /** The Java primitive behind a FIXED, BIG_IN_LONG, BOOL or FLOAT value ({@code int}, ...), or null. */
  String primitive;
  /** Whether the Java type is a reference that may be null (boxed primitives included). */
  boolean reference;
  /** The Candid type name for FIXED and big integers ({@code nat64}, {@code nat}, ...). */
  String candid;
  Shape inner;
  Shape second; // a Result's err
  /** Record components (in declaration order), enum constants or sealed cases (in permits order). */
  List<Member> members = List.of();
  /** For a sealed interface's case: the case record's components. */
  List<List<Member>> caseComponents = List.of();
  /** For a sealed interface's case: whether it is {@code @Unwrapped} (its one component is the payload). */
  List<Boolean> caseUnwrapped = List.of();
  /** The Java class of a record, enum or sealed interface (canonical name). */
  String className;
  /** The name of the Candid type definition of a record, enum or sealed interface. */
  String didName;
  DidType did;

  Shape(int index, Kind kind) {
    this.index = index;
    this.kind = kind;
  }

  boolean named() {
    return kind == Kind.RECORD || kind == Kind.ENUM || kind == Kind.SEALED;
  }
}
