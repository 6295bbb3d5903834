package dev.icjava.build.teavm;

import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ClassReader;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReader;
import org.teavm.model.ValueType;

/**
 * Makes one allocation larger than the heap's free space grow the heap, in TeaVM 0.13.1's garbage
 * collector ({@code org.teavm.runtime.GC}): the bodies of {@code hasAvailableChunk}, {@code
 * getNextChunkIfPossible}, {@code hasAvailableMemory}, {@code computeMinRequestedSize}, {@code
 * resizeHeapConsistent} and {@code storeGapsInCardTable} become calls to {@code org.teavm.runtime.IcjavaHeapGrowth}, whose Javadoc
 * says what they got wrong. A build whose TeaVM
 * lacks one of these methods fails here, naming it, rather than compiling a canister whose heap
 * cannot grow.
 */
final class HeapGrowthTransformer implements ClassHolderTransformer {
  static final String GC = "org.teavm.runtime.GC";
  static final String REPLACEMENT = "org.teavm.runtime.IcjavaHeapGrowth";

  private static final MethodDescriptor[][] REPLACED = {
    {
      new MethodDescriptor("hasAvailableChunk", ValueType.INTEGER, ValueType.BOOLEAN),
      new MethodDescriptor("hasAvailableChunk", ValueType.INTEGER, ValueType.BOOLEAN)
    },
    {
      new MethodDescriptor("getNextChunkIfPossible", ValueType.INTEGER, ValueType.BOOLEAN),
      new MethodDescriptor("getNextChunkIfPossible", ValueType.INTEGER, ValueType.BOOLEAN)
    },
    {
      new MethodDescriptor("computeMinRequestedSize", ValueType.INTEGER, ValueType.LONG),
      new MethodDescriptor("minRequestedSize", ValueType.INTEGER, ValueType.LONG)
    },
    {
      new MethodDescriptor("resizeHeapConsistent", ValueType.LONG, ValueType.VOID),
      new MethodDescriptor("resizeHeap", ValueType.LONG, ValueType.VOID)
    },
    {
      new MethodDescriptor("hasAvailableMemory", ValueType.INTEGER, ValueType.BOOLEAN),
      new MethodDescriptor("hasAvailableMemory", ValueType.INTEGER, ValueType.BOOLEAN)
    },
    {
      new MethodDescriptor("storeGapsInCardTable", ValueType.VOID),
      new MethodDescriptor("storeGapsInCardTable", ValueType.VOID)
    }
  };

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    if (!cls.getName().equals(GC)) {
      return;
    }
    ClassReader replacement = context.getHierarchy().getClassSource().get(REPLACEMENT);
    for (MethodDescriptor[] pair : REPLACED) {
      MethodHolder method = cls.getMethod(pair[0]);
      MethodReader target = replacement == null ? null : replacement.getMethod(pair[1]);
      if (method == null || target == null) {
        throw new IllegalStateException(
            "TeaVM's collector no longer has " + GC + "." + pair[0] + " (or " + REPLACEMENT + "." + pair[1]
                + " is missing): the heap-growth fix is written for TeaVM 0.13.1");
      }
      Delegation.replaceBody(method, target.getReference(), context.getHierarchy());
    }
  }
}
