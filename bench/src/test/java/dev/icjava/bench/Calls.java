package dev.icjava.bench;

import static dev.icjava.samples.Fixtures.II;
import static dev.icjava.samples.Fixtures.MINUTE;
import static dev.icjava.samples.Fixtures.ORIGIN;
import static dev.icjava.samples.Fixtures.OTHER_USER;
import static dev.icjava.samples.Fixtures.UNTRUSTED;
import static dev.icjava.samples.Fixtures.USER;
import static dev.icjava.samples.Fixtures.USER_TEXT;
import static dev.icjava.samples.Fixtures.ANONYMOUS_TRAP;
import static dev.icjava.samples.Fixtures.begin;
import static dev.icjava.samples.Fixtures.beginAnonymously;
import static dev.icjava.samples.Fixtures.bundle;
import static dev.icjava.samples.Fixtures.email;
import static dev.icjava.samples.Fixtures.encode;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static dev.icjava.testkit.reference.Icrc3Json.text;

import dev.icjava.samples.Outcome;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.LocalReplica;
import java.util.List;
import java.util.Map;

/**
 * Every call of the whoami contract, as the benchmark and the budget test make it: each on a fresh
 * install in a fresh replica, so that one call's state never changes another's count. Bundles are
 * encoded by {@code @dfinity/candid} and signed (as the replica models it) by the Internet Identity
 * backend, or by another principal for the untrusted case. Each call states the outcome the
 * contract requires, and {@link #run} refuses any other, so that no figure is ever met by failing
 * early or differently.
 */
final class Calls {

  /** How one call is prepared (not counted) and made (counted). */
  interface Scenario {
    CallResult run(Implementation impl, LocalReplica replica);
  }

  /** One call of the contract; {@code budgeted} calls must cost at most half the peer's. */
  record Entry(String call, boolean budgeted, Outcome outcome, Scenario scenario) {
    /** Makes the call on a fresh install of {@code impl}; throws if the outcome is not the contract's. */
    CallResult run(Implementation impl) {
      CallResult r = scenario.run(impl, new LocalReplica());
      String problem = outcome.check(r);
      if (problem != null) {
        throw new IllegalStateException(impl + ", " + call + ": " + problem);
      }
      return r;
    }
  }

  static final List<Entry> ENTRIES =
      List.of(
          new Entry("whoAmI anonymous", true, Outcome.reply("anonymous"),
              (impl, replica) -> impl.deployed(replica).query("whoAmI", Request.anonymous())),
          new Entry("whoAmI 29-byte user", true, Outcome.reply(USER_TEXT),
              (impl, replica) -> impl.deployed(replica).query("whoAmI", Request.from(USER))),
          new Entry("protectedAction anonymous", true, Outcome.trap(ANONYMOUS_TRAP),
              (impl, replica) -> impl.deployed(replica).update("protectedAction", Request.anonymous())),
          new Entry("protectedAction user", true, Outcome.reply("Action performed by " + USER_TEXT),
              (impl, replica) -> impl.deployed(replica).update("protectedAction", Request.from(USER))),
          new Entry("registerBegin anonymous, first (unbound)", true, Outcome.blob(32),
              (impl, replica) -> impl.deployed(replica).update("registerBegin", Request.anonymous())),
          new Entry("registerBegin anonymous, second", true, Outcome.blob(32),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                c.update("registerBegin", Request.anonymous());
                return c.update("registerBegin", Request.anonymous());
              }),
          new Entry("registerBegin user, first (bound)", true, Outcome.blob(32),
              (impl, replica) -> impl.deployed(replica).update("registerBegin", Request.from(USER))),
          new Entry("registerBegin user, second", true, Outcome.blob(32),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                c.update("registerBegin", Request.from(USER));
                return c.update("registerBegin", Request.from(USER));
              }),
          new Entry("registerFinish, anonymous nonce (the guide's flow)", true,
              Outcome.reply("Registered " + USER_TEXT + " with email alice@example.com"),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                byte[] b = bundle(beginAnonymously(c), replica, 0, ORIGIN, email("alice@example.com"));
                return c.update("registerFinish", Request.from(USER).withCallerInfo(b, II));
              }),
          new Entry("registerFinish, bound nonce", true,
              Outcome.reply("Registered " + USER_TEXT + " with email alice@example.com"),
              (impl, replica) -> finish(impl, replica, USER, II, 0, ORIGIN, email("alice@example.com"))),
          new Entry("registerFinish anonymous", true, Outcome.trap(ANONYMOUS_TRAP),
              (impl, replica) -> impl.deployed(replica).update("registerFinish", Request.anonymous())),
          new Entry("registerFinish, no attributes", true, Outcome.trap("no identity attributes"),
              (impl, replica) -> impl.deployed(replica).update("registerFinish", Request.from(USER))),
          new Entry("registerFinish, untrusted signer", true, Outcome.trap("signer"),
              (impl, replica) -> finish(impl, replica, USER, UNTRUSTED, 0, ORIGIN, email("a@x"))),
          new Entry("registerFinish, no trusted signers set", true, Outcome.trap("trusted_attribute_signers"),
              (impl, replica) -> {
                Canister c = impl.install(replica, Map.of());
                return c.update("registerFinish", Request.from(USER).withCallerInfo(bundle(begin(c), replica, 0,
                    ORIGIN, email("a@x")), II));
              }),
          new Entry("registerFinish, wrong origin", true, Outcome.trap("origin"),
              (impl, replica) -> finish(impl, replica, USER, II, 0, "https://evil.example", email("a@x"))),
          new Entry("registerFinish, issued 5 min + 1 ns ago", true, Outcome.trap("older than"),
              (impl, replica) -> finish(impl, replica, USER, II, -5 * MINUTE - 1, ORIGIN, email("a@x"))),
          new Entry("registerFinish, issued 1 min + 1 ns ahead", true, Outcome.trap("after now"),
              (impl, replica) -> finish(impl, replica, USER, II, MINUTE + 1, ORIGIN, email("a@x"))),
          new Entry("registerFinish, email missing", true, Outcome.trap("email", "missing"),
              (impl, replica) -> finish(impl, replica, USER, II, 0, ORIGIN)),
          new Entry("registerFinish, email not text", true, Outcome.trap("email", "text"),
              (impl, replica) -> finish(impl, replica, USER, II, 0, ORIGIN, entry("email", nat("1")))),
          new Entry("registerFinish, unknown nonce", true, Outcome.trap("nonce"),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                begin(c);
                return c.update("registerFinish", Request.from(USER).withCallerInfo(
                    encode(Icrc3Json.bundle(new byte[32], ORIGIN, replica.time(), email("a@x"))), II));
              }),
          new Entry("registerFinish, another caller's nonce", true, Outcome.trap("another caller"),
              (impl, replica) -> finish(impl, replica, OTHER_USER, II, 0, ORIGIN, email("a@x"))),
          new Entry("registerFinish, expired nonce", true, Outcome.trap("expired"),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                byte[] nonce = begin(c);
                replica.advanceTime(5 * MINUTE);
                return c.update("registerFinish",
                    Request.from(USER).withCallerInfo(bundle(nonce, replica, 0, ORIGIN, email("a@x")), II));
              }),
          new Entry("registerFinish, replayed bundle", true, Outcome.trap("already consumed"),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                Request call = Request.from(USER).withCallerInfo(bundle(begin(c), replica, 0, ORIGIN, email("a@x")), II);
                CallResult first = c.update("registerFinish", call);
                if (!(first instanceof CallResult.Reply)) {
                  throw new IllegalStateException("the first registerFinish failed: " + first);
                }
                return c.update("registerFinish", call);
              }),
          // registeredEmail, the sample's query over its registrations, which every implementation keeps
          // (a StableBTreeMap in Java, a mo:core Map in the peer); the reply is checked by ic4j-candid
          new Entry("registeredEmail, none", true, Outcome.reply(null),
              (impl, replica) -> registeredEmail(impl.deployed(replica), OTHER_USER, null)),
          new Entry("registeredEmail, registered", true, Outcome.reply(null),
              (impl, replica) -> {
                Canister c = impl.deployed(replica);
                byte[] b = bundle(beginAnonymously(c), replica, 0, ORIGIN, email("alice@example.com"));
                CallResult first = c.update("registerFinish", Request.from(USER).withCallerInfo(b, II));
                if (!(first instanceof CallResult.Reply)) {
                  throw new IllegalStateException("the registration failed: " + first);
                }
                return registeredEmail(c, USER, "alice@example.com");
              }),
          // Not in the list of budgeted calls: an argument that is not Candid at all.
          // Java: the first round's timer has not run yet, so registerBegin awaits raw_rand itself
          // (three messages); the peer mints from its time-seeded generator as always
          new Entry("registerBegin anonymous, before the first round", false, Outcome.blob(32),
              (impl, replica) -> impl.install(replica, Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"))
                  .update("registerBegin", Request.anonymous())),
          new Entry("registerFinish, argument not Candid", false, Outcome.trap(),
              (impl, replica) -> impl.deployed(replica).update("registerFinish",
                  Request.from(USER).withArg(new byte[] {'D', 'I', 'D', 'X', 0, 0}))));

  private Calls() {}

  /**
   * registeredEmail of {@code principal} (the argument as every Candid library encodes it), its reply
   * decoded by ic4j-candid and refused unless it is {@code expected} ({@code null}: none).
   */
  static CallResult registeredEmail(Canister c, byte[] principal, String expected) {
    byte[] arg = new byte[9 + principal.length];
    System.arraycopy(new byte[] {'D', 'I', 'D', 'L', 0, 1, 0x68, 1, (byte) principal.length}, 0, arg, 0, 9);
    System.arraycopy(principal, 0, arg, 9, principal.length);
    CallResult r = c.query("registeredEmail", Request.anonymous().withArg(arg));
    if (r instanceof CallResult.Reply) {
      Object value = org.ic4j.candid.parser.IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue();
      Object got = value instanceof java.util.Optional<?> o ? o.orElse(null) : value;
      if (!java.util.Objects.equals(expected, got)) {
        throw new IllegalStateException("registeredEmail: expected " + expected + ", got " + value);
      }
    }
    return r;
  }

  /** registerBegin by {@link #USER}, then registerFinish by {@code caller} signed by {@code signer}. */
  static CallResult finish(Implementation impl, LocalReplica replica, byte[] caller, byte[] signer,
      long issuedOffset, String origin, String... extra) {
    Canister c = impl.deployed(replica);
    byte[] b = bundle(begin(c), replica, issuedOffset, origin, extra);
    return c.update("registerFinish", Request.from(caller).withCallerInfo(b, signer));
  }

}
