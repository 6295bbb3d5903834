package dev.icjava.attributes;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.internal.MessageBuilder;
import dev.icjava.runtime.SystemApi;
import org.teavm.interop.StaticInit;

/**
 * The identity attributes attached to a call: their signer and their bytes ({@code
 * ic0.msg_caller_info_signer} and {@code ic0.msg_caller_info_data}). The IC has checked the
 * signature, not who signed, so the bytes are handed out only through {@link #trustedData}, after
 * the signer is found trusted.
 *
 * <p>Static-init (initialised when the module starts): otherwise a message that traps after its
 * first use would discard the initialisation and the next would pay for it again. Its initializer
 * uses nothing of another class's static state.
 */
@StaticInit
public final class CallerInfo {
  private final Principal signer;
  private byte[] data; // read on demand for the current call

  private CallerInfo(Principal signer, byte[] data) {
    this.signer = signer;
    this.data = data;
  }

  /**
   * The caller info of the current message; the data is read only if it is asked for.
   *
   * @return the current message's caller info
   */
  public static CallerInfo current() {
    byte[] signer = SystemApi.msgCallerInfoSigner();
    return signer == null ? ABSENT : new CallerInfo(Principal.fromBytes(signer), null);
  }

  /** A call without attributes: shared, since there is nothing to read or cache. */
  private static final CallerInfo ABSENT = new CallerInfo(null, new byte[0]);

  /**
   * Given values, for tests and for code that has them from elsewhere.
   *
   * @param signer the signer (not {@code null})
   * @param data the attribute bytes
   * @return the caller info
   */
  public static CallerInfo of(Principal signer, byte[] data) {
    if (signer == null) {
      throw new IllegalArgumentException("a call with attributes has a signer; use none()");
    }
    return new CallerInfo(signer, data.clone());
  }

  /**
   * A call without attributes.
   *
   * @return caller info without attributes
   */
  public static CallerInfo none() {
    return new CallerInfo(null, new byte[0]);
  }

  /**
   * Whether the call carries attributes (a signer of non-zero size).
   *
   * @return whether the call carries attributes
   */
  public boolean hasAttributes() {
    return signer != null;
  }

  /**
   * Who signed the attributes, or {@code null} when there are none.
   *
   * @return the signer, or {@code null}
   */
  public Principal signer() {
    return signer;
  }

  /**
   * The attribute bytes, if the call carries any and {@code trusted} trusts their signer; {@code
   * null} when there are none. Traps ({@link AttributeException}) when the signer is not trusted or
   * no signer is configured. This is mo:core's {@code CallerAttributes.getAttributes}.
   *
   * @param trusted the trusted signers
   * @return the attribute bytes, or {@code null}
   */
  public byte[] trustedData(TrustedSigners trusted) {
    if (signer == null) {
      return null;
    }
    requireTrusted(trusted);
    return data();
  }

  void requireTrusted(TrustedSigners trusted) {
    if (!trusted.trusts(signer)) {
      throw untrusted(signer);
    }
  }

  /** Built here, not at the throwing site: the canister build does not inline exception factories. */
  private static AttributeException untrusted(Principal signer) {
    MessageBuilder m = new MessageBuilder().append(Messages.SIGNED_BY);
    int at = m.reserve(signer.textLength()); // before buffer(): reserving may grow it
    signer.writeText(m.buffer(), at);
    return new AttributeException(
        AttributeException.Reason.UNTRUSTED_SIGNER, m.append(Messages.NOT_TRUSTED).toArray());
  }

  /** The size of the attribute bytes, without reading them (the System API's size, or the given bytes'). */
  int dataSize() {
    return data != null ? data.length : SystemApi.msgCallerInfoDataSize();
  }

  byte[] data() {
    if (data == null) {
      data = SystemApi.msgCallerInfoData();
    }
    return data;
  }
}
