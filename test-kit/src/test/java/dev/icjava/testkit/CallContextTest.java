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
 * <p>Not constructed yet: reply and reject callbacks and cleanup ({@code Ry Rt CRy CRt C CC}, with
 * inter-canister calls) and the HTTP outcall transform ({@code TQ}); each is one more {@link
 * Context} when the replica has them.
 */
class CallContextTest {
  /** Entries the replica does not implement: allowed calls to them throw, out of the replica. */
  static final Set<String> NOT_IMPLEMENTED = Set.of(
      "call_new", "call_on_cleanup", "call_data_append", "call_with_best_effort_response", "call_cycles_add128",
      "call_perform", "call_cycles_add", "root_key_size", "root_key_copy", "data_certificate_size",
      "data_certificate_copy", "cost_call", "cost_create_canister", "cost_http_request", "cost_sign_with_ecdsa",
      "cost_sign_with_schnorr", "cost_vetkd_derive_key", "msg_reject_code", "msg_reject_msg_size",
      "msg_reject_msg_copy", "msg_cycles_refunded128", "msg_cycles_refunded");

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
    ON_LOW_WASM_MEMORY("T", "on low Wasm memory");

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
  void shouldCoverEveryContextLetterButCallbacksAndTransforms() {
    Set<String> constructed = new TreeSet<>();
    for (Context c : Context.values()) {
      constructed.add(c.letter);
    }
    Set<String> missing = new TreeSet<>(SystemApiTable.CONTEXTS);
    missing.removeAll(constructed);
    assertEquals(new TreeSet<>(List.of("C", "CC", "CRt", "CRy", "Ry", "Rt", "TQ")), missing);
  }

  private static void assertTrap(String message, Outcome o) {
    assertTrue(o.trap() != null && o.trap().endsWith(message), "expected the trap " + message + ", got " + o);
  }

  // ---- running one call ----

  static final byte[] NAME = "a".getBytes(StandardCharsets.UTF_8);
  static final int NAME_ADDRESS = 100;

  /** Calls {@code e} once in context {@code ctx}, in a module made for that. */
  static Outcome run(SystemApiTable.Entry e, Context ctx) {
    TestModule m = new TestModule();
    SystemApiTable.Signature sig = e.signature().resolve(false);
    int entry = m.importIc0(e.name(), types(sig.params()), types(sig.results()));
    int accept = ctx == Context.INSPECT_MESSAGE && !e.name().equals("accept_message")
        ? m.importIc0("accept_message", new byte[0], new byte[0])
        : -1;
    Code call = new Code();
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
            case UPDATE, REPLICATED_QUERY, INSPECT_MESSAGE -> c.update("m", Call.anonymous());
            case QUERY, COMPOSITE_QUERY -> c.query("m", Call.anonymous());
            case HEARTBEAT -> c.runTask(MessageKind.HEARTBEAT);
            case GLOBAL_TIMER -> c.runTask(MessageKind.GLOBAL_TIMER);
            default -> c.runTask(MessageKind.ON_LOW_WASM_MEMORY);
          };
          if (r instanceof CallResult.Trap t) {
            return new Outcome(t.message(), false);
          }
          if (r instanceof CallResult.Reject j && ctx == Context.INSPECT_MESSAGE
              && (j.message().contains("trapped in canister_inspect_message") || j.message().endsWith("rejected the message"))) {
            return new Outcome(j.message(), false);
          }
          return Outcome.PASSED;
        }
      }
    } catch (CanisterInstallException ex) {
      return new Outcome(ex.getMessage(), false);
    } catch (UnsupportedSystemApiException ex) {
      return new Outcome(null, true);
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
