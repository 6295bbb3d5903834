package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The representation-independent hash of structured data (interface spec, https-interface.md,
 * "Representation-independent hashing of structured data"): a request id is this hash of the
 * request's {@code content} map, with every field that is present, {@code sender_info} included.
 */
final class RequestIds {
  private RequestIds() {}

  static byte[] hashOfMap(JsonNode map) throws Cbor.MalformedException {
    if (!map.isObject()) {
      throw new Cbor.MalformedException("expected a map");
    }
    List<byte[]> pairs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = map.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      byte[] pair = new byte[64];
      System.arraycopy(HashToG1.sha256(f.getKey().getBytes(StandardCharsets.UTF_8)), 0, pair, 0, 32);
      System.arraycopy(hashOfValue(f.getValue()), 0, pair, 32, 32);
      pairs.add(pair);
    }
    pairs.sort(Arrays::compareUnsigned);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : pairs) {
      all.writeBytes(p);
    }
    return HashToG1.sha256(all.toByteArray());
  }

  static byte[] hashOfValue(JsonNode v) throws Cbor.MalformedException {
    if (v.isBinary()) {
      return HashToG1.sha256(HashTree.bytes(v));
    }
    if (v.isTextual()) {
      return HashToG1.sha256(v.textValue().getBytes(StandardCharsets.UTF_8));
    }
    if (v.isIntegralNumber()) {
      BigInteger n = v.bigIntegerValue();
      return HashToG1.sha256(n.signum() >= 0 ? Leb128.unsigned(n) : Leb128.signed(n));
    }
    if (v.isArray()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (JsonNode e : v) {
        all.writeBytes(hashOfValue(e));
      }
      return HashToG1.sha256(all.toByteArray());
    }
    if (v.isObject()) {
      return hashOfMap(v);
    }
    throw new Cbor.MalformedException("a " + v.getNodeType() + " value has no representation-independent hash");
  }
}
