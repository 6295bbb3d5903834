package dev.icjava.replica;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * icp-cli's network launcher ({@code ICP_CLI_NETWORK_LAUNCHER_PATH}) on this project's replica: the
 * build leaves it as {@code replica-server/target/icp-cli-network-launcher}, a shell script that
 * {@code exec}s this class. It implements the launcher contract, interface version 1.1.0
 * (dfinity/icp-cli-network-launcher {@code SPEC.md}; icp-cli's {@code
 * crates/icp/src/network/managed/launcher.rs} and {@code run.rs} drive it):
 *
 * <ol>
 *   <li>parses the command line ({@link LauncherArguments}); refuses, with one line on stderr and
 *       exit status 1, a wrong one and what it cannot do ({@code --nns}, other subnets, bitcoin);
 *   <li>opens the network's state in {@code --state-dir} ({@link StateJournal}: a new network's
 *       keys, or the journal of the last run replayed), or keeps it in memory without one;
 *   <li>serves the IC's HTTP interface on {@code --bind}:{@code --gateway-port} (a free port when
 *       absent or 0; {@code Error: gateway port <p> on <ip> is already in use} and exit 1 when
 *       taken), with the cycles ledger, the ICP ledger and the cycles minting canister in Java;
 *   <li>writes {@code <status-dir>/status.json} ({@link StatusFile}) once it answers;
 *   <li>on SIGINT or SIGTERM: stops accepting, lets the requests being handled finish (at most 1
 *       s), closes the journal (everything replied is already on disk), empties and removes the
 *       status directory and exits: well within the 10 s {@code icp network stop} waits.
 * </ol>
 */
public final class NetworkLauncher {
  /** The default gateway address: icp-cli's default {@code bind}. */
  static final String DEFAULT_BIND = "127.0.0.1";

  final LauncherArguments args;
  private final StateJournal journal;
  final HttpReplica replica;
  final ReplicaHttpServer server;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;

  private NetworkLauncher(LauncherArguments args, StateJournal journal, HttpReplica replica, ReplicaHttpServer server) {
    this.args = args;
    this.journal = journal;
    this.replica = replica;
    this.server = server;
  }

  /**
   * Runs the launcher with these arguments and the process environment; exits with its status, or
   * keeps serving until a signal stops it.
   *
   * @param argv the launcher's arguments
   */
  public static void main(String[] argv) {
    int status = run(argv, System.getenv());
    if (status >= 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the launcher: returns the exit status of a launcher that did not start (0 after {@code
   * --help}), or -1 once the network serves (it then runs until a signal stops it).
   */
  static int run(String[] argv, Map<String, String> env) {
    LauncherArguments a;
    try {
      a = LauncherArguments.parse(argv, env);
    } catch (LauncherArguments.Invalid e) {
      System.err.println(e.getMessage());
      return 1;
    }
    if (a.help) {
      System.out.print(LauncherArguments.USAGE);
      return 0;
    }
    if (a.version) {
      System.out.println("icp-cli-network-launcher (icjava replica-server) 0.1.0, interface version 1.1.0");
      return 0;
    }
    if (!a.skipped.isEmpty()) {
      System.err.println("Warning: Unknown launcher parameters: " + a.skipped);
    }
    String unsupported = a.unsupported();
    if (unsupported != null) {
      System.err.println(unsupported);
      return 1;
    }
    try {
      redirect(a);
    } catch (IOException e) {
      System.err.println("Error: cannot open the output file: " + e.getMessage());
      return 1;
    }
    NetworkLauncher launcher;
    try {
      launcher = start(a);
    } catch (StartException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    // SIGINT (icp network stop, Ctrl-C) and SIGTERM run this hook: a clean stop, then exit status 0
    // as PocketIC's launcher ends, not the JVM's 130 or 143
    System.err.println("icjava local network running with gateway port " + launcher.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      launcher.stop();
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(0);
    }, "launcher-shutdown"));
    launcher.awaitStop();
    return -1;
  }

  /** The launcher could not start: the message is the line for stderr. */
  static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message);
    }
  }

  /** Opens the state, starts serving and writes the status file. */
  static NetworkLauncher start(LauncherArguments a) throws StartException {
    StateJournal journal = null;
    HttpReplica replica;
    try {
      LocalNetwork.Opened opened;
      if (a.stateDir != null) {
        journal = StateJournal.open(a.stateDir);
        if (journal.repaired() != null) {
          System.err.println(journal.repaired());
        }
        opened = LocalNetwork.open(journal, a.ii, new SecureRandom());
      } else {
        opened = LocalNetwork.inMemory(a.ii, new SecureRandom());
      }
      replica = new HttpReplica(opened.state(), opened.lastTime());
      replica.setArtificialDelay(a.artificialDelayMs);
      replica.setVerbose(a.verbose);
    } catch (StateJournal.JournalException | LocalNetwork.StateException e) {
      closeQuietly(journal);
      throw new StartException("Error: " + e.getMessage());
    }
    InetAddress bind;
    try {
      bind = a.bind != null ? a.bind : InetAddress.getByName(DEFAULT_BIND);
    } catch (IOException e) {
      throw new StartException("Error: " + e.getMessage());
    }
    ReplicaHttpServer server;
    try {
      Path customDomains = a.customDomainsFile != null ? a.customDomainsFile
          : a.statusDir != null ? a.statusDir.resolve("custom-domains.txt") : null;
      server = new ReplicaHttpServer(replica, new InetSocketAddress(bind, a.gatewayPort), a.ii,
          new GatewayRouter(a.gatewayDomains(), customDomains, a.ii));
    } catch (BindException e) {
      replica.close();
      closeQuietly(journal);
      throw new StartException("Error: gateway port " + a.gatewayPort + " on " + bind.getHostAddress()
          + " is already in use");
    } catch (IOException e) {
      replica.close();
      closeQuietly(journal);
      throw new StartException("Error: cannot serve on " + bind.getHostAddress() + ":" + a.gatewayPort + ": "
          + e.getMessage());
    }
    replica.runRounds(1_000);
    NetworkLauncher launcher = new NetworkLauncher(a, journal, replica, server);
    if (a.statusDir != null) {
      try {
        StatusFile.write(a.statusDir, StatusFile.content(server.port(), replica.rootKeyDer(),
            LocalNetwork.DEFAULT_EFFECTIVE_CANISTER_ID, List.of("custom-domains")));
      } catch (IOException e) {
        launcher.stop();
        throw new StartException("Error: cannot write the status file in " + a.statusDir + ": " + e.getMessage());
      }
    }
    return launcher;
  }

  /** Blocks until {@link #stop()} has run. */
  void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops: no new connections, the requests in flight finish (at most 1 s), the execution thread
   * ends, the journal is closed, the status directory is emptied and removed. Safe to call twice.
   */
  synchronized void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    try {
      server.stop(1);
      replica.close();
      closeQuietly(journal);
      if (args.statusDir != null) {
        StatusFile.remove(args.statusDir);
      }
    } finally {
      stopped.countDown();
    }
  }

  int port() {
    return server.port();
  }

  private static void closeQuietly(StateJournal j) {
    if (j != null) {
      try {
        j.close();
      } catch (java.io.UncheckedIOException e) {
        System.err.println("launcher: " + e.getMessage());
      }
    }
  }

  private static void redirect(LauncherArguments a) throws IOException {
    if (a.stdoutFile != null) {
      System.setOut(new PrintStream(new FileOutputStream(a.stdoutFile.toFile()), true, StandardCharsets.UTF_8));
    }
    if (a.stderrFile != null) {
      System.setErr(new PrintStream(new FileOutputStream(a.stderrFile.toFile()), true, StandardCharsets.UTF_8));
    }
  }

  /** For tests: where status.json goes. */
  Path statusDir() {
    return args.statusDir;
  }
}
