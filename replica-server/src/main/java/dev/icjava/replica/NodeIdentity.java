package dev.icjava.replica;

import dev.icjava.callerauth.Principal;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The keys of the replica's one subnet and one node: the BLS12-381 root key that signs certificates
 * (the subnet's id is its self-authenticating id, what {@code @icp-sdk/core} and ic-agent assume for
 * certificates without delegation), the node's Ed25519 key that signs query responses (its id the
 * self-authenticating id of its DER key), and the seed of the management canister's {@code raw_rand}.
 * A network keeps them across restarts (the genesis record of {@link StateJournal}).
 */
final class NodeIdentity {
  final Bls12381.KeyPair rootKey;
  final Ed25519PrivateKeyParameters nodeKey;
  final byte[] nodeKeySeed;
  final byte[] randomSeed;
  final byte[] subnetId;
  final byte[] nodeId;
  final byte[] nodeKeyDer;

  NodeIdentity(Bls12381.KeyPair rootKey, byte[] nodeKeySeed, byte[] randomSeed) {
    this.rootKey = rootKey;
    this.nodeKeySeed = nodeKeySeed.clone();
    this.nodeKey = new Ed25519PrivateKeyParameters(nodeKeySeed, 0);
    this.randomSeed = randomSeed.clone();
    this.nodeKeyDer = PublicKeys.ed25519Der(nodeKey.generatePublicKey().getEncoded());
    this.subnetId = Principal.selfAuthenticating(rootKey.publicKeyDer()).bytes();
    this.nodeId = Principal.selfAuthenticating(nodeKeyDer).bytes();
  }

  /** Fresh keys and seed. */
  static NodeIdentity generate(SecureRandom random) {
    byte[] node = new byte[32];
    random.nextBytes(node);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new NodeIdentity(Bls12381.generate(random), node, seed);
  }

  /** The keys a genesis record holds. */
  static NodeIdentity of(JournalRecord.Genesis g) {
    return new NodeIdentity(Bls12381.keyPair(g.rootSecret()), g.nodeKeySeed(), g.randomSeed());
  }

  /** The genesis record of these keys at {@code time}. */
  JournalRecord.Genesis genesis(long time, boolean ii) {
    return new JournalRecord.Genesis(time, rootKey.secret(), nodeKeySeed, randomSeed, ii);
  }

  /** The root key, DER-encoded: {@code root_key} of {@code /api/v2/status} and of status.json. */
  byte[] rootKeyDer() {
    return rootKey.publicKeyDer();
  }
}
