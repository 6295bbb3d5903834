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
            literal.setLength(0);
          }
          if (c == VALUE_ARGUMENT) {
            pieces.add(asString(pe, callSite.getCalledMethod().parameterType(value), callSite.getArguments().get(value)));
            value++;
          } else {
            pieces.add(pe.constant(constantText(callSite.getBootstrapArguments().get(constant++))));
          }
        } else {
          literal.append(c);
        }
      }
      if (literal.length() > 0) {
        pieces.add(pe.constant(literal.toString()));
      }
    } else {
      for (int i = 0; i < count; i++) {
        pieces.add(asString(pe, callSite.getCalledMethod().parameterType(i), callSite.getArguments().get(i)));
      }
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
