// The local network's throughput and latency as @icp-sdk/core 6.1.0 clients see them, run by
// replica-server's NetworkBench (mvn -q -B -DskipTests -Pnetwork-bench verify). For each number of
// concurrent clients in CLIENTS, every client (its own HttpAgent, anonymous, every check on:
// query signatures, certificates) makes UPDATES registerBegin update calls, then QUERIES whoAmI
// queries, one after another; the clients run at once. Prints one JSON line per level with each
// call's latency in milliseconds and every nonce registerBegin returned, for NetworkBench to check
// that each update took effect exactly once.
import { HttpAgent, Actor } from '@icp-sdk/core/agent';

const host = process.env.REPLICA_URL;
const rootKey = Uint8Array.from(Buffer.from(process.env.REPLICA_ROOT_KEY, 'hex'));
const canisterId = process.env.WHOAMI;
const levels = process.env.CLIENTS.split(',').map(Number);
const updates = Number(process.env.UPDATES);
const queries = Number(process.env.QUERIES);

const idl = ({ IDL }) => IDL.Service({
  whoAmI: IDL.Func([], [IDL.Text], ['query']),
  registerBegin: IDL.Func([], [IDL.Vec(IDL.Nat8)], []),
});

async function client() {
  const agent = await HttpAgent.create({ host, rootKey, verifyQuerySignatures: true });
  return Actor.createActor(idl, { agent, canisterId });
}

async function timed(n, call, out) {
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = await call();
    out.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r !== undefined) out.results.push(r);
  }
}

for (const c of levels) {
  const actors = await Promise.all(Array.from({ length: c }, client));
  const up = { latencies: [], results: [] };
  let t0 = process.hrtime.bigint();
  await Promise.all(actors.map((a) => timed(updates, async () => Buffer.from(await a.registerBegin()).toString('hex'), up)));
  const updateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const q = { latencies: [], results: [] };
  t0 = process.hrtime.bigint();
  await Promise.all(actors.map((a) => timed(queries, async () => { await a.whoAmI(); }, q)));
  const querySeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({
    clients: c, updateSeconds, querySeconds,
    updateLatencies: up.latencies, queryLatencies: q.latencies, nonces: up.results,
  }));
}
