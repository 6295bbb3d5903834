package dev.icjava.calls;

import dev.icjava.runtime.SystemApi;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The outcome of an inter-canister call, to come: a reply of type {@code T} or a {@link Reject}.
 *
 * <p>Handlers run when the response arrives, in the callback message the IC runs for it (not in the
 * message that made the call, which has ended by then): {@link #onReply} and {@link #onReject} take
 * lambdas; {@link #map} transforms a reply; {@link #then} chains another call on a reply and stands
 * for its outcome; {@link #recover} turns a reject into a value. Handlers of one future run in the
 * order they were added; one added after the outcome is known runs at once.
 *
 * <pre>{@code
 * ManagementCanister.rawRand()
 *     .then(seed -> Call.to(ledger, "transfer").withArgs(encode(seed)).perform())
 *     .onReply(SystemApi::msgReply)
 *     .onReject(r -> SystemApi.msgReject("ledger: " + r.message()));
 * }</pre>
 *
 * <p>A handler that throws traps the callback it runs in: the IC rolls back that callback's changes
 * (not those of earlier messages) and runs the call's cleanup ({@link Call#onCleanup}). A reject
 * that reaches a future with no handler for it ({@link #onReject}, {@link #recover}, or a future
 * derived with {@link #map} or {@link #then}, which passes it on) traps too, naming the call: a
 * reject is never dropped silently.
 *
 * <p>Not thread-safe, and need not be: a canister runs one message at a time.
 */
public final class CallFuture<T> {
  private static final int PENDING = 0;
  private static final int REPLIED = 1;
  private static final int REJECTED = 2;

  /** What a handler does with each outcome; {@code handlesReject} when a reject is taken care of. */
  private abstract static class Listener<T> {
    abstract void replied(T value);

    abstract void rejected(Reject reject);

    abstract boolean handlesReject();
  }

  /** What the future stands for, printed only in a trap ({@link Call#toString()}, or a chain of them). */
  private final Object description;
  private int state;
  private T value;
  private Reject reject;
  private Listener<T>[] listeners;
  private int listenerCount;

  CallFuture(Object description) {
    this.description = description;
  }

  /**
   * A future already replied with {@code value}: for a method that makes a call only sometimes (the
   * first time, say) and returns a future either way. Handlers added to it run at once.
   *
   * @param <T> the reply's type
   * @param value the reply
   * @return a future already replied
   */
  public static <T> CallFuture<T> completed(T value) {
    CallFuture<T> f = new CallFuture<>("a completed future");
    f.complete(value);
    return f;
  }

  /**
   * Whether the outcome is known.
   *
   * @return whether the call replied or was rejected
   */
  public boolean isDone() {
    return state != PENDING;
  }

  /**
   * Whether the call replied already (handlers added now would run at once).
   *
   * @return whether the call replied
   */
  public boolean isReplied() {
    return state == REPLIED;
  }

  /**
   * The reply, once {@link #isReplied()}: for code that replies at once to a future completed
   * already, without handler objects (the glue of typed methods that return a future).
   *
   * @return the reply
   * @throws IllegalStateException when the call has not replied
   */
  public T value() {
    if (state != REPLIED) {
      throw new IllegalStateException(description + " has not replied");
    }
    return value;
  }

  /**
   * Runs {@code handler} with the reply, when there is one.
   *
   * @param handler what to run with the reply
   * @return this future
   */
  public CallFuture<T> onReply(Consumer<? super T> handler) {
    return listen(
        new Listener<T>() {
          @Override
          void replied(T v) {
            handler.accept(v);
          }

          @Override
          void rejected(Reject r) {}

          @Override
          boolean handlesReject() {
            return false;
          }
        });
  }

  /**
   * Runs {@code handler} with the reject, when the call is rejected.
   *
   * @param handler what to run with the reject
   * @return this future
   */
  public CallFuture<T> onReject(Consumer<? super Reject> handler) {
    return listen(
        new Listener<T>() {
          @Override
          void replied(T v) {}

          @Override
          void rejected(Reject r) {
            handler.accept(r);
          }

          @Override
          boolean handlesReject() {
            return true;
          }
        });
  }

  /**
   * A future of {@code f} applied to the reply; a reject passes through unchanged.
   *
   * @param <R> the new reply's type
   * @param f what to apply to the reply
   * @return a future of the mapped reply
   */
  public <R> CallFuture<R> map(Function<? super T, ? extends R> f) {
    CallFuture<R> derived = new CallFuture<>(description);
    listen(
        new Listener<T>() {
          @Override
          void replied(T v) {
            derived.complete(f.apply(v));
          }

          @Override
          void rejected(Reject r) {
            derived.fail(r);
          }

          @Override
          boolean handlesReject() {
            return true;
          }
        });
    return derived;
  }

  /**
   * A future of the call that {@code next} starts with the reply (for example {@code seed ->
   * Call.to(...).perform()}): it has that call's outcome. A reject of this call passes through, and
   * {@code next} does not run.
   *
   * @param <R> the next call's reply type
   * @param next what starts the next call, given this reply
   * @return a future of the next call's outcome
   */
  public <R> CallFuture<R> then(Function<? super T, CallFuture<R>> next) {
    CallFuture<R> derived = new CallFuture<>(description);
    listen(
        new Listener<T>() {
          @Override
          void replied(T v) {
            CallFuture<R> inner = next.apply(v);
            inner.listen(
                new Listener<R>() {
                  @Override
                  void replied(R value) {
                    derived.complete(value);
                  }

                  @Override
                  void rejected(Reject r) {
                    derived.fail(r);
                  }

                  @Override
                  boolean handlesReject() {
                    return true;
                  }
                });
          }

          @Override
          void rejected(Reject r) {
            derived.fail(r);
          }

          @Override
          boolean handlesReject() {
            return true;
          }
        });
    return derived;
  }

  /**
   * A future that replies with this reply, or with {@code f} applied to the reject.
   *
   * @param f what makes a reply of the reject
   * @return a future of this reply, or of the value {@code f} makes of the reject
   */
  public CallFuture<T> recover(Function<? super Reject, ? extends T> f) {
    CallFuture<T> derived = new CallFuture<>(description);
    listen(
        new Listener<T>() {
          @Override
          void replied(T v) {
            derived.complete(v);
          }

          @Override
          void rejected(Reject r) {
            derived.complete(f.apply(r));
          }

          @Override
          boolean handlesReject() {
            return true;
          }
        });
    return derived;
  }

  // ---- completion, from the callbacks ----

  void complete(T v) {
    settle();
    state = REPLIED;
    value = v;
    for (int i = 0; i < listenerCount; i++) {
      listeners[i].replied(v);
    }
  }

  void fail(Reject r) {
    settle();
    state = REJECTED;
    reject = r;
    boolean handled = false;
    for (int i = 0; i < listenerCount; i++) {
      handled |= listeners[i].handlesReject();
    }
    if (!handled) {
      throw SystemApi.trap("Unhandled reject of " + description + ": " + r);
    }
    for (int i = 0; i < listenerCount; i++) {
      listeners[i].rejected(r);
    }
  }

  private void settle() {
    if (state != PENDING) {
      throw new IllegalStateException(description + " completed twice");
    }
  }

  @SuppressWarnings("unchecked")
  private CallFuture<T> listen(Listener<T> listener) {
    if (state == REPLIED) {
      listener.replied(value);
      return this;
    }
    if (state == REJECTED) {
      listener.rejected(reject);
      return this;
    }
    if (listeners == null) {
      listeners = new Listener[2];
    } else if (listenerCount == listeners.length) {
      Listener<T>[] grown = new Listener[listenerCount * 2];
      System.arraycopy(listeners, 0, grown, 0, listenerCount);
      listeners = grown;
    }
    listeners[listenerCount++] = listener;
    return this;
  }
}
