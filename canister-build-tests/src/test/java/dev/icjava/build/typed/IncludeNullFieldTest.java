package dev.icjava.build.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.icjava.build.CanisterBuild;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
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
 * An {@code @Include} field that is null at run time: the build cannot know, so the canister builds;
 * each included entry point then traps with a message naming the field, and the canister's own
 * entry points are unaffected.
 */
class IncludeNullFieldTest {
  @TempDir Path out;

  @Test
  void shouldTrapNamingTheFieldWhenItIsNull() throws Exception {
    Path wasm = new CanisterBuild()
        .canisterClass("dev.icjava.build.typed.fixtures.NullInclude")
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name("c")
        .run();
    Canister canister = new LocalReplica().install(Files.readAllBytes(wasm));
    assertEquals("hello", Replies.text(canister.query("hello", Request.anonymous())));
    CallResult ping = canister.query("ping", Request.anonymous());
    assertEquals("@Include field NullInclude.LIBRARY is null", assertInstanceOf(CallResult.Trap.class, ping).message(),
        ping.toString());
    CallResult touch = canister.update("touch", Request.anonymous());
    assertEquals("@Include field NullInclude.LIBRARY is null", assertInstanceOf(CallResult.Trap.class, touch).message(),
        touch.toString());
  }
}
