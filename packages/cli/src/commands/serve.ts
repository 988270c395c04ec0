/**
 * duixian serve (npm start): the HTTP API on PORT (default 3000) over the database (DATABASE_URL,
 * else the embedded one in DUIXIAN_DATA_DIR), until the process is stopped. On the very first
 * start it creates the administrator `admin` and prints its one-time password, once.
 * DUIXIAN_CALENDAR names a JSON file of holidays and 调休 workdays added to the State Council's
 * calendar of every year the chinese-days package knows (a later year's notice, a local holiday):
 * the 公示 and review periods count them. DUIXIAN_NOTICE_MIN_DAYS is the shortest 公示 (default 5).
 * DUIXIAN_PUBLIC_RATE=PER_SECOND[/BURST] is what one address may ask of the public endpoints
 * (default 20/40): a load test sending from one address raises it. DUIXIAN_METRICS_TOKEN is the bearer
 * token a Prometheus scraper sends for GET /api/metrics; unset, only this machine may scrape (metrics.ts).
 * DUIXIAN_JOB_LEASE_S (over PostgreSQL, default 60) is how long a server process may go unheard
 * before the jobs it runs read as failed on the others (jobs-pg.ts).
 * On SIGTERM (or SIGINT) it stops as a fleet member should: no new connections, requests under way
 * may end (up to DRAIN_MS), jobs still running end as failed saying the server stopped (jobs.ts),
 * the database is closed, and the process exits 0; work abandoned with it is rolled back with its
 * connection.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';
import { openDatabase } from '../database.js';

export async function serveCommand(_a: Args, io: Streams): Promise<number> {
  // loaded only for this command: the server costs the other commands nothing
  const { buildApp, publicLimitsOf } = await import('@duixian/server');
  const { ensureFirstAdmin } = await import('@duixian/store');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const calendar = await calendarFromEnv(io);
  if (calendar === null) return EXIT.badInput;
  const minDays = noticeMinDaysOf(process.env.DUIXIAN_NOTICE_MIN_DAYS);
  if (!minDays.ok) {
    io.stderr.write(`DUIXIAN_NOTICE_MIN_DAYS: ${minDays.problem}\n`);
    return EXIT.badInput;
  }
  const settings = { ...(calendar ? { calendar } : {}), ...(minDays.days ? { noticeMinDays: minDays.days } : {}) };
  const rate = publicLimitsOf(process.env.DUIXIAN_PUBLIC_RATE);
  if (!rate.ok) {
    io.stderr.write(`DUIXIAN_PUBLIC_RATE: ${rate.problem}\n`);
    return EXIT.badInput;
  }
  const lease = jobLeaseOf(process.env.DUIXIAN_JOB_LEASE_S);
  if (!lease.ok) {
    io.stderr.write(`DUIXIAN_JOB_LEASE_S: ${lease.problem}\n`);
    return EXIT.badInput;
  }
  const store = await openDatabase(io);
  if (!store) return EXIT.failed;
  const first = await ensureFirstAdmin(store);
  if (first) {
    io.stdout.write(`首次启动：已创建省级管理员 ${first.username}，一次性密码 one-time password: ${first.password}\n`
      + '请立即登录并修改密码；此密码不会再次显示。Sign in and change it now; it is not shown again.\n');
  }
  const webRoot = fileURLToPath(new URL('../../../web/dist', import.meta.url)); // the pages, built by npm run build
  const app = await buildApp({ store, webRoot, logger: process.env.DUIXIAN_LOG !== '0', trustProxy: process.env.DUIXIAN_TRUST_PROXY === '1', process: settings,
    metrics: { token: process.env.DUIXIAN_METRICS_TOKEN || undefined }, ...(rate.limits ? { publicLimits: rate.limits } : {}), jobLeaseMs: lease.ms });
  try {
    await app.listen({ port, host });
  } catch (e) {
    await store.close();
    io.stderr.write(`cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}; set PORT to a free port\n`);
    return EXIT.failed;
  }
  io.stderr.write(`duixian API on http://${host}:${port}/api (docs: /api/docs; database: ${store.backend}); pages at http://${host}:${port}/\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void shutDown(app, store, io).finally(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // a job's worker or connection abandoned at the shutdown must not keep the process alive
  setTimeout(() => process.exit(), 1000).unref();
  return EXIT.ok;
}

/** How long requests under way may take to end once the server is told to stop. */
const DRAIN_MS = 30_000;
/** How long the database may take to close (work abandoned may hold a connection). */
const CLOSE_MS = 5_000;

type App = Awaited<ReturnType<typeof import('@duixian/server').buildApp>>;
type OpenStore = NonNullable<Awaited<ReturnType<typeof openDatabase>>>;

async function shutDown(app: App, store: OpenStore, io: Streams): Promise<void> {
  io.stderr.write(`stopping: requests under way may end (up to ${DRAIN_MS / 1000} s); jobs still running end as failed\n`);
  // close() stops accepting, waits for requests under way, then fails the jobs still running (the app's onClose)
  const closed = app.close();
  if (!await Promise.race([closed.then(() => true), delay(DRAIN_MS, false, { ref: false })])) {
    io.stderr.write(`requests still running after ${DRAIN_MS / 1000} s are cut short\n`);
    app.server.closeAllConnections();
  }
  await closed.catch((e: unknown) => io.stderr.write(`closing the server: ${e instanceof Error ? e.message : String(e)}\n`));
  await Promise.race([store.close(), delay(CLOSE_MS, undefined, { ref: false })]);
}

/** DUIXIAN_JOB_LEASE_S: whole seconds from 1 to 3600; unset, the server's default. */
export function jobLeaseOf(raw: string | undefined): { ok: true; ms?: number } | { ok: false; problem: string } {
  if (raw === undefined || raw === '') return { ok: true };
  const s = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (s >= 1 && s <= 3600) return { ok: true, ms: s * 1000 };
  return { ok: false, problem: `${JSON.stringify(raw)} is not a lease: give whole seconds from 1 to 3600, e.g. 60` };
}

/**
 * DUIXIAN_NOTICE_MIN_DAYS: the shortest 公示 in working days. Unset, the server's default; the
 * longest a notice may run (30) bounds it, so that some period can still be chosen.
 */
export function noticeMinDaysOf(raw: string | undefined): { ok: true; days?: number } | { ok: false; problem: string } {
  if (raw === undefined || raw === '') return { ok: true, days: undefined };
  const days = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (days >= 1 && days <= 30) return { ok: true, days };
  return { ok: false, problem: `${JSON.stringify(raw)} is not a period: give a whole number of working days from 1 to 30, e.g. 5` };
}

/** The official calendar with the additions of DUIXIAN_CALENDAR; undefined when none is set, null (reported) when it is bad. */
async function calendarFromEnv(io: Streams) {
  const file = process.env.DUIXIAN_CALENDAR;
  if (!file) return undefined;
  const { CHINA_OFFICIAL, withAdditions } = await import('@duixian/workflow');
  let extra: unknown;
  try {
    extra = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    io.stderr.write(`DUIXIAN_CALENDAR ${file}: ${e instanceof Error ? e.message : String(e)}; give a JSON file { "years": [...], "holidays": [...], "workdays": [...] }\n`);
    return null;
  }
  const r = withAdditions(CHINA_OFFICIAL, extra);
  if (!r.ok) {
    for (const p of r.problems) io.stderr.write(`DUIXIAN_CALENDAR ${file}: ${p}\n`);
    return null;
  }
  return r.calendar;
}
