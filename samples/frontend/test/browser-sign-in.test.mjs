// The sample frontend in headless Chromium (Debian's, driven by puppeteer-core) against the local
// network's Internet Identity stand-in: the guide's code, unchanged, signs in through the window
// protocol of @icp-sdk/auth 7.1.0 and calls the Java canisters with every check of the replica on.
// Run by replica-server's BrowserSignInTest, which starts the replica with the stand-in and the
// samples and sets: REPLICA_URL, IC_ROOT_KEY, BACKEND_ID, PROFILES_ID, II_URL, VITE_PORT,
// SCREENSHOTS (a directory), WHOAMI_DID, PROFILES_DID; CHROMIUM (default /usr/bin/chromium);
// the browser and the dev server are test/browser.mjs's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUrl, otherOriginUrl, startSession, testValues } from './browser.mjs';

const env = process.env;
let session;

// The interfaces the page declares are the canisters' generated ones.
for (const [did, methods] of [
  [env.WHOAMI_DID, ['whoAmI', 'protectedAction', 'registerBegin', 'registerFinish']],
  [env.PROFILES_DID, ['_internet_identity_sign_in_start', '_internet_identity_sign_in_finish', 'getProfile', 'whoAmI']],
]) {
  const text = readFileSync(did, 'utf8');
  for (const m of methods) assert.match(text, new RegExp(`\\b${m}\\s*:`), `${did} declares ${m}`);
}

const openApp = (url) => session.openApp(url);
const shot = (page, name) => session.shot(page, name);
const result = (page) => session.result(page);
const clickOpeningStandIn = (page, button) => session.clickOpeningStandIn(page, button);
const signInFlow = (page, button, user, name) => session.signInFlow(page, button, user, name, async (ii) => {
  assert.match(await ii.$eval('#banner', (e) => e.textContent), /Local test authority/);
});

before(async () => {
  session = await startSession({ log: (line) => console.log(`  ${line}`) });
});

after(async () => {
  await session?.close();
});

let registered; // the page of the whoami registration, for the replay

test('the guide\'s registerWithEmail: anonymous registerBegin, one stand-in interaction, registerFinish', async () => {
  await testValues({ reset: true, email: 'alice@example.com' });
  const page = await openApp();
  assert.equal(await page.$eval('#session', (e) => e.textContent), 'Not signed in');
  await shot(page, 'whoami-start');
  const r = await signInFlow(page, '#register', 1, 'whoami-register');
  assert.equal(r.state, 'done', r.text);
  const m = r.text.match(/^Registered (\S+) with email alice@example\.com$/);
  assert.ok(m, r.text);
  console.log(r.text);
  assert.equal(await page.$eval('#session', (e) => e.textContent), `Signed in as ${m[1]}`);
  registered = page;
});

test('the same bundle sent again is refused (the nonce is single-use)', async () => {
  assert.ok(registered, 'needs the registration test');
  const replay = await registered.evaluate(() => window.icjavaSample.replayRegisterFinish().then(
    (ok) => ({ ok }), (e) => ({ error: e.message })));
  assert.ok(replay.error, `the replay was accepted: ${replay.ok}`);
  console.log(`  replay refused: ${replay.error.split('\n').find((l) => /Reject text/.test(l)) ?? replay.error}`);
  assert.match(replay.error, /nonce/i);
});

test('the session survives a reload, and a signed-in call works', async () => {
  const page = registered;
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('session').textContent.startsWith('Signed in as '));
  await page.click('#whoami');
  const r = await result(page);
  assert.equal(r.state, 'done', r.text);
  assert.match(r.text, /^Action performed by \S+$/);
  await page.click('#sign-out');
  await page.waitForFunction(() => document.getElementById('session').textContent === 'Not signed in');
  await page.close();
});

test('closing the stand-in\'s window rejects signIn()', async () => {
  const page = await openApp();
  const ii = await clickOpeningStandIn(page, '#sign-in');
  await shot(ii, 'closed-popup-stand-in');
  await ii.click('#cancel');
  const r = await result(page);
  await shot(page, 'closed-popup-result');
  assert.equal(r.state, 'error', r.text);
  assert.match(r.text, /closed/i);
  await page.close();
});

test('an expired delegation is refused by the replica', async () => {
  await testValues({ max_time_to_live_ns: '2000000000' });
  try {
    const page = await openApp();
    const r = await signInFlow(page, '#sign-in', 2, 'expired-sign-in');
    assert.equal(r.state, 'done', r.text);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await page.evaluate(() => { document.getElementById('result').dataset.state = ''; });
    await page.click('#whoami');
    const after = await result(page);
    await shot(page, 'expired-call');
    assert.equal(after.state, 'error', after.text);
    console.log(`  expired delegation refused: ${after.text.split('\n').find((l) => /expir/i.test(l)) ?? after.text}`);
    assert.match(after.text, /expir/i);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  } finally {
    await testValues({ max_time_to_live_ns: null });
  }
});

test('a page on another origin gets a bundle the canister refuses (WRONG_ORIGIN)', async () => {
  const page = await openApp(otherOriginUrl);
  const r = await signInFlow(page, '#register', 1, 'other-origin');
  assert.equal(r.state, 'error', r.text);
  console.log(`  other origin refused: ${r.text.split('\n').find((l) => /Reject text/.test(l)) ?? r.text}`);
  // AttributeVerifier's WRONG_ORIGIN refusal, as whoami traps with it.
  assert.match(r.text, /Attribute origin "http:\/\/127\.0\.0\.1:\d+" is not one of the 1 expected origins/);
  await page.close();
});

test('derivationOrigin: the page on 127.0.0.1 signs in as localhost, which lists it; its bundle is accepted', async () => {
  await testValues({ reset: true, email: 'dave@example.com' });
  const onLocalhost = await openApp();
  const own = await signInFlow(onLocalhost, '#sign-in', 1, 'derivation-origin-localhost');
  await onLocalhost.close();
  const page = await openApp(`${otherOriginUrl}?derivationOrigin=${encodeURIComponent(appUrl.replace(/\/$/, ''))}`);
  const r = await signInFlow(page, '#register', 1, 'derivation-origin');
  assert.equal(r.state, 'done', r.text);
  assert.equal(r.text, `${own.text.replace('Signed in as', 'Registered')} with email dave@example.com`);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('derivationOrigin not listed by that origin: the stand-in refuses, signIn() rejects', async () => {
  const page = await openApp(`${appUrl}?derivationOrigin=${encodeURIComponent('http://localhost:1')}`);
  const r = await signInFlow(page, '#sign-in', 1, 'derivation-origin-unlisted');
  assert.equal(r.state, 'error', r.text);
  assert.match(r.text, /Invalid derivation origin: http:\/\/localhost:1\/\.well-known\/ii-alternative-origins does not list/);
  await page.close();
});

test('the profiles sample through DFINITY\'s sign-in contract, then getProfile', async () => {
  await testValues({ reset: true, verified_email: 'carol@example.com', name: 'Carol' });
  const page = await openApp();
  const r = await signInFlow(page, '#profiles', 3, 'profiles');
  assert.equal(r.state, 'done', r.text);
  assert.match(r.text, /^Profile of \S+: email carol@example\.com, name Carol$/);
  console.log(r.text);
  await page.close();
});

test('the OpenID one-click button: keys scoped to Google, the stand-in opened with ?openid=', async () => {
  const page = await openApp();
  const ii = await clickOpeningStandIn(page, '#openid');
  assert.match(ii.url(), /[?&]openid=https%3A%2F%2Faccounts\.google\.com/);
  assert.match(await ii.$eval('#openid', (e) => e.textContent), /One-click sign-in with https:\/\/accounts\.google\.com/);
  await ii.click('#users button[data-user="2"]');
  const r = await result(page);
  await shot(page, 'openid-result');
  assert.equal(r.state, 'done', r.text);
  assert.match(r.text, /email carol@example\.com, name Carol$/);
  await page.close();
});
