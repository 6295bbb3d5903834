package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IC's hash trees (interface spec, certification.md, "Certificate", "Lookup", "Encoding of
 * certificates"): {@code Empty | Fork | Labeled | Leaf | Pruned}, their root hash ({@code
 * reconstruct}), lookup by path, and the CBOR form {@code [0] | [1, l, r] | [2, label, t] | [3, v] |
 * [4, hash]}.
 */
sealed interface HashTree {
  record Empty() implements HashTree {}

  record Fork(HashTree left, HashTree right) implements HashTree {}

  record Labeled(byte[] label, HashTree subtree) implements HashTree {}

  record Leaf(byte[] value) implements HashTree {}

  record Pruned(byte[] digest) implements HashTree {}

  /** What {@code lookup_path} finds: a value, or why there is none. */
  sealed interface Lookup {
    record Found(byte[] value) implements Lookup {}

    record Absent() implements Lookup {}

    record Unknown() implements Lookup {}

    record Error() implements Lookup {}
  }

  /** {@code reconstruct(t)}: the root hash. */
  default byte[] digest() {
    if (this instanceof Empty) {
      return HashToG1.sha256(domainSep("ic-hashtree-empty"));
    }
    if (this instanceof Pruned p) {
      return p.digest().clone();
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (this instanceof Leaf l) {
      b.writeBytes(domainSep("ic-hashtree-leaf"));
      b.writeBytes(l.value());
    } else if (this instanceof Labeled l) {
      b.writeBytes(domainSep("ic-hashtree-labeled"));
      b.writeBytes(l.label());
      b.writeBytes(l.subtree().digest());
    } else {
      Fork f = (Fork) this;
      b.writeBytes(domainSep("ic-hashtree-fork"));
      b.writeBytes(f.left().digest());
      b.writeBytes(f.right().digest());
    }
    return HashToG1.sha256(b.toByteArray());
  }

  static byte[] domainSep(String s) {
    byte[] a = HashToG1.ascii(s);
    byte[] out = new byte[a.length + 1];
    out[0] = (byte) a.length;
    System.arraycopy(a, 0, out, 1, a.length);
    return out;
  }

  /** {@code lookup_path(path, tree)} of the spec. */
  default Lookup lookup(List<byte[]> path) {
    if (path.isEmpty()) {
      if (this instanceof Empty) {
        return new Lookup.Absent();
      }
      if (this instanceof Leaf l) {
        return new Lookup.Found(l.value());
      }
      if (this instanceof Pruned) {
        return new Lookup.Unknown();
      }
      return new Lookup.Error();
    }
    byte[] label = path.get(0);
    List<HashTree> forest = new ArrayList<>();
    flattenForks(this, forest);
    // find_label of the spec, clause by clause
    int n = forest.size();
    for (HashTree t : forest) {
      if (t instanceof Labeled l && Arrays.equals(l.label(), label)) {
        return l.subtree().lookup(path.subList(1, path.size()));
      }
    }
    for (int i = 0; i + 1 < n; i++) {
      if (forest.get(i) instanceof Labeled a
          && forest.get(i + 1) instanceof Labeled b
          && Arrays.compareUnsigned(a.label(), label) < 0
          && Arrays.compareUnsigned(label, b.label()) < 0) {
        return new Lookup.Absent();
      }
    }
    if (n > 0 && forest.get(0) instanceof Labeled first && Arrays.compareUnsigned(label, first.label()) < 0) {
      return new Lookup.Absent();
    }
    if (n > 0 && forest.get(n - 1) instanceof Labeled last && Arrays.compareUnsigned(last.label(), label) < 0) {
      return new Lookup.Absent();
    }
    if (n == 0 || (n == 1 && forest.get(0) instanceof Leaf)) {
      return new Lookup.Absent();
    }
    return new Lookup.Unknown();
  }

  private static void flattenForks(HashTree t, List<HashTree> out) {
    if (t instanceof Empty) {
      return;
    }
    if (t instanceof Fork f) {
      flattenForks(f.left(), out);
      flattenForks(f.right(), out);
    } else {
      out.add(t);
    }
  }

  /** The subtree at {@code path} (a labeled node's child), or null when it is not there. */
  default HashTree subtree(List<byte[]> path) {
    if (path.isEmpty()) {
      return this;
    }
    List<HashTree> forest = new ArrayList<>();
    flattenForks(this, forest);
    for (HashTree t : forest) {
      if (t instanceof Labeled l && Arrays.equals(l.label(), path.get(0))) {
        return l.subtree().subtree(path.subList(1, path.size()));
      }
    }
    return null;
  }

  /** The labels directly under this node (through forks). */
  default List<Labeled> children() {
    List<HashTree> forest = new ArrayList<>();
    flattenForks(this, forest);
    List<Labeled> out = new ArrayList<>();
    for (HashTree t : forest) {
      if (t instanceof Labeled l) {
        out.add(l);
      }
    }
    return out;
  }

  default ArrayNode toCbor() {
    ArrayNode a = Cbor.array();
    if (this instanceof Empty) {
      a.add(0);
    } else if (this instanceof Fork f) {
      a.add(1);
      a.add(f.left().toCbor());
      a.add(f.right().toCbor());
    } else if (this instanceof Labeled l) {
      a.add(2);
      a.add(l.label());
      a.add(l.subtree().toCbor());
    } else if (this instanceof Leaf l) {
      a.add(3);
      a.add(l.value());
    } else {
      a.add(4);
      a.add(((Pruned) this).digest());
    }
    return a;
  }

  /** Reads a hash tree; refuses anything that is not one (wrong arity, tags, types, 32-byte pruned). */
  static HashTree fromCbor(JsonNode n) throws Cbor.MalformedException {
    return fromCbor(n, 0);
  }

  private static HashTree fromCbor(JsonNode n, int depth) throws Cbor.MalformedException {
    if (depth > 128) {
      throw new Cbor.MalformedException("hash tree nested deeper than 128");
    }
    if (!n.isArray() || n.isEmpty() || !n.get(0).isIntegralNumber()) {
      throw new Cbor.MalformedException("a hash tree node is an array starting with its tag");
    }
    int tag = n.get(0).asInt();
    switch (tag) {
      case 0:
        arity(n, 1);
        return new Empty();
      case 1:
        arity(n, 3);
        return new Fork(fromCbor(n.get(1), depth + 1), fromCbor(n.get(2), depth + 1));
      case 2:
        arity(n, 3);
        return new Labeled(bytes(n.get(1)), fromCbor(n.get(2), depth + 1));
      case 3:
        arity(n, 2);
        return new Leaf(bytes(n.get(1)));
      case 4:
        arity(n, 2);
        byte[] d = bytes(n.get(1));
        if (d.length != 32) {
          throw new Cbor.MalformedException("a pruned subtree's hash has 32 bytes, not " + d.length);
        }
        return new Pruned(d);
      default:
        throw new Cbor.MalformedException("unknown hash tree tag " + tag);
    }
  }

  private static void arity(JsonNode n, int size) throws Cbor.MalformedException {
    if (n.size() != size) {
      throw new Cbor.MalformedException("hash tree node of tag " + n.get(0).asInt() + " has " + n.size() + " items");
    }
  }

  static byte[] bytes(JsonNode n) throws Cbor.MalformedException {
    if (!n.isBinary()) {
      throw new Cbor.MalformedException("expected a byte string");
    }
    try {
      return n.binaryValue();
    } catch (java.io.IOException e) {
      throw new Cbor.MalformedException("expected a byte string");
    }
  }
}
