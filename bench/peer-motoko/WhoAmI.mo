// The whoami sample's contract (samples/src/main/candid/whoami.did, issues 6 and 14), written in
// Motoko with mo:core 2.5.0 the way its documentation shows: CallerAttributes for the trusted-signer
// check, from_candid for the ICRC-3 Value bundle, a Map of pending nonces kept by enhanced orthogonal
// persistence. The integration guide's flow: registerBegin called anonymously mints a 32-byte nonce
// that any signed-in caller may present once; called by a signed-in user, one bound to that user.
// Each registration (principal to email) is kept in a Map of the persistent actor, as the Java
// sample keeps it in a StableBTreeMap, and registeredEmail reads it back: the same work on both sides.
// The benchmark builds it with npm motoko@4.10.0 and runs it beside the Java sample.
import CallerAttributes "mo:core/CallerAttributes";
import Principal "mo:core/Principal";
import Map "mo:core/Map";
import Blob "mo:core/Blob";
import Text "mo:core/Text";
import Time "mo:core/Time";
import Runtime "mo:core/Runtime";
import Random "mo:core/Random";
import Nat64 "mo:core/Nat64";
import Nat8 "mo:core/Nat8";
import Array "mo:core/Array";
import Iter "mo:core/Iter";

persistent actor WhoAmI {
  /// ICRC-3 Value, the type of an attribute bundle.
  type Value = {
    #Nat : Nat;
    #Int : Int;
    #Blob : Blob;
    #Text : Text;
    #Array : [Value];
    #Map : [(Text, Value)];
  };

  // caller: null for a nonce minted anonymously (unbound)
  type Pending = { caller : ?Principal; action : Text; expiresAt : Int };

  let nonceTtl : Int = 5 * 60 * 1_000_000_000;
  let maxAge : Int = 5 * 60 * 1_000_000_000;
  let maxAhead : Int = 60 * 1_000_000_000;
  let defaultOrigin = "https://your-app.icp0.io";

  let pending = Map.empty<Blob, Pending>();
  // principal to the email of its last registration; kept across upgrades (persistent actor)
  let registrations = Map.empty<Principal, Text>();
  // No inter-canister call in the local replica, so no raw_rand: a PRNG seeded from the install time
  // (the Java sample likewise derives its nonce key from time and canister id until reseeded).
  let randomState = Random.seedState(Nat64.fromIntWrap(Time.now()));
  transient let random = Random.seedFromState(randomState);

  func requireAuth(caller : Principal) {
    if (caller.isAnonymous()) {
      Runtime.trap("Anonymous principal not allowed.");
    };
  };

  public shared query ({ caller }) func whoAmI() : async Text {
    if (caller.isAnonymous()) "anonymous" else caller.toText();
  };

  public shared ({ caller }) func protectedAction() : async Text {
    requireAuth(caller);
    "Action performed by " # caller.toText();
  };

  public shared ({ caller }) func registerBegin() : async Blob {
    let nonce = Blob.fromArray(Array.tabulate<Nat8>(32, func _ = random.nat8()));
    let owner = if (caller.isAnonymous()) null else ?caller;
    pending.add(nonce, { caller = owner; action = "register"; expiresAt = Time.now() + nonceTtl });
    nonce;
  };

  public shared ({ caller }) func registerFinish() : async Text {
    requireAuth(caller);
    let ?data = CallerAttributes.getAttributes<system>() else {
      Runtime.trap("This call carries no identity attributes.");
    };
    let ?bundle : ?Value = from_candid (data) else {
      Runtime.trap("Attribute bundle is not an ICRC-3 Value.");
    };
    let #Map(entries) = bundle else Runtime.trap("Attribute bundle is not a map.");
    var nonce : ?Blob = null;
    var origin : ?Text = null;
    var issuedAt : ?Nat = null;
    var email : ?Text = null;
    for ((key, value) in entries.vals()) {
      switch (key, value) {
        case ("implicit:nonce", #Blob(b)) { if (nonce != null) duplicate(key); nonce := ?b };
        case ("implicit:origin", #Text(t)) { if (origin != null) duplicate(key); origin := ?t };
        case ("implicit:issued_at_timestamp_ns", #Nat(n)) { if (issuedAt != null) duplicate(key); issuedAt := ?n };
        case ("email", #Text(t)) { if (email != null) duplicate(key); email := ?t };
        case ("implicit:nonce", _) { wrongType(key, value, "Blob") };
        case ("implicit:origin" or "email", _) { wrongType(key, value, "Text") };
        case ("implicit:issued_at_timestamp_ns", _) { wrongType(key, value, "Nat") };
        case _ {};
      };
    };
    let ?o = origin else Runtime.trap("Attribute implicit:origin is missing.");
    if (not expectedOrigins<system>().any(func(e : Text) : Bool = e == o)) {
      Runtime.trap("Attribute origin \"" # o # "\" is not an expected origin.");
    };
    let ?issued = issuedAt else Runtime.trap("Attribute implicit:issued_at_timestamp_ns is missing.");
    let now = Time.now();
    if (now - issued > maxAge) Runtime.trap("Attributes are older than 300 s.");
    if (issued - now > maxAhead) Runtime.trap("Attributes were issued more than 60 s after now.");
    let ?n = nonce else Runtime.trap("Attribute implicit:nonce is missing.");
    let ?e = email else Runtime.trap("Attribute email is missing.");
    let ?p = pending.take(n) else Runtime.trap("Attribute nonce refused: unknown or already consumed");
    switch (p.caller) {
      case (?owner) if (owner != caller) Runtime.trap("Attribute nonce refused: minted for another caller");
      case null {};
    };
    if (p.action != "register") Runtime.trap("Attribute nonce refused: minted for another action");
    if (p.expiresAt <= now) Runtime.trap("Attribute nonce refused: expired");
    registrations.add(caller, e);
    "Registered " # caller.toText() # " with email " # e;
  };

  public query func registeredEmail(principal : Principal) : async ?Text {
    registrations.get(principal);
  };

  func wrongType(key : Text, value : Value, expected : Text) {
    let actual = switch value {
      case (#Nat _) "Nat";
      case (#Int _) "Int";
      case (#Blob _) "Blob";
      case (#Text _) "Text";
      case (#Array _) "Array";
      case (#Map _) "Map";
    };
    Runtime.trap("Attribute " # key # " is a " # actual # ", not a " # expected # ".");
  };

  func duplicate(key : Text) {
    Runtime.trap("Attribute " # key # " appears more than once.");
  };

  func expectedOrigins<system>() : Iter.Iter<Text> {
    switch (Runtime.envVar<system>("frontend_origins")) {
      case (?list) list.split(#char(','));
      case null [defaultOrigin].vals();
    };
  };
};
