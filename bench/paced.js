// Latency at a given load, the way wrk2 measures it: `connections` keep-alive connections, each
// sending on a fixed schedule so that together they offer `rate` requests a second as an even
// stream (connection c starts c/rate seconds after the first). A request's latency runs from when
// the schedule says it should have been sent, not from when it was: an answer that comes late
// also delays the connection's next request, and that wait is counted (no coordinated omission).
// autocannon cannot pace this way — its paced mode has every connection send its whole quota at
// the start of each second (a burst, not a load) — so the bench uses it for saturation only.
//
// The client is a few lines over raw sockets, as autocannon's is: Node's http client costs a
// request ~10× more, and on this machine the client shares the server's two cores.
import net from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive HTTP/1.1 connection that sends a request and resolves with the status when the whole answer is in. */
function connection(host, port) {
  const socket = net.connect({ host, port, noDelay: true });
  let pending; // { resolve, reject }
  let buf = Buffer.alloc(0);
  let need = -1; // bytes of the answer still to come after its head; -1 while the head is incomplete
  let status = 0;
  socket.on('data', (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    if (need < 0) {
      const end = buf.indexOf(HEAD_END);
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) return pending?.reject(new Error(`paced: an answer without content-length (${head.split('\r\n')[0]})`));
      need = Number(length[1]);
      buf = buf.subarray(end + 4);
    }
    if (buf.length < need) return;
    buf = buf.subarray(need);
    need = -1;
    const p = pending;
    pending = undefined;
    p?.resolve(status);
  });
  socket.on('error', (e) => pending?.reject(e));
  socket.on('close', () => pending?.reject(new Error('paced: the server closed the connection')));
  return {
    send(bytes) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(bytes);
      });
    },
    close: () => socket.destroy(),
  };
}

/** The bytes of one request. */
function requestBytes(host, port, { path = '/', method = 'GET', headers = {}, body = '' }) {
  const b = Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}:${port}`, 'connection: keep-alive', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (b.length || method !== 'GET') lines.push(`content-length: ${b.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), b]);
}

/**
 * @param {{ url: string, urls?: string[], connections: number, rate: number, seconds: number,
 *   request?: (n: number) => { path?: string, method?: string, headers?: object, body?: string } }} o
 *   `urls` (bench/fleet.js): several servers, connection c to urls[c % urls.length] — round robin
 *   by connection, as a proxy keeping each client's keep-alive connection to one server would
 * @returns {Promise<{ requests: number, rps: number, p50: number, p90: number, p95: number, p99: number, max: number, errors: number }>} latencies in ms
 */
export async function paced({ url, urls = [url], connections, rate, seconds, request = () => ({}) }) {
  const interval = (connections / rate) * 1000; // ms between one connection's requests
  const latencies = new Float64Array(Math.ceil(rate * seconds) + connections);
  let done = 0;
  let errors = 0;
  let n = 0;
  const t0 = performance.now() + 100;
  const end = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async (_, c) => {
    const { hostname, port, pathname } = new URL(urls[c % urls.length]);
    const conn = connection(hostname, port);
    try {
      for (let intended = t0 + (c * 1000) / rate; intended < end; intended += interval) {
        const wait = intended - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const status = await conn.send(requestBytes(hostname, port, { path: pathname, ...request(n++) }));
        if (status < 200 || status > 299) errors++;
        latencies[done++] = performance.now() - intended;
      }
    } finally {
      conn.close();
    }
  }));
  const sorted = latencies.subarray(0, done).sort();
  const q = (p) => Math.round(sorted[Math.min(done - 1, Math.floor(p * done))] * 10) / 10;
  return { requests: done, rps: Math.round(done / seconds), p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: q(1), errors };
}
