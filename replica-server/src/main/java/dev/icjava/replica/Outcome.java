package dev.icjava.replica;

import dev.icjava.callerauth.Principal;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.SystemCanister;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a message ended, in the terms of the HTTPS interface: a reply, or a reject code, message and
 * error code as the IC words them (https-interface.md, "Reject codes", "Error codes"; the messages
 * are dfinity/ic's {@code HypervisorError::into_user_error} descriptions, {@code
 * rs/interfaces/src/execution_environment/errors.rs}: {@code Error from Canister <id>: Canister
 * called `ic0.trap` with message: '<message>'.} (IC0503), {@code ... Canister has no update method
 * '<m>'..} (IC0536), each with its help line).
 */
record Outcome(byte[] reply, int rejectCode, String rejectMessage, String errorCode) {
  static final String DOCS = "https://internetcomputer.org/docs/current/references/execution-errors#";
  static final String TRAP_DOC =
      "Consider gracefully handling failures from this canister or altering the canister to handle exceptions. "
          + "See documentation: " + DOCS + "trapped-explicitly";
  static final String METHOD_DOC =
      "Check that the method being called is exported by the target canister. See documentation: " + DOCS
          + "method-not-found";

  private static final Pattern NO_METHOD = Pattern.compile("has no (update|query) method '(.*)'$", Pattern.DOTALL);

  boolean replied() {
    return reply != null;
  }

  static Outcome reply(byte[] bytes) {
    return new Outcome(bytes, 0, null, null);
  }

  static Outcome reject(int code, String errorCode, String message) {
    return new Outcome(null, code, message, errorCode);
  }

  static Outcome of(CallResult r, byte[] canisterId) {
    if (r instanceof CallResult.Reply reply) {
      return reply(reply.bytes());
    }
    if (r instanceof CallResult.Reject j) {
      String code = j.errorCode();
      if (j.code() == 4) {
        return reject(4, code == null ? "IC0406" : code, j.message());
      }
      if ("IC0536".equals(code)) {
        Matcher m = NO_METHOD.matcher(j.message());
        if (m.find()) {
          return noSuchMethod(canisterId, m.group(1), m.group(2));
        }
        return reject(5, code, j.message());
      }
      // IC0506 ("Canister <id> did not reply to the call", action_to_ingress_response), IC0527, IC0301: test-kit's words are the IC's
      return reject(j.code(), code, j.message());
    }
    CallResult.Trap t = (CallResult.Trap) r;
    return trap(canisterId, t.message());
  }

  /** A canister's trap with {@code trap}, as test-kit words it (its own traps) or the canister's ic0.trap message. */
  static Outcome trap(byte[] canisterId, String trap) {
    String from = "Error from Canister " + Principal.fromBytes(canisterId).toText() + ": ";
    if (trap.startsWith("Wasm trap: ")) {
      return reject(5, "IC0502", from + "Canister trapped: " + trap.substring("Wasm trap: ".length()) + ".\n"
          + TRAP_DOC.replace("#trapped-explicitly", "#trapped"));
    }
    if (trap.startsWith("instruction limit exceeded")) {
      return reject(5, "IC0522", from + "Canister exceeded the limit of instructions for single message execution.");
    }
    if (trap.startsWith("ic0.")) {
      return reject(5, "IC0504", from + "Canister violated contract: " + trap);
    }
    return reject(5, "IC0503", from + "Canister called `ic0.trap` with message: '" + trap + "'.\n" + TRAP_DOC);
  }

  /** {@code IC0536}: the canister has no {@code kind} ({@code update}, {@code query}) method {@code method}. */
  static Outcome noSuchMethod(byte[] canisterId, String kind, String method) {
    return reject(5, "IC0536", "Error from Canister " + Principal.fromBytes(canisterId).toText() + ": Canister has no "
        + kind + " method '" + method + "'..\n" + METHOD_DOC);
  }

  /** A query to a Java system canister: run non-replicated, as a query of a Wasm canister. */
  static Outcome ofSystemQuery(SystemCanister s, byte[] canisterId, String method, byte[] caller, byte[] arg, long time) {
    if (!s.isQuery(method)) {
      return noSuchMethod(canisterId, "query", method);
    }
    SystemCanister.Response r = s.handle(new SystemCanister.Request(caller, method, arg, 0, false, time));
    if (r instanceof SystemCanister.Reply reply) {
      return reply(reply.bytes());
    }
    if (r instanceof SystemCanister.Reject j) {
      return reject(j.code(), j.errorCode(), j.message());
    }
    if (r instanceof SystemCanister.Trap t) {
      return trap(canisterId, t.message());
    }
    return reject(5, "IC0504", "Error from Canister " + Principal.fromBytes(canisterId).toText()
        + ": Canister violated contract: a query method cannot make calls");
  }
}
