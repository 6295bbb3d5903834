package dev.icjava.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Under {@code -Prelease} (which sets {@code icjava.release}): every artifact the BOM lists was
 * built with what Maven Central requires of a bundle (central.sonatype.org, "Requirements"): the
 * POM's coordinates, name, description, url, licence, developers and scm (the module's own or
 * inherited from {@code icjava-parent}, which is published with them), and beside each jar its
 * {@code -sources.jar} and {@code -javadoc.jar}. Signatures are the publisher's step and are not
 * checked. This module builds after every published one, so their {@code target/} is complete; its
 * own jars come after its tests and are not checked here.
 */
@EnabledIfSystemProperty(named = "icjava.release", matches = "true")
class ReleaseBundleTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void shouldHaveBuiltEveryFileCentralRequires() throws IOException {
    String parent = strip(Files.readString(ROOT.resolve("pom.xml")));
    for (String tag : List.of("url", "licenses", "developers", "scm", "description", "name")) {
      assertTrue(parent.contains("<" + tag + ">") || parent.contains("<" + tag + " "), "icjava-parent lacks <" + tag + ">");
    }
    String bom = strip(Files.readString(ROOT.resolve("icjava-bom/pom.xml")));
    for (String tag : List.of("url", "licenses", "developers", "scm", "description", "name")) {
      assertTrue(bom.contains("<" + tag + ">"), "icjava-bom lacks <" + tag + ">");
    }
    String version = first(parent, "<version>([^<]+)</version>");
    List<String> missing = new ArrayList<>();
    for (String module : List.of("runtime", "caller-auth", "candid", "calls", "nonce-store", "stable-structures", "attributes",
        "identity-attributes", "canister-build", "canister-maven-plugin", "test-kit", "replica-server")) {
      String pom = strip(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
      String artifactId = first(pom.substring(pom.indexOf("</parent>")), "<artifactId>([^<]+)</artifactId>");
      assertTrue(pom.contains("<name>"), module + " has no <name>");
      Path target = ROOT.resolve(module).resolve("target");
      for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
        Path file = target.resolve(artifactId + "-" + version + suffix);
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
          missing.add(ROOT.relativize(file).toString());
        }
      }
    }
    assertEquals(List.of(), missing, "files Central requires that the release build did not make");
  }

  private static String strip(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "");
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex);
    return m.group(1);
  }
}
