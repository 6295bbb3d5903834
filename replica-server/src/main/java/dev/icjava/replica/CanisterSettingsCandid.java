package dev.icjava.replica;

import static dev.icjava.candid.CandidType.field;
import static dev.icjava.candid.CandidType.nat;
import static dev.icjava.candid.CandidType.nat64;
import static dev.icjava.candid.CandidType.nullType;
import static dev.icjava.candid.CandidType.opt;
import static dev.icjava.candid.CandidType.principal;
import static dev.icjava.candid.CandidType.record;
import static dev.icjava.candid.CandidType.text;
import static dev.icjava.candid.CandidType.variant;
import static dev.icjava.candid.CandidType.vec;

import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import java.util.List;

/**
 * {@code CanisterSettings} as the cycles ledger and the cycles minting canister pass it on to the
 * management canister's {@code create_canister} (dfinity/cycles-ledger {@code cycles-ledger.did} @
 * 2703d363: {@code controllers}, {@code compute_allocation}, {@code memory_allocation}, {@code
 * freezing_threshold}, {@code reserved_cycles_limit}, {@code wasm_memory_limit}, {@code
 * wasm_memory_threshold}, {@code log_visibility}, {@code environment_variables}): decoded at this
 * type, newer fields a client sends are dropped, as the ledger's own decoding drops them; written
 * back as the management canister's {@code create_canister_args} (developer-docs {@code ic.did}).
 */
final class CanisterSettingsCandid {
  private CanisterSettingsCandid() {}

  static final CandidType LOG_VISIBILITY = variant(
      field("controllers", nullType()), field("public", nullType()), field("allowed_viewers", vec(principal())));

  static final CandidType ENVIRONMENT_VARIABLE = record(field("name", text()), field("value", text()));

  static final CandidType SETTINGS = record(
      field("controllers", opt(vec(principal()))), field("compute_allocation", opt(nat())),
      field("memory_allocation", opt(nat())), field("freezing_threshold", opt(nat())),
      field("reserved_cycles_limit", opt(nat())), field("wasm_memory_limit", opt(nat())),
      field("wasm_memory_threshold", opt(nat())), field("log_visibility", opt(LOG_VISIBILITY)),
      field("environment_variables", opt(vec(ENVIRONMENT_VARIABLE))));

  /** The management canister's {@code create_canister_args}, with these settings. */
  static final CandidType CREATE_CANISTER_ARGS =
      record(field("settings", opt(SETTINGS)), field("sender_canister_version", opt(nat64())));

  /** {@code create_canister_result}. */
  static final CandidType CREATE_CANISTER_RESULT = record(field("canister_id", principal()));

  private static final List<String> NATS = List.of("compute_allocation", "memory_allocation", "freezing_threshold",
      "reserved_cycles_limit", "wasm_memory_limit", "wasm_memory_threshold");

  /**
   * {@code create_canister_args} carrying {@code settings} (a value of {@link #SETTINGS}, or null:
   * all absent), its controllers replaced by {@code controllers} when it has none and that is not null.
   */
  static byte[] createCanisterArgs(CandidValue settings, byte[] defaultController) {
    CandidWriter w = new CandidWriter(CREATE_CANISTER_ARGS);
    w.record().some();
    writeSettings(w, settings, defaultController);
    w.none();
    return w.toMessage();
  }

  /**
   * Writes a {@link #SETTINGS} record: {@code s}'s fields (null: all absent), its controllers
   * {@code [defaultController]} when it has none and {@code defaultController} is not null.
   */
  static void writeSettings(CandidWriter w, CandidValue s, byte[] defaultController) {
    w.record();
    for (int i = 0; i < SETTINGS.fieldCount(); i++) {
      String name = nameAt(i);
      CandidValue v = s == null ? null : CandidRecords.opt(s.field(name));
      if (name.equals("controllers")) {
        if (v == null && defaultController == null) {
          w.none();
        } else if (v == null) {
          w.some().vec(1).principal(defaultController);
        } else {
          w.some().vec(v.size());
          for (int j = 0; j < v.size(); j++) {
            w.principal(v.element(j).principal());
          }
        }
      } else if (v == null) {
        w.none();
      } else if (NATS.contains(name)) {
        w.some().nat(v.integer());
      } else if (name.equals("log_visibility")) {
        w.some().variant(v.variantIndex());
        if (v.variantName().equals("allowed_viewers")) {
          CandidValue viewers = v.variantValue();
          w.vec(viewers.size());
          for (int j = 0; j < viewers.size(); j++) {
            w.principal(viewers.element(j).principal());
          }
        }
      } else {
        w.some().vec(v.size());
        for (int j = 0; j < v.size(); j++) {
          CandidValue e = v.element(j);
          w.record();
          // name < value by field id: written in the type's order
          if (ENVIRONMENT_VARIABLE.fieldIndex("name") == 0) {
            w.text(e.field("name").text()).text(e.field("value").text());
          } else {
            w.text(e.field("value").text()).text(e.field("name").text());
          }
        }
      }
    }
  }

  private static String nameAt(int index) {
    for (String n : List.of("controllers", "compute_allocation", "memory_allocation", "freezing_threshold",
        "reserved_cycles_limit", "wasm_memory_limit", "wasm_memory_threshold", "log_visibility",
        "environment_variables")) {
      if (SETTINGS.fieldIndex(n) == index) {
        return n;
      }
    }
    throw new IllegalStateException("no settings field at " + index);
  }
}
