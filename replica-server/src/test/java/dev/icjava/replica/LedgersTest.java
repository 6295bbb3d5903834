package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.testkit.SystemCanister;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cycles ledger and the ICP ledger in Java, called as the replica calls them, with the rules
 * of the real ones (dfinity/cycles-ledger {@code src/storage.rs} @ 2703d363: duplicates, the fee
 * before the balance, the memo's trap, created_at_time; the ICP ledger's legacy {@code transfer})
 * and the anonymous principal's pre-funding icp-cli's seeding spends.
 */
class LedgersTest {
  static final byte[] ANONYMOUS = {4};
  static final byte[] ALICE = Principal.selfAuthenticating(new byte[] {9}).bytes();
  static final long NOW = 1_767_225_600_000_000_000L;

  static SystemCanister.Request request(byte[] caller, String method, byte[] arg) {
    return new SystemCanister.Request(caller, method, arg, 0, true, NOW);
  }

  static byte[] reply(SystemCanister.Response r) {
    return assertInstanceOf(SystemCanister.Reply.class, r).bytes();
  }

  static byte[] transfer(byte[] to, long amount, Long fee, byte[] memo, Long createdAt) {
    return CandidRecords.message(Icrc1.TRANSFER_ARGS, w -> CandidRecords.record(w, Icrc1.TRANSFER_ARGS,
        CandidRecords.fields(
            "from_subaccount", LauncherProcess.consumer(x -> x.none()),
            "to", LauncherProcess.consumer(x -> CandidRecords.record(x, Icrc1.ACCOUNT, CandidRecords.fields(
                "owner", LauncherProcess.consumer(y -> y.principal(to)),
                "subaccount", LauncherProcess.consumer(y -> y.none())))),
            "amount", LauncherProcess.consumer(x -> x.nat(amount)),
            "fee", LauncherProcess.consumer(x -> {
              if (fee == null) {
                x.none();
              } else {
                x.some().nat(fee);
              }
            }),
            "memo", LauncherProcess.consumer(x -> {
              if (memo == null) {
                x.none();
              } else {
                x.some().blob(memo);
              }
            }),
            "created_at_time", LauncherProcess.consumer(x -> {
              if (createdAt == null) {
                x.none();
              } else {
                x.some().fixed(createdAt);
              }
            }))));
  }

  /** "Ok n", or "Err Case field=value". */
  static String result(byte[] reply) {
    CandidValue v = CandidRecords.decode(reply, Icrc1.TRANSFER_RESULT);
    if (v.variantName().equals("Ok")) {
      return "Ok " + CandidRecords.big(v.variantValue());
    }
    CandidValue e = v.variantValue();
    String s = "Err " + e.variantName();
    CandidValue p = e.variantValue();
    if (e.variantName().equals("InsufficientFunds")) {
      s += " balance=" + CandidRecords.big(p.field("balance"));
    } else if (e.variantName().equals("BadFee")) {
      s += " expected_fee=" + CandidRecords.big(p.field("expected_fee"));
    } else if (e.variantName().equals("Duplicate")) {
      s += " duplicate_of=" + CandidRecords.big(p.field("duplicate_of"));
    } else if (e.variantName().equals("GenericError")) {
      s += " " + p.field("message").text() + " (" + CandidRecords.big(p.field("error_code")) + ")";
    }
    return s;
  }

  @Test
  void shouldPreFundTheAnonymousPrincipalAsPocketIcDoes() {
    CyclesLedger cycles = new CyclesLedger();
    assertEquals(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), cycles.balanceOf(ANONYMOUS));
    IcpLedger icp = new IcpLedger();
    assertEquals(BigInteger.valueOf(100_000_000_000_000_000L), icp.balance(AccountIdentifier.of(ANONYMOUS, null)));
  }

  @Test
  void shouldTransferCyclesTakingTheFee() {
    CyclesLedger l = new CyclesLedger();
    // icp-cli's seeding: 1,000T with fee = opt 100_000_000
    assertEquals("Ok 1", result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer",
        transfer(ALICE, 1_000_000_000_000_000L, 100_000_000L, null, null))))));
    assertEquals(BigInteger.valueOf(1_000_000_000_000_000L), l.balanceOf(ALICE));
    assertEquals("Ok 2", result(reply(l.handle(request(ALICE, "icrc1_transfer", transfer(ANONYMOUS, 5, null, null, null))))));
    assertEquals(BigInteger.valueOf(1_000_000_000_000_000L - 5 - 100_000_000), l.balanceOf(ALICE));
  }

  @Test
  void shouldRefuseABadFeeBeforeInsufficientFunds() {
    CyclesLedger l = new CyclesLedger();
    assertEquals("Err BadFee expected_fee=100000000",
        result(reply(l.handle(request(ALICE, "icrc1_transfer", transfer(ANONYMOUS, 5, 1L, null, null))))));
    assertEquals("Err InsufficientFunds balance=0",
        result(reply(l.handle(request(ALICE, "icrc1_transfer", transfer(ANONYMOUS, 5, null, null, null))))));
  }

  @Test
  void shouldRefuseADuplicateWithinTheWindowAndOldOrFutureTransactions() {
    CyclesLedger l = new CyclesLedger();
    assertEquals("Ok 1", result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(ALICE, 5, null, null, NOW))))));
    assertEquals("Err Duplicate duplicate_of=1",
        result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(ALICE, 5, null, null, NOW))))));
    // without created_at_time there is no deduplication
    assertEquals("Ok 2", result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(ALICE, 5, null, null, null))))));
    assertEquals("Ok 3", result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(ALICE, 5, null, null, null))))));
    long day = 24L * 3600 * 1_000_000_000L;
    assertEquals("Err TooOld", result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer",
        transfer(ALICE, 5, null, null, NOW - day - 61_000_000_000L))))));
    assertEquals("Err CreatedInFuture", result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer",
        transfer(ALICE, 5, null, null, NOW + 61_000_000_000L))))));
  }

  @Test
  void shouldTrapOnAMemoLongerThan32BytesAndRefuseTheManagementCanistersAccount() {
    CyclesLedger l = new CyclesLedger();
    assertEquals(new SystemCanister.Trap("memo length exceeds the maximum of 32 bytes"),
        l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(ALICE, 5, null, new byte[33], null))));
    assertEquals("Err GenericError Owner of the account aaaaa-aa cannot be part of transactions (1)",
        result(reply(l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(new byte[0], 5, null, null, null))))));
  }

  @Test
  void shouldAnswerTheMetadataIcpCliReads() {
    CyclesLedger l = new CyclesLedger();
    byte[] nullArg = {'D', 'I', 'D', 'L', 0, 1, 0x7f}; // icp-cli's Encode!(&())
    assertEquals(12L, CandidRecords.decode(reply(l.handle(request(ANONYMOUS, "icrc1_decimals", nullArg))),
        CandidType.nat8()).fixedInteger());
    assertEquals("TCYCLES", CandidRecords.decode(reply(l.handle(request(ANONYMOUS, "icrc1_symbol", nullArg))),
        CandidType.text()).text());
    IcpLedger icp = new IcpLedger();
    assertEquals(8L, CandidRecords.decode(reply(icp.handle(request(ANONYMOUS, "icrc1_decimals", nullArg))),
        CandidType.nat8()).fixedInteger());
    assertEquals("ICP", CandidRecords.decode(reply(icp.handle(request(ANONYMOUS, "icrc1_symbol", nullArg))),
        CandidType.text()).text());
  }

  @Test
  void shouldCreateACanisterThroughTheCyclesMintingCanisterAndRefundAFailure() {
    CyclesLedger l = new CyclesLedger();
    l.handle(request(ANONYMOUS, "icrc1_transfer", transfer(ALICE, 3_000_000_000_000L, null, null, null)));
    byte[] args = CandidRecords.message(CyclesLedger.CREATE_CANISTER_ARGS, w -> CandidRecords.record(w,
        CyclesLedger.CREATE_CANISTER_ARGS, CandidRecords.fields(
            "from_subaccount", LauncherProcess.consumer(x -> x.none()),
            "created_at_time", LauncherProcess.consumer(x -> x.none()),
            "amount", LauncherProcess.consumer(x -> x.nat(2_000_000_000_000L)),
            "creation_args", LauncherProcess.consumer(x -> x.none()))));
    SystemCanister.Call call = assertInstanceOf(SystemCanister.Call.class,
        l.handle(request(ALICE, "create_canister", args)));
    assertEquals(List.of(Principal.fromBytes(CyclesMintingCanister.ID).toText(), "create_canister", 2_000_000_000_000L),
        List.of(Principal.fromBytes(call.callee()).toText(), call.method(), call.cycles()));
    // the controllers default to the caller
    CandidValue sent = CandidRecords.decode(call.arg(), CyclesMintingCanister.CREATE_ARG);
    assertEquals(Principal.fromBytes(ALICE).toText(), Principal.fromBytes(sent.field("settings").option()
        .field("controllers").option().element(0).principal()).toText());
    assertEquals(BigInteger.valueOf(3_000_000_000_000L - 2_000_000_000_000L - 100_000_000), l.balanceOf(ALICE));
    // the CMC's Refunded: the amount back, less the fee of the refund block
    byte[] refunded = CandidRecords.message(CyclesMintingCanister.CREATE_CANISTER_RESULT, w -> {
      w.variant(CandidRecords.tag(CyclesMintingCanister.CREATE_CANISTER_RESULT, "Err"))
          .variant(CandidRecords.tag(CyclesMintingCanister.CREATE_CANISTER_ERROR, "Refunded"));
      CandidRecords.record(w, CyclesMintingCanister.CREATE_CANISTER_ERROR.fieldType(
          CandidRecords.tag(CyclesMintingCanister.CREATE_CANISTER_ERROR, "Refunded")), CandidRecords.fields(
              "refund_amount", LauncherProcess.consumer(x -> x.nat(2_000_000_000_000L)),
              "create_error", LauncherProcess.consumer(x -> x.text("no room"))));
    });
    byte[] r = reply(call.then().apply(new SystemCanister.Answer(refunded, 0, null, 0)));
    CandidValue v = CandidRecords.decode(r, CyclesLedger.CREATE_CANISTER_RESULT);
    assertEquals("FailedToCreate", v.variantValue().variantName());
    assertEquals("no room", v.variantValue().variantValue().field("error").text());
    // the burn's fee and the refund block's fee are gone; the rest came back
    assertEquals(BigInteger.valueOf(3_000_000_000_000L - 100_000_000 - 100_000_000), l.balanceOf(ALICE));
  }

  @Test
  void shouldTransferIcpToAnAccountIdentifierAsIcpCliSeeds() {
    IcpLedger l = new IcpLedger();
    byte[] to = AccountIdentifier.of(ALICE, null);
    byte[] args = CandidRecords.message(IcpLedger.TRANSFER_ARGS, w -> CandidRecords.record(w, IcpLedger.TRANSFER_ARGS,
        CandidRecords.fields(
            "memo", LauncherProcess.consumer(x -> x.fixed(0)),
            "amount", LauncherProcess.consumer(x -> x.record().fixed(100_000_000_000_000L)),
            "fee", LauncherProcess.consumer(x -> x.record().fixed(10_000)),
            "from_subaccount", LauncherProcess.consumer(x -> x.none()),
            "to", LauncherProcess.consumer(x -> x.blob(to)),
            "created_at_time", LauncherProcess.consumer(x -> x.none()))));
    CandidValue v = CandidRecords.decode(reply(l.handle(request(ANONYMOUS, "transfer", args))), IcpLedger.TRANSFER_RESULT);
    assertEquals("Ok", v.variantName());
    assertEquals(1L, v.variantValue().fixedInteger());
    assertEquals(BigInteger.valueOf(100_000_000_000_000L), l.balance(to));
    byte[] bad = to.clone();
    bad[0] ^= 1;
    byte[] badArgs = CandidRecords.message(IcpLedger.TRANSFER_ARGS, w -> CandidRecords.record(w, IcpLedger.TRANSFER_ARGS,
        CandidRecords.fields(
            "memo", LauncherProcess.consumer(x -> x.fixed(0)),
            "amount", LauncherProcess.consumer(x -> x.record().fixed(1)),
            "fee", LauncherProcess.consumer(x -> x.record().fixed(10_000)),
            "from_subaccount", LauncherProcess.consumer(x -> x.none()),
            "to", LauncherProcess.consumer(x -> x.blob(bad)),
            "created_at_time", LauncherProcess.consumer(x -> x.none()))));
    assertInstanceOf(SystemCanister.Trap.class, l.handle(request(ANONYMOUS, "transfer", badArgs)));
  }
}
