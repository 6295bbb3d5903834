// DFINITY's relying-party library (identity-attributes 0.4.0, committed under identity-attributes/
// with its licence and commit) included in an actor as its README shows: the canister gets
// _internet_identity_sign_in_start, which awaits raw_rand, and _internet_identity_sign_in_finish.
import IdentityAttributes "mo:identity-attributes";

persistent actor {
  include IdentityAttributes({
    onVerified = func(_caller, _attrs) {};
  });
};
