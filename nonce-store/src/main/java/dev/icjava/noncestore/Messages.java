package dev.icjava.noncestore;

import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.StaticInit;

/**
 * The constant parts of the refusals a caller can provoke at will (its cap, a full store), encoded
 * once when the module is instantiated ({@code @StaticInit}): a refusal then costs copies, not
 * string building (about a hundred instructions per character in a canister).
 */
@StaticInit
final class Messages {
  private Messages() {}

  static final byte[] CALLER = Utf8.encode("Caller ");
  static final byte[] ALREADY_HOLDS = Utf8.encode(" already holds ");
  static final byte[] CAP_REACHED =
      Utf8.encode(" live nonces, the most allowed; consume one or wait for one to expire.");
  static final byte[] FULL = Utf8.encode("Nonce store full: ");
  static final byte[] HELD_CAPACITY = Utf8.encode(" nonces held (capacity ");
  static final byte[] TRY_AGAIN = Utf8.encode("); try again when some have expired.");
  static final byte[] CALLERS_HOLD = Utf8.encode(" callers hold nonces.");
}
