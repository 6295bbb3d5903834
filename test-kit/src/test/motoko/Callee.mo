// A canister built by moc that others call (the replica's inter-canister contract tests): it echoes,
// tells who called, rejects, traps, and counts what it did.
import Error "mo:core/Error";
import Runtime "mo:core/Runtime";
import Principal "mo:core/Principal";

persistent actor Callee {
  var calls : Nat = 0;

  public func echo(t : Text) : async Text {
    calls += 1;
    "echo: " # t
  };

  public shared ({ caller }) func whoCalls() : async Principal {
    caller
  };

  public func refuse() : async Text {
    throw Error.reject("motoko says no")
  };

  public func trapNow() : async Text {
    calls += 1;
    Runtime.trap("motoko callee trapped")
  };

  public query func count() : async Nat {
    calls
  };
};
