package dev.icjava.replica;

import static dev.icjava.candid.CandidType.blob;
import static dev.icjava.candid.CandidType.field;
import static dev.icjava.candid.CandidType.nat;
import static dev.icjava.candid.CandidType.nat64;
import static dev.icjava.candid.CandidType.nat8;
import static dev.icjava.candid.CandidType.nullType;
import static dev.icjava.candid.CandidType.opt;
import static dev.icjava.candid.CandidType.principal;
import static dev.icjava.candid.CandidType.record;
import static dev.icjava.candid.CandidType.text;
import static dev.icjava.candid.CandidType.variant;

import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import dev.icjava.testkit.SystemCanister;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;

/**
 * The cycles ledger ({@code um5iw-rqaaa-aaaaq-qaaba-cai}) of the local network, in Java, speaking
 * the real one's Candid interface (dfinity/cycles-ledger {@code cycles-ledger/cycles-ledger.did}
 * @ 2703d363) with its rules ({@code src/main.rs}, {@code src/storage.rs}, {@code src/config.rs}):
 * fee 100,000,000 cycles, 12 decimals, symbol {@code TCYCLES}; transfers check duplicates, the
 * management canister's accounts (refused), the fee ({@code BadFee} before {@code
 * InsufficientFunds}), the balance, the memo (at most 32 bytes, else a trap) and {@code
 * created_at_time}; {@code deposit} mints what a canister attaches, less the fee; {@code withdraw}
 * burns and deposits the cycles into a canister through the management canister; {@code
 * create_canister} burns {@code amount} plus the fee and has the cycles minting canister create the
 * canister with {@code amount} cycles, controllers defaulting to the caller, refunding {@code
 * refund - fee} when it fails.
 *
 * <p>The anonymous principal holds {@link #ANONYMOUS_BALANCE} at genesis, as on PocketIC ({@code
 * pocket_ic.rs}: {@code INITIAL_CYCLES = u128::MAX / 2}), so that icp-cli can seed its identities.
 * Not served: approvals ({@code icrc2_*}), {@code *_from}, blocks ({@code icrc3_*}), metadata.
 */
final class CyclesLedger implements SystemCanister {
  static final byte[] ID = HttpReplica.principalBytes("um5iw-rqaaa-aaaaq-qaaba-cai");
  static final BigInteger FEE = BigInteger.valueOf(100_000_000L);
  static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  static final BigInteger ANONYMOUS_BALANCE = U128_MAX.shiftRight(1);
  /** {@code CREATE_CANISTER_MEMO}: 32 bytes of 0xFE. */
  static final byte[] CREATE_CANISTER_MEMO = filled((byte) 0xFE);
  /** {@code REFUND_MEMO}: 32 bytes of 0xFD. */
  static final byte[] REFUND_MEMO = filled((byte) 0xFD);
  /** {@code DENIED_OWNER} of {@code storage.rs}'s {@code transfer_from} error codes. */
  static final long DENIED_OWNER = 1;

  static final CandidType DEPOSIT_ARGS = record(field("to", Icrc1.ACCOUNT), field("memo", opt(blob())));
  static final CandidType DEPOSIT_RESULT = record(field("balance", nat()), field("block_index", nat()));
  static final CandidType WITHDRAW_ARGS = record(field("amount", nat()), field("from_subaccount", opt(blob())),
      field("to", principal()), field("created_at_time", opt(nat64())));
  static final CandidType REJECTION_CODE = variant(field("NoError", nullType()), field("CanisterError", nullType()),
      field("SysTransient", nullType()), field("DestinationInvalid", nullType()), field("Unknown", nullType()),
      field("SysFatal", nullType()), field("CanisterReject", nullType()));
  static final CandidType WITHDRAW_ERROR = variant(
      field("GenericError", record(field("message", text()), field("error_code", nat()))),
      field("TemporarilyUnavailable", nullType()),
      field("FailedToWithdraw", record(field("fee_block", opt(nat())), field("rejection_code", REJECTION_CODE),
          field("rejection_reason", text()))),
      field("Duplicate", record(field("duplicate_of", nat()))),
      field("BadFee", record(field("expected_fee", nat()))),
      field("InvalidReceiver", record(field("receiver", principal()))),
      field("CreatedInFuture", record(field("ledger_time", nat64()))),
      field("TooOld", nullType()),
      field("InsufficientFunds", record(field("balance", nat()))));
  static final CandidType WITHDRAW_RESULT = variant(field("Ok", nat()), field("Err", WITHDRAW_ERROR));
  static final CandidType SUBNET_SELECTION = variant(field("Subnet", record(field("subnet", principal()))),
      field("Filter", record(field("subnet_type", opt(text())))));
  static final CandidType CMC_CREATE_ARGS = record(field("settings", opt(CanisterSettingsCandid.SETTINGS)),
      field("subnet_selection", opt(SUBNET_SELECTION)));
  static final CandidType CREATE_CANISTER_ARGS = record(field("from_subaccount", opt(blob())),
      field("created_at_time", opt(nat64())), field("amount", nat()), field("creation_args", opt(CMC_CREATE_ARGS)));
  static final CandidType CREATE_CANISTER_ERROR = variant(
      field("InsufficientFunds", record(field("balance", nat()))),
      field("TooOld", nullType()),
      field("CreatedInFuture", record(field("ledger_time", nat64()))),
      field("TemporarilyUnavailable", nullType()),
      field("Duplicate", record(field("duplicate_of", nat()), field("canister_id", opt(principal())))),
      field("FailedToCreate", record(field("fee_block", opt(nat())), field("refund_block", opt(nat())),
          field("error", text()))),
      field("GenericError", record(field("message", text()), field("error_code", nat()))));
  static final CandidType CREATE_CANISTER_RESULT = variant(
      field("Ok", record(field("block_id", nat()), field("canister_id", principal()))),
      field("Err", CREATE_CANISTER_ERROR));

  private static final Set<String> QUERIES = Set.of("icrc1_balance_of", "icrc1_decimals", "icrc1_fee", "icrc1_name",
      "icrc1_symbol", "icrc1_total_supply", "icrc1_minting_account");

  private final LedgerBook book = new LedgerBook();
  /** Canisters created by a create_canister with created_at_time, by its block (for Duplicate). */
  private final java.util.Map<Long, byte[]> created = new java.util.HashMap<>();

  CyclesLedger() {
    book.credit(new Icrc1.Account(Authenticator.ANONYMOUS, null).key(), ANONYMOUS_BALANCE);
    book.block();
  }

  @Override
  public boolean isQuery(String method) {
    return QUERIES.contains(method);
  }

  /** The balance of {@code owner}'s default account (for tests and the benchmark). */
  BigInteger balanceOf(byte[] owner) {
    return book.balance(new Icrc1.Account(owner, null).key());
  }

  @Override
  public Response handle(Request r) {
    try {
      return switch (r.method()) {
        case "icrc1_balance_of" -> Reply.of(natMessage(
            book.balance(Icrc1.account(CandidRecords.decode(r.arg(), Icrc1.ACCOUNT)).key())));
        case "icrc1_decimals" -> Reply.of(CandidRecords.message(nat8(), w -> w.fixed(12)));
        case "icrc1_fee" -> Reply.of(natMessage(FEE));
        case "icrc1_name" -> Reply.of(CandidWriter.textMessage("Trillion Cycles"));
        case "icrc1_symbol" -> Reply.of(CandidWriter.textMessage("TCYCLES"));
        case "icrc1_total_supply" -> Reply.of(natMessage(book.totalSupply()));
        case "icrc1_minting_account" -> Reply.of(CandidRecords.message(opt(Icrc1.ACCOUNT), CandidWriter::none));
        case "icrc1_transfer" -> transfer(r);
        case "deposit" -> deposit(r);
        case "withdraw" -> withdraw(r);
        case "create_canister" -> createCanister(r);
        default -> new Reject(5, Outcome.noSuchMethod(ID, r.replicated() ? "update" : "query", r.method())
            .rejectMessage(), "IC0536");
      };
    } catch (CandidException | IllegalArgumentException | IllegalStateException e) {
      // the Rust canister's Candid decoding panics: a trap with the decoder's words (here ours)
      return new Trap("failed to decode the argument of " + r.method() + ": " + e.getMessage());
    }
  }

  static byte[] natMessage(BigInteger n) {
    return CandidRecords.message(nat(), w -> w.nat(CandidRecords.candid(n)));
  }

  private Response transfer(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), Icrc1.TRANSFER_ARGS);
    Icrc1.Account from = new Icrc1.Account(r.caller(), Icrc1.subaccount(a.field("from_subaccount")));
    Icrc1.Account to = Icrc1.account(a.field("to"));
    BigInteger amount = CandidRecords.big(a.field("amount"));
    CandidValue feeValue = CandidRecords.opt(a.field("fee"));
    BigInteger fee = feeValue == null ? null : CandidRecords.big(feeValue);
    CandidValue memoValue = CandidRecords.opt(a.field("memo"));
    byte[] memo = memoValue == null ? null : memoValue.blob();
    CandidValue catValue = CandidRecords.opt(a.field("created_at_time"));
    Long createdAt = catValue == null ? null : catValue.fixedInteger();
    if (amount.compareTo(U128_MAX) > 0) {
      return Reply.of(Icrc1.err("InsufficientFunds", "balance", book.balance(from.key())));
    }
    if (fee != null && fee.compareTo(U128_MAX) > 0) {
      return Reply.of(Icrc1.err("BadFee", "expected_fee", FEE));
    }
    byte[][] tx = {from.key(), to.key(), amount.toByteArray(), fee == null ? null : fee.toByteArray(), memo};
    Long dup = book.duplicateOf(createdAt, tx);
    if (dup != null) {
      return Reply.of(Icrc1.err("Duplicate", "duplicate_of", BigInteger.valueOf(dup)));
    }
    for (Icrc1.Account denied : new Icrc1.Account[] {from, to}) {
      if (denied.owner().length == 0) {
        return Reply.of(Icrc1.genericError("Owner of the account " + denied + " cannot be part of transactions",
            DENIED_OWNER));
      }
    }
    if (fee != null && !fee.equals(FEE)) {
      return Reply.of(Icrc1.err("BadFee", "expected_fee", FEE));
    }
    BigInteger balance = book.balance(from.key());
    if (balance.compareTo(amount.add(FEE)) < 0) {
      return Reply.of(Icrc1.err("InsufficientFunds", "balance", balance));
    }
    Response refused = checkMemoAndTime(memo, createdAt, r.time());
    if (refused != null) {
      return refused;
    }
    book.debit(from.key(), amount.add(FEE));
    book.credit(to.key(), amount);
    long index = book.block();
    book.remember(createdAt, index, r.time(), tx);
    return Reply.of(Icrc1.ok(BigInteger.valueOf(index)));
  }

  /** {@code process_transaction}'s checks: the memo (a trap), then created_at_time. */
  private static Response checkMemoAndTime(byte[] memo, Long createdAt, long now) {
    if (memo != null && memo.length > Icrc1.MAX_MEMO_BYTES) {
      return new Trap("memo length exceeds the maximum of " + Icrc1.MAX_MEMO_BYTES + " bytes");
    }
    return switch (LedgerBook.age(createdAt, now)) {
      case TOO_OLD -> Reply.of(Icrc1.tooOld());
      case IN_THE_FUTURE -> Reply.of(Icrc1.createdInFuture(now));
      default -> null;
    };
  }

  private Response deposit(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), DEPOSIT_ARGS);
    Icrc1.Account to = Icrc1.account(a.field("to"));
    CandidValue memoValue = CandidRecords.opt(a.field("memo"));
    BigInteger amount = BigInteger.valueOf(r.cycles());
    BigInteger minted = amount.subtract(FEE);
    if (minted.signum() < 0) {
      return new Trap("The requested amount " + amount + " to be deposited is less than the cycles ledger fee: " + FEE);
    }
    if (minted.signum() == 0) {
      return new Trap("Cannot deposit 0 cycles (amount: " + amount + ", cycles ledger fee: " + FEE + ")");
    }
    if (memoValue != null && memoValue.blob().length > Icrc1.MAX_MEMO_BYTES) {
      return new Trap("memo length exceeds the maximum of " + Icrc1.MAX_MEMO_BYTES + " bytes");
    }
    book.credit(to.key(), minted);
    long index = book.block();
    BigInteger balance = book.balance(to.key());
    return new Reply(CandidRecords.message(DEPOSIT_RESULT, w -> CandidRecords.record(w, DEPOSIT_RESULT,
        CandidRecords.fields("balance", consumer(x -> x.nat(CandidRecords.candid(balance))),
            "block_index", consumer(x -> x.nat(index))))), r.cycles());
  }

  private Response withdraw(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), WITHDRAW_ARGS);
    Icrc1.Account from = new Icrc1.Account(r.caller(), Icrc1.subaccount(a.field("from_subaccount")));
    byte[] to = a.field("to").principal();
    BigInteger amount = CandidRecords.big(a.field("amount"));
    CandidValue catValue = CandidRecords.opt(a.field("created_at_time"));
    Long createdAt = catValue == null ? null : catValue.fixedInteger();
    if (to.length == 29 && to[28] == 0x02) { // self-authenticating: not a canister
      return Reply.of(withdrawError("InvalidReceiver", w -> w.record().principal(to)));
    }
    BigInteger balance = book.balance(from.key());
    if (amount.compareTo(U128_MAX) > 0 || balance.compareTo(amount.add(FEE)) < 0) {
      return Reply.of(withdrawError("InsufficientFunds", w -> w.record().nat(CandidRecords.candid(balance))));
    }
    byte[][] tx = {new byte[] {'w'}, from.key(), to, amount.toByteArray()};
    Long dup = book.duplicateOf(createdAt, tx);
    if (dup != null) {
      return Reply.of(withdrawError("Duplicate", w -> w.record().nat(dup)));
    }
    switch (LedgerBook.age(createdAt, r.time())) {
      case TOO_OLD:
        return Reply.of(withdrawError("TooOld", w -> { }));
      case IN_THE_FUTURE:
        return Reply.of(withdrawError("CreatedInFuture", w -> w.record().fixed(r.time())));
      default:
        break;
    }
    book.debit(from.key(), amount.add(FEE));
    long index = book.block();
    book.remember(createdAt, index, r.time(), tx);
    byte[] depositArgs = CandidRecords.message(record(field("canister_id", principal())), w -> w.record().principal(to));
    return new Call(new byte[0], "deposit_cycles", depositArgs, amount.longValueExact(), answer -> {
      if (answer.replied()) {
        return Reply.of(CandidRecords.message(WITHDRAW_RESULT,
            w -> w.variant(CandidRecords.tag(WITHDRAW_RESULT, "Ok")).nat(index)));
      }
      book.credit(from.key(), amount); // the deposit failed: the cycles come back, the fee stays burnt
      book.block();
      return Reply.of(withdrawError("FailedToWithdraw", w -> {
        w.record();
        // fields by id: fee_block, rejection_code, rejection_reason in the type's order
        CandidType f = WITHDRAW_ERROR.fieldType(CandidRecords.tag(WITHDRAW_ERROR, "FailedToWithdraw"));
        writeFailedToWithdraw(w, f, index, answer.rejectCode(), answer.rejectMessage());
      }));
    });
  }

  private static void writeFailedToWithdraw(CandidWriter w, CandidType type, long feeBlock, int code, String reason) {
    String[] names = new String[3];
    for (String n : new String[] {"fee_block", "rejection_code", "rejection_reason"}) {
      names[type.fieldIndex(n)] = n;
    }
    for (String n : names) {
      switch (n) {
        case "fee_block" -> w.some().nat(feeBlock);
        case "rejection_code" -> w.variant(CandidRecords.tag(REJECTION_CODE, rejectionCode(code)));
        default -> w.text(reason);
      }
    }
  }

  /** The cycles ledger's {@code RejectionCode} case of reject code {@code code} (interface spec's numbering). */
  static String rejectionCode(int code) {
    return switch (code) {
      case 0 -> "NoError";
      case 1 -> "SysFatal";
      case 2 -> "SysTransient";
      case 3 -> "DestinationInvalid";
      case 4 -> "CanisterReject";
      case 5 -> "CanisterError";
      default -> "Unknown";
    };
  }

  private static byte[] withdrawError(String name, java.util.function.Consumer<CandidWriter> payload) {
    return CandidRecords.message(WITHDRAW_RESULT, w -> {
      w.variant(CandidRecords.tag(WITHDRAW_RESULT, "Err")).variant(CandidRecords.tag(WITHDRAW_ERROR, name));
      payload.accept(w);
    });
  }

  private Response createCanister(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), CREATE_CANISTER_ARGS);
    Icrc1.Account from = new Icrc1.Account(r.caller(), Icrc1.subaccount(a.field("from_subaccount")));
    BigInteger amount = CandidRecords.big(a.field("amount"));
    CandidValue catValue = CandidRecords.opt(a.field("created_at_time"));
    Long createdAt = catValue == null ? null : catValue.fixedInteger();
    CandidValue creation = CandidRecords.opt(a.field("creation_args"));
    byte[][] tx = {new byte[] {'c'}, from.key(), amount.toByteArray()};
    Long dup = book.duplicateOf(createdAt, tx);
    if (dup != null) {
      byte[] canister = created.get(dup);
      return Reply.of(createError("Duplicate", w -> {
        w.record();
        CandidType d = CREATE_CANISTER_ERROR.fieldType(CandidRecords.tag(CREATE_CANISTER_ERROR, "Duplicate"));
        if (d.fieldIndex("duplicate_of") == 0) {
          w.nat(dup);
          writeOptPrincipal(w, canister);
        } else {
          writeOptPrincipal(w, canister);
          w.nat(dup);
        }
      }));
    }
    BigInteger balance = book.balance(from.key());
    if (amount.compareTo(U128_MAX) > 0 || balance.compareTo(amount.add(FEE)) < 0) {
      return Reply.of(createError("InsufficientFunds", w -> w.record().nat(CandidRecords.candid(balance))));
    }
    switch (LedgerBook.age(createdAt, r.time())) {
      case TOO_OLD:
        return Reply.of(createError("TooOld", w -> { }));
      case IN_THE_FUTURE:
        return Reply.of(createError("CreatedInFuture", w -> w.record().fixed(r.time())));
      default:
        break;
    }
    if (amount.bitLength() > 63) {
      return Reply.of(createError("InsufficientFunds", w -> w.record().nat(CandidRecords.candid(balance))));
    }
    book.debit(from.key(), amount.add(FEE));
    long index = book.block();
    book.remember(createdAt, index, r.time(), tx);
    CandidValue settings = creation == null ? null : CandidRecords.opt(creation.field("settings"));
    byte[] cmcArgs = CyclesMintingCanister.createCanisterArgs(settings, r.caller());
    return new Call(CyclesMintingCanister.ID, "create_canister", cmcArgs, amount.longValueExact(), answer -> {
      String error;
      BigInteger returned;
      if (answer.replied()) {
        CandidValue result = CandidMessage.parse(answer.reply()).decode(CyclesMintingCanister.CREATE_CANISTER_RESULT)[0];
        if (result.variantName().equals("Ok")) {
          byte[] id = result.variantValue().principal();
          if (createdAt != null) {
            created.put(index, id);
          }
          return Reply.of(CandidRecords.message(CREATE_CANISTER_RESULT, w -> {
            w.variant(CandidRecords.tag(CREATE_CANISTER_RESULT, "Ok"));
            CandidType ok = CREATE_CANISTER_RESULT.fieldType(CandidRecords.tag(CREATE_CANISTER_RESULT, "Ok"));
            CandidRecords.record(w, ok, CandidRecords.fields("block_id", consumer(x -> x.nat(index)),
                "canister_id", consumer(x -> x.principal(id))));
          }));
        }
        CandidValue err = result.variantValue();
        if (err.variantName().equals("Refunded")) {
          returned = CandidRecords.big(err.variantValue().field("refund_amount"));
          error = err.variantValue().field("create_error").text();
        } else {
          returned = BigInteger.ZERO;
          error = "create_error: " + err.variantValue().field("create_error").text() + ", refund error: "
              + err.variantValue().field("refund_error").text();
        }
      } else {
        returned = amount;
        error = answer.rejectMessage();
      }
      BigInteger reimburse = returned.subtract(FEE);
      Long refundBlock = null;
      if (reimburse.signum() > 0) {
        book.credit(from.key(), reimburse);
        refundBlock = book.block();
      }
      Long refund = refundBlock;
      return Reply.of(createError("FailedToCreate", w -> {
        w.record();
        CandidType f = CREATE_CANISTER_ERROR.fieldType(CandidRecords.tag(CREATE_CANISTER_ERROR, "FailedToCreate"));
        String[] names = new String[3];
        for (String n : new String[] {"fee_block", "refund_block", "error"}) {
          names[f.fieldIndex(n)] = n;
        }
        for (String n : names) {
          switch (n) {
            case "fee_block" -> w.some().nat(index);
            case "refund_block" -> {
              if (refund == null) {
                w.none();
              } else {
                w.some().nat(refund);
              }
            }
            default -> w.text(error);
          }
        }
      }));
    });
  }

  private static void writeOptPrincipal(CandidWriter w, byte[] p) {
    if (p == null) {
      w.none();
    } else {
      w.some().principal(p);
    }
  }

  private static byte[] createError(String name, java.util.function.Consumer<CandidWriter> payload) {
    return CandidRecords.message(CREATE_CANISTER_RESULT, w -> {
      w.variant(CandidRecords.tag(CREATE_CANISTER_RESULT, "Err")).variant(CandidRecords.tag(CREATE_CANISTER_ERROR, name));
      payload.accept(w);
    });
  }

  static java.util.function.Consumer<CandidWriter> consumer(java.util.function.Consumer<CandidWriter> c) {
    return c;
  }

  private static byte[] filled(byte b) {
    byte[] out = new byte[32];
    Arrays.fill(out, b);
    return out;
  }
}
