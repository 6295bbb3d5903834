package dev.icjava.build.teavm;

import java.util.HashMap;
import java.util.Map;
import org.teavm.model.AnnotationContainerReader;
import org.teavm.model.ClassReaderSource;
import org.teavm.model.MethodReader;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.model.optimization.InliningFilter;
import org.teavm.model.optimization.InliningFilterFactory;

/**
 * Keeps failure paths out of hot code. TeaVM's {@code FULL} level inlines any small callee, so that
 * every {@code throw new SomeException(prefix + value + suffix)} used to copy the exception's
 * constructor and the string building behind it into each method that can fail: in the whoami sample
 * those copies were most of the code (the method decoding a Candid value alone held 24 KB).
 *
 * <p>This filter refuses to inline a callee that only a failure runs: a method or constructor of a
 * {@code Throwable} subclass, a method that returns one (an exception factory), and the string
 * builders that assemble messages ({@code StringBuilder}, {@code AbstractStringBuilder}, the
 * runtime's {@code MessageBuilder} and the string concatenation of {@link StringConcatSupport}). It also
 * inlines nothing into code that runs once per instance: static initialisers and the canister's
 * {@code @Init} and {@code @PostUpgrade} methods, nor into or out of the library's timers ({@code
 * Timers} and the classes of {@code TimerQueue}), which run once per timer and a message of its
 * own. The hot path keeps everything else TeaVM would inline; a failing call pays one call more.
 */
public final class ColdCodeInliningFilter implements InliningFilterFactory {
  private static final String THROWABLE = "java.lang.Throwable";
  private static final String MESSAGE_BUILDER = "dev.icjava.runtime.internal.MessageBuilder";
  /** String concatenation ({@link StringConcatSupport}): mostly in messages, one call where it is not. */
  private static final String STRING_CONCAT = StringConcatSupport.class.getName();
  private static final String INIT = "dev.icjava.runtime.Init";
  private static final String POST_UPGRADE = "dev.icjava.runtime.PostUpgrade";
  /** The library's timers: their classes' names start with one of these. */
  private static final String[] TIMERS = {
    "dev.icjava.runtime.Timers", "dev.icjava.runtime.internal.TimerQueue", "dev.icjava.runtime.internal.TimerExecutor",
  };

  private final InliningFilterFactory base;
  private final ClassReaderSource classes;
  private final Map<String, Boolean> throwables = new HashMap<>();

  /**
   * Wraps {@code base}, reading classes from {@code classes} to tell which code is cold.
   *
   * @param base the filter factory to wrap
   * @param classes the program's classes
   */
  public ColdCodeInliningFilter(InliningFilterFactory base, ClassReaderSource classes) {
    this.base = base;
    this.classes = classes;
  }

  @Override
  public InliningFilter createFilter(MethodReference caller) {
    if (runsOnce(caller)) {
      return callee -> false;
    }
    InliningFilter inner = base.createFilter(caller);
    return callee -> inner.apply(callee) && !isCold(callee);
  }

  /** Whether {@code method} runs only on a failure path. */
  boolean isCold(MethodReference method) {
    String owner = method.getClassName();
    if (owner.equals("java.lang.StringBuilder")
        || owner.equals("java.lang.AbstractStringBuilder")
        || owner.equals(MESSAGE_BUILDER)
        || owner.equals(STRING_CONCAT)
        || isTimers(owner)) {
      return true;
    }
    if (isThrowable(owner)) {
      return true;
    }
    ValueType result = method.getReturnType();
    return result instanceof ValueType.Object && isThrowable(((ValueType.Object) result).getClassName());
  }

  /** Whether {@code method} runs once per instance: a static initialiser, an install or upgrade hook. */
  boolean runsOnce(MethodReference method) {
    if (method.getName().equals("<clinit>") || isTimers(method.getClassName())) {
      return true;
    }
    MethodReader reader = classes.resolve(method);
    if (reader == null) {
      return false;
    }
    AnnotationContainerReader annotations = reader.getAnnotations();
    return annotations.get(INIT) != null || annotations.get(POST_UPGRADE) != null;
  }

  private static boolean isTimers(String className) {
    for (String prefix : TIMERS) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private boolean isThrowable(String className) {
    return throwables.computeIfAbsent(
        className, c -> classes.isSuperType(THROWABLE, c).orElse(false));
  }
}
