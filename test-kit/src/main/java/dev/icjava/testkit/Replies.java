package dev.icjava.testkit;

import org.ic4j.candid.parser.IDLArgs;

/**
 * The single value of a canister's Candid reply, decoded by ic4j-candid: an implementation
 * independent of the project's reader, so a test never checks the writer with its own twin.
 */
public final class Replies {
  private Replies() {}

  /**
   * The reply's first value as ic4j-candid decodes it.
   *
   * @param r a reply
   * @return its first value
   */
  public static Object value(CallResult r) {
    return IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue();
  }

  /**
   * A {@code (text)} reply.
   *
   * @param r a reply
   * @return the text
   */
  public static String text(CallResult r) {
    Object v = value(r);
    if (!(v instanceof String s)) {
      throw new IllegalStateException("the reply is not text: " + r);
    }
    return s;
  }

  /**
   * A {@code (blob)} reply (ic4j-candid gives {@code byte[]} or {@code Byte[]}).
   *
   * @param r a reply
   * @return the bytes
   */
  public static byte[] blob(CallResult r) {
    Object v = value(r);
    if (v instanceof byte[] b) {
      return b;
    }
    if (!(v instanceof Byte[] boxed)) {
      throw new IllegalStateException("the reply is not a blob: " + r);
    }
    byte[] out = new byte[boxed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }
}
