package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher's command line: the exact argument lists icp-cli 1.5.0 sent in the research
 * experiments (E1, E4), both forms of every option, and the interface-version rules of the
 * launcher's {@code get_errorchecked_args}.
 */
class LauncherArgumentsTest {
  static LauncherArguments parse(String... args) throws LauncherArguments.Invalid {
    return LauncherArguments.parse(args, Map.of());
  }

  static String refusal(Map<String, String> env, String... args) {
    return assertThrows(LauncherArguments.Invalid.class, () -> LauncherArguments.parse(args, env)).getMessage();
  }

  @Test
  void shouldReadTheDefaultProjectsArgumentsAsIcpCliSendsThem() throws Exception {
    LauncherArguments a = parse("--interface-version", "1.1.0", "--state-dir", "/p/.icp/cache/networks/local/state",
        "--bind", "127.0.0.1", "--gateway-port", "8000", "--status-dir", "/tmp/.tmpUtNox8", "--domain=127.0.0.1");
    assertEquals("1.1.0", a.interfaceVersion);
    assertEquals(Path.of("/p/.icp/cache/networks/local/state"), a.stateDir);
    assertEquals("127.0.0.1", a.bind.getHostAddress());
    assertEquals(8000, a.gatewayPort);
    assertEquals(Path.of("/tmp/.tmpUtNox8"), a.statusDir);
    assertEquals(List.of("127.0.0.1"), a.domains);
    assertEquals(List.of("127.0.0.1", "localhost"), a.gatewayDomains());
    assertNull(a.unsupported());
  }

  @Test
  void shouldReadEveryOptionInBothForms() throws Exception {
    LauncherArguments spaced = parse("--gateway-port", "4943", "--state-dir", "s", "--status-dir", "t", "--domain",
        "localhost", "--artificial-delay-ms", "50", "--custom-domains-file", "c", "--stdout-file", "o", "--stderr-file",
        "e", "--config-port", "1", "--pocketic-server-path", "p", "--pocketic-config-bind", "127.0.0.1", "--ii",
        "--verbose");
    LauncherArguments equals = parse("--gateway-port=4943", "--state-dir=s", "--status-dir=t", "--domain=localhost",
        "--artificial-delay-ms=50", "--custom-domains-file=c", "--stdout-file=o", "--stderr-file=e", "--config-port=1",
        "--pocketic-server-path=p", "--pocketic-config-bind=127.0.0.1", "--ii", "--verbose");
    for (LauncherArguments a : List.of(spaced, equals)) {
      assertEquals(4943, a.gatewayPort);
      assertEquals(Path.of("s"), a.stateDir);
      assertEquals(Path.of("t"), a.statusDir);
      assertEquals(List.of("localhost"), a.domains);
      assertEquals(50, a.artificialDelayMs);
      assertEquals(Path.of("c"), a.customDomainsFile);
      assertEquals(Path.of("o"), a.stdoutFile);
      assertEquals(Path.of("e"), a.stderrFile);
      assertTrue(a.ii && a.verbose);
    }
  }

  @Test
  void shouldRefuseTheOptInsItCannotServeNamingEach() throws Exception {
    // icp-cli's "everything" manifest (E4): nns, subnets, bitcoind and dogecoind addresses
    LauncherArguments a = parse("--interface-version", "1.1.0", "--nns", "--artificial-delay-ms=50",
        "--subnet=application", "--subnet=system", "--bitcoind-addr=127.0.0.1:18444", "--dogecoind-addr=127.0.0.1:22556",
        "--domain=localhost", "--domain=my.localhost");
    assertEquals("Error: --nns is not supported by this launcher: the local replica runs no NNS or SNS canisters",
        a.unsupported());
    assertEquals("Error: --subnet=system is not supported by this launcher: the local replica runs one application subnet",
        parse("--subnet=application", "--subnet=system").unsupported());
    assertTrue(parse("--bitcoind-addr=x:1").unsupported().startsWith("Error: --bitcoind-addr is not supported"));
    assertTrue(parse("--dogecoind-addr=x:1").unsupported().startsWith("Error: --dogecoind-addr is not supported"));
    assertNull(parse("--subnet=application").unsupported());
  }

  @Test
  void shouldApplyTheInterfaceVersionRules() throws Exception {
    assertEquals("Error: Unsupported interface version 2.0.0. Supported versions: ^1.0.0",
        refusal(Map.of(), "--interface-version", "2.0.0"));
    assertEquals("Error: Unsupported interface version 0.9.0. Supported versions: ^1.0.0",
        refusal(Map.of(LauncherArguments.VERSION_ENV, "0.9.0")));
    // the flag wins over the environment
    assertEquals("1.1.0", LauncherArguments.parse(new String[] {"--interface-version=1.1.0"},
        Map.of(LauncherArguments.VERSION_ENV, "9.0.0")).interfaceVersion);
    // an unknown argument: an error for our version, older ones and no version; a warning for newer ones
    assertEquals("error: unexpected argument '--frob' found", refusal(Map.of(), "--frob"));
    assertEquals("error: unexpected argument '--frob' found", refusal(Map.of(), "--interface-version", "1.1.0", "--frob"));
    assertEquals("error: unexpected argument '--frob' found", refusal(Map.of(), "--interface-version", "1.0.0", "--frob"));
    LauncherArguments newer = parse("--interface-version", "1.2.0", "--frob", "x", "--ii");
    assertEquals(List.of("--frob", "x"), newer.skipped);
    assertTrue(newer.ii);
  }

  @Test
  void shouldRefuseMalformedValuesNamingTheOption() {
    assertEquals("error: invalid value '70000' for '--gateway-port': a whole number from 0 to 65535 is expected",
        refusal(Map.of(), "--gateway-port", "70000"));
    assertEquals("error: invalid value 'localhost' for '--bind': an IP address is expected",
        refusal(Map.of(), "--bind=localhost"));
    assertEquals("error: a value is required for '--state-dir <VALUE>' but none was supplied",
        refusal(Map.of(), "--state-dir"));
    assertTrue(refusal(Map.of(), "--subnet=moon").startsWith("error: invalid value 'moon' for '--subnet <SUBNET>'"));
    assertTrue(refusal(Map.of(), "--interface-version=1.x").startsWith("error: invalid value '1.x'"));
  }
}
