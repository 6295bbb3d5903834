package dev.icjava.replica;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * CBOR as the interface spec uses it (index.md, "CBOR"; https-interface.md, "CBOR encoding of
 * requests and responses"): a data item optionally behind the self-describing tag 55799, maps with
 * text keys and no duplicates, byte strings, text, unsigned integers, arrays. Decoding and encoding
 * are Jackson's ({@code jackson-dataformat-cbor}).
 */
final class Cbor {
  static final int SELF_DESCRIBING = 55799;

  private static final CBORFactory FACTORY =
      CBORFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Cbor() {}

  /** Thrown for bytes that are not one well-formed CBOR item of the shape the spec allows. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Decodes one CBOR data item; the top-level item may carry the self-describing tag (the IC, on
   * serde_cbor, accepts it with or without); any other top-level tag and trailing bytes are refused.
   */
  static JsonNode decode(byte[] bytes) throws MalformedException {
    try (CBORParser p = (CBORParser) FACTORY.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new MalformedException("empty body: expected one CBOR data item");
      }
      int tag = p.getCurrentTag();
      if (tag != -1 && tag != SELF_DESCRIBING) {
        throw new MalformedException("CBOR tag " + tag + " where the self-describing tag 55799 may stand");
      }
      JsonNode node = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw new MalformedException("trailing bytes after the CBOR data item");
      }
      return node;
    } catch (IOException e) {
      throw new MalformedException("not well-formed CBOR: " + firstLine(e.getMessage()));
    }
  }

  /** Encodes with the self-describing tag, as the IC's responses are. */
  static byte[] encode(JsonNode node) {
    return write(node, true);
  }

  /** Encodes without a tag (the hash tree inside a certificate). */
  static byte[] encodeUntagged(JsonNode node) {
    return write(node, false);
  }

  private static byte[] write(JsonNode node, boolean tagged) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = FACTORY.createGenerator(out)) {
      if (tagged) {
        g.writeTag(SELF_DESCRIBING);
      }
      MAPPER.writeTree(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static ObjectNode map() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no detail)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static JsonParser parserFor(byte[] bytes) throws IOException {
    return FACTORY.createParser(bytes);
  }
}
