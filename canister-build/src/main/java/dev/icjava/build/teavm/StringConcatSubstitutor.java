package dev.icjava.build.teavm;

import java.util.ArrayList;
import java.util.List;
import org.teavm.dependency.BootstrapMethodSubstitutor;
import org.teavm.dependency.DynamicCallSite;
import org.teavm.model.MethodReference;
import org.teavm.model.RuntimeConstant;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;
import org.teavm.model.emit.ValueEmitter;
import org.teavm.model.instructions.IntegerSubtype;

/**
 * Java's string concatenation as javac 9+ compiles it ({@code invokedynamic} to {@code
 * StringConcatFactory.makeConcatWithConstants}), compiled to {@link StringConcatSupport}: every
 * piece becomes a string ({@code String.valueOf}, so {@code null} prints {@code "null"} as in Java),
 * then one call joins them with a single allocation. Replaces TeaVM's own substitution, which builds
 * a {@code StringBuilder} (see {@link StringConcatSupport} for the figures).
 */
final class StringConcatSubstitutor implements BootstrapMethodSubstitutor {
  private static final char VALUE_ARGUMENT = '\1';
  private static final char CONST_ARGUMENT = '\2';
  private static final ValueType STRING = ValueType.object("java.lang.String");
  private static final String SUPPORT = StringConcatSupport.class.getName();

  @Override
  public ValueEmitter substitute(DynamicCallSite callSite, ProgramEmitter pe) {
    List<ValueEmitter> pieces = new ArrayList<>();
    List<String> literals = new ArrayList<>(); // each piece's text when the recipe gives it, else null
    int count = callSite.getCalledMethod().parameterCount();
    if (callSite.getBootstrapMethod().getName().equals("makeConcatWithConstants")) {
      String recipe = callSite.getBootstrapArguments().get(0).getString();
      StringBuilder literal = new StringBuilder();
      int value = 0;
      int constant = 1;
      for (int i = 0; i < recipe.length(); i++) {
        char c = recipe.charAt(i);
        if (c == VALUE_ARGUMENT || c == CONST_ARGUMENT) {
          if (literal.length() > 0) {
            pieces.add(pe.constant(literal.toString()));
            literals.add(literal.toString());
            literal.setLength(0);
          }
          if (c == VALUE_ARGUMENT) {
            pieces.add(asString(pe, callSite.getCalledMethod().parameterType(value), callSite.getArguments().get(value)));
            literals.add(null);
            value++;
          } else {
            String text = constantText(callSite.getBootstrapArguments().get(constant++));
            pieces.add(pe.constant(text));
            literals.add(text);
          }
        } else {
          literal.append(c);
        }
      }
      if (literal.length() > 0) {
        pieces.add(pe.constant(literal.toString()));
        literals.add(literal.toString());
      }
    } else {
      for (int i = 0; i < count; i++) {
        pieces.add(asString(pe, callSite.getCalledMethod().parameterType(i), callSite.getArguments().get(i)));
        literals.add(null);
      }
    }
    if (pieces.size() == 2 && (ascii(literals.get(0)) != ascii(literals.get(1)))) {
      // a literal and a value ("Action performed by " + caller): the literal's ASCII bytes packed
      // at build time, copied when the joined text's bytes are remembered for the reply
      boolean first = ascii(literals.get(0));
      ValueEmitter packed = pe.constant(packed(literals.get(first ? 0 : 1)));
      return first
          ? pe.invoke(new MethodReference(SUPPORT, "concatLiteralFirst", STRING, STRING, STRING, STRING),
              pieces.get(0), packed, pieces.get(1))
          : pe.invoke(new MethodReference(SUPPORT, "concatLiteralSecond", STRING, STRING, STRING, STRING),
              pieces.get(0), pieces.get(1), packed);
    }
    switch (pieces.size()) {
      case 0:
        return pe.constant("");
      case 1:
        return pieces.get(0);
      case 2:
      case 3:
      case 4:
        {
          ValueType[] signature = new ValueType[pieces.size() + 1];
          java.util.Arrays.fill(signature, STRING);
          return pe.invoke(new MethodReference(SUPPORT, "concat", signature), pieces.toArray(new ValueEmitter[0]));
        }
      default:
        {
          ValueEmitter array = pe.constructArray(STRING, pieces.size());
          for (int i = 0; i < pieces.size(); i++) {
            array.setElement(i, pieces.get(i));
          }
          return pe.invoke(
              new MethodReference(SUPPORT, "concat", ValueType.arrayOf(STRING), STRING), array);
        }
    }
  }

  /** {@code String.valueOf(argument)} at the argument's static type. */
  private static ValueEmitter asString(ProgramEmitter pe, ValueType type, ValueEmitter argument) {
    ValueType parameter;
    if (type instanceof ValueType.Primitive) {
      switch (((ValueType.Primitive) type).getKind()) {
        case BYTE:
          argument = argument.castToInteger(IntegerSubtype.BYTE);
          parameter = ValueType.INTEGER;
          break;
        case SHORT:
          argument = argument.castToInteger(IntegerSubtype.SHORT);
          parameter = ValueType.INTEGER;
          break;
        default:
          parameter = type;
      }
    } else {
      parameter = ValueType.object("java.lang.Object");
    }
    return pe.invoke(new MethodReference("java.lang.String", "valueOf", parameter, STRING), argument);
  }

  /** A non-empty literal of ASCII characters only. */
  private static boolean ascii(String literal) {
    if (literal == null || literal.isEmpty()) {
      return false;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (literal.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * The ASCII bytes of {@code literal} two to a character, the first in the low byte: the
   * characters' memory (UTF-16, little-endian) holds the bytes in order. Never a surrogate (both
   * bytes are below 0x80).
   */
  static String packed(String literal) {
    char[] out = new char[(literal.length() + 1) / 2];
    for (int i = 0; i < literal.length(); i++) {
      out[i >> 1] |= (char) (literal.charAt(i) << ((i & 1) << 3));
    }
    return new String(out);
  }

  /** A constant the recipe refers to, as text (javac passes only strings and numbers this way). */
  private static String constantText(RuntimeConstant c) {
    switch (c.getKind()) {
      case RuntimeConstant.STRING:
        return c.getString();
      case RuntimeConstant.INT:
        return Integer.toString(c.getInt());
      case RuntimeConstant.LONG:
        return Long.toString(c.getLong());
      case RuntimeConstant.FLOAT:
        return Float.toString(c.getFloat());
      case RuntimeConstant.DOUBLE:
        return Double.toString(c.getDouble());
      default:
        throw new IllegalArgumentException("unsupported constant in a string concatenation: " + c.getKind());
    }
  }
}
