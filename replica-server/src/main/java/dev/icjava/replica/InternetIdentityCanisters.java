package dev.icjava.replica;

import dev.icjava.candid.CandidException;
import dev.icjava.testkit.SystemCanister;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Internet Identity stand-in as a local network with {@code --ii} has it, at II's mainnet ids
 * (PocketIC's {@code ii} feature installs the real II there: backend {@code
 * rdmx6-jaaaa-aaaaa-aaadq-cai}, frontend {@code uqzsh-gqaaa-aaaaq-qaada-cai}; dfinity/pic-js {@code
 * http-gateway.spec.ts}): the backend is the principal {@link InternetIdentityStandIn} signs
 * delegations and attribute bundles as (its JSON routes, {@code /_icjava/ii-stand-in/}, are on
 * with {@code --ii}); it has no Candid methods. The frontend answers {@code http_request} with the
 * stand-in's sign-in page ({@link #PAGE}: the signer side of the window protocol that
 * {@code @icp-sdk/auth} speaks, which says it is a local test authority), served by the gateway at {@code
 * http://id.ai.localhost:<port>/}; the page's signatures come from {@link StandInSignIn}. Never
 * installed without {@code --ii}.
 */
final class InternetIdentityCanisters {
  static final byte[] BACKEND = InternetIdentityStandIn.II;
  static final byte[] FRONTEND = GatewayRouter.II_FRONTEND;

  /**
   * The stand-in's page ({@code ii-stand-in.html} beside this class): the signer side of ICRC-29,
   * ICRC-25, ICRC-34 and {@code ii-icrc3-attributes}, with a "continue as test user N" button and,
   * at its top, that it is a local test authority. Served for every path ({@code /},
   * {@code /authorize}).
   */
  static final String PAGE = page();

  private static String page() {
    try (java.io.InputStream in = InternetIdentityCanisters.class.getResourceAsStream("ii-stand-in.html")) {
      if (in == null) {
        throw new IllegalStateException("ii-stand-in.html is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private InternetIdentityCanisters() {}

  /** The backend: a principal that signs, with no methods. */
  static final class Backend implements SystemCanister {
    @Override
    public boolean isQuery(String method) {
      return false;
    }

    @Override
    public Response handle(Request r) {
      return new Reject(5, Outcome.noSuchMethod(BACKEND, r.replicated() ? "update" : "query", r.method())
          .rejectMessage(), "IC0536");
    }
  }

  /** The frontend: {@code http_request} answers {@link #PAGE}. */
  static final class Frontend implements SystemCanister {
    @Override
    public boolean isQuery(String method) {
      return method.equals("http_request");
    }

    @Override
    public Response handle(Request r) {
      if (!r.method().equals("http_request")) {
        return new Reject(5, Outcome.noSuchMethod(FRONTEND, r.replicated() ? "update" : "query", r.method())
            .rejectMessage(), "IC0536");
      }
      try {
        CandidRecords.decode(r.arg(), HttpGateway.REQUEST);
      } catch (CandidException | IllegalStateException e) {
        return new Trap("failed to decode the argument of http_request: " + e.getMessage());
      }
      byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      return Reply.of(CandidRecords.message(HttpGateway.RESPONSE, w -> CandidRecords.record(w, HttpGateway.RESPONSE,
          CandidRecords.fields(
              "status_code", CyclesLedger.consumer(x -> x.fixed(200)),
              "headers", CyclesLedger.consumer(x -> {
                List<String[]> h = List.<String[]>of(new String[] {"content-type", "text/html; charset=utf-8"});
                x.vec(h.size());
                for (String[] kv : h) {
                  x.record().text(kv[0]).text(kv[1]);
                }
              }),
              "body", CyclesLedger.consumer(x -> x.blob(body)),
              "upgrade", CyclesLedger.consumer(x -> x.none())))));
    }
  }
}
