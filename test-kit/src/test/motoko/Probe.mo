// A canister built by moc, not by this project: the test kit's semantics are checked against it.
// `count` is in stable memory's sense persistent (kept across upgrades); `heapCount` is transient
// (reset by an upgrade), like a TeaVM canister's heap.
import Runtime "mo:core/Runtime";
import Nat "mo:core/Nat";

persistent actor Probe {
  var count : Nat = 0;
  transient var heapCount : Nat = 0;

  public func increment() : async Nat {
    count += 1;
    heapCount += 1;
    count
  };

  public func incrementThenTrap() : async Nat {
    count += 1;
    heapCount += 1;
    Runtime.trap("boom after increment")
  };

  public query func get() : async (Nat, Nat) {
    (count, heapCount)
  };

  public query func incrementInQuery() : async Nat {
    count += 1;
    heapCount += 1;
    count
  };

  public func spin() : async Nat {
    var i = 0;
    while (true) { i += 1 };
    i
  };
};
