package dev.icjava.replica;

import static dev.icjava.candid.CandidType.blob;
import static dev.icjava.candid.CandidType.field;
import static dev.icjava.candid.CandidType.nat;
import static dev.icjava.candid.CandidType.nat64;
import static dev.icjava.candid.CandidType.nullType;
import static dev.icjava.candid.CandidType.opt;
import static dev.icjava.candid.CandidType.principal;
import static dev.icjava.candid.CandidType.record;
import static dev.icjava.candid.CandidType.text;
import static dev.icjava.candid.CandidType.variant;

import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import java.math.BigInteger;

/**
 * The ICRC-1 token standard's Candid types both ledgers speak (dfinity/ICRC-1 {@code standards/ICRC-1};
 * the cycles ledger's {@code cycles-ledger.did} @ dfinity/cycles-ledger 2703d363: {@code Account},
 * {@code TransferArgs}, {@code TransferError}), and the key an account is kept under.
 */
final class Icrc1 {
  private Icrc1() {}

  static final CandidType ACCOUNT = record(field("owner", principal()), field("subaccount", opt(blob())));

  static final CandidType TRANSFER_ARGS = record(
      field("from_subaccount", opt(blob())), field("to", ACCOUNT), field("amount", nat()), field("fee", opt(nat())),
      field("memo", opt(blob())), field("created_at_time", opt(nat64())));

  static final CandidType TRANSFER_ERROR = variant(
      field("BadFee", record(field("expected_fee", nat()))),
      field("BadBurn", record(field("min_burn_amount", nat()))),
      field("InsufficientFunds", record(field("balance", nat()))),
      field("TooOld", nullType()),
      field("CreatedInFuture", record(field("ledger_time", nat64()))),
      field("Duplicate", record(field("duplicate_of", nat()))),
      field("TemporarilyUnavailable", nullType()),
      field("GenericError", record(field("message", text()), field("error_code", nat()))));

  static final CandidType TRANSFER_RESULT = variant(field("Ok", nat()), field("Err", TRANSFER_ERROR));

  /** The largest memo the ledgers accept (cycles ledger {@code MAX_MEMO_LENGTH}). */
  static final int MAX_MEMO_BYTES = 32;

  /** An account: its owner and 32-byte subaccount (absent: the default, which equals 32 zeros). */
  record Account(byte[] owner, byte[] subaccount) {
    /** The bytes balances are kept under: owner length, owner, subaccount (zeros for the default). */
    byte[] key() {
      byte[] sub = subaccount == null ? new byte[32] : subaccount;
      byte[] out = new byte[1 + owner.length + 32];
      out[0] = (byte) owner.length;
      System.arraycopy(owner, 0, out, 1, owner.length);
      System.arraycopy(sub, 0, out, 1 + owner.length, 32);
      return out;
    }

    /** The ICRC-1 textual form's owner part (the subaccount omitted): for messages. */
    @Override
    public String toString() {
      return HttpReplica.text(owner) + (subaccount == null ? "" : "." + java.util.HexFormat.of().formatHex(subaccount));
    }
  }

  /**
   * An {@code Account} value, or a trap message when its subaccount is not 32 bytes (the ledgers'
   * {@code Subaccount} is {@code [u8; 32]}: decoding another length fails and the canister traps).
   */
  static Account account(CandidValue v) {
    return new Account(v.field("owner").principal(), subaccount(v.field("subaccount")));
  }

  /** An {@code opt blob} subaccount: null when absent; {@link IllegalArgumentException} unless 32 bytes. */
  static byte[] subaccount(CandidValue opt) {
    CandidValue v = CandidRecords.opt(opt);
    if (v == null) {
      return null;
    }
    byte[] b = v.blob();
    if (b.length != 32) {
      throw new IllegalArgumentException("a subaccount has 32 bytes, not " + b.length);
    }
    return b;
  }

  /** {@code variant { Ok : nat }}. */
  static byte[] ok(BigInteger blockIndex) {
    return CandidRecords.message(TRANSFER_RESULT, w -> w.variant(CandidRecords.tag(TRANSFER_RESULT, "Ok"))
        .nat(CandidRecords.candid(blockIndex)));
  }

  /** {@code variant { Err : variant { <name> : record { <field> : nat } } }}. */
  static byte[] err(String name, String fieldName, BigInteger value) {
    return CandidRecords.message(TRANSFER_RESULT, w -> {
      w.variant(CandidRecords.tag(TRANSFER_RESULT, "Err")).variant(CandidRecords.tag(TRANSFER_ERROR, name));
      if (fieldName != null) {
        w.record().nat(CandidRecords.candid(value));
      }
    });
  }

  /** {@code Err (TooOld)}. */
  static byte[] tooOld() {
    return err("TooOld", null, null);
  }

  /** {@code Err (CreatedInFuture { ledger_time })}. */
  static byte[] createdInFuture(long now) {
    return CandidRecords.message(TRANSFER_RESULT, w -> w.variant(CandidRecords.tag(TRANSFER_RESULT, "Err"))
        .variant(CandidRecords.tag(TRANSFER_ERROR, "CreatedInFuture")).record().fixed(now));
  }

  /** {@code Err (GenericError { message; error_code })}. */
  static byte[] genericError(String message, long code) {
    CandidType g = TRANSFER_ERROR.fieldType(CandidRecords.tag(TRANSFER_ERROR, "GenericError"));
    return CandidRecords.message(TRANSFER_RESULT, w -> {
      w.variant(CandidRecords.tag(TRANSFER_RESULT, "Err")).variant(CandidRecords.tag(TRANSFER_ERROR, "GenericError"));
      CandidRecords.record(w, g, CandidRecords.fields(
          "message", (java.util.function.Consumer<CandidWriter>) x -> x.text(message),
          "error_code", (java.util.function.Consumer<CandidWriter>) x -> x.nat(code)));
    });
  }
}
