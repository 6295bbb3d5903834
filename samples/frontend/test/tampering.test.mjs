// The replica checks what a browser sends as the IC does: the delegation chain from Internet
// Identity and the sender_info canister signature. The stand-in's answers are obtained exactly as
// its page obtains them (/_icjava/ii-stand-in/icrc34 and /icrc3-attributes), assembled as
// @icp-sdk/signer 5.4.0 (DelegationChain.fromDelegations) and @icp-sdk/core 5.4.0
// (AttributesIdentity) assemble them, then one byte is changed. Run with browser-sign-in.test.mjs
// by replica-server's BrowserSignInTest (same environment).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import {
  AttributesIdentity, Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity,
} from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { whoamiIdl } from '../src/interfaces.js';

const env = process.env;
const host = env.REPLICA_URL;
const rootKey = Uint8Array.from(Buffer.from(env.IC_ROOT_KEY, 'hex'));
const origin = `http://localhost:${env.VITE_PORT}`;
const II = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const b64 = (b) => Buffer.from(b).toString('base64');
const unb64 = (s) => Uint8Array.from(Buffer.from(s, 'base64'));

async function standIn(route, body) {
  const r = await fetch(new URL(`/_icjava/ii-stand-in/${route}`, host), { method: 'POST', body: JSON.stringify(body) });
  assert.equal(r.status, 200, await r.clone().text());
  return r.json();
}

const backend = async (identity) => Actor.createActor(whoamiIdl, {
  agent: await HttpAgent.create({ host, rootKey, identity }), canisterId: env.BACKEND_ID,
});

/** One sign-in as the page does it, with an optional change to the delegation or the bundle. */
async function registerFinish({ delegationSignature = (s) => s, bundle = (d) => d, bundleSignature = (s) => s } = {}) {
  const session = Ed25519KeyIdentity.generate();
  const nonce = await (await backend()).registerBegin();
  const d = await standIn('icrc34', { user: 4, origin, publicKey: b64(session.getPublicKey().toDer()) });
  const chain = DelegationChain.fromDelegations(d.signerDelegation.map((x) => ({
    delegation: new Delegation(unb64(x.delegation.pubkey), BigInt(x.delegation.expiration)),
    signature: delegationSignature(unb64(x.signature)),
  })), unb64(d.publicKey));
  const identity = DelegationIdentity.fromDelegation(session, chain);
  const a = await standIn('icrc3-attributes', { user: 4, origin, keys: ['email'], nonce: b64(nonce) });
  const withAttributes = new AttributesIdentity({
    inner: identity,
    attributes: { data: bundle(unb64(a.data)), signature: bundleSignature(unb64(a.signature)) },
    signer: { canisterId: II },
  });
  return { principal: identity.getPrincipal().toText(), result: (await backend(withAttributes)).registerFinish() };
}

// A canister signature is CBOR { certificate, tree }; the certificate (CBOR inside it) holds the
// subnet's BLS signature as text(9) "signature" then bytes(48): its 20th byte is changed, which keeps
// every CBOR well-formed. The last byte is changed too, which breaks the outer CBOR.
const SIGNATURE_KEY = Buffer.from([0x69, ...Buffer.from('signature'), 0x58, 0x30]);
const flip = (where) => (bytes) => {
  const b = Uint8Array.from(bytes);
  const i = where === 'bls' ? Buffer.from(b).indexOf(SIGNATURE_KEY) + SIGNATURE_KEY.length + 20 : b.length - 1;
  assert.ok(i > SIGNATURE_KEY.length, 'the certificate\'s signature is in the canister signature');
  b[i] ^= 0x01;
  return b;
};

const refusal = (e) => (e.message.split('\n').find((l) => /Body:|Reject text/.test(l)) ?? e.message).trim();

test('untampered: the stand-in\'s delegation and bundle are accepted', async () => {
  const { principal, result } = await registerFinish();
  assert.equal(await result, `Registered ${principal} with email test-user-4@example.com`);
});

for (const [where, at] of [['one byte of the certificate\'s BLS signature', 'bls'], ['the last byte', 'last']]) {
  test(`the delegation's canister signature with ${where} changed is refused`, async () => {
    const { result } = await registerFinish({ delegationSignature: flip(at) });
    await assert.rejects(result, (e) => {
      console.log(`  delegation signature, ${where}: ${refusal(e)}`);
      return /Invalid delegation/.test(e.message) && (at === 'last' || !/malformed/.test(e.message));
    });
  });

  test(`the sender_info canister signature with ${where} changed is refused`, async () => {
    const { result } = await registerFinish({ bundleSignature: flip(at) });
    await assert.rejects(result, (e) => {
      console.log(`  sender_info signature, ${where}: ${refusal(e)}`);
      return /Invalid sender_info signature/.test(e.message) && (at === 'last' || !/malformed/.test(e.message));
    });
  });
}

test('the sender_info bundle with one byte of the email changed is refused', async () => {
  const { result } = await registerFinish({
    bundle: (d) => {
      const at = Buffer.from(d).indexOf('test-user-4');
      assert.ok(at > 0);
      const b = Uint8Array.from(d);
      b[at] = 'b'.charCodeAt(0);
      return b;
    },
  });
  await assert.rejects(result, (e) => {
    console.log(`  sender_info bundle: ${refusal(e)}`);
    return /Invalid sender_info signature/.test(e.message);
  });
});
