package dev.icjava.samples;

import dev.icjava.build.CanisterBuild;
import dev.icjava.testkit.Call;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstructionProfile;
import dev.icjava.testkit.LocalReplica;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the sample's instructions go: builds {@code WhoAmI} with function names kept and prints the
 * most expensive functions per call. Run: {@code mvn -q -pl samples exec:java
 * -Dexec.mainClass=dev.icjava.samples.Profile -Dexec.classpathScope=test}.
 */
public final class Profile {
  private Profile() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("target", "profile");
    Path wasm =
        new CanisterBuild()
            .canisterClass("dev.icjava.samples.WhoAmI")
            .classPath(List.of(new File("target/classes")))
            .outputDirectory(out)
            .name("whoami-named")
            .candid(Path.of("src/main/candid/whoami.did"))
            .functionNames(true)
            .run();
    Canister canister = new LocalReplica().install(Files.readAllBytes(wasm));
    byte[] user = Demo.selfAuthenticating();
    run(canister, "whoAmI anonymous", c -> c.query("whoAmI", Call.anonymous()));
    run(canister, "whoAmI user", c -> c.query("whoAmI", Call.from(user)));
    run(canister, "protectedAction anonymous", c -> c.update("protectedAction", Call.anonymous()));
    run(canister, "protectedAction user", c -> c.update("protectedAction", Call.from(user)));
  }

  interface Action {
    CallResult apply(Canister c);
  }

  static void run(Canister canister, String what, Action action) {
    InstructionProfile profile = canister.startProfiling();
    CallResult r = action.apply(canister);
    canister.stopProfiling();
    System.out.printf("%n== %s: %,d instructions%n", what, r.instructions());
    profile.top(15).forEach(System.out::println);
  }
}
