package dev.icjava.replica;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replica's one execution thread: every message, every round of system tasks and every read of
 * the state runs here, one at a time, in the order submitted (first come, first executed, as one IC
 * node orders its ingress into blocks). The HTTP front end parses, authenticates and signs on its
 * own threads, many requests at once, and hands only execution to this thread.
 */
final class MessageExecutor implements AutoCloseable {
  /** A task for the execution thread that may refuse the request. */
  @FunctionalInterface
  interface Task<T> {
    T run() throws Refusal;
  }

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "replica-executor");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code task} on the execution thread after everything submitted before it; its result. */
  <T> T run(Task<T> task) throws Refusal {
    Future<Object> f = thread.submit(() -> {
      try {
        return task.run();
      } catch (Refusal r) {
        return new Refused(r);
      }
    });
    Object out;
    try {
      out = f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the replica's execution thread", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
    if (out instanceof Refused r) {
      throw r.refusal();
    }
    @SuppressWarnings("unchecked")
    T t = (T) out;
    return t;
  }

  /** Runs {@code task} every {@code periodMillis} on the execution thread, between messages. */
  void every(long periodMillis, Runnable task) {
    thread.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Stops taking tasks; waits up to {@code millis} for the one running to end. */
  void shutdown(long millis) {
    thread.shutdown();
    try {
      thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(5_000);
  }

  private record Refused(Refusal refusal) {}
}
