package dev.icjava.testkit;

/**
 * The inputs of one message: who calls, with which argument bytes, and which identity attributes
 * (caller-info data and signer) the call carries. Immutable; build with {@link #from(byte[])}.
 */
public final class Call {
  /** The anonymous principal's bytes. */
  public static final byte[] ANONYMOUS = {0x04};

  private static final byte[] EMPTY_ARGS = {'D', 'I', 'D', 'L', 0, 0};

  private final byte[] caller;
  private final byte[] arg;
  private final byte[] callerInfoData;
  private final byte[] callerInfoSigner;

  private Call(byte[] caller, byte[] arg, byte[] data, byte[] signer) {
    this.caller = caller;
    this.arg = arg;
    this.callerInfoData = data;
    this.callerInfoSigner = signer;
  }

  /** A call from the principal with these bytes, with the empty Candid argument and no attributes. */
  public static Call from(byte[] caller) {
    return new Call(caller.clone(), EMPTY_ARGS, new byte[0], new byte[0]);
  }

  /** A call from the anonymous principal. */
  public static Call anonymous() {
    return from(ANONYMOUS);
  }

  /** The same call with these argument bytes. */
  public Call withArg(byte[] arg) {
    return new Call(caller, arg.clone(), callerInfoData, callerInfoSigner);
  }

  /** The same call carrying identity attributes: the bundle and the principal that signed it. */
  public Call withCallerInfo(byte[] data, byte[] signer) {
    return new Call(caller, arg, data.clone(), signer.clone());
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
