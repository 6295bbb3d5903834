package dev.icjava.testkit;

/**
 * The IC's wording of what a calling canister receives when its callee fails, so that a canister
 * tested here reads what it would read on the IC.
 *
 * <p>A callee's failure reaches its caller as a reject whose message is the IC's {@code UserError}
 * printed as {@code "<error code>: <description>"} (dfinity/ic {@code
 * rs/types/error_types/src/lib.rs}, {@code impl Display for UserError}), the reject code following the
 * error code's first digit ({@code From<ErrorCode> for RejectCode}); a callee that returned without
 * answering and has no call outstanding gives {@code CANISTER_ERROR} with the message {@code "No
 * response"} ({@code rs/execution_environment/src/execution/common.rs}, {@code
 * action_to_request_response}); a callee that does not exist gives {@code DESTINATION_INVALID} with
 * {@code "Canister <id> not found"} (message routing's {@code StateError::CanisterNotFound}). The
 * descriptions are {@code "Error from Canister <id>: <error>.\n<help>"} ({@code
 * rs/interfaces/src/execution_environment/errors.rs}, {@code HypervisorError::into_user_error}, its
 * {@code Display} and {@code error_help}).
 */
final class IcErrors {
  static final String DOCS = "https://internetcomputer.org/docs/current/references/execution-errors#";

  private IcErrors() {}

  /** The reject message a caller receives for a callee message that ended in {@code trap}. */
  static String rejectFor(String callee, String trapMessage, String errorCode) {
    return errorCode + ": " + describe(callee, trapMessage, errorCode);
  }

  /** The {@code UserError} description of a trap of canister {@code callee}. */
  static String describe(String callee, String trapMessage, String errorCode) {
    String from = "Error from Canister " + callee + ": ";
    switch (errorCode) {
      case "IC0503":
        return from + "Canister called `ic0.trap` with message: '" + trapMessage + "'.\n"
            + help("Consider gracefully handling failures from this canister or altering the canister to handle"
                + " exceptions.", "trapped-explicitly");
      case "IC0502":
        String code = trapMessage.startsWith("Wasm trap: ") ? trapMessage.substring("Wasm trap: ".length()) : trapMessage;
        return from + "Canister trapped: " + code + ".\n"
            + help("Consider gracefully handling failures from this canister or altering the canister to handle"
                + " exceptions.", "trapped");
      case "IC0522":
        return from + "Canister exceeded the limit of instructions for single message execution.\n"
            + help("Try optimizing this method to consume fewer instructions or split the work across multiple"
                + " messages.", "instruction-limit-exceeded");
      default:
        return from + "Canister violated contract: " + trapMessage;
    }
  }

  /** The reject message for a method the callee does not export. */
  static String noSuchMethod(String callee, String kind, String method) {
    return "IC0536: Error from Canister " + callee + ": Canister has no " + kind + " method '" + method + "'..\n"
        + help("Check that the method being called is exported by the target canister.", "method-not-found");
  }

  private static String help(String suggestion, String anchor) {
    return suggestion + " See documentation: " + DOCS + anchor;
  }
}
