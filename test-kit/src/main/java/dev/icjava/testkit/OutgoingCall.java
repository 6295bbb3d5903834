package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;

/**
 * A call under construction between {@code ic0.call_new} and {@code ic0.call_perform} (dfinity/ic's
 * {@code RequestInPrep}), then the request performed: callee, method, argument, cycles, the reply,
 * reject and cleanup closures, and the timeout of a bounded-wait call.
 */
final class OutgoingCall {
  /** A table index and the value passed to the function found there. */
  record Closure(long fun, long env) {}

  final byte[] callee;
  final String method;
  final Closure reply;
  final Closure reject;
  final ByteArrayOutputStream payload = new ByteArrayOutputStream();
  Closure cleanup;
  long cycles;
  /** Seconds, or -1 for a call that waits for its answer however long it takes. */
  long timeoutSeconds = -1;

  OutgoingCall(byte[] callee, String method, Closure reply, Closure reject) {
    this.callee = callee;
    this.method = method;
    this.reply = reply;
    this.reject = reject;
  }
}
