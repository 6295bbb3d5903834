package dev.icjava.calls;

import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;

/**
 * The management canister ({@code aaaaa-aa}), the IC's own API, as typed calls: each method encodes
 * its Candid argument, performs the call, and decodes the reply into Java values. Its interface is
 * the interface spec's {@code management-canister.md} ({@code ic.did}).
 *
 * <p>{@link #rawRand()} is the first; {@code canister_status}, {@code http_request}, {@code
 * sign_with_ecdsa} and the rest join one by one, each as a method here built like it: a constant
 * method name, the argument's Candid type (encoded with the candid module's writer, once it has
 * one), the reply's type decoded strictly, a reject passed on. Until then {@link #call} sends any
 * method with argument bytes made elsewhere.
 */
public final class ManagementCanister {
  private static final CandidType BLOB = CandidType.blob();

  private ManagementCanister() {}

  /**
   * {@code raw_rand : () -> (blob)}: 32 bytes from the IC's random beacon, unpredictable to anyone
   * until the IC produces them (in a later round than the call: the response comes in a new message).
   * The only source of randomness a canister has. A reply that is not one blob of 32 bytes traps.
   *
   * @return a future of the 32 random bytes
   */
  public static CallFuture<byte[]> rawRand() {
    return call("raw_rand", null).map(ManagementCanister::decodeRawRand);
  }

  /**
   * Any method of the management canister, with {@code candid} (null: {@code ()}) as argument.
   *
   * @param method the management canister's method
   * @param candid the argument, a whole Candid message, or {@code null} for {@code ()}
   * @return a future of the reply's bytes
   */
  public static CallFuture<byte[]> call(String method, byte[] candid) {
    Call call = Call.to(Principal.managementCanister(), method);
    if (candid != null) {
      call.withArgs(candid);
    }
    return call.perform();
  }

  static byte[] decodeRawRand(byte[] reply) {
    byte[] bytes = CandidMessage.parse(reply).decode(BLOB)[0].blob();
    if (bytes.length != 32) {
      throw new IllegalStateException("raw_rand replied " + bytes.length + " bytes, not 32");
    }
    return bytes;
  }
}
