package dev.icjava.replica;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's {@code HttpServer} in front of an {@link HttpReplica}: a pool of {@link #THREADS}
 * threads, so many clients are served at once (parsing, signature checks and signing in parallel);
 * the replica executes their messages one at a time on its own thread.
 */
public final class ReplicaHttpServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
    // ACK: about 40 ms per response. The property is read once, when the first server is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** Requests handled at once; more wait in the listen backlog. */
  static final int THREADS = 32;

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpReplica replica;

  /**
   * Serves {@code replica} on 127.0.0.1:{@code port} (0: a free one); with the II stand-in's routes
   * when asked.
   *
   * @param replica the replica to serve
   * @param port the port, 0 for a free one
   * @param iiStandIn whether to serve the II stand-in's routes
   * @throws IOException when the server cannot be started
   */
  public ReplicaHttpServer(HttpReplica replica, int port, boolean iiStandIn) throws IOException {
    this(replica, new InetSocketAddress("127.0.0.1", port), iiStandIn);
  }

  /**
   * Serves {@code replica} on {@code address}; throws {@link java.net.BindException} when it is
   * taken.
   *
   * @param replica the replica to serve
   * @param address the address to bind
   * @param iiStandIn whether to serve the II stand-in's routes
   * @throws IOException when the server cannot be started
   */
  public ReplicaHttpServer(HttpReplica replica, InetSocketAddress address, boolean iiStandIn) throws IOException {
    this(replica, address, iiStandIn, new GatewayRouter(java.util.List.of("localhost"), null, false));
  }

  /**
   * Serves {@code replica} on {@code address}, browsers' requests for canisters through the HTTP
   * gateway as {@code router} finds them.
   */
  ReplicaHttpServer(HttpReplica replica, InetSocketAddress address, boolean iiStandIn, GatewayRouter router)
      throws IOException {
    this.replica = replica;
    this.server = HttpServer.create(address, 256);
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "replica-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/api/", ex -> {
      HttpReplica.Response r;
      try {
        r = replica.handle(ex.getRequestMethod(), ex.getRequestURI().getPath(), body(ex));
      } catch (RuntimeException | Error e) {
        // a fault of the replica, not of the request: said, not swallowed as a dropped connection
        System.err.println("replica: " + ex.getRequestURI().getPath() + " failed: " + e);
        e.printStackTrace();
        r = HttpReplica.Response.text(500, "The local replica failed on this request: " + e);
      }
      respond(ex, r);
    });
    HttpGateway gateway = new HttpGateway(replica, router);
    server.createContext("/", ex -> {
      java.util.List<String[]> headers = new java.util.ArrayList<>();
      ex.getRequestHeaders().forEach((k, vs) -> vs.forEach(v -> headers.add(new String[] {k.toLowerCase(java.util.Locale.ROOT), v})));
      java.net.URI uri = ex.getRequestURI();
      HttpGateway.Served served = gateway.serve(ex.getRequestHeaders().getFirst("Host"), ex.getRequestMethod(),
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), uri.getRawQuery(), headers,
          body(ex));
      for (String[] kv : served.headers()) {
        ex.getResponseHeaders().add(kv[0], kv[1]);
      }
      ex.sendResponseHeaders(served.status(), served.body().length == 0 ? -1 : served.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(served.body());
      }
    });
    if (iiStandIn) {
      InternetIdentityStandIn ii = new InternetIdentityStandIn(replica);
      StandInSignIn signIn = new StandInSignIn(replica);
      server.createContext("/_icjava/ii-stand-in/", ex -> {
        String path = ex.getRequestURI().getPath();
        respond(ex, path.endsWith("/icrc34") || path.endsWith("/icrc3-attributes") || path.endsWith("/test-values")
            ? signIn.handle(ex.getRequestMethod(), path, body(ex))
            : ii.handle(path, body(ex)));
      });
    }
    server.start();
  }

  /**
   * The port it listens on (the one chosen when asked for port 0).
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Its base URL, {@code http://<address>:<port>}.
   *
   * @return the URL
   */
  public String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  /**
   * The replica it serves.
   *
   * @return the replica
   */
  public HttpReplica replica() {
    return replica;
  }

  private static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return in.readNBytes(HttpReplica.MAX_BODY_BYTES + 1);
    }
  }

  private static void respond(HttpExchange ex, HttpReplica.Response r) throws IOException {
    ex.getResponseHeaders().set("Content-Type", r.contentType());
    ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  /**
   * Stops accepting connections, lets the requests being handled finish (up to {@code seconds}),
   * then stops the threads.
   *
   * @param seconds the most seconds to wait
   */
  public void stop(int seconds) {
    server.stop(seconds);
    executor.shutdownNow();
  }

  @Override
  public void close() {
    stop(0);
    replica.close();
  }
}
