// Whose is the long tail? (issue 3, the 政策计算器's p99 at saturation.) A Fastify server whose
// one endpoint works BURN ms per request (as POST /api/match does, ~1.4 ms), loaded for 10 s at 200
// connections twice: by autocannon, then by a plain closed loop of Node's http client (200
// keep-alive sockets, each sending its next request when its answer has come). The server notes
// the longest time from receiving a request to answering it. Prints one JSON line per client.
//   node bench/fairness.js            (BURN=1.4, SECONDS=10, CONNECTIONS=200)
import http from 'node:http';
import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import Fastify from 'fastify';

const BURN = Number(process.env.BURN ?? 1.4);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const PORT = 3999;

if (process.argv[2] === 'server') {
  const app = Fastify();
  let worst = 0;
  app.addHook('onRequest', async (req) => void (req.t0 = performance.now()));
  app.addHook('onResponse', async (req) => void (worst = Math.max(worst, performance.now() - req.t0)));
  app.get('/work', async () => {
    const t = performance.now();
    while (performance.now() - t < BURN); // the work, on the event loop as the engine's is
    return { ok: true };
  });
  app.get('/worst', async () => {
    const w = worst;
    worst = 0;
    return { worst: w };
  });
  await app.listen({ port: PORT, host: '127.0.0.1' });
  process.send('ready');
} else {
  const server = fork(new URL(import.meta.url).pathname, ['server']);
  await new Promise((r) => server.once('message', r));
  const url = `http://127.0.0.1:${PORT}/work`;
  const serverWorst = async () => Math.round((await (await fetch(`http://127.0.0.1:${PORT}/worst`)).json()).worst);

  if (process.env.CLIENT !== 'node') {
    const a = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
    console.log(JSON.stringify({ client: 'autocannon', requests: a.requests.total, rps: Math.round(a.requests.average), p50: a.latency.p50, p99: a.latency.p99, max: a.latency.max, timeouts: a.timeouts, serverWorstMs: await serverWorst() }));
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const end = Date.now() + SECONDS * 1000;
  const one = () => new Promise((resolve, reject) => {
    const t = performance.now();
    http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(latencies.push(performance.now() - t)));
    }).on('error', reject);
  });
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (Date.now() < end) await one();
  }));
  latencies.sort((x, y) => x - y);
  const q = (p) => Math.round(latencies[Math.floor(p * (latencies.length - 1))]);
  console.log(JSON.stringify({ client: 'node http, closed loop', requests: latencies.length, rps: Math.round(latencies.length / SECONDS), p50: q(0.5), p99: q(0.99), max: q(1), timeouts: 0, serverWorstMs: await serverWorst() }));
  agent.destroy();
  server.kill();
}
