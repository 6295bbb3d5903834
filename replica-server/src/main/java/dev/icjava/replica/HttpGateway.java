package dev.icjava.replica;

import static dev.icjava.candid.CandidType.blob;
import static dev.icjava.candid.CandidType.bool;
import static dev.icjava.candid.CandidType.field;
import static dev.icjava.candid.CandidType.nat16;
import static dev.icjava.candid.CandidType.opt;
import static dev.icjava.candid.CandidType.record;
import static dev.icjava.candid.CandidType.text;
import static dev.icjava.candid.CandidType.tuple;
import static dev.icjava.candid.CandidType.vec;

import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP gateway for browsers (developer-docs {@code docs/references/http-gateway-protocol-spec.md}):
 * a request for a canister ({@link GatewayRouter}) becomes the canister's {@code http_request} query
 * ({@code record { method; url; headers; body; certificate_version = opt 2 }}), run anonymously;
 * its {@code HttpResponse} becomes the browser's response; {@code upgrade = opt true} sends it again
 * as the update {@code http_request_update}. No canister: {@code 400 Could not find a canister id
 * to forward to.} (the words of dfinity/icx-proxy's gateway); a rejected call: {@code 502} with
 * agent-rs's words for the reject ({@code AgentError::CertifiedReject}).
 *
 * <p>The gateway runs beside the replica and trusts it, so it does not verify the response's
 * certification ({@code IC-Certificate} headers); a client that verifies does so itself. A
 * streaming strategy's further chunks are not fetched: the first body is the whole response.
 */
final class HttpGateway {
  static final CandidType HEADER = tuple(text(), text());
  static final CandidType REQUEST = record(field("method", text()), field("url", text()), field("headers", vec(HEADER)),
      field("body", blob()), field("certificate_version", opt(nat16())));
  static final CandidType UPDATE_REQUEST = record(field("method", text()), field("url", text()),
      field("headers", vec(HEADER)), field("body", blob()));
  static final CandidType RESPONSE = record(field("status_code", nat16()), field("headers", vec(HEADER)),
      field("body", blob()), field("upgrade", opt(bool())));

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ANONYMOUS = {4};

  /** A response for the browser. */
  record Served(int status, List<String[]> headers, byte[] body) {}

  private final HttpReplica replica;
  private final GatewayRouter router;

  HttpGateway(HttpReplica replica, GatewayRouter router) {
    this.replica = replica;
    this.router = router;
  }

  /** Serves one browser request. */
  Served serve(String host, String method, String pathAndQuery, String query, List<String[]> headers, byte[] body) {
    byte[] canister = router.canisterFor(host, query);
    if (canister == null) {
      return plain(400, "Could not find a canister id to forward to.");
    }
    byte[] arg = request(method, pathAndQuery, headers, body, true);
    try {
      Outcome o = replica.executor.run(() -> replica.state.query(canister, "http_request", ANONYMOUS, arg, null,
          replica.now()));
      if (!o.replied()) {
        return rejected(o.rejectCode(), o.rejectMessage(), o.errorCode());
      }
      CandidValue r = CandidRecords.decode(o.reply(), RESPONSE);
      CandidValue upgrade = CandidRecords.opt(r.field("upgrade"));
      if (upgrade != null && upgrade.bool()) {
        return update(canister, request(method, pathAndQuery, headers, body, false));
      }
      return served(r);
    } catch (Refusal e) {
      return rejected(e.rejectCode, e.getMessage(), e.errorCode);
    } catch (CandidException | IllegalStateException e) {
      return plain(502, "The canister's http_request reply is not an HttpResponse: " + e.getMessage());
    }
  }

  private Served update(byte[] canister, byte[] arg) throws Refusal {
    byte[] rid = new byte[32];
    RANDOM.nextBytes(rid);
    long expiry = replica.now() + 5 * 60 * 1_000_000_000L;
    RequestStatus s = replica.executor.run(() -> replica.state.call(new JournalRecord.IngressCall(replica.now(), rid,
        ANONYMOUS, canister, canister, "http_request_update", arg, null, null,
        expiry + ReplicaState.STATUS_RETENTION_NANOS)));
    replica.state.awaitDurable(replica.executor.run(replica.state::position));
    if (s.reply() == null) {
      return rejected(s.rejectCode(), s.rejectMessage(), s.errorCode());
    }
    return served(CandidRecords.decode(s.reply(), RESPONSE));
  }

  private static Served served(CandidValue r) {
    List<String[]> headers = new ArrayList<>();
    CandidValue h = r.field("headers");
    for (int i = 0; i < h.size(); i++) {
      headers.add(new String[] {h.element(i).field(0).text(), h.element(i).field(1).text()});
    }
    return new Served((int) r.field("status_code").fixedInteger(), headers, r.field("body").blob());
  }

  /** The {@code HttpRequest} (query, with {@code certificate_version}) or {@code HttpUpdateRequest}. */
  static byte[] request(String method, String url, List<String[]> headers, byte[] body, boolean query) {
    CandidType type = query ? REQUEST : UPDATE_REQUEST;
    CandidWriter w = new CandidWriter(type);
    Map<String, java.util.function.Consumer<CandidWriter>> fields = CandidRecords.fields(
        "method", CyclesLedger.consumer(x -> x.text(method)),
        "url", CyclesLedger.consumer(x -> x.text(url)),
        "headers", CyclesLedger.consumer(x -> {
          x.vec(headers.size());
          for (String[] kv : headers) {
            x.record().text(kv[0]).text(kv[1]);
          }
        }),
        "body", CyclesLedger.consumer(x -> x.blob(body)));
    if (query) {
      fields.put("certificate_version", CyclesLedger.consumer(x -> x.some().fixed(2)));
    }
    CandidRecords.record(w, type, fields);
    return w.toMessage();
  }

  private static Served rejected(int code, String message, String errorCode) {
    String[] names = {"Unknown", "SysFatal", "SysTransient", "DestinationInvalid", "CanisterReject", "CanisterError"};
    String name = code >= 1 && code <= 5 ? names[code] : "Unknown";
    return plain(502, "The replica returned a rejection error: reject code " + name + ", reject message " + message
        + ", error code " + (errorCode == null ? "None" : "Some(\"" + errorCode + "\")"));
  }

  private static Served plain(int status, String text) {
    return new Served(status, List.<String[]>of(new String[] {"Content-Type", "text/plain; charset=utf-8"}),
        text.getBytes(StandardCharsets.UTF_8));
  }
}
