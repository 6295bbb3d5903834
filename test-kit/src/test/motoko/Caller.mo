// A canister built by moc that makes calls (the replica's inter-canister contract tests): it awaits
// Random.blob() (the management canister's raw_rand), calls a second canister, traps in a callback,
// and catches a reject. `beforeCall` changes before each await, `afterCall` after it, so a test can
// see which message's changes the IC kept.
import Random "mo:core/Random";
import Error "mo:core/Error";
import Runtime "mo:core/Runtime";
import Principal "mo:core/Principal";

persistent actor Caller {
  var beforeCall : Nat = 0;
  var afterCall : Nat = 0;

  type Callee = actor {
    echo : Text -> async Text;
    whoCalls : () -> async Principal;
    refuse : () -> async Text;
    trapNow : () -> async Text;
  };

  func callee(p : Principal) : Callee = actor (Principal.toText(p));

  public func randomBlob() : async Blob {
    beforeCall += 1;
    let b = await Random.blob();
    afterCall += 1;
    b
  };

  public func callEcho(p : Principal, t : Text) : async Text {
    beforeCall += 1;
    let r = await callee(p).echo(t);
    afterCall += 1;
    r
  };

  public func whoDoesItSeeCalling(p : Principal) : async Principal {
    await callee(p).whoCalls()
  };

  public func trapInCallback(p : Principal) : async Text {
    beforeCall += 1;
    let r = await callee(p).echo("before the trap");
    afterCall += 1;
    Runtime.trap("motoko caller trapped in the callback after " # r)
  };

  public func catchReject(p : Principal) : async Text {
    try {
      ignore await callee(p).refuse();
      "no reject"
    } catch (e) {
      "caught " # debug_show (Error.code(e)) # ": " # Error.message(e)
    }
  };

  public func catchTrap(p : Principal) : async Text {
    try {
      ignore await callee(p).trapNow();
      "no reject"
    } catch (e) {
      "caught " # debug_show (Error.code(e)) # ": " # Error.message(e)
    }
  };

  public query func counts() : async (Nat, Nat) {
    (beforeCall, afterCall)
  };
};
