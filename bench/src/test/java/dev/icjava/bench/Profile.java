package dev.icjava.bench;

import dev.icjava.build.CanisterBuild;
import dev.icjava.samples.Attacks;
import dev.icjava.samples.Fixtures;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstructionProfile;
import dev.icjava.testkit.LocalReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a whoami's instructions go: builds the canister class of the first argument (default: the
 * samples' {@code dev.icjava.samples.WhoAmI}; {@code dev.icjava.bench.HandTunedWhoAmI}, {@code
 * dev.icjava.bench.PlainWhoAmI}, or {@code dev.icjava.samples.Profiles} for the profile store's
 * cheapest calls) with function names kept and prints the most expensive functions per call, into
 * {@code bench/target/profile} ({@link BenchPaths}: from any working directory). Run it from an IDE
 * with the bench module's test class path. The module is TeaVM's output without wasm-opt (which
 * would merge functions), so the names are Java's; {@code -Dicjava.profile.wasmOpt=<path>} runs it.
 */
public final class Profile {
  private Profile() {}

  public static void main(String[] args) throws Exception {
    String canisterClass = args.length > 0 ? args[0] : "dev.icjava.samples.WhoAmI";
    if (canisterClass.equals("dev.icjava.samples.Profiles")) {
      profiles();
      return;
    }
    Path wasm =
        new CanisterBuild()
            .canisterClass(canisterClass)
            .classPath(List.of(BenchPaths.target("classes").toFile()))
            .outputDirectory(BenchPaths.target("profile"))
            .name("whoami-named")
            .candid(canisterClass.startsWith("dev.icjava.bench.") ? BenchPaths.whoamiDid() : null)
            .functionNames(true)
            .wasmOpt(System.getProperty("icjava.profile.wasmOpt") == null ? null
                : Path.of(System.getProperty("icjava.profile.wasmOpt")))
            .run();
    byte[] module = Files.readAllBytes(wasm);
    java.util.Map<String, String> env = java.util.Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai");
    byte[] user = Fixtures.USER;
    run(new LocalReplica().install(module), "whoAmI anonymous", c -> c.query("whoAmI", Request.anonymous()));
    run(new LocalReplica().install(module), "whoAmI user", c -> c.query("whoAmI", Request.from(user)));
    run(new LocalReplica().install(module), "protectedAction user", c -> c.update("protectedAction", Request.from(user)));
    if (args.length > 1) {
      return;
    }
    run(new LocalReplica().install(module, dev.icjava.testkit.InstallOptions.defaults().environment(env)),
        "registerBegin first", c -> c.update("registerBegin", Request.from(user)));
    Canister second = new LocalReplica().install(module, dev.icjava.testkit.InstallOptions.defaults().environment(env));
    second.update("registerBegin", Request.from(user));
    run(second, "registerBegin second", c -> c.update("registerBegin", Request.from(user)));
    run(new LocalReplica().install(module, dev.icjava.testkit.InstallOptions.defaults().environment(env)),
        "registerFinish no attributes", c -> c.update("registerFinish", Request.from(user)));
    LocalReplica replica = new LocalReplica();
    Canister unset = replica.install(module);
    byte[] b = Fixtures.bundle(Fixtures.begin(unset), replica, 0, Fixtures.ORIGIN, Fixtures.email("a@x"));
    run(unset, "registerFinish no signers", c -> c.update("registerFinish", Request.from(user).withCallerInfo(b, Fixtures.II)));
    // The costliest refusals of the adversarial suite (Attacks).
    run(new LocalReplica().install(module), "protectedAction, argument opt T 10,000 deep",
        c -> c.update("protectedAction", Request.from(user).withArg(Attacks.recursiveOpt(10_000))));
    run(new LocalReplica().install(module), "whoAmI, argument 500 nested opt types",
        c -> c.query("whoAmI", Request.from(user).withArg(Attacks.nestedOpt(500))));
    Canister flooded = new LocalReplica().install(module, dev.icjava.testkit.InstallOptions.defaults().environment(env));
    for (int i = 0; i < 8; i++) {
      flooded.update("registerBegin", Request.from(user));
    }
    run(flooded, "registerBegin, 9th live nonce", c -> c.update("registerBegin", Request.from(user)));
  }

  /** The profile store's cheapest calls, where the Motoko library's fixed costs weigh most. */
  static void profiles() throws Exception {
    Path wasm = new CanisterBuild()
        .canisterClass("dev.icjava.samples.Profiles")
        .classPath(List.of(BenchPaths.target("classes").toFile()))
        .outputDirectory(BenchPaths.target("profile"))
        .name("profiles-named")
        .functionNames(true)
        .wasmOpt(System.getProperty("icjava.profile.wasmOpt") == null ? null
            : Path.of(System.getProperty("icjava.profile.wasmOpt")))
        .run();
    byte[] module = Files.readAllBytes(wasm);
    java.util.Map<String, String> env = ProfilesDifferentialTest.environment();
    byte[] user = Fixtures.USER;
    Canister c = new LocalReplica().install(module, dev.icjava.testkit.InstallOptions.defaults().environment(env));
    run(c, "start, the first (awaits raw_rand)", x -> x.update("_internet_identity_sign_in_start", Request.anonymous()));
    run(c, "start, the second", x -> x.update("_internet_identity_sign_in_start", Request.anonymous()));
    byte[] arg = ProfilesDifferentialTest.getProfileArgument();
    run(c, "getProfile, none stored", x -> x.query("getProfile", Request.anonymous().withArg(arg)));
    run(c, "finish, no attributes (second call)", x -> x.update("_internet_identity_sign_in_finish", Request.from(user)));
    java.util.Map<String, String> noSigners = new java.util.HashMap<>(env);
    noSigners.remove("trusted_attribute_signers");
    Canister u = new LocalReplica().install(module, dev.icjava.testkit.InstallOptions.defaults().environment(noSigners));
    u.update("_internet_identity_sign_in_start", Request.anonymous());
    run(u, "finish, trusted_attribute_signers unset", x -> x.update("_internet_identity_sign_in_finish",
        Request.from(user).withCallerInfo(new byte[] {'D', 'I', 'D', 'L', 0, 0}, ProfilesDifferentialTest.II)));
    run(c, "whoAmI", x -> x.query("whoAmI", Request.from(user)));
    LocalReplica replica = new LocalReplica();
    Canister v = replica.install(module, dev.icjava.testkit.InstallOptions.defaults().environment(env));
    byte[] nonce = ProfilesDifferentialTest.start(v);
    byte[] bundle = dev.icjava.testkit.reference.NodeReference.encodeIcrc3Values(List.of(ProfilesDifferentialTest.standard(
        nonce, replica.time(), ProfilesDifferentialTest.A, dev.icjava.testkit.reference.Icrc3Json.entry("name",
            dev.icjava.testkit.reference.Icrc3Json.text("Alice"))))).get(0).message();
    run(v, "finish, verified (name)", x -> x.update("_internet_identity_sign_in_finish",
        Request.from(user).withCallerInfo(bundle, ProfilesDifferentialTest.II)));
    run(v, "getProfile, a stored profile (name)", x -> x.query("getProfile", Request.anonymous().withArg(arg)));
  }

  interface Action {
    CallResult apply(Canister c);
  }

  static void run(Canister canister, String what, Action action) {
    InstructionProfile profile = canister.startProfiling();
    CallResult r = action.apply(canister);
    canister.stopProfiling();
    System.out.printf("%n== %s: %,d instructions%n", what, r.instructions());
    profile.top(Integer.getInteger("icjava.profile.top", 15)).forEach(System.out::println);
  }
}
