package dev.icjava.attributes;

import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.StaticInit;

/**
 * The constant parts of trap messages, encoded once when the module is instantiated ({@code
 * @StaticInit}), so that a refusal costs copies rather than string building.
 */
@StaticInit
final class Messages {
  static final byte[] NO_ATTRIBUTES = Utf8.encode("This call carries no identity attributes.");
  static final byte[] SIGNED_BY = Utf8.encode("Attributes signed by ");
  static final byte[] NOT_TRUSTED = Utf8.encode(", which is not a trusted signer.");
  static final byte[] ORIGIN = Utf8.encode("Attribute origin \"");
  static final byte[] NOT_ONE_OF = Utf8.encode("\" is not one of the ");
  static final byte[] EXPECTED_ORIGINS = Utf8.encode(" expected origins.");
  static final byte[] ISSUED_AT = Utf8.encode("Attributes issued at ");
  static final byte[] OLDER_THAN = Utf8.encode(" ns are older than ");
  static final byte[] NOW_PAREN = Utf8.encode(" s (now ");
  static final byte[] NS_PAREN = Utf8.encode(" ns).");
  static final byte[] MORE_THAN = Utf8.encode(" ns, more than ");
  static final byte[] AFTER_NOW = Utf8.encode(" s after now (");
  static final byte[] ANONYMOUS_CALLER =
      Utf8.encode("Attributes presented by the anonymous principal, as which anyone can call.");
  static final byte[] MALFORMED = Utf8.encode("Malformed attribute bundle: ");
  static final byte[] BEYOND_LIMITS = Utf8.encode("Attribute bundle beyond what its signer signs: ");
  static final byte[] PERIOD = Utf8.encode(".");
  static final byte[] ONLY_FLAT = Utf8.encode(" value; only NAT, BLOB and TEXT values are signed.");
  static final byte[] NOT_SORTED = Utf8.encode("keys not sorted and unique: entry ");
  static final byte[] QUOTE = Utf8.encode("\"");
  static final byte[] SPACE_QUOTE = Utf8.encode(" \"");
  static final byte[] FOLLOWS = Utf8.encode("\" follows \"");
  static final byte[] NONCE_REFUSED = Utf8.encode("Attribute nonce refused: ");
  static final byte[] ATTRIBUTE = Utf8.encode("Attribute ");
  static final byte[] IS_MISSING = Utf8.encode(" is missing.");
  static final byte[] IS_A = Utf8.encode(" is a ");
  static final byte[] NOT_TEXT = Utf8.encode(", not TEXT.");
  static final byte[] SIGNERS_NOT_SET = Utf8.encode("Environment variable " + TrustedSigners.ENVIRONMENT_VARIABLE
      + " is not set: no attribute signer is trusted.");
  static final byte[] SIGNERS_EMPTY = Utf8.encode("Environment variable " + TrustedSigners.ENVIRONMENT_VARIABLE
      + " lists no principal: no attribute signer is trusted.");

  private Messages() {}
}
