package dev.icjava.build.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.build.CanisterBuild;
import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.WasmSections;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Replies;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An included type's inherited entry points are exported exactly as the generated interface
 * declares them: once each, those of interfaces too, an override called in its parent's place.
 */
class IncludeInheritedTest {
  @TempDir Path out;

  @Test
  void shouldExportEveryInheritedEntryPointOnce() throws Exception {
    Path wasm = new CanisterBuild()
        .canisterClass("dev.icjava.build.typed.fixtures.IncludeInherited")
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name("c")
        .run();
    byte[] bytes = Files.readAllBytes(wasm);
    assertEquals("""
        service : {
          base : () -> (text) query;
          greet : () -> (text) query;
          name : () -> (text) query;
          ping : () -> (text) query;
        }
        """, Files.readString(out.resolve("c.did")));
    assertEquals(List.of("canister_global_timer", "canister_pre_upgrade", "canister_query base", "canister_query greet", "canister_query name",
        "canister_query ping"),
        Exports.read(WasmSections.parse(bytes)).stream().map(Exports.Entry::name).sorted().toList());
    Canister canister = new LocalReplica().install(bytes);
    assertEquals("base", Replies.text(canister.query("base", Request.anonymous())));
    assertEquals("hello", Replies.text(canister.query("greet", Request.anonymous())));
    assertEquals("library", Replies.text(canister.query("name", Request.anonymous())));
    assertEquals("pong", Replies.text(canister.query("ping", Request.anonymous())));
  }
}
