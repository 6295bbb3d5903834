// The map benchmark's Motoko canister: mo:core's Map (a B-tree on the heap, kept across upgrades by
// enhanced orthogonal persistence), u64 keys with 8-byte values and text keys with 100-byte values,
// the same methods as the Java canister (dev.icjava.bench.MapBenchProbe) and the same generated
// entries: key i is splitmix64's finalizer of i + 1, its text form 16 lowercase hex digits, and the
// text map's value of entry i is 100 bytes, byte j = (i + j) mod 256. Each `...Base` method takes the
// same arguments as its operation and does nothing: the benchmark subtracts its cost.
import Map "mo:core/Map";
import Nat64 "mo:core/Nat64";
import Nat8 "mo:core/Nat8";
import Text "mo:core/Text";
import Blob "mo:core/Blob";
import Array "mo:core/Array";
import Runtime "mo:core/Runtime";

persistent actor {
  let u64 = Map.empty<Nat64, Nat64>();
  let text = Map.empty<Text, Blob>();

  func u64Key(i : Nat64) : Nat64 {
    var z = (i +% 1) *% 0x9E3779B97F4A7C15;
    z := (z ^ (z >> 30)) *% 0xBF58476D1CE4E5B9;
    z := (z ^ (z >> 27)) *% 0x94D049BB133111EB;
    z ^ (z >> 31)
  };

  func u64Value(k : Nat64) : Nat64 { k *% 0x9E3779B97F4A7C15 +% 7 };

  // A flat text (decoded from a blob), as a decoded argument is, not a rope of concatenations.
  func textKey(i : Nat64) : Text {
    let k = u64Key(i);
    let digits = Array.tabulate<Nat8>(16, func d {
      let nibble = Nat8.fromNat64((k >> (60 - 4 * Nat64.fromNat(d))) & 15);
      if (nibble < 10) { 48 + nibble } else { 87 + nibble }
    });
    switch (Text.decodeUtf8(Blob.fromArray(digits))) {
      case (?t) t;
      case null Runtime.trap("not UTF-8")
    }
  };

  func textValue(i : Nat64) : Blob {
    let n = Nat64.toNat(i);
    Blob.fromArray(Array.tabulate<Nat8>(100, func j { Nat8.fromIntWrap(n + j) }))
  };

  public func fillU64(first : Nat64, count : Nat64) : async Nat64 {
    var i = first;
    while (i < first + count) {
      let k = u64Key(i);
      Map.add(u64, Nat64.compare, k, u64Value(k));
      i += 1
    };
    Nat64.fromNat(Map.size(u64))
  };

  public func fillText(first : Nat64, count : Nat64) : async Nat64 {
    var i = first;
    while (i < first + count) {
      Map.add(text, Text.compare, textKey(i), textValue(i));
      i += 1
    };
    Nat64.fromNat(Map.size(text))
  };

  public func insertU64(k : Nat64, v : Nat64) : async Nat64 {
    switch (Map.swap(u64, Nat64.compare, k, v)) { case null 1; case _ 0 }
  };

  public func insertU64Base(_k : Nat64, _v : Nat64) : async Nat64 { 0 };

  public func removeU64(k : Nat64) : async Nat64 {
    switch (Map.take(u64, Nat64.compare, k)) { case null 0; case (?v) v }
  };

  public func removeU64Base(_k : Nat64) : async Nat64 { 0 };

  public query func getU64(k : Nat64) : async Nat64 {
    switch (Map.get(u64, Nat64.compare, k)) { case null 0; case (?v) v }
  };

  public query func rangeU64(from : Nat64) : async Nat64 {
    var sum : Nat64 = 0;
    var n = 0;
    label scan for ((_, v) in Map.entriesFrom(u64, Nat64.compare, from)) {
      if (n == 100) { break scan };
      sum +%= v;
      n += 1
    };
    sum
  };

  public query func readU64Base(_k : Nat64) : async Nat64 { 0 };

  public query func sizeU64() : async Nat64 { Nat64.fromNat(Map.size(u64)) };

  public func insertText(k : Text, v : Blob) : async Nat64 {
    switch (Map.swap(text, Text.compare, k, v)) { case null 1; case _ 0 }
  };

  public func insertTextBase(_k : Text, _v : Blob) : async Nat64 { 0 };

  public func removeText(k : Text) : async Nat64 {
    switch (Map.take(text, Text.compare, k)) { case null 0; case (?v) Nat64.fromNat(v.size() + 1) }
  };

  public func removeTextBase(_k : Text) : async Nat64 { 0 };

  public query func getText(k : Text) : async Nat64 {
    switch (Map.get(text, Text.compare, k)) { case null 0; case (?v) Nat64.fromNat(v.size() + 1) }
  };

  public query func rangeText(from : Text) : async Nat64 {
    var sum : Nat64 = 0;
    var n = 0;
    label scan for ((_, v) in Map.entriesFrom(text, Text.compare, from)) {
      if (n == 100) { break scan };
      sum +%= Nat64.fromNat(v.size() + 1);
      n += 1
    };
    sum
  };

  public query func readTextBase(_k : Text) : async Nat64 { 0 };

  public query func valueText(k : Text) : async Blob {
    switch (Map.get(text, Text.compare, k)) { case null ""; case (?v) v }
  };

  public query func sizeText() : async Nat64 { Nat64.fromNat(Map.size(text)) };
};
