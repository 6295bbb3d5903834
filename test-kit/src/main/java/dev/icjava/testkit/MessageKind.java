package dev.icjava.testkit;

/**
 * The call contexts the local replica constructs, each with the spec's context letter (which {@code
 * ic0} entries it may call is data: the spec's import block, read by {@code SystemApiTable}) and the
 * name the IC gives it in its errors ({@code "ic0_time" cannot be executed in start mode}: dfinity/ic
 * {@code rs/embedders/src/wasmtime_embedder/system_api.rs}, {@code ApiType::as_str}).
 *
 * <p>Callbacks run a function of the module's table, not an export: {@link #REPLY_CALLBACK} and
 * {@link #REJECT_CALLBACK} when the response to an inter-canister call arrives, {@link #CLEANUP}
 * after one of them trapped, and their composite-query forms. The HTTP outcall transform ({@code
 * TQ}) joins this list with outcalls.
 */
public enum MessageKind {
  /** The module's start function. */
  START("s", "start", null),
  /** {@code canister_init}. */
  INIT("I", "init", "canister_init"),
  /** {@code canister_post_upgrade} (the spec's {@code I}; the IC names it {@code init} too). */
  POST_UPGRADE("I", "init", "canister_post_upgrade"),
  /** {@code canister_pre_upgrade}. */
  PRE_UPGRADE("G", "pre upgrade", "canister_pre_upgrade"),
  /** An update method. */
  UPDATE("U", "update", "canister_update "),
  /** A query method called as an update (an ingress call): replicated, its changes discarded. */
  REPLICATED_QUERY("RQ", "replicated query", "canister_query "),
  /** A query method called as a query. */
  QUERY("NRQ", "non replicated query", "canister_query "),
  /** A composite query method, called as a query (it cannot run replicated). */
  COMPOSITE_QUERY("CQ", "composite query", "canister_composite_query "),
  /** {@code canister_inspect_message}, before an ingress update. */
  INSPECT_MESSAGE("F", "inspect message", "canister_inspect_message"),
  /** {@code canister_heartbeat}, a system task. */
  HEARTBEAT("T", "heartbeat", "canister_heartbeat"),
  /** {@code canister_global_timer}, a system task. */
  GLOBAL_TIMER("T", "global timer", "canister_global_timer"),
  /** {@code canister_on_low_wasm_memory}, a system task. */
  ON_LOW_WASM_MEMORY("T", "on low Wasm memory", "canister_on_low_wasm_memory"),
  /** The reply callback of an inter-canister call made by an update, a callback or a system task. */
  REPLY_CALLBACK("Ry", "reply callback", null),
  /** The reject callback of such a call. */
  REJECT_CALLBACK("Rt", "reject callback", null),
  /** The cleanup callback, after the reply or reject callback trapped. */
  CLEANUP("C", "cleanup", null),
  /** The reply callback of a call made by a composite query (or its callbacks). */
  COMPOSITE_REPLY_CALLBACK("CRy", "composite reply callback", null),
  /** The reject callback of such a call. */
  COMPOSITE_REJECT_CALLBACK("CRt", "composite reject callback", null),
  /** The cleanup callback of such a call. */
  COMPOSITE_CLEANUP("CC", "composite cleanup", null);

  /** The spec's context letter. */
  public final String letter;

  /** The IC's name for it in errors. */
  final String mode;

  /** The export it runs, or its prefix for methods ({@code "canister_update "}); null for start. */
  final String export;

  MessageKind(String letter, String mode, String export) {
    this.letter = letter;
    this.mode = mode;
    this.export = export;
  }

  /** A method called by a user: it must answer, with a reply or a reject. */
  boolean isMethod() {
    return this == UPDATE || this == REPLICATED_QUERY || this == QUERY || this == COMPOSITE_QUERY;
  }

  /** A reply or reject callback (which may answer the call context's caller), composite or not. */
  boolean isCallback() {
    return this == REPLY_CALLBACK || this == REJECT_CALLBACK || this == COMPOSITE_REPLY_CALLBACK
        || this == COMPOSITE_REJECT_CALLBACK;
  }

  /** Part of a composite query's call tree: its changes are discarded with the whole tree's. */
  boolean isComposite() {
    return this == COMPOSITE_QUERY || this == COMPOSITE_REPLY_CALLBACK || this == COMPOSITE_REJECT_CALLBACK
        || this == COMPOSITE_CLEANUP;
  }

  /** Its changes are discarded whatever the outcome (a composite tree's at its end, by the replica). */
  boolean discardsChanges() {
    return this == REPLICATED_QUERY || this == QUERY || this == INSPECT_MESSAGE;
  }

  /** Run by the system, not by a caller: the caller is the management canister. */
  boolean isSystemTask() {
    return letter.equals("T");
  }

  /** {@code ic0.in_replicated_execution}: 1 in replicated execution, 0 otherwise. */
  boolean replicated() {
    return this != QUERY && this != INSPECT_MESSAGE && !isComposite();
  }

  /**
   * A message that, when it ends without trapping, increments the canister's version (interface
   * spec, abstract-behavior.md, "Message execution": updates, callbacks and system tasks; install
   * and upgrade count apart).
   */
  boolean bumpsVersion() {
    return this == UPDATE || this == REPLY_CALLBACK || this == REJECT_CALLBACK || this == CLEANUP
        || isSystemTask();
  }
}
