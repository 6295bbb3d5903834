package dev.icjava.replica;

import static dev.icjava.candid.CandidType.blob;
import static dev.icjava.candid.CandidType.field;
import static dev.icjava.candid.CandidType.nat64;
import static dev.icjava.candid.CandidType.nat8;
import static dev.icjava.candid.CandidType.nullType;
import static dev.icjava.candid.CandidType.opt;
import static dev.icjava.candid.CandidType.record;
import static dev.icjava.candid.CandidType.variant;

import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import dev.icjava.testkit.SystemCanister;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Set;

/**
 * The ICP ledger ({@code ryjl3-tyaaa-aaaaa-aaaba-cai}) of the local network, in Java, with the
 * methods icp-cli calls (the ledger's {@code ledger.did}, as ic-ledger-types 0.15 and
 * icrc-ledger-types type them on the client side): the legacy {@code transfer} to a 32-byte {@link
 * AccountIdentifier} ({@code BadFee}, {@code TxTooOld}, {@code TxCreatedInFuture}, {@code
 * TxDuplicate}, {@code InsufficientFunds}; an identifier whose checksum is wrong traps), {@code
 * account_balance}, and ICRC-1's {@code icrc1_transfer}, {@code icrc1_balance_of}, {@code
 * icrc1_decimals} (8), {@code icrc1_symbol} ({@code ICP}), {@code icrc1_name}, {@code icrc1_fee}
 * (10,000 e8s). Balances are kept by account identifier, so both interfaces see one balance.
 *
 * <p>The anonymous principal's account holds {@link #ANONYMOUS_E8S} (1,000,000,000 ICP) at genesis,
 * as on PocketIC ({@code pocket_ic.rs}: the account {@code 1c7a48ba...dc79}, "the account of the
 * anonymous principal"). Not served: blocks and archives, approvals, {@code send_dfx}.
 */
final class IcpLedger implements SystemCanister {
  static final byte[] ID = HttpReplica.principalBytes("ryjl3-tyaaa-aaaaa-aaaba-cai");
  static final long FEE_E8S = 10_000;
  static final long ANONYMOUS_E8S = 1_000_000_000L * 100_000_000L;

  static final CandidType TOKENS = record(field("e8s", nat64()));
  static final CandidType TRANSFER_ARGS = record(field("memo", nat64()), field("amount", TOKENS), field("fee", TOKENS),
      field("from_subaccount", opt(blob())), field("to", blob()),
      field("created_at_time", opt(record(field("timestamp_nanos", nat64())))));
  static final CandidType TRANSFER_ERROR = variant(
      field("BadFee", record(field("expected_fee", TOKENS))),
      field("InsufficientFunds", record(field("balance", TOKENS))),
      field("TxTooOld", record(field("allowed_window_nanos", nat64()))),
      field("TxCreatedInFuture", nullType()),
      field("TxDuplicate", record(field("duplicate_of", nat64()))));
  static final CandidType TRANSFER_RESULT = variant(field("Ok", nat64()), field("Err", TRANSFER_ERROR));
  static final CandidType ACCOUNT_BALANCE_ARGS = record(field("account", blob()));

  private static final Set<String> QUERIES = Set.of("account_balance", "icrc1_balance_of", "icrc1_decimals",
      "icrc1_fee", "icrc1_name", "icrc1_symbol", "icrc1_total_supply");

  private final LedgerBook book = new LedgerBook();

  IcpLedger() {
    book.credit(AccountIdentifier.of(Authenticator.ANONYMOUS, null), BigInteger.valueOf(ANONYMOUS_E8S));
    book.block();
  }

  @Override
  public boolean isQuery(String method) {
    return QUERIES.contains(method);
  }

  /** The e8s held by this account identifier. */
  BigInteger balance(byte[] accountIdentifier) {
    return book.balance(accountIdentifier);
  }

  @Override
  public Response handle(Request r) {
    try {
      return switch (r.method()) {
        case "transfer" -> transfer(r);
        case "icrc1_transfer" -> icrc1Transfer(r);
        case "account_balance" -> Reply.of(tokens(book.balance(
            CandidRecords.decode(r.arg(), ACCOUNT_BALANCE_ARGS).field("account").blob()).longValueExact()));
        case "icrc1_balance_of" -> {
          Icrc1.Account a = Icrc1.account(CandidRecords.decode(r.arg(), Icrc1.ACCOUNT));
          yield Reply.of(CyclesLedger.natMessage(book.balance(AccountIdentifier.of(a.owner(), a.subaccount()))));
        }
        case "icrc1_decimals" -> Reply.of(CandidRecords.message(nat8(), w -> w.fixed(8)));
        case "icrc1_fee" -> Reply.of(CyclesLedger.natMessage(BigInteger.valueOf(FEE_E8S)));
        case "icrc1_name" -> Reply.of(CandidWriter.textMessage("Internet Computer"));
        case "icrc1_symbol" -> Reply.of(CandidWriter.textMessage("ICP"));
        case "icrc1_total_supply" -> Reply.of(CyclesLedger.natMessage(book.totalSupply()));
        default -> new Reject(5, Outcome.noSuchMethod(ID, r.replicated() ? "update" : "query", r.method())
            .rejectMessage(), "IC0536");
      };
    } catch (CandidException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      return new Trap("failed to decode the argument of " + r.method() + ": " + e.getMessage());
    }
  }

  private static byte[] tokens(long e8s) {
    return CandidRecords.message(TOKENS, w -> w.record().fixed(e8s));
  }

  private Response transfer(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), TRANSFER_ARGS);
    long memo = a.field("memo").fixedInteger();
    long amount = a.field("amount").field("e8s").fixedInteger();
    long fee = a.field("fee").field("e8s").fixedInteger();
    byte[] fromSub = Icrc1.subaccount(a.field("from_subaccount"));
    byte[] to = a.field("to").blob();
    CandidValue cat = CandidRecords.opt(a.field("created_at_time"));
    Long createdAt = cat == null ? null : cat.field("timestamp_nanos").fixedInteger();
    if (!AccountIdentifier.isValid(to)) {
      return new Trap("Invalid account identifier: " + HexFormat.of().formatHex(to));
    }
    byte[] from = AccountIdentifier.of(r.caller(), fromSub);
    if (fee != FEE_E8S) {
      return Reply.of(error("BadFee", w -> w.record().record().fixed(FEE_E8S)));
    }
    switch (LedgerBook.age(createdAt, r.time())) {
      case TOO_OLD:
        return Reply.of(error("TxTooOld", w -> w.record().fixed(LedgerBook.TRANSACTION_WINDOW_NANOS)));
      case IN_THE_FUTURE:
        return Reply.of(error("TxCreatedInFuture", w -> { }));
      default:
        break;
    }
    byte[][] tx = {from, to, longBytes(amount), longBytes(fee), longBytes(memo)};
    Long dup = book.duplicateOf(createdAt, tx);
    if (dup != null) {
      return Reply.of(error("TxDuplicate", w -> w.record().fixed(dup)));
    }
    BigInteger needed = BigInteger.valueOf(amount).add(BigInteger.valueOf(FEE_E8S));
    if (amount < 0 || book.balance(from).compareTo(needed) < 0) {
      long balance = book.balance(from).longValueExact();
      return Reply.of(error("InsufficientFunds", w -> w.record().record().fixed(balance)));
    }
    book.debit(from, needed);
    book.credit(to, BigInteger.valueOf(amount));
    long index = book.block();
    book.remember(createdAt, index, r.time(), tx);
    return Reply.of(CandidRecords.message(TRANSFER_RESULT, w -> w.variant(CandidRecords.tag(TRANSFER_RESULT, "Ok"))
        .fixed(index)));
  }

  private Response icrc1Transfer(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), Icrc1.TRANSFER_ARGS);
    byte[] from = AccountIdentifier.of(r.caller(), Icrc1.subaccount(a.field("from_subaccount")));
    Icrc1.Account toAccount = Icrc1.account(a.field("to"));
    byte[] to = AccountIdentifier.of(toAccount.owner(), toAccount.subaccount());
    BigInteger amount = CandidRecords.big(a.field("amount"));
    CandidValue feeValue = CandidRecords.opt(a.field("fee"));
    CandidValue memoValue = CandidRecords.opt(a.field("memo"));
    if (memoValue != null && memoValue.blob().length > Icrc1.MAX_MEMO_BYTES) {
      return new Trap("memo length exceeds the maximum of " + Icrc1.MAX_MEMO_BYTES + " bytes");
    }
    CandidValue cat = CandidRecords.opt(a.field("created_at_time"));
    Long createdAt = cat == null ? null : cat.fixedInteger();
    BigInteger fee = BigInteger.valueOf(FEE_E8S);
    if (feeValue != null && !CandidRecords.big(feeValue).equals(fee)) {
      return Reply.of(Icrc1.err("BadFee", "expected_fee", fee));
    }
    switch (LedgerBook.age(createdAt, r.time())) {
      case TOO_OLD:
        return Reply.of(Icrc1.tooOld());
      case IN_THE_FUTURE:
        return Reply.of(Icrc1.createdInFuture(r.time()));
      default:
        break;
    }
    byte[][] tx = {from, to, amount.toByteArray(), feeValue == null ? null : fee.toByteArray(),
        memoValue == null ? null : memoValue.blob()};
    Long dup = book.duplicateOf(createdAt, tx);
    if (dup != null) {
      return Reply.of(Icrc1.err("Duplicate", "duplicate_of", BigInteger.valueOf(dup)));
    }
    BigInteger balance = book.balance(from);
    if (balance.compareTo(amount.add(fee)) < 0) {
      return Reply.of(Icrc1.err("InsufficientFunds", "balance", balance));
    }
    book.debit(from, amount.add(fee));
    book.credit(to, amount);
    long index = book.block();
    book.remember(createdAt, index, r.time(), tx);
    return Reply.of(Icrc1.ok(BigInteger.valueOf(index)));
  }

  private static byte[] error(String name, java.util.function.Consumer<CandidWriter> payload) {
    return CandidRecords.message(TRANSFER_RESULT, w -> {
      w.variant(CandidRecords.tag(TRANSFER_RESULT, "Err")).variant(CandidRecords.tag(TRANSFER_ERROR, name));
      payload.accept(w);
    });
  }

  private static byte[] longBytes(long v) {
    return BigInteger.valueOf(v).toByteArray();
  }
}
