package dev.icjava.testkit;

import java.util.List;

/**
 * The management canister's refusals in the IC's words: {@code CanisterManagerError} turned into a
 * {@code UserError} (dfinity/ic {@code rs/execution_environment/src/canister_manager/types.rs} at
 * 7d782b8b, {@code impl From<CanisterManagerError> for UserError} and its {@code error_help}): the
 * description, then a line with the suggestion and {@code "See documentation: "} and the link. The
 * reject code is the error code's first digit ({@code rs/types/error_types}: IC0301 → 3, IC05xx →
 * 5). A calling canister and a user read the same description; a user also gets the error code.
 */
final class ManagementErrors {
  private ManagementErrors() {}

  /** A refusal: reject code, description, IC error code. */
  record Refusal(int code, String message, String errorCode) {}

  static Refusal notFound(byte[] id) {
    return new Refusal(3, "Canister " + text(id) + " not found." + help(
        "Check the ICP dashboard to ensure the canister exists.", "canister-not-found"), "IC0301");
  }

  /** {@code CanisterInvalidController}: IC0512, the controllers joined by spaces. */
  static Refusal notController(byte[] id, List<byte[]> controllers, byte[] sender) {
    StringBuilder expected = new StringBuilder();
    for (byte[] c : controllers) {
      if (expected.length() > 0) {
        expected.append(' ');
      }
      expected.append(text(c));
    }
    return new Refusal(5, "Only the controllers of the canister " + text(id) + " can control it.\n"
        + "Canister's controllers: " + expected + "\nSender's ID: " + text(sender)
        + help("Execute this call from a controller of the target canister or add the current caller as a controller.",
            "invalid-controller"), "IC0512");
  }

  /** {@code CanisterNonEmpty}: mode install on a canister that has a module (IC0514). */
  static Refusal nonEmpty(byte[] id) {
    return new Refusal(5, "Canister " + text(id) + " cannot be installed because the canister is not empty. Try"
        + " installing with mode='reinstall' instead."
        + help("Check that you want to overwrite the canister and, if so, use mode='reinstall'.", "canister-not-empty"),
        "IC0514");
  }

  /** {@code DeleteCanisterNotStopped} (IC0510). */
  static Refusal deleteNotStopped(byte[] id) {
    return new Refusal(5, "Canister " + text(id) + " must be stopped before it is deleted."
        + help("Stop the canister before deleting it.", "delete-canister-not-stopped"), "IC0510");
  }

  /** {@code DeleteCanisterSelf} (IC0512). */
  static Refusal deleteSelf(byte[] id) {
    return new Refusal(5, "Canister " + text(id) + " cannot delete itself."
        + help("Delete the canister from one of its other controllers.", "delete-canister-self"), "IC0512");
  }

  /** {@code CanisterIdAlreadyExists} (IC0205, reject code 2), no help ({@code InternalError}). */
  static Refusal idExists(byte[] id) {
    return new Refusal(2, "Unsuccessful canister creation: canister id " + text(id) + " already exists.", "IC0205");
  }

  /** {@code InvalidSettings} (IC0504). */
  static Refusal invalidSettings(String why) {
    return new Refusal(5, "Could not validate the settings: " + why + " "
        + help("Apply the described changes to make the settings valid.", "invalid-settings").substring(1), "IC0504");
  }

  /** {@code WasmChunkStoreError} (IC0504 as the IC's {@code CanisterContractViolation}). */
  static Refusal chunkStore(String why) {
    return new Refusal(5, "Error from Wasm chunk store: " + why
        + help("Use the `stored_chunks` API to check which hashes are present or top up the canister if it is low"
            + " on cycles.", "wasm-chunk-store-error"), "IC0504");
  }

  /**
   * A module that was not installed: the IC's hypervisor error as the user reads it, {@code "Error
   * from Canister <id>: <why>"} (invalid module IC0505, a trap in a hook IC0503, a missing upgrade
   * option IC0504).
   */
  static Refusal install(byte[] id, CanisterInstallException e) {
    String code = !e.violations().isEmpty() ? "IC0505" : e.getMessage().contains("trapped") ? "IC0503" : "IC0504";
    return new Refusal(5, "Error from Canister " + text(id) + ": " + e.getMessage(), code);
  }

  /** {@code CanisterWasmModuleNotFound} (IC0537): a message to a canister with no module. */
  static Refusal empty(byte[] id) {
    return new Refusal(5, "Error from Canister " + text(id)
        + ": Attempted to execute a message, but the canister contains no Wasm module.", "IC0537");
  }

  /** A call to a stopped or stopping canister (IC0508 / IC0509, {@code validate_canister}). */
  static Refusal notRunning(byte[] id, int status) {
    return new Refusal(5, "Canister " + text(id) + " is not running", status == 2 ? "IC0509" : "IC0508");
  }

  /** An argument that does not decode at the method's type (IC0408, as {@code InvalidManagementPayload}). */
  static Refusal payload(String method, String why) {
    return new Refusal(4, "Error decoding candid: the argument of " + method + ": " + why, "IC0408");
  }

  /** {@code SubnetMethodNotAllowed}: a method ingress may not call (IC0406). */
  static Refusal notFromIngress(String method) {
    return new Refusal(4, "ic00 method " + method + " can not be called via ingress messages", "IC0406");
  }

  private static String help(String suggestion, String anchor) {
    return "\n" + suggestion + " See documentation: " + IcErrors.DOCS + anchor;
  }

  static String text(byte[] id) {
    return PrincipalTexts.format(id);
  }
}
