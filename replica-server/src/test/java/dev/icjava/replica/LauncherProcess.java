package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code target/icp-cli-network-launcher} started as icp-cli starts it (a process, no shell, its own
 * output files), waited for through its status file, and stopped by signal.
 */
final class LauncherProcess implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("icjava.root", "..")).toAbsolutePath().normalize();
  static final Path LAUNCHER = ROOT.resolve("replica-server/target/icp-cli-network-launcher");

  final Process process;
  final Path statusDir;
  final Path stderr;
  JsonNode status;
  String statusText;

  private LauncherProcess(Process process, Path statusDir, Path stderr) {
    this.process = process;
    this.statusDir = statusDir;
    this.stderr = stderr;
  }

  /** Starts the launcher with {@code args}; its output goes to files in {@code work}. */
  static LauncherProcess start(Path work, List<String> args) throws IOException {
    return start(work, args, false);
  }

  /**
   * As {@link #start(Path, List)}; with {@code sigintIgnored}, from a shell that ignores SIGINT and
   * execs it, as a background job of a non-interactive shell starts it (the hazard the launcher
   * script undoes).
   */
  static LauncherProcess start(Path work, List<String> args, boolean sigintIgnored) throws IOException {
    List<String> command = new ArrayList<>();
    if (sigintIgnored) {
      command.addAll(List.of("sh", "-c", "trap '' INT; exec \"$0\" \"$@\""));
    }
    command.add(LAUNCHER.toString());
    command.addAll(args);
    Path out = Files.createTempFile(work, "launcher", ".out");
    Path err = Files.createTempFile(work, "launcher", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path statusDir = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--status-dir")) {
        statusDir = Path.of(args.get(i + 1));
      } else if (args.get(i).startsWith("--status-dir=")) {
        statusDir = Path.of(args.get(i).substring("--status-dir=".length()));
      }
    }
    return new LauncherProcess(pb.start(), statusDir, err);
  }

  /** Waits (at most 60 s) for a status.json ending in a newline; reads it. */
  LauncherProcess awaitStatus() throws IOException, InterruptedException {
    Path file = statusDir.resolve("status.json");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        if (s.endsWith("\n")) {
          statusText = s;
          status = new ObjectMapper().readTree(s);
          return this;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("the launcher exited with " + process.exitValue() + " before its status file: "
            + stderr());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no status file after 60 s: " + stderr());
  }

  String url() {
    return "http://127.0.0.1:" + status.get("gateway_port").asInt();
  }

  byte[] rootKey() {
    return HexFormat.of().parseHex(status.get("root_key").asText());
  }

  IcClient client() {
    return new IcClient(url(), rootKey());
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Sends {@code signal} (INT, TERM, KILL) to the launcher's process. */
  void signal(String signal) throws IOException, InterruptedException {
    // the shell's builtin kill: no procps needed on the machine
    Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + process.pid()).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
  }

  /** Waits at most {@code seconds} for the process to end; its exit status. */
  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  // ---- the cycles ledger, as the tests call it ----

  /** {@code icrc1_transfer} of {@code amount} cycles to {@code owner}'s default account (the fee, the rest absent). */
  static byte[] transferArgs(byte[] owner, long amount, Long createdAt) {
    return CandidRecords.message(Icrc1.TRANSFER_ARGS, w -> CandidRecords.record(w, Icrc1.TRANSFER_ARGS,
        CandidRecords.fields(
            "from_subaccount", consumer(x -> x.none()),
            "to", consumer(x -> CandidRecords.record(x, Icrc1.ACCOUNT, CandidRecords.fields(
                "owner", consumer(y -> y.principal(owner)), "subaccount", consumer(y -> y.none())))),
            "amount", consumer(x -> x.nat(amount)),
            "fee", consumer(x -> x.none()),
            "memo", consumer(x -> x.none()),
            "created_at_time", consumer(x -> {
              if (createdAt == null) {
                x.none();
              } else {
                x.some().fixed(createdAt);
              }
            }))));
  }

  /** {@code icrc1_balance_of} of {@code owner}'s default account. */
  static byte[] accountArg(byte[] owner) {
    return CandidRecords.message(Icrc1.ACCOUNT, w -> CandidRecords.record(w, Icrc1.ACCOUNT, CandidRecords.fields(
        "owner", consumer(y -> y.principal(owner)), "subaccount", consumer(y -> y.none()))));
  }

  static BigInteger nat(byte[] reply) {
    return CandidRecords.big(CandidRecords.decode(reply, dev.icjava.candid.CandidType.nat()));
  }

  /** The block index of an {@code Ok}, or the failure's case name. */
  static String transferResult(byte[] reply) {
    dev.icjava.candid.CandidValue v = CandidRecords.decode(reply, Icrc1.TRANSFER_RESULT);
    return v.variantName().equals("Ok") ? "Ok " + CandidRecords.big(v.variantValue())
        : "Err " + v.variantValue().variantName();
  }

  static Consumer<dev.icjava.candid.CandidWriter> consumer(Consumer<dev.icjava.candid.CandidWriter> c) {
    return c;
  }
}
