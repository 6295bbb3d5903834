// The integration guide's frontend for the whoami sample (and the profiles sample's sign-in), as a
// user writes it: @icp-sdk/auth 7.1.0 and @icp-sdk/core 5.4.0, nothing of this project's own.
import { AuthClient, scopedKeys } from '@icp-sdk/auth/client';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import { safeGetCanisterEnv } from '@icp-sdk/core/agent/canister-env';
import { AttributesIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { profilesIdl, whoamiIdl } from './interfaces.js';

// Environment detection: on a local network the page is served with the ic_env cookie (by the
// asset canister, or here by Vite's dev server) holding the local root key and the canister ids.
const canisterEnv = safeGetCanisterEnv();
const isLocal = canisterEnv !== undefined;
const host = isLocal ? window.location.origin : 'https://icp-api.io';
const rootKey = canisterEnv?.IC_ROOT_KEY;
const backendId = canisterEnv?.['PUBLIC_CANISTER_ID:backend'];
const profilesId = canisterEnv?.['PUBLIC_CANISTER_ID:profiles'];
const identityProvider = isLocal
  ? (canisterEnv.II_URL ?? `http://id.ai.localhost:${window.location.port}`)
  : 'https://id.ai';
// The identity attributes' signer: Internet Identity's backend.
const II_BACKEND = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');

// One AuthClient for the page; the OpenID one-click button has its own, which opens Internet
// Identity straight at the provider (the identity provider URL gets ?openid=<issuer>).
// derivationOrigin (ICRC-95): an app served on several origins signs in as one of them, which
// lists the others in /.well-known/ii-alternative-origins. This sample takes it from the URL
// (?derivationOrigin=...) so that one page can try both; an app writes its own origin here.
const derivationOrigin = new URLSearchParams(window.location.search).get('derivationOrigin') ?? undefined;
const authClient = new AuthClient({ identityProvider, derivationOrigin });
const googleClient = new AuthClient({ identityProvider, derivationOrigin, openIdProvider: 'google' });

async function actor(idl, canisterId, identity) {
  const agent = await HttpAgent.create({ host, rootKey, identity });
  return Actor.createActor(idl, { agent, canisterId });
}

const backend = (identity) => actor(whoamiIdl, backendId, identity);

/**
 * Registration with a verified email in one Internet Identity interaction: the nonce comes from
 * the backend's registerBegin called anonymously, sign-in and the attributes request run together,
 * then registerFinish is called with the attributes attached to the signed-in identity.
 */
async function registerWithEmail() {
  const nonce = backend().then((anonymous) => anonymous.registerBegin());
  const [identity, attributes] = await Promise.all([
    authClient.signIn(),
    // @icp-sdk/auth 7.x takes the nonce or a promise of it; 8.x takes a callback
    // (requestAttributes(params: { keys; nonce: () => Promise<Uint8Array> })), the one-line change:
    // authClient.requestAttributes({ keys: ['email'], nonce: () => nonce }),
    authClient.requestAttributes({ keys: ['email'], nonce }),
  ]);
  const withAttributes = new AttributesIdentity({
    inner: identity,
    attributes,
    signer: { canisterId: II_BACKEND },
  });
  lastRegistration = withAttributes;
  return (await backend(withAttributes)).registerFinish();
}

/** The same flow for the profiles sample, through DFINITY's sign-in contract. */
async function signInToProfiles(client, keys) {
  const profiles = (identity) => actor(profilesIdl, profilesId, identity);
  const nonce = profiles().then((anonymous) => anonymous._internet_identity_sign_in_start());
  const [identity, attributes] = await Promise.all([
    client.signIn(),
    client.requestAttributes({ keys, nonce }),
  ]);
  const withAttributes = new AttributesIdentity({ inner: identity, attributes, signer: { canisterId: II_BACKEND } });
  const finished = await (await profiles(withAttributes))._internet_identity_sign_in_finish();
  if ('err' in finished) {
    throw new Error(`sign-in refused: ${JSON.stringify(finished.err, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  }
  const [profile] = await (await profiles(identity)).getProfile(identity.getPrincipal());
  return `Profile of ${identity.getPrincipal().toText()}: email ${profile?.email?.[0] ?? '(none)'}, name ${profile?.name?.[0] ?? '(none)'}`;
}

let lastRegistration = null;

async function showSession() {
  const session = document.getElementById('session');
  if (authClient.isAuthenticated()) {
    const identity = await authClient.getIdentity();
    session.textContent = `Signed in as ${identity.getPrincipal().toText()}`;
  } else {
    session.textContent = 'Not signed in';
  }
}

function show(work) {
  const result = document.getElementById('result');
  result.dataset.state = 'running';
  result.textContent = '...';
  // The work starts inside the click handler: the Internet Identity window must be opened there.
  work()
    .then((text) => {
      result.textContent = text;
      result.dataset.state = 'done';
    })
    .catch((e) => {
      result.textContent = `Error: ${e?.message ?? e}`;
      result.dataset.state = 'error';
    })
    .finally(showSession);
}

const on = (id, work) => document.getElementById(id).addEventListener('click', () => show(work));
on('sign-in', async () => `Signed in as ${(await authClient.signIn()).getPrincipal().toText()}`);
on('sign-out', async () => {
  await authClient.signOut();
  return 'Signed out';
});
on('whoami', async () => (await backend(await authClient.getIdentity())).protectedAction());
on('register', registerWithEmail);
on('openid', () => signInToProfiles(googleClient, scopedKeys({ openIdProvider: 'google', keys: ['verified_email', 'name'] })));
on('profiles', () => signInToProfiles(authClient, ['verified_email', 'name']));

// For the browser tests: sends registerFinish again with the last registration's bundle.
window.icjavaSample = {
  replayRegisterFinish: async () => (await backend(lastRegistration)).registerFinish(),
};

showSession();
