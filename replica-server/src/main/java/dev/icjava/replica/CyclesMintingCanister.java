package dev.icjava.replica;

import static dev.icjava.candid.CandidType.blob;
import static dev.icjava.candid.CandidType.field;
import static dev.icjava.candid.CandidType.nat;
import static dev.icjava.candid.CandidType.nat64;
import static dev.icjava.candid.CandidType.opt;
import static dev.icjava.candid.CandidType.principal;
import static dev.icjava.candid.CandidType.record;
import static dev.icjava.candid.CandidType.text;
import static dev.icjava.candid.CandidType.variant;
import static dev.icjava.candid.CandidType.vec;

import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import dev.icjava.testkit.SystemCanister;
import java.math.BigInteger;
import java.util.Set;

/**
 * The cycles minting canister ({@code rkp4c-7iaaa-aaaaa-aaaca-cai}) of the local network, in Java,
 * with the methods icp-cli and the cycles ledger call (dfinity/ic {@code rs/nns/cmc/cmc.did}):
 * {@code get_default_subnets} (the one subnet: icp-cli picks a subnet for {@code icp deploy} from
 * it), {@code get_icp_xdr_conversion_rate} (35,200 permyriad, PocketIC's rate; its certificate and
 * hash tree are empty: this CMC certifies nothing) and {@code create_canister}, which the cycles
 * ledger calls with the new canister's cycles attached: it asks the management canister to {@code
 * create_canister} with them and answers {@code Ok (principal)}, or {@code Err (Refunded)} with the
 * management canister's reject. The one subnet is the only one there is, so {@code
 * subnet_selection} and {@code subnet_type} choose nothing. Not served: {@code notify_mint_cycles},
 * {@code notify_create_canister}, {@code notify_top_up}.
 */
final class CyclesMintingCanister implements SystemCanister {
  static final byte[] ID = HttpReplica.principalBytes("rkp4c-7iaaa-aaaaa-aaaca-cai");
  /** XDR per ICP in 1/10,000ths: what PocketIC's CMC is set to. */
  static final long XDR_PERMYRIAD_PER_ICP = 35_200;

  static final CandidType CREATE_ARG = record(field("settings", opt(CanisterSettingsCandid.SETTINGS)),
      field("subnet_type", opt(text())), field("subnet_selection", opt(CyclesLedger.SUBNET_SELECTION)));
  static final CandidType CREATE_CANISTER_ERROR = variant(
      field("Refunded", record(field("refund_amount", nat()), field("create_error", text()))),
      field("RefundFailed", record(field("create_error", text()), field("refund_error", text()))));
  static final CandidType CREATE_CANISTER_RESULT = variant(field("Ok", principal()), field("Err", CREATE_CANISTER_ERROR));
  static final CandidType RATE = record(field("timestamp_seconds", nat64()), field("xdr_permyriad_per_icp", nat64()));
  static final CandidType RATE_RESPONSE =
      record(field("data", RATE), field("hash_tree", blob()), field("certificate", blob()));

  private static final Set<String> QUERIES = Set.of("get_default_subnets", "get_icp_xdr_conversion_rate");

  private final byte[] subnetId;

  CyclesMintingCanister(byte[] subnetId) {
    this.subnetId = subnetId.clone();
  }

  @Override
  public boolean isQuery(String method) {
    return QUERIES.contains(method);
  }

  /** {@code CreateCanisterArg} as the cycles ledger sends it: these settings, controllers defaulting to {@code controller}. */
  static byte[] createCanisterArgs(CandidValue settings, byte[] controller) {
    CandidWriter w = new CandidWriter(CREATE_ARG);
    w.record();
    String[] names = new String[3];
    for (String n : new String[] {"settings", "subnet_type", "subnet_selection"}) {
      names[CREATE_ARG.fieldIndex(n)] = n;
    }
    for (String n : names) {
      if (n.equals("settings")) {
        w.some();
        CanisterSettingsCandid.writeSettings(w, settings, controller);
      } else {
        w.none();
      }
    }
    return w.toMessage();
  }

  @Override
  public Response handle(Request r) {
    try {
      return switch (r.method()) {
        case "get_default_subnets" -> Reply.of(CandidRecords.message(vec(principal()), w -> w.vec(1).principal(subnetId)));
        case "get_icp_xdr_conversion_rate" -> Reply.of(rate(r.time()));
        case "create_canister" -> create(r);
        default -> new Reject(5, Outcome.noSuchMethod(ID, r.replicated() ? "update" : "query", r.method())
            .rejectMessage(), "IC0536");
      };
    } catch (CandidException | IllegalArgumentException | IllegalStateException e) {
      return new Trap("failed to decode the argument of " + r.method() + ": " + e.getMessage());
    }
  }

  private static byte[] rate(long now) {
    return CandidRecords.message(RATE_RESPONSE, w -> CandidRecords.record(w, RATE_RESPONSE, CandidRecords.fields(
        "data", CyclesLedger.consumer(x -> CandidRecords.record(x, RATE, CandidRecords.fields(
            "timestamp_seconds", CyclesLedger.consumer(y -> y.fixed(now / 1_000_000_000L)),
            "xdr_permyriad_per_icp", CyclesLedger.consumer(y -> y.fixed(XDR_PERMYRIAD_PER_ICP))))),
        "hash_tree", CyclesLedger.consumer(x -> x.blob(new byte[0])),
        "certificate", CyclesLedger.consumer(x -> x.blob(new byte[0])))));
  }

  private Response create(Request r) {
    CandidValue a = CandidRecords.decode(r.arg(), CREATE_ARG);
    CandidValue settings = CandidRecords.opt(a.field("settings"));
    long cycles = r.cycles();
    byte[] args = CanisterSettingsCandid.createCanisterArgs(settings, r.caller());
    return new Call(new byte[0], "create_canister", args, cycles, answer -> {
      if (answer.replied()) {
        byte[] id = CandidMessage.parse(answer.reply()).decode(CanisterSettingsCandid.CREATE_CANISTER_RESULT)[0]
            .field("canister_id").principal();
        return new Reply(CandidRecords.message(CREATE_CANISTER_RESULT,
            w -> w.variant(CandidRecords.tag(CREATE_CANISTER_RESULT, "Ok")).principal(id)), cycles);
      }
      BigInteger refund = BigInteger.valueOf(answer.refund());
      CandidType refunded = CREATE_CANISTER_ERROR.fieldType(CandidRecords.tag(CREATE_CANISTER_ERROR, "Refunded"));
      return new Reply(CandidRecords.message(CREATE_CANISTER_RESULT, w -> {
        w.variant(CandidRecords.tag(CREATE_CANISTER_RESULT, "Err"))
            .variant(CandidRecords.tag(CREATE_CANISTER_ERROR, "Refunded"));
        CandidRecords.record(w, refunded, CandidRecords.fields(
            "refund_amount", CyclesLedger.consumer(x -> x.nat(CandidRecords.candid(refund))),
            "create_error", CyclesLedger.consumer(x -> x.text(answer.rejectMessage()))));
      }), cycles - answer.refund());
    });
  }
}
