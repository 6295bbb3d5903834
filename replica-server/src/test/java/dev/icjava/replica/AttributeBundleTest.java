package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.icjava.testkit.AttributeBundle;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * test-kit's {@link AttributeBundle}, which the stand-in signs, writes Internet Identity's bytes:
 * every message of II's published test vectors ({@code test/vectors/icrc3-test-vectors.json} of
 * dfinity/motoko-identity-attributes, the copy in {@code src/test/resources/identity-attributes/}
 * with its COMMIT, LICENSE and NOTICE), rebuilt from the vector's value, is byte-identical, both
 * entry by entry (in reverse order, so the sorting is the class's) and as the stand-in builds it
 * ({@link AttributeBundle#issued} plus the granted texts, within II's {@link AttributeLimits}).
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
      String label = v.get("label").asText();
      List<Matcher> entries = new ArrayList<>();
      Matcher m = ENTRY.matcher(v.get("icrc3_value").asText());
      while (m.find()) {
        entries.add(ENTRY.matcher(m.group()));
      }
      AttributeBundle byEntry = AttributeBundle.empty();
      Map<String, String> granted = new LinkedHashMap<>();
      byte[] nonce = null;
      String origin = null;
      long issued = -1;
      for (int i = entries.size() - 1; i >= 0; i--) {
        Matcher e = entries.get(i);
        assertTrue(e.matches(), label);
        String key = e.group(1);
        switch (e.group(2)) {
          case "Blob" -> byEntry.blob(key, HexFormat.of().parseHex(e.group(3)));
          case "Text" -> byEntry.text(key, e.group(4));
          default -> byEntry.nat(key, new BigInteger(e.group(5).replace("_", "")));
        }
        switch (key) {
          case "implicit:nonce" -> nonce = HexFormat.of().parseHex(e.group(3));
          case "implicit:origin" -> origin = e.group(4);
          case "implicit:issued_at_timestamp_ns" -> issued = Long.parseLong(e.group(5).replace("_", ""));
          default -> granted.put(key, e.group(4));
        }
      }
      String expected = v.get("message_hex").asText();
      assertEquals(expected, HexFormat.of().formatHex(byEntry.encode()), label);

      assertTrue(nonce != null && origin != null && issued >= 0, label);
      AttributeLimits.check(granted, nonce, origin);
      AttributeBundle asStandIn = AttributeBundle.issued(nonce, origin, issued);
      granted.forEach(asStandIn::text);
      assertEquals(expected, HexFormat.of().formatHex(asStandIn.encode()), label);
      checked++;
    }
    assertEquals(10, checked);
  }
}
