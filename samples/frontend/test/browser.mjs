// What the browser tests and the demo share: Vite's dev server for the sample, Debian's Chromium
// driven by puppeteer-core (headless, a fresh profile, no background networking), the app's page
// and the Internet Identity stand-in's window. The environment is set by replica-server
// (BrowserSignInTest, BrowserDemo): REPLICA_URL, IC_ROOT_KEY, BACKEND_ID, PROFILES_ID, II_URL,
// VITE_PORT, SCREENSHOTS (a directory); CHROMIUM (default /usr/bin/chromium).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
export const port = Number(env.VITE_PORT);
export const appUrl = `http://localhost:${port}/`;
export const otherOriginUrl = `http://127.0.0.1:${port}/`;

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Sets what the stand-in offers (POST /_icjava/ii-stand-in/test-values). */
export async function testValues(values) {
  const r = await fetch(new URL('/_icjava/ii-stand-in/test-values', env.REPLICA_URL), {
    method: 'POST', body: JSON.stringify(values),
  });
  if (r.status !== 200) throw new Error(`test-values: ${r.status} ${await r.text()}`);
  return r.json();
}

/** Starts Vite and Chromium; `log` receives the pages' console lines (or nothing). */
export async function startSession({ log = () => {} } = {}) {
  const shots = env.SCREENSHOTS;
  rmSync(shots, { recursive: true, force: true }); // this run's steps only
  mkdirSync(shots, { recursive: true });
  // The page on 127.0.0.1 may sign in as the one on localhost (derivationOrigin).
  process.env.ALTERNATIVE_ORIGINS = otherOriginUrl.replace(/\/$/, '');
  const vite = await createServer({ root, logLevel: 'warn', server: { port, strictPort: true, host: '127.0.0.1' } });
  await vite.listen();
  const userDataDir = mkdtempSync(join(tmpdir(), 'icjava-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: env.CHROMIUM ?? '/usr/bin/chromium', headless: true, userDataDir, args: CHROMIUM_FLAGS,
  });
  let step = 0;

  async function shot(page, name) {
    step += 1;
    const path = join(shots, `${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path });
    return path;
  }

  async function openApp(url = appUrl) {
    const page = await browser.newPage();
    page.on('console', (m) => log(`[page] ${m.text()}`));
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('session').textContent !== 'Checking the session...');
    return page;
  }

  /** Clicks a button of the app that opens the stand-in; the stand-in's window, its channel up. */
  async function clickOpeningStandIn(page, button) {
    const popup = new Promise((resolve) => page.once('popup', resolve));
    await page.click(button);
    const ii = await popup;
    // The ICRC-29 channel is up once the stand-in has heard from the page: a window closed before
    // that is the transport's establish timeout (120 s in @icp-sdk/signer 5.4.0), not a refusal.
    await ii.waitForFunction(() => /asks to sign in/.test(document.getElementById('request').textContent));
    return ii;
  }

  /** The outcome the page shows in #result once its work is done or failed. */
  async function result(page) {
    await page.waitForFunction(() => ['done', 'error'].includes(document.getElementById('result').dataset.state),
      { timeout: 60_000 });
    return page.$eval('#result', (e) => ({ state: e.dataset.state, text: e.textContent }));
  }

  /** The app's button, then "continue as test user N" in the stand-in; the page's outcome. */
  async function signInFlow(page, button, user, name, onStandIn = async () => {}) {
    const ii = await clickOpeningStandIn(page, button);
    await onStandIn(ii);
    await shot(ii, `${name}-stand-in`);
    await ii.click(`#users button[data-user="${user}"]`);
    const r = await result(page);
    await shot(page, `${name}-result`);
    return r;
  }

  async function close() {
    await browser.close();
    await vite.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }

  return { browser, shot, openApp, clickOpeningStandIn, result, signInFlow, close };
}
