package dev.icjava.build.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.CanisterBuild;
import dev.icjava.build.CanisterBuildException;
import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.WasmSections;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed entry points at build time: the generated interface, the check of a hand-written one, and a
 * failure naming the method, the parameter and the type for each kind of Java type without a
 * Candid form.
 */
class TypedEntryPointBuildTest {
  @TempDir Path out;

  private Path build(String canisterClass, String did) throws Exception {
    CanisterBuild b = new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name("c");
    if (did != null) {
      Path file = out.resolve("hand.did");
      Files.writeString(file, did);
      b.candid(file);
    }
    return b.run();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "CharParameter          | parameter 1 has type char",
    "MapParameter           | parameter 1 has type java.util.Map<java.lang.String, java.lang.String>",
    "SetParameter           | parameter 1 has type java.util.Set<java.lang.String>",
    "ObjectParameter        | parameter 1 has type java.lang.Object",
    "ClassParameter         | parameter 1 has type java.lang.StringBuilder",
    "OpenInterfaceParameter | parameter 1 has type java.lang.Runnable",
    "WildcardParameter      | parameter 1 has type java.util.List<?>",
    "RawListParameter       | parameter 1 has type java.util.List, which has no Candid form: java.util.List (a raw type",
    "GenericRecordParameter | parameter 1 has type dev.icjava.build.typed.fixtures.Unsupported$Pair<java.lang.String>",
    "UnannotatedCandidInteger | parameter 1 has type dev.icjava.candid.CandidInteger, which has no Candid form: CandidInteger without @Candid(\"nat\")",
    "NarrowJavaInteger      | parameter 1 has type int, which has no Candid form: @Candid(\"nat64\") on int, which cannot hold every nat64 value",
    "CandidOnText           | parameter 1 has type java.lang.String, which has no Candid form: @Candid(\"nat\") on java.lang.String",
    "SealedWithClass        | permits dev.icjava.build.typed.fixtures.Unsupported$Square, which is not a record",
    "PrivateRecord          | dev.icjava.build.typed.fixtures.Unsupported$Hidden (not reachable",
    "UnsupportedResult      | the result has type java.util.Map<java.lang.String, java.lang.Long>, which has no Candid form",
    "UnsupportedComponent   | parameter 1 has type dev.icjava.build.typed.fixtures.Unsupported$Holder, which has no Candid form: char in record component Holder.c",
  })
  void shouldFailNamingTheMethodTheParameterAndTheType(String fixture, String expected) {
    CanisterBuildException e = assertThrows(CanisterBuildException.class,
        () -> build("dev.icjava.build.typed.fixtures.Unsupported$" + fixture, null));
    assertTrue(e.getMessage().startsWith("typed entry point get (" + fixture + ".get)"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(Files.notExists(out.resolve("c.wasm")));
  }

  static final String GENERATED = """
      type Profile = record { name : opt text; email : opt text; };
      service : {
        add : (nat32, vec text) -> (nat64);
        getProfile : (principal) -> (opt Profile) query;
      }
      """;

  @Test
  void shouldGenerateTheInterfaceAndEmbedIt() throws Exception {
    byte[] wasm = Files.readAllBytes(build("dev.icjava.build.typed.fixtures.Typed", null));
    assertEquals(GENERATED, Files.readString(out.resolve("c.did")));
    WasmSections module = WasmSections.parse(wasm);
    // canister_pre_upgrade: the upgrade guard every canister gets (issue 15); canister_global_timer:
    // the build's, which runs the library's timers (none here: no executor)
    assertEquals(List.of("canister_global_timer", "canister_init", "canister_pre_upgrade", "canister_query getProfile", "canister_update add"),
        Exports.read(module).stream().map(Exports.Entry::name).sorted().toList());
    assertEquals(GENERATED, customSection(module, "icp:public candid:service"));
  }

  @Test
  void shouldAcceptAHandWrittenInterfaceTheSignaturesAreSubtypesOf() throws Exception {
    // more declared arguments and results, optional, and a record with an extra optional field
    String did = """
        // a hand-written interface: names of its own, comments, named arguments
        type UserProfile = record { name : opt text; email : opt text; sso : opt text };
        service : {
          getProfile : (user : principal) -> (opt UserProfile) query;
          add : (nat32, vec text, opt text) -> (nat64, opt text);
        }
        """;
    build("dev.icjava.build.typed.fixtures.Typed", did);
    assertEquals(did, Files.readString(out.resolve("c.did")), "the hand-written interface is the one published");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    "service : { getProfile : (principal) -> (opt record { name : opt text; email : opt text }) query; add : (nat64, vec text) -> (nat64) }"
        + "| method add: the Java signature (nat32, vec text) -> (nat64) is not a subtype of the declared (nat64, vec text) -> (nat64): arguments: argument 0: nat64 is not a subtype of nat32",
    "service : { getProfile : (principal) -> (record { name : opt text; email : opt text }) query; add : (nat32, vec text) -> (nat64) }"
        + "| method getProfile: the Java signature (principal) -> (opt Profile) query is not a subtype of the declared"
        + " (principal) -> (record { name : opt text; email : opt text; }) query: results: result 0: opt Profile is not a"
        + " subtype of record",
    "service : { getProfile : (principal) -> (opt record { name : opt text; email : opt text }); add : (nat32, vec text) -> (nat64) }"
        + "| method getProfile is declared as update but Typed.getProfile is query",
    "service : { add : (nat32, vec text) -> (nat64) }"
        + "| the canister exports query method getProfile (Typed.getProfile), which the .did does not declare",
    "service : { getProfile : (principal) -> (opt record { name : opt text; email : opt text }) query; add : (nat32, vec text) -> (nat64); remove : (nat) -> () }"
        + "| the .did declares method remove, which the canister does not export",
    "service : { getProfile : (principal) -> (opt record { name : opt text; email : opt text }) query; add : (nat32) -> (nat64) }"
        + "| arguments: argument 1 (vec text) is missing and not optional",
  })
  void shouldRefuseAHandWrittenInterfaceNamingTheFirstDifference(String did, String expected) {
    CanisterBuildException e = assertThrows(CanisterBuildException.class,
        () -> build("dev.icjava.build.typed.fixtures.Typed", did));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static String customSection(WasmSections module, String name) {
    for (WasmSections.Section s : module.sections()) {
      if (name.equals(s.customName())) {
        byte[] p = s.payload();
        return new String(p, 1 + name.length(), p.length - 1 - name.length(), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
