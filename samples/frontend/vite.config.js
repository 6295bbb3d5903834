// Vite's dev server for the sample frontend on a local network: it sets the ic_env cookie that
// @icp-sdk/core's safeGetCanisterEnv() reads (as an asset canister does: ic_root_key and
// PUBLIC_CANISTER_ID:<name>, URI-encoded, '&'-separated; read in @icp-sdk/core 5.4.0
// lib/esm/agent/canister-env/index.js) and proxies the IC's HTTP interface (/api) to the replica,
// so the page's agent talks to its own origin. Set by the environment:
//   REPLICA_URL      the replica (http://127.0.0.1:<port>)
//   IC_ROOT_KEY      the replica's root key, hex of the DER
//   BACKEND_ID, PROFILES_ID   the whoami and profiles canister ids
//   II_URL           Internet Identity (the stand-in: http://id.ai.localhost:<gateway port>)
//   ALTERNATIVE_ORIGINS   comma-separated origins served in /.well-known/ii-alternative-origins
//                    (the origins that may sign in with this origin as their derivationOrigin)
import { defineConfig } from 'vite';

function icEnvCookie() {
  const vars = [`ic_root_key=${process.env.IC_ROOT_KEY ?? ''}`];
  if (process.env.BACKEND_ID) vars.push(`PUBLIC_CANISTER_ID:backend=${process.env.BACKEND_ID}`);
  if (process.env.PROFILES_ID) vars.push(`PUBLIC_CANISTER_ID:profiles=${process.env.PROFILES_ID}`);
  if (process.env.II_URL) vars.push(`II_URL=${process.env.II_URL}`);
  return `ic_env=${encodeURIComponent(vars.join('&'))}; Path=/; SameSite=Lax`;
}

export default defineConfig({
  plugins: [{
    name: 'ic-env-cookie',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url === '/.well-known/ii-alternative-origins' && process.env.ALTERNATIVE_ORIGINS) {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ alternativeOrigins: process.env.ALTERNATIVE_ORIGINS.split(',') }));
          return;
        }
        res.setHeader('Set-Cookie', icEnvCookie());
        next();
      });
    },
  }],
  server: {
    proxy: { '/api': { target: process.env.REPLICA_URL ?? 'http://127.0.0.1:4943', changeOrigin: true } },
  },
});
