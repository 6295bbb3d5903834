package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.SystemApiTable;
import dev.icjava.testkit.TestModule.Code;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ic0} entry called from every context the replica constructs, each from a module of
 * its own written here (the entry imported with the spec's signature, called once with arguments
 * that are valid where the call is allowed): the call must trap with the IC's message ({@code
 * "ic0_time" cannot be executed in start mode}) exactly where the spec's import block does not list
 * the context, and must not trap for its context anywhere else. The block is the spec's own, read by
 * {@code SystemApiTable}; the spot checks below restate by hand the cases that issue 17 found wrong.
 *
 * <p>Callback contexts are reached with a call of the module to itself: an update (or, for the
 * composite forms, a composite query) calls its own method {@code a}, which replies (reply callback)
 * or rejects (reject callback), and the module's table holds the function that makes the probe call
 * at the callback's index; for cleanup, the reply callback traps and the cleanup callback probes.
 * Not constructed yet: the HTTP outcall transform ({@code TQ}), which comes with outcalls.
 */
class CallContextTest {
  /** Entries the replica does not implement: allowed calls to them throw, out of the replica. */
  static final Set<String> NOT_IMPLEMENTED = Set.of(
      "root_key_size", "root_key_copy", "data_certificate_size", "data_certificate_copy", "cost_http_request", "cost_sign_with_ecdsa", "cost_sign_with_schnorr",
      "cost_vetkd_derive_key");

  /** The contexts the replica constructs, and how each runs a module's one call. */
  enum Context {
    START("s", "start"),
    INIT("I", "init"),
    POST_UPGRADE("I", "init"),
    PRE_UPGRADE("G", "pre upgrade"),
    UPDATE("U", "update"),
    REPLICATED_QUERY("RQ", "replicated query"),
    QUERY("NRQ", "non replicated query"),
    COMPOSITE_QUERY("CQ", "composite query"),
    INSPECT_MESSAGE("F", "inspect message"),
    HEARTBEAT("T", "heartbeat"),
    GLOBAL_TIMER("T", "global timer"),
    ON_LOW_WASM_MEMORY("T", "on low Wasm memory"),
    REPLY_CALLBACK("Ry", "reply callback"),
    REJECT_CALLBACK("Rt", "reject callback"),
    CLEANUP("C", "cleanup"),
    COMPOSITE_REPLY_CALLBACK("CRy", "composite reply callback"),
    COMPOSITE_REJECT_CALLBACK("CRt", "composite reject callback"),
    COMPOSITE_CLEANUP("CC", "composite cleanup");

    final String letter;
    final String mode;

    Context(String letter, String mode) {
      this.letter = letter;
      this.mode = mode;
    }
  }

  /** How one call ended: trapped (with which message), not implemented, or anything else. */
  record Outcome(String trap, boolean unsupported) {
    static final Outcome PASSED = new Outcome(null, false);
  }

  @Test
  void shouldTrapExactlyWhereTheSpecDoesNotListTheContext() {
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (SystemApiTable.Entry e : SystemApiTable.entries()) {
      for (Context ctx : Context.values()) {
        Outcome o = run(e, ctx);
        calls++;
        String contextTrap = "\"ic0_" + e.name() + "\" cannot be executed in " + ctx.mode + " mode";
        boolean allowed = e.contexts().contains(ctx.letter);
        String where = "ic0." + e.name() + " in " + ctx + " (" + ctx.letter + "): ";
        if (!allowed) {
          if (o.trap() == null || !o.trap().endsWith(contextTrap)) {
            wrong.add(where + "the spec forbids it; expected the trap '" + contextTrap + "', got " + o);
          }
        } else if (NOT_IMPLEMENTED.contains(e.name())) {
          if (!o.unsupported()) {
            wrong.add(where + "allowed but not implemented: expected UnsupportedSystemApiException, got " + o);
          }
        } else if (e.name().equals("trap")) {
          if (o.trap() == null || o.trap().contains("cannot be executed")) {
            wrong.add(where + "allowed: expected the canister's own trap, got " + o);
          }
        } else if (o.trap() != null || o.unsupported()) {
          wrong.add(where + "the spec allows it, but it " + (o.unsupported() ? "is unsupported" : "trapped: " + o.trap()));
        }
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
    assertEquals(SystemApiTable.entries().size() * Context.values().length, calls);
  }

  @Test
  void shouldListTheIssuesCasesAsTheSpecDoes() {
    // Each fact restated from the spec's text (canister-interface.md, "Overview of imports"):
    // the start function may read stable memory, the performance counter and whether a principal
    // controls the canister, but not the time, its own id or environment variables ('*' excludes it);
    // a query may not set the global timer (I G U Ry Rt C T); system tasks may not read caller info.
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("is_controller"), Context.START));
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("stable64_size"), Context.START));
    assertTrap("\"ic0_time\" cannot be executed in start mode", run(SystemApiTable.entry("time"), Context.START));
    assertTrap("\"ic0_canister_self_size\" cannot be executed in start mode",
        run(SystemApiTable.entry("canister_self_size"), Context.START));
    assertTrap("\"ic0_env_var_count\" cannot be executed in start mode",
        run(SystemApiTable.entry("env_var_count"), Context.START));
    assertTrap("\"ic0_global_timer_set\" cannot be executed in non replicated query mode",
        run(SystemApiTable.entry("global_timer_set"), Context.QUERY));
    assertTrap("\"ic0_msg_caller_info_data_size\" cannot be executed in heartbeat mode",
        run(SystemApiTable.entry("msg_caller_info_data_size"), Context.HEARTBEAT));
    assertTrap("\"ic0_msg_reply\" cannot be executed in inspect message mode",
        run(SystemApiTable.entry("msg_reply"), Context.INSPECT_MESSAGE));
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("accept_message"), Context.INSPECT_MESSAGE));
    assertTrap("\"ic0_accept_message\" cannot be executed in update mode",
        run(SystemApiTable.entry("accept_message"), Context.UPDATE));
  }

  @Test
  void shouldCoverEveryContextLetterButTheOutcallTransform() {
    Set<String> constructed = new TreeSet<>();
    for (Context c : Context.values()) {
      constructed.add(c.letter);
    }
    Set<String> missing = new TreeSet<>(SystemApiTable.CONTEXTS);
    missing.removeAll(constructed);
    assertEquals(new TreeSet<>(List.of("TQ")), missing);
  }

  @Test
  void shouldListTheCallbackCasesAsTheSpecDoes() {
    // canister-interface.md: a reply callback reads the reply but no reject message; a reject
    // callback the reject message but no argument; cleanup may read the reject code but not reply
    // nor call; a composite callback may not move cycles.
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("msg_arg_data_size"), Context.REPLY_CALLBACK));
    assertTrap("\"ic0_msg_arg_data_size\" cannot be executed in reject callback mode",
        run(SystemApiTable.entry("msg_arg_data_size"), Context.REJECT_CALLBACK));
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("msg_reject_msg_size"), Context.REJECT_CALLBACK));
    assertTrap("\"ic0_msg_reject_msg_size\" cannot be executed in reply callback mode",
        run(SystemApiTable.entry("msg_reject_msg_size"), Context.REPLY_CALLBACK));
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("msg_reject_code"), Context.CLEANUP));
    assertTrap("\"ic0_msg_reply\" cannot be executed in cleanup mode", run(SystemApiTable.entry("msg_reply"), Context.CLEANUP));
    assertTrap("\"ic0_call_new\" cannot be executed in cleanup mode", run(SystemApiTable.entry("call_new"), Context.CLEANUP));
    assertEquals(Outcome.PASSED, run(SystemApiTable.entry("call_new"), Context.COMPOSITE_REPLY_CALLBACK));
    assertTrap("\"ic0_call_cycles_add128\" cannot be executed in composite reply callback mode",
        run(SystemApiTable.entry("call_cycles_add128"), Context.COMPOSITE_REPLY_CALLBACK));
    assertTrap("\"ic0_msg_reject_code\" cannot be executed in composite cleanup mode",
        run(SystemApiTable.entry("msg_reject_code"), Context.COMPOSITE_CLEANUP));
  }

  private static void assertTrap(String message, Outcome o) {
    assertTrue(o.trap() != null && o.trap().endsWith(message), "expected the trap " + message + ", got " + o);
  }

  // ---- running one call ----

  static final byte[] NAME = "a".getBytes(StandardCharsets.UTF_8);
  static final int NAME_ADDRESS = 100;

  /** Calls {@code e} once in context {@code ctx}, in a module made for that. */
  static Outcome run(SystemApiTable.Entry e, Context ctx) {
    if (ctx.ordinal() >= Context.REPLY_CALLBACK.ordinal()) {
      return runInCallback(e, ctx);
    }
    TestModule m = new TestModule();
    SystemApiTable.Signature sig = e.signature().resolve(false);
    int entry = m.importIc0(e.name(), types(sig.params()), types(sig.results()));
    int accept = ctx == Context.INSPECT_MESSAGE && !e.name().equals("accept_message")
        ? m.importIc0("accept_message", new byte[0], new byte[0])
        : -1;
    int callNew = needsCallUnderConstruction(e, ctx) ? importCallNew(m) : -1;
    Code call = new Code();
    if (callNew >= 0) {
      newCall(call, callNew);
    }
    probeCall(call, e, sig, entry);
    if (accept >= 0) {
      call.call(accept);
    }
    int probe = m.function(call);
    int empty = m.function(new Code());
    m.data(NAME_ADDRESS, NAME);
    switch (ctx) {
      case START -> m.start(probe);
      case INIT -> m.export("canister_init", probe);
      case POST_UPGRADE -> m.export("canister_post_upgrade", probe);
      case PRE_UPGRADE -> m.export("canister_pre_upgrade", probe);
      case UPDATE -> m.export("canister_update m", probe);
      case REPLICATED_QUERY, QUERY -> m.export("canister_query m", probe);
      case COMPOSITE_QUERY -> m.export("canister_composite_query m", probe);
      case INSPECT_MESSAGE -> m.export("canister_inspect_message", probe).export("canister_update m", empty);
      case HEARTBEAT -> m.export("canister_heartbeat", probe);
      case GLOBAL_TIMER -> m.export("canister_global_timer", probe);
      case ON_LOW_WASM_MEMORY -> m.export("canister_on_low_wasm_memory", probe);
      default -> throw new IllegalArgumentException(ctx.toString());
    }
    LocalReplica replica = new LocalReplica();
    InstallOptions options = InstallOptions.defaults().environment(Map.of("a", "b"));
    try {
      switch (ctx) {
        case START, INIT -> {
          replica.install(m.bytes(), options);
          return Outcome.PASSED;
        }
        case POST_UPGRADE -> {
          Canister c = replica.install(emptyModule(), options);
          c.upgrade(m.bytes(), new byte[] {'D', 'I', 'D', 'L', 0, 0});
          return Outcome.PASSED;
        }
        case PRE_UPGRADE -> {
          Canister c = replica.install(m.bytes(), options);
          c.upgrade(emptyModule(), new byte[0]);
          return Outcome.PASSED;
        }
        default -> {
          Canister c = replica.install(m.bytes(), options);
          CallResult r = switch (ctx) {
            case UPDATE, REPLICATED_QUERY, INSPECT_MESSAGE -> c.update("m", Request.anonymous());
            case QUERY, COMPOSITE_QUERY -> c.query("m", Request.anonymous());
            case HEARTBEAT -> c.runTask(MessageKind.HEARTBEAT);
            case GLOBAL_TIMER -> c.runTask(MessageKind.GLOBAL_TIMER);
            default -> c.runTask(MessageKind.ON_LOW_WASM_MEMORY);
          };
          if (r instanceof CallResult.Reject j && ctx == Context.INSPECT_MESSAGE
              && (j.message().contains("trapped in canister_inspect_message") || j.message().endsWith("rejected the message"))) {
            return new Outcome(j.message(), false);
          }
          // the probed message is the first of the call; calls it made may end otherwise later
          return outcomeOf(r.executions().isEmpty() ? null : r.executions().get(0).outcome(), r);
        }
      }
    } catch (CanisterInstallException ex) {
      return new Outcome(ex.getMessage(), false);
    } catch (UnsupportedSystemApiException ex) {
      return new Outcome(null, true);
    }
  }

  static final int SELF_ADDRESS = 200;
  /** The id the replica gives the first canister it installs. */
  static final byte[] SELF = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};

  /**
   * Calls {@code e} in a callback context: the module calls its own method {@code a} (from an update,
   * or from a composite query for the composite forms), and the table's entry 0, {@code (env : i32)
   * -> ()}, makes the probe call as the reply callback, the reject callback, or the cleanup (then the
   * reply callback, entry 1, traps).
   */
  static Outcome runInCallback(SystemApiTable.Entry e, Context ctx) {
    boolean composite = ctx.letter.startsWith("C") && !ctx.letter.equals("C");
    boolean cleanup = ctx == Context.CLEANUP || ctx == Context.COMPOSITE_CLEANUP;
    boolean reject = ctx == Context.REJECT_CALLBACK || ctx == Context.COMPOSITE_REJECT_CALLBACK;
    TestModule m = new TestModule();
    SystemApiTable.Signature sig = e.signature().resolve(false);
    Map<String, Integer> imports = new java.util.LinkedHashMap<>();
    imports.put(e.name(), m.importIc0(e.name(), types(sig.params()), types(sig.results())));
    for (String name : List.of("call_new", "call_perform", "call_on_cleanup", "msg_reply", "msg_reject")) {
      if (!imports.containsKey(name)) {
        SystemApiTable.Signature s = SystemApiTable.entry(name).signature().resolve(false);
        imports.put(name, m.importIc0(name, types(s.params()), types(s.results())));
      }
    }
    Code probeCode = new Code();
    if (needsCallUnderConstruction(e, ctx)) {
      newCall(probeCode, imports.get("call_new"));
    }
    probeCall(probeCode, e, sig, imports.get(e.name()));
    int probe = m.function(new byte[] {TestModule.I32}, new byte[0], new byte[0], probeCode);
    int trapping = m.function(new byte[] {TestModule.I32}, new byte[0], new byte[0], new Code().unreachable());
    // the caller: call_new(self, "a", reply, 0, reject, 0), cleanup when probed, call_perform
    Code caller = new Code()
        .i32(SELF_ADDRESS).i32(SELF.length).i32(NAME_ADDRESS).i32(NAME.length)
        .i32(cleanup ? 1 : 0).i32(0).i32(cleanup ? 1 : 0).i32(0)
        .call(imports.get("call_new"));
    if (cleanup) {
      caller.i32(0).i32(0).call(imports.get("call_on_cleanup"));
    }
    caller.call(imports.get("call_perform")).drop();
    int callerFn = m.function(caller);
    Code callee = new Code();
    if (reject) {
      callee.i32(0).i32(0).call(imports.get("msg_reject"));
    } else {
      callee.call(imports.get("msg_reply"));
    }
    int calleeFn = m.function(callee);
    m.table(probe, trapping);
    m.data(NAME_ADDRESS, NAME).data(SELF_ADDRESS, SELF);
    if (composite) {
      m.export("canister_composite_query m", callerFn).export("canister_query a", calleeFn);
    } else {
      m.export("canister_update m", callerFn).export("canister_update a", calleeFn);
    }
    LocalReplica replica = new LocalReplica();
    try {
      Canister c = replica.install(m.bytes(), InstallOptions.defaults().environment(Map.of("a", "b")));
      CallResult r = composite ? c.query("m", Request.anonymous()) : c.update("m", Request.anonymous());
      MessageKind probed = MessageKind.valueOf(ctx.name());
      for (Execution x : r.executions()) {
        if (x.kind() == probed) {
          return outcomeOf(x.outcome(), r);
        }
      }
      throw new AssertionError("no " + probed + " ran: " + r.executions());
    } catch (UnsupportedSystemApiException ex) {
      return new Outcome(null, true);
    }
  }

  /** The outcome of the probed message, from its line in the call's executions. */
  private static Outcome outcomeOf(String line, CallResult r) {
    if (line == null) {
      return r instanceof CallResult.Trap t ? new Outcome(t.message(), false) : Outcome.PASSED;
    }
    if (line.startsWith("trap (")) {
      return new Outcome(line.substring(line.indexOf("): ") + 3), false);
    }
    return Outcome.PASSED;
  }

  /** The {@code call_*} entries but {@code call_new} need a call under construction, where one can be made. */
  private static boolean needsCallUnderConstruction(SystemApiTable.Entry e, Context ctx) {
    return e.name().startsWith("call_") && !e.name().equals("call_new")
        && SystemApiTable.allowed("call_new", ctx.letter);
  }

  private static int importCallNew(TestModule m) {
    SystemApiTable.Signature s = SystemApiTable.entry("call_new").signature().resolve(false);
    return m.importIc0("call_new", types(s.params()), types(s.results()));
  }

  /**
   * {@code call_new} of the management canister's method "" with callbacks at table index -1 (no
   * function): its response, if it is performed, traps harmlessly in a later message.
   */
  private static void newCall(Code code, int callNew) {
    code.i32(0).i32(0).i32(0).i32(0).i32(-1).i32(0).i32(-1).i32(0).call(callNew);
  }

  private static void probeCall(Code call, SystemApiTable.Entry e, SystemApiTable.Signature sig, int entry) {
    long[] args = arguments(e.name(), sig.params().size());
    for (int i = 0; i < args.length; i++) {
      if (sig.params().get(i).equals("i64")) {
        call.i64(args[i]);
      } else {
        call.i32((int) args[i]);
      }
    }
    call.call(entry);
    for (int i = 0; i < sig.results().size(); i++) {
      call.drop();
    }
  }

  /** Arguments valid where the call is allowed: zero sizes at address 0, the variable "a". */
  static long[] arguments(String entry, int count) {
    long[] a = new long[count];
    switch (entry) {
      case "env_var_name_exists", "env_var_value_size" -> {
        a[0] = NAME_ADDRESS;
        a[1] = NAME.length;
      }
      case "env_var_value_copy" -> {
        a[0] = NAME_ADDRESS;
        a[1] = NAME.length;
      }
      default -> {}
    }
    return a;
  }

  static byte[] emptyModule() {
    return new TestModule().bytes();
  }

  private static byte[] types(List<String> types) {
    byte[] out = new byte[types.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = types.get(i).equals("i64") ? TestModule.I64 : TestModule.I32;
    }
    return out;
  }
}
