// The profiles sample in Motoko: DFINITY's relying-party library (identity-attributes 0.4.0, its
// sources committed in test-kit/src/test/motoko/identity-attributes/ with their licence and commit)
// included as its README shows, storing each verified sign-in as the Java sample does
// (dev.icjava.samples.Profiles). The differential test runs both on the same scenario.
import IdentityAttributes "mo:identity-attributes";
import Map "mo:core/Map";
import Principal "mo:core/Principal";

persistent actor {
  type Profile = { name : ?Text; email : ?Text; sso : ?Text };

  transient let profiles = Map.empty<Principal, Profile>();

  include IdentityAttributes({
    onVerified = func(caller : Principal, attrs : Profile) {
      Map.add(profiles, Principal.compare, caller, attrs);
    };
  });

  public query func getProfile(p : Principal) : async ?Profile {
    Map.get(profiles, Principal.compare, p)
  };

  public query ({ caller }) func whoAmI() : async Text {
    Principal.toText(caller)
  };
};
