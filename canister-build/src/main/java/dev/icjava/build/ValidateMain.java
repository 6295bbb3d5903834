package dev.icjava.build;

import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line: {@code java -cp canister-build.jar:... dev.icjava.build.ValidateMain a.wasm ...}
 * checks each module against the IC's install rules; exit code 1 when any breaks one.
 */
public final class ValidateMain {
  private ValidateMain() {}

  /**
   * Checks each module named in {@code args}; exits 1 when any breaks a rule, 2 without arguments.
   *
   * @param args the modules' paths
   * @throws IOException when a module cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ValidateMain <module.wasm>...");
      System.exit(2);
    }
    boolean ok = true;
    for (String arg : args) {
      List<Violation> violations = IcModuleValidator.validate(Files.readAllBytes(Path.of(arg)));
      if (violations.isEmpty()) {
        System.out.println(arg + ": the IC would accept this module");
      } else {
        ok = false;
        for (Violation v : violations) {
          System.out.println(arg + ": " + v);
        }
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
