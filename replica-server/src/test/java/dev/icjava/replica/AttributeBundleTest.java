package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's bundles are Internet Identity's bytes: every message of II's published test
 * vectors ({@code test/vectors/icrc3-test-vectors.json} of dfinity/motoko-identity-attributes, the
 * copy in {@code src/test/resources/identity-attributes/} with its COMMIT, LICENSE and NOTICE),
 * rebuilt by {@link AttributeBundle} from the vector's value, is byte-identical.
 */
class AttributeBundleTest {
  private static final Pattern ENTRY =
      Pattern.compile("\"([^\"]+)\": (Nat|Text|Blob)\\((?:hex\"([0-9a-f]*)\"|\"([^\"]*)\"|([0-9_]+))\\)");

  @Test
  void shouldEncodeEveryVectorAsInternetIdentityDid() throws Exception {
    JsonNode vectors;
    try (InputStream in = AttributeBundleTest.class.getResourceAsStream("/identity-attributes/icrc3-test-vectors.json")) {
      vectors = new ObjectMapper().readTree(in).get("vectors");
    }
    int checked = 0;
    for (JsonNode v : vectors) {
      Map<String, String> granted = new LinkedHashMap<>();
      byte[] nonce = null;
      String origin = null;
      long issued = -1;
      Matcher m = ENTRY.matcher(v.get("icrc3_value").asText());
      while (m.find()) {
        switch (m.group(1)) {
          case "implicit:nonce" -> nonce = HexFormat.of().parseHex(m.group(3));
          case "implicit:origin" -> origin = m.group(4);
          case "implicit:issued_at_timestamp_ns" -> issued = Long.parseLong(m.group(5).replace("_", ""));
          default -> granted.put(m.group(1), m.group(4));
        }
      }
      assertTrue(nonce != null && origin != null && issued >= 0, v.get("label").asText());
      assertEquals(v.get("message_hex").asText(),
          HexFormat.of().formatHex(AttributeBundle.build(granted, nonce, origin, issued)), v.get("label").asText());
      checked++;
    }
    assertEquals(10, checked);
  }
}
