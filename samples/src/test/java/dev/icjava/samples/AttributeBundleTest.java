package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.attributes.Icrc3Value;
import dev.icjava.testkit.AttributeBundle;
import dev.icjava.testkit.reference.NodeReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * test-kit's {@link AttributeBundle} against {@code @dfinity/candid} (an independent encoder of the
 * ICRC-3 {@code Value} type, through {@code tools/node/icrc3-values.js}): the same bundle decodes, by
 * the attributes module's strict reader, to the value the reference encoded, and Candid reads both
 * messages alike.
 */
class AttributeBundleTest {
  @Test
  void shouldEncodeTheBundleDfinityCandidEncodes() {
    byte[] mine = AttributeBundle.issued(new byte[] {1, 2, (byte) 0xff}, "https://your-app.icp0.io", 1_767_225_600_000_000_000L)
        .text("email", "alice@example.com")
        .text("name", "Ålice ✓")
        .encode();
    NodeReference.Encoded reference = NodeReference.encodeIcrc3Values(List.of("{\"Map\":["
        + "[\"email\",{\"Text\":\"alice@example.com\"}],"
        + "[\"implicit:issued_at_timestamp_ns\",{\"Nat\":\"1767225600000000000\"}],"
        + "[\"implicit:nonce\",{\"Blob\":\"0102ff\"}],"
        + "[\"implicit:origin\",{\"Text\":\"https://your-app.icp0.io\"}],"
        + "[\"name\",{\"Text\":\"Ålice ✓\"}]]}")).get(0);
    assertEquals(reference.canonical(), Icrc3Value.decode(mine).toString());
    assertEquals(Icrc3Value.decode(reference.message()).toString(), Icrc3Value.decode(mine).toString());
  }

  @Test
  void shouldSortKeysByTheirBytesAsInternetIdentityDoes() {
    byte[] sorted = AttributeBundle.empty().text("b", "2").text("a", "1").encode();
    byte[] inOrder = AttributeBundle.empty().text("a", "1").text("b", "2").encode();
    assertArrayEquals(inOrder, sorted);
  }
}
