// The guide's registration as a user sees it, printed step by step: run by
// `mvn -q -B -DskipTests -Pbrowser-demo verify` (replica-server's BrowserDemo starts the network
// with the Internet Identity stand-in and the samples, then this script, then stops everything).
import { appUrl, startSession, testValues } from './browser.mjs';

const env = process.env;
const email = env.DEMO_EMAIL ?? 'alice@example.com';
const say = (line) => console.log(line);

await testValues({ reset: true, email });
const session = await startSession();
try {
  say(`Vite dev server: ${appUrl} (the ic_env cookie: the local root key, backend ${env.BACKEND_ID})`);
  const page = await session.openApp();
  say(`Chromium (headless) opens ${appUrl}: "${await page.$eval('#session', (e) => e.textContent)}"`);
  say('Click "Register with email": the app calls registerBegin anonymously and opens Internet Identity');
  const r = await session.signInFlow(page, '#register', 1, 'demo', async (ii) => {
    await ii.waitForFunction(() => /also asks for/.test(document.getElementById('request').textContent),
      { timeout: 30_000 }).catch(() => {});
    say(`Internet Identity stand-in at ${ii.url()}:`);
    say(`  "${await ii.$eval('#banner', (e) => e.textContent.replace(/\s+/g, ' ').trim().slice(0, 80))}..."`);
    say(`  "${await ii.$eval('#request', (e) => e.textContent)}"`);
    say('Click "Continue as test user 1": one interaction signs in (ICRC-34 delegation) and certifies the email (ii-icrc3-attributes)');
  });
  say('The app calls registerFinish with AttributesIdentity (the bundle in sender_info); the page shows:');
  say(r.text);
  if (r.state !== 'done') process.exitCode = 1;
  say(`Screenshots: ${env.SCREENSHOTS}`);
} finally {
  await session.close();
}
