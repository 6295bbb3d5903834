package dev.icjava.testkit;

/**
 * What a call sends a canister, as the sender of a request would: who calls, with which argument
 * bytes, and which identity attributes (caller-info data and signer) it carries. Immutable; build
 * with {@link #from(String)} (principal text), {@link #from(byte[])} or {@link #anonymous()}.
 *
 * <pre>{@code
 * canister.update("registerFinish", Request.from("2vxsx-fae").withCallerInfo(bundle, ii));
 * }</pre>
 */
public final class Request {
  private static final byte[] ANONYMOUS = {0x04};

  private static final byte[] EMPTY_ARGS = {'D', 'I', 'D', 'L', 0, 0};

  private final byte[] caller;
  private final byte[] arg;
  private final byte[] callerInfoData;
  private final byte[] callerInfoSigner;

  private Request(byte[] caller, byte[] arg, byte[] data, byte[] signer) {
    this.caller = caller;
    this.arg = arg;
    this.callerInfoData = data;
    this.callerInfoSigner = signer;
  }

  /**
   * A call from the principal with these bytes, with the empty Candid argument and no attributes.
   *
   * @param caller the caller's principal bytes
   * @return the request
   */
  public static Request from(byte[] caller) {
    return new Request(caller.clone(), EMPTY_ARGS, new byte[0], new byte[0]);
  }

  /**
   * A call from the principal of text {@code caller} ({@code 2vxsx-fae} is the anonymous one), with
   * the empty Candid argument and no attributes; {@link IllegalArgumentException} for a text that
   * is not a principal's.
   *
   * @param caller the caller's principal text
   * @return the request
   */
  public static Request from(String caller) {
    return new Request(PrincipalTexts.parse(caller), EMPTY_ARGS, new byte[0], new byte[0]);
  }

  /**
   * The anonymous principal's bytes ({@code 04}), a copy.
   *
   * @return the anonymous principal's bytes
   */
  public static byte[] anonymousPrincipal() {
    return ANONYMOUS.clone();
  }

  /**
   * A call from the anonymous principal.
   *
   * @return the request
   */
  public static Request anonymous() {
    return from(ANONYMOUS);
  }

  /**
   * The same call with these argument bytes.
   *
   * @param arg the argument, a Candid message
   * @return a new request
   */
  public Request withArg(byte[] arg) {
    return new Request(caller, arg.clone(), callerInfoData, callerInfoSigner);
  }

  /**
   * The same call carrying identity attributes: the bundle and the principal that signed it.
   *
   * @param data the attribute bundle, a Candid message
   * @param signer the signer's principal bytes
   * @return a new request
   */
  public Request withCallerInfo(byte[] data, byte[] signer) {
    return new Request(caller, arg, data.clone(), signer.clone());
  }

  byte[] caller() {
    return caller;
  }

  byte[] arg() {
    return arg;
  }

  byte[] callerInfoData() {
    return callerInfoData;
  }

  byte[] callerInfoSigner() {
    return callerInfoSigner;
  }
}
