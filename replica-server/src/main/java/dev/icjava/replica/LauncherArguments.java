package dev.icjava.replica;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of icp-cli's network launcher contract, interface version 1.1.0 (dfinity/icp-
 * cli-network-launcher {@code SPEC.md}; icp-cli's {@code crates/icp/src/network/managed/launcher.rs}
 * sends it): every option in both forms, {@code --state-dir X} and {@code --state-dir=X}.
 *
 * <p>Options with a value: {@code --interface-version}, {@code --gateway-port}, {@code
 * --config-port}, {@code --bind}, {@code --state-dir}, {@code --status-dir}, {@code
 * --artificial-delay-ms}, {@code --subnet} (repeatable), {@code --bitcoind-addr}, {@code
 * --dogecoind-addr} (repeatable), {@code --domain} (repeatable), {@code --custom-domains-file},
 * {@code --pocketic-server-path}, {@code --pocketic-config-bind}, {@code --stdout-file}, {@code
 * --stderr-file}. Flags: {@code --ii}, {@code --nns}, {@code --verbose}, {@code --help}, {@code
 * --version}.
 *
 * <p>The interface version ({@code --interface-version}, else the environment variable {@code
 * ICP_CLI_NETWORK_LAUNCHER_INTERFACE_VERSION}) must match {@code ^1.0.0}, or the launcher stops with
 * {@code Error: Unsupported interface version <v>. Supported versions: ^1.0.0}. An unknown argument
 * is an error, except when the requested version is newer than {@link #OUR_VERSION}: then it is
 * skipped with a warning (the launcher's {@code get_errorchecked_args}), so that a newer icp-cli
 * can add options.
 */
final class LauncherArguments {
  /** The contract version this launcher implements. */
  static final int[] OUR_VERSION = {1, 1, 0};

  static final String VERSION_ENV = "ICP_CLI_NETWORK_LAUNCHER_INTERFACE_VERSION";

  /** The subnet kinds icp-cli may ask for ({@code --subnet=}), from the launcher's {@code SubnetKind}. */
  static final Set<String> SUBNET_KINDS =
      Set.of("application", "system", "verified-application", "bitcoin", "fiduciary", "nns", "sns");

  private static final Set<String> VALUED = Set.of(
      "interface-version", "gateway-port", "config-port", "bind", "state-dir", "status-dir", "artificial-delay-ms",
      "subnet", "bitcoind-addr", "dogecoind-addr", "domain", "custom-domains-file", "pocketic-server-path",
      "pocketic-config-bind", "stdout-file", "stderr-file");

  private static final Set<String> FLAGS = Set.of("ii", "nns", "verbose", "help", "version");

  String interfaceVersion;
  int gatewayPort;
  boolean gatewayPortGiven;
  InetAddress bind;
  Path stateDir;
  Path statusDir;
  long artificialDelayMs;
  final List<String> subnets = new ArrayList<>();
  final List<String> bitcoindAddrs = new ArrayList<>();
  final List<String> dogecoindAddrs = new ArrayList<>();
  final List<String> domains = new ArrayList<>();
  Path customDomainsFile;
  Path stdoutFile;
  Path stderrFile;
  boolean ii;
  boolean nns;
  boolean verbose;
  boolean help;
  boolean version;
  /** Unknown arguments skipped because the requested interface version is newer than ours. */
  final List<String> skipped = new ArrayList<>();

  /** The command line is wrong: the message is the line to print; the launcher exits 1. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** Parses {@code args}, reading the interface version from {@code env} when no flag gives it. */
  static LauncherArguments parse(String[] args, Map<String, String> env) throws Invalid {
    LauncherArguments a = new LauncherArguments();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        unknown.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (FLAGS.contains(name)) {
        if (eq >= 0) {
          throw new Invalid("error: unexpected value '" + arg.substring(eq + 1) + "' for '--" + name + "' found; no more were expected");
        }
        a.flag(name);
      } else if (VALUED.contains(name)) {
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new Invalid("error: a value is required for '--" + name + " <VALUE>' but none was supplied");
        }
        a.option(name, value);
      } else {
        unknown.add(arg);
      }
    }
    if (a.interfaceVersion == null) {
      a.interfaceVersion = env.get(VERSION_ENV);
    }
    if (a.interfaceVersion != null) {
      int[] v = semver(a.interfaceVersion);
      if (v[0] != 1) {
        throw new Invalid("Error: Unsupported interface version " + a.interfaceVersion + ". Supported versions: ^1.0.0");
      }
      if (!unknown.isEmpty()) {
        if (compare(v, OUR_VERSION) > 0) {
          a.skipped.addAll(unknown);
        } else {
          throw unexpected(unknown.get(0));
        }
      }
    } else if (!unknown.isEmpty()) {
      throw unexpected(unknown.get(0));
    }
    return a;
  }

  private static Invalid unexpected(String arg) {
    return new Invalid("error: unexpected argument '" + arg + "' found");
  }

  private void flag(String name) {
    switch (name) {
      case "ii" -> ii = true;
      case "nns" -> nns = true;
      case "verbose" -> verbose = true;
      case "help" -> help = true;
      default -> version = true;
    }
  }

  private void option(String name, String value) throws Invalid {
    switch (name) {
      case "interface-version" -> interfaceVersion = value;
      case "gateway-port" -> {
        gatewayPort = port(name, value);
        gatewayPortGiven = true;
      }
      case "config-port" -> port(name, value); // PocketIC's admin port: there is none here
      case "bind" -> bind = address(name, value);
      case "state-dir" -> stateDir = Path.of(value);
      case "status-dir" -> statusDir = Path.of(value);
      case "artificial-delay-ms" -> artificialDelayMs = number(name, value, Long.MAX_VALUE);
      case "subnet" -> {
        if (!SUBNET_KINDS.contains(value)) {
          throw new Invalid("error: invalid value '" + value + "' for '--subnet <SUBNET>': possible values: "
              + "application, system, verified-application, bitcoin, fiduciary, nns, sns");
        }
        subnets.add(value);
      }
      case "bitcoind-addr" -> bitcoindAddrs.add(value);
      case "dogecoind-addr" -> dogecoindAddrs.add(value);
      case "domain" -> domains.add(value);
      case "custom-domains-file" -> customDomainsFile = Path.of(value);
      case "stdout-file" -> stdoutFile = Path.of(value);
      case "stderr-file" -> stderrFile = Path.of(value);
      case "pocketic-config-bind" -> address(name, value); // PocketIC's admin interface: there is none here
      default -> { } // --pocketic-server-path: there is no PocketIC server to run
    }
  }

  /**
   * What this launcher cannot do, asked for: the SPEC's opt-in features must be done when
   * specified, so each is refused rather than ignored. Null when everything asked for is served.
   */
  String unsupported() {
    if (nns) {
      return "Error: --nns is not supported by this launcher: the local replica runs no NNS or SNS canisters";
    }
    for (String s : subnets) {
      if (!s.equals("application")) {
        return "Error: --subnet=" + s + " is not supported by this launcher: the local replica runs one application subnet";
      }
    }
    if (!bitcoindAddrs.isEmpty()) {
      return "Error: --bitcoind-addr is not supported by this launcher: the local replica has no bitcoin integration";
    }
    if (!dogecoindAddrs.isEmpty()) {
      return "Error: --dogecoind-addr is not supported by this launcher: the local replica has no dogecoin integration";
    }
    return null;
  }

  /** The domains the gateway serves {@code <canister>.<domain>} under: those given, and {@code localhost}. */
  List<String> gatewayDomains() {
    List<String> out = new ArrayList<>(domains);
    if (!out.contains("localhost")) {
      out.add("localhost");
    }
    return out;
  }

  private static int port(String name, String value) throws Invalid {
    return (int) number(name, value, 65_535);
  }

  private static long number(String name, String value, long max) throws Invalid {
    try {
      long n = Long.parseLong(value);
      if (n < 0 || n > max || !value.equals(Long.toString(n))) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new Invalid("error: invalid value '" + value + "' for '--" + name + "': a whole number from 0 to " + max
          + " is expected");
    }
  }

  private static InetAddress address(String name, String value) throws Invalid {
    if (!value.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new Invalid("error: invalid value '" + value + "' for '--" + name + "': an IP address is expected");
    }
    try {
      return InetAddress.getByName(value); // a literal: no name lookup
    } catch (UnknownHostException e) {
      throw new Invalid("error: invalid value '" + value + "' for '--" + name + "': " + e.getMessage());
    }
  }

  /** major.minor.patch; a pre-release or build suffix is allowed and ignored. */
  static int[] semver(String v) throws Invalid {
    String core = v.split("[-+]", 2)[0];
    String[] parts = core.split("\\.", -1);
    if (parts.length != 3) {
      throw new Invalid("error: invalid value '" + v + "' for '--interface-version': not a version major.minor.patch");
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      if (!parts[i].matches("0|[1-9][0-9]{0,8}")) {
        throw new Invalid("error: invalid value '" + v + "' for '--interface-version': not a version major.minor.patch");
      }
      out[i] = Integer.parseInt(parts[i]);
    }
    return out;
  }

  static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }

  static final String USAGE = String.join("\n",
      "Usage: icp-cli-network-launcher [OPTIONS]",
      "",
      "icp-cli's network launcher for the icjava local replica (ICP_CLI_NETWORK_LAUNCHER_PATH).",
      "",
      "Options (each as --name value or --name=value):",
      "  --interface-version <V>     the launcher contract version (^1.0.0; ours 1.1.0)",
      "  --gateway-port <PORT>       the port of the IC's HTTP interface and gateway (0 or absent: a free one)",
      "  --bind <IP>                 the address to listen on (default 127.0.0.1)",
      "  --state-dir <DIR>           where the network's state is kept across restarts (absent: in memory)",
      "  --status-dir <DIR>          where status.json is written once the network is ready",
      "  --domain <D>                a domain the gateway serves <canister id>.<D> under (repeatable)",
      "  --custom-domains-file <F>   host:canister lines the gateway also serves (default <status-dir>/custom-domains.txt)",
      "  --ii                        install the Internet Identity stand-in at II's ids",
      "  --artificial-delay-ms <MS>  wait this long before executing each update call",
      "  --stdout-file <F>, --stderr-file <F>  write the launcher's output there",
      "  --verbose                   log each request on stderr",
      "  --config-port, --pocketic-server-path, --pocketic-config-bind: accepted, unused (no PocketIC here)",
      "  --nns, --subnet other than application, --bitcoind-addr, --dogecoind-addr: refused (not served)",
      "");
}
