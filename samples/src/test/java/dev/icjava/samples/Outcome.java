package dev.icjava.samples;

import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Replies;
import java.util.List;
import java.util.Locale;

/**
 * What the whoami contract requires of a call: a reply (exact text, any text when null, or a blob of
 * {@code blobBytes} bytes when that is not -1) or a trap whose message names every keyword.
 */
public record Outcome(boolean reply, String text, int blobBytes, List<String> keywords) {
  public static Outcome reply(String text) {
    return new Outcome(true, text, -1, List.of());
  }

  /** A blob of exactly this many bytes: registerBegin's nonce (32, as Internet Identity takes it). */
  public static Outcome blob(int bytes) {
    return new Outcome(true, null, bytes, List.of());
  }

  /** A trap whose message contains every keyword (ignoring case): it names what was wrong. */
  public static Outcome trap(String... keywords) {
    return new Outcome(false, null, -1, List.of(keywords));
  }

  /** Null when {@code r} is this outcome, else what differs. */
  public String check(CallResult r) {
    if (reply != (r instanceof CallResult.Reply)) {
      return "expected " + (reply ? "a reply" : "a trap") + ", got " + r;
    }
    if (reply) {
      if (blobBytes >= 0) {
        int got = Replies.blob(r).length;
        return got == blobBytes ? null : "expected a blob of " + blobBytes + " bytes, got " + got;
      }
      if (text == null) {
        return null;
      }
      String got = Replies.text(r);
      return text.equals(got) ? null : "expected reply \"" + text + "\", got \"" + got + "\"";
    }
    String message = r.trapMessage().toLowerCase(Locale.ROOT);
    for (String k : keywords) {
      if (!message.contains(k.toLowerCase(Locale.ROOT))) {
        return "trap message \"" + r.trapMessage() + "\" does not name \"" + k + "\"";
      }
    }
    return null;
  }
}
