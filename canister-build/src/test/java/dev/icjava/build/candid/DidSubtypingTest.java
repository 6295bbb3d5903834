package dev.icjava.build.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The textual format and the subtype relation, on the rules of the Candid specification
 * (dfinity/candid {@code spec/Candid.md}, "Subtyping", commit 03d89506).
 */
class DidSubtypingTest {
  /** The interface of DFINITY's Motoko identity-attributes library (issue 16), as moc prints it. */
  static final String IDENTITY_ATTRIBUTES = """
      type Error = variant {
        NoAttributes; MalformedCandid; MissingField : text; FrontendOriginsNotConfigured;
        FrontendOriginMismatch : record { expected : vec text; got : text };
        Stale : record { ageNs : nat }; UnknownNonce;
        AmbiguousAttribute : record { field : text; sources : vec text };
        UntrustedSsoSource : record { domain : text };
        MixedSsoSources : record { ssoKeys : vec text; otherKeys : vec text };
      };
      /* methods */
      service : {
        _internet_identity_sign_in_start : () -> (blob);
        _internet_identity_sign_in_finish : () -> (variant { ok; err : Error });
        "quoted \\"name\\"" : (amount : nat, vec record { nat; text }) -> () oneway;
        getProfile : (principal) -> (opt record { name : opt text; 5 : reserved }) composite_query;
      }
      """;

  @Test
  void shouldParseAndRenderWhatItParses() {
    DidFile f = DidFile.parse(IDENTITY_ATTRIBUTES);
    assertEquals(List.of("_internet_identity_sign_in_start", "_internet_identity_sign_in_finish", "quoted \"name\"",
        "getProfile"), f.service().methods().stream().map(DidType.Method::name).toList());
    DidType.Variant error = (DidType.Variant) f.definitions().get("Error");
    assertEquals(10, error.fields().size());
    DidFile again = DidFile.parse(f.render());
    assertEquals(f.render(), again.render());
    DidType.Func q = (DidType.Func) f.service().methods().get(2).type();
    assertEquals("(nat, vec record { 0 : nat; 1 : text; }) -> () oneway", DidType.signature(q));
    assertEquals(DidType.hash("ok"), ((DidType.Variant) ((DidType.Func) f.service().methods().get(1).type())
        .results().get(0)).fields().stream().filter(x -> "ok".equals(x.name())).findFirst().orElseThrow().id());
  }

  @Test
  void shouldRefuseWhatIsNotCandid() {
    assertThrows(IllegalArgumentException.class, () -> DidFile.parse("service : { m : (nat) -> (text) "));
    assertThrows(IllegalArgumentException.class, () -> DidFile.parse("import \"other.did\"; service : {}"));
    assertThrows(IllegalArgumentException.class, () -> DidFile.parse("type T = record { a : nat; a : text }; service : {}"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DidFile.parse("service : {\n m : (nat) => ()\n}"))
        .getMessage().startsWith("line 2"));
  }

  @ParameterizedTest(name = "{0} <: {1}")
  @CsvSource(delimiter = '|', value = {
    "nat | int | ",
    "int | nat | int is not a subtype of nat",
    "nat8 | nat16 | nat8 is not a subtype of nat16",
    "text | reserved | ",
    "empty | text | ",
    "null | opt nat | ",
    "nat | opt int | ",
    "opt nat | opt int | ",
    "vec nat | vec int | ",
    "blob | vec nat8 | ",
    "record { a : nat; b : text } | record { a : int } | ",
    "record { a : nat } | record { a : nat; b : opt text } | ",
    "record { a : nat } | record { a : nat; b : reserved } | ",
    "record { a : nat } | record { a : nat; b : text } | record field b (text) is missing and not optional",
    "record { a : nat } | record { a : nat; b : null } | record field b (null) is missing and not optional",
    "variant { a; b : nat } | variant { a; b : int; c : text } | ",
    "variant { a; z : nat } | variant { a } | variant tag z is not in variant { a; }",
    "record { 0 : nat; 1 : text } | record { nat; text } | ",
    "principal | principal | ",
    "text | principal | text is not a subtype of principal",
  })
  void shouldFollowTheSpecificationsRules(String t, String u, String why) {
    DidFile sub = DidFile.parse("type T = " + t + "; service : {}");
    DidFile sup = DidFile.parse("type U = " + u + "; service : {}");
    assertEquals(why, new DidSubtyping(sub, sup).why(new DidType.Named("T"), new DidType.Named("U")));
  }

  @Test
  void shouldApplyTheSpecialOptRuleButWarn() {
    DidFile sub = DidFile.parse("type T = opt text; service : {}");
    DidFile sup = DidFile.parse("type U = opt nat; service : {}");
    DidSubtyping s = new DidSubtyping(sub, sup);
    assertNull(s.why(new DidType.Named("T"), new DidType.Named("U")));
    assertEquals(1, s.warnings().size());
    assertTrue(s.warnings().get(0).contains("special opt rule"), s.warnings().get(0));
  }

  @Test
  void shouldCompareRecursiveTypesCoinductively() {
    DidFile sub = DidFile.parse("type List = opt record { head : nat; tail : List }; service : {}");
    DidFile sup = DidFile.parse("type L = opt record { head : int; tail : L; extra : opt text }; service : {}");
    DidSubtyping s = new DidSubtyping(sub, sup);
    assertNull(s.why(new DidType.Named("List"), new DidType.Named("L")));
    assertEquals(List.of(), s.warnings());
  }

  @Test
  void shouldCompareFunctionsContravariantlyInArgumentsAndByAnnotation() {
    DidFile f = DidFile.parse("service : { a : (int) -> (nat); b : (nat) -> (int); q : (nat) -> () query; u : (nat) -> () }");
    DidType.Func a = (DidType.Func) f.service().methods().get(0).type();
    DidType.Func b = (DidType.Func) f.service().methods().get(1).type();
    DidType.Func q = (DidType.Func) f.service().methods().get(2).type();
    DidType.Func u = (DidType.Func) f.service().methods().get(3).type();
    assertNull(new DidSubtyping(f, f).funcWhy(a, b)); // takes more, gives less: a <: b
    assertEquals("arguments: argument 0: int is not a subtype of nat", new DidSubtyping(f, f).funcWhy(b, a));
    assertTrue(new DidSubtyping(f, f).funcWhy(q, u).startsWith("annotations"));
  }
}
