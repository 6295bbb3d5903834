package dev.icjava.build;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each misuse of {@code @Include} fails the build with a message that names the field or the method
 * and the rule it breaks; no module is written. One fixture canister per misuse.
 */
class IncludeMisuseTest {
  private static final String FIXTURES = "dev.icjava.build.fixtures.";

  @TempDir Path out;

  /** The build's message for the fixture {@code simpleName}, which must fail to build. */
  private String failure(String simpleName) throws Exception {
    Path did = out.resolve("in.did");
    Files.writeString(did, "service : { hello : () -> (text) query }\n");
    CanisterBuild build = new CanisterBuild()
        .canisterClass(FIXTURES + simpleName)
        .classPath(List.of(new File("target/test-classes")))
        .outputDirectory(out)
        .name("c")
        .candid(did)
        .checkInterface(false);
    CanisterBuildException e = assertThrows(CanisterBuildException.class, build::run);
    assertTrue(Files.notExists(out.resolve("c.wasm")), "no module is written when the build fails");
    return e.getMessage();
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), "expected <" + expected + "> in:\n" + message);
  }

  @Test
  void shouldRefuseAnInstanceField() throws Exception {
    assertContains("@Include field IncludeNotStatic.library must be static final and not private: it is not static",
        failure("IncludeNotStatic"));
  }

  @Test
  void shouldRefuseAFieldThatIsNotFinal() throws Exception {
    assertContains("@Include field IncludeNotFinal.library must be static final and not private: it is not final",
        failure("IncludeNotFinal"));
  }

  @Test
  void shouldRefuseAPrivateField() throws Exception {
    assertContains("@Include field IncludePrivate.LIBRARY must be static final and not private: it is private",
        failure("IncludePrivate"));
  }

  @Test
  void shouldRefuseATypeWithoutEntryPoints() throws Exception {
    assertContains("@Include field IncludeWithoutEntryPoints.LIBRARY: " + FIXTURES
        + "IncludeWithoutEntryPoints$Library has no public instance method annotated @Query, @Update or"
        + " @CompositeQuery", failure("IncludeWithoutEntryPoints"));
  }

  @Test
  void shouldRefuseAnIncludedNameThatIsAlsoTheCanistersOwn() throws Exception {
    assertContains("two entry points named ping: IncludeNameClash.ping and LIBRARY: Library.ping",
        failure("IncludeNameClash"));
  }

  @Test
  void shouldRefuseTwoFieldsOfOneType() throws Exception {
    assertContains("two entry points named ping: FIRST: Library.ping and SECOND: Library.ping",
        failure("IncludeTwice"));
  }

  @Test
  void shouldRefuseAnUntypedIncludedMethod() throws Exception {
    assertContains("included entry point touch (LIBRARY: Library.touch) must be typed (take parameters or return a"
        + " result), since its Candid interface is generated: declare its result (Void for an empty reply)",
        failure("IncludeUntyped"));
  }

  @Test
  void shouldRefuseAnAnnotatedMethodThatIsNotPublic() throws Exception {
    assertContains("@Include field IncludeNotPublic.LIBRARY: Library.touch is annotated @Update but is not public; an"
        + " included type's entry points must be public instance methods", failure("IncludeNotPublic"));
  }

  @Test
  void shouldRefuseAFieldOutsideTheCanisterClass() throws Exception {
    assertContains("@Include field " + FIXTURES + "IncludeOutsideCanister$Helper.LIBRARY is not in the canister class "
        + FIXTURES + "IncludeOutsideCanister: only the canister class's own @Include fields add entry points; move it"
        + " there", failure("IncludeOutsideCanister"));
  }

  @Test
  void shouldRefuseAFieldOfTheCanistersSuperclass() throws Exception {
    assertContains("@Include field " + FIXTURES + "IncludeInSuperclass.LIBRARY is not in the canister class " + FIXTURES
        + "IncludeInSuperclass$Canister", failure("IncludeInSuperclass$Canister"));
  }

  @Test
  void shouldRefuseOverloadedEntryPoints() throws Exception {
    assertContains("entry points ping and pingWith are overloads of one Java method, LIBRARY: Library.ping: typed entry"
        + " points need methods of different names", failure("IncludeOverloaded"));
  }
}
