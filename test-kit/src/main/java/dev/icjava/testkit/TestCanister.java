package dev.icjava.testkit;

import java.util.List;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLValue;

/**
 * An installed canister called with Java values: arguments are encoded by {@link CandidArgs},
 * the reply is decoded by ic4j-candid (an implementation independent of this project's), so a test
 * reads like the canister's interface:
 *
 * <pre>{@code
 * String me = backend.as(alice).query("whoAmI");          // (text) -> String
 * String hi = backend.call("greet", "Ada");                // (text) -> (text)
 * byte[] nonce = backend.call("registerBegin");           // (blob) -> byte[]
 * CanisterTrapException e = assertThrows(CanisterTrapException.class,
 *     () -> backend.call("protectedAction"));             // a trap, with the canister's message
 * }</pre>
 *
 * <p>Replies: none ({@code ()}) is {@code null}; one value is returned as ic4j-candid decodes it,
 * except that a {@code blob} is a {@code byte[]} and a {@code principal} its text; several values
 * are an {@code Object[]}. A trap throws {@link CanisterTrapException}, a reject {@link
 * CanisterRejectException}. Immutable: {@link #as} and {@link #withCallerInfo} return new handles on
 * the same canister. For instruction counts and the raw outcome, use {@link #raw}.
 */
public final class TestCanister {
  private final LocalReplica replica;
  private final Canister canister;
  private final byte[] caller;
  private final byte[] callerInfoData;
  private final byte[] callerInfoSigner;

  private TestCanister(LocalReplica replica, Canister canister, byte[] caller, byte[] data, byte[] signer) {
    this.replica = replica;
    this.canister = canister;
    this.caller = caller;
    this.callerInfoData = data;
    this.callerInfoSigner = signer;
  }

  /**
   * {@code canister} of {@code replica}, called by the anonymous principal.
   *
   * @param replica the replica
   * @param canister the installed canister
   * @return a new handle
   */
  public static TestCanister of(LocalReplica replica, Canister canister) {
    return new TestCanister(replica, canister, Request.anonymousPrincipal(), null, null);
  }

  /**
   * The same canister called by {@code identity}.
   *
   * @param identity the caller
   * @return a new handle
   */
  public TestCanister as(Identity identity) {
    return new TestCanister(replica, canister, identity.principal(), callerInfoData, callerInfoSigner);
  }

  /**
   * The same canister called by the principal of text {@code principal}.
   *
   * @param principal the caller's principal text
   * @return a new handle
   */
  public TestCanister as(String principal) {
    return new TestCanister(replica, canister, PrincipalTexts.parse(principal), callerInfoData, callerInfoSigner);
  }

  /**
   * The same canister called by the anonymous principal.
   *
   * @return a new handle
   */
  public TestCanister anonymous() {
    return new TestCanister(replica, canister, Request.anonymousPrincipal(), callerInfoData, callerInfoSigner);
  }

  /**
   * The same canister, each call carrying identity attributes: the Candid bundle and the principal
   * that signed it (the local replica checks no signature; the IC does).
   *
   * @param bundle the attribute bundle, a Candid message
   * @param signer the signer's principal bytes
   * @return a new handle
   */
  public TestCanister withCallerInfo(byte[] bundle, byte[] signer) {
    return new TestCanister(replica, canister, caller, bundle.clone(), signer.clone());
  }

  /**
   * The same canister, each call carrying {@code bundle} (for example {@link AttributeBundle#encode})
   * as identity attributes signed by Internet Identity ({@link AttributeBundle#INTERNET_IDENTITY}).
   *
   * @param bundle the attribute bundle, a Candid message
   * @return a new handle
   */
  public TestCanister withAttributes(byte[] bundle) {
    return withCallerInfo(bundle, PrincipalTexts.parse(AttributeBundle.INTERNET_IDENTITY));
  }

  /**
   * Calls update method {@code method} with {@code args} (see {@link CandidArgs}); its reply as
   * Java.
   *
   * @param <T> the reply's Java type
   * @param method the method's name
   * @param args the arguments, as Java values
   * @return the reply, as Java
   */
  @SuppressWarnings("unchecked")
  public <T> T call(String method, Object... args) {
    return (T) decode(canister.update(method, request(args)));
  }

  /**
   * Calls query method {@code method} with {@code args}; its reply as Java (changes discarded).
   *
   * @param <T> the reply's Java type
   * @param method the method's name
   * @param args the arguments, as Java values
   * @return the reply, as Java
   */
  @SuppressWarnings("unchecked")
  public <T> T query(String method, Object... args) {
    return (T) decode(canister.query(method, request(args)));
  }

  /**
   * Calls update method {@code method} and returns the outcome as it is (reply, reject or trap,
   * counts).
   *
   * @param method the method's name
   * @param args the arguments, as Java values
   * @return the outcome
   */
  public CallResult raw(String method, Object... args) {
    return canister.update(method, request(args));
  }

  /**
   * The canister's id as text.
   *
   * @return the id's text
   */
  public String id() {
    return PrincipalTexts.format(canister.id());
  }

  /**
   * The installed canister, for upgrades, memory, logs and the rest of test-kit's API.
   *
   * @return the canister
   */
  public Canister canister() {
    return canister;
  }

  /**
   * The replica it runs in (time, system tasks, other canisters).
   *
   * @return the replica
   */
  public LocalReplica replica() {
    return replica;
  }

  private Request request(Object[] args) {
    Request r = Request.from(caller).withArg(CandidArgs.encode(args));
    return callerInfoData == null ? r : r.withCallerInfo(callerInfoData, callerInfoSigner);
  }

  /**
   * The reply's values as Java, as the class comment says.
   *
   * @param result a call's outcome
   * @return the reply's values, as Java
   */
  public static Object decode(CallResult result) {
    byte[] bytes = result.replyBytes();
    List<IDLValue> values = IDLArgs.fromBytes(bytes).getArgs();
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return java(values.get(0).getValue());
    }
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = java(values.get(i).getValue());
    }
    return out;
  }

  private static Object java(Object v) {
    if (v instanceof Byte[] boxed) {
      byte[] out = new byte[boxed.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = boxed[i];
      }
      return out;
    }
    if (v instanceof org.ic4j.types.Principal p) {
      return PrincipalTexts.format(p.getValue());
    }
    return v;
  }
}
