/**
 * Prometheus metrics at GET /api/metrics (issue 18), in the text exposition format (prom-client):
 * each request's latency by route pattern (never the address asked for: one series per route,
 * not per enterprise), method and status class; each job's duration by kind and outcome (sync or
 * `Prefer: respond-async` alike); runs' durations; the rows imports wrote; and the process's own
 * (CPU, memory, event loop lag, GC). One registry per app: tests build many apps in one process.
 *
 * Who may scrape: with a token (DUIXIAN_METRICS_TOKEN), whoever sends it as a bearer, from anywhere;
 * without, only a connection from this machine itself that no proxy forwarded (no X-Forwarded-For
 * or Forwarded header): behind nginx on the same machine every request comes from loopback, and
 * the client's address in X-Forwarded-For can be forged, so a forwarded request is not trusted.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { errorResponses } from '@duixian/api';
import { ApiError } from './errors.js';
import type { Jobs } from './jobs.js';

export interface MetricsOptions {
  /** the bearer token a scraper must send; unset, only this machine may scrape */
  readonly token?: string;
}

const SECONDS_OF_REQUESTS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SECONDS_OF_JOBS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'duixian_http_request_duration_seconds', help: 'Time to answer a request, by route pattern, method and status class',
    labelNames: ['route', 'method', 'status_class'] as const, buckets: SECONDS_OF_REQUESTS, registers: [this.registry],
  });
  private readonly jobs = new Histogram({
    name: 'duixian_job_duration_seconds', help: 'Time a job (import, run, rerun, corpus-draft…) took, by kind and outcome (done, failed)',
    labelNames: ['kind', 'outcome'] as const, buckets: SECONDS_OF_JOBS, registers: [this.registry],
  });
  private readonly runs = new Histogram({
    name: 'duixian_run_duration_seconds', help: 'Time a run or rerun took to decide and store its awards, by kind',
    labelNames: ['kind'] as const, buckets: SECONDS_OF_JOBS, registers: [this.registry],
  });
  private readonly rows = new Counter({
    name: 'duixian_import_rows_total', help: 'Rows imports wrote (added or changed), by table (subjects, facts)',
    labelNames: ['table'] as const, registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Every request's latency, observed when its answer is sent. */
  observeRequests(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      this.requests.observe({ route, method: req.method, status_class: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
    });
  }

  /**
   * Every job's duration, and what an import wrote: each route's work goes through `jobs.respond`,
   * which is wrapped here rather than taught about metrics.
   */
  observeJobs(jobs: Jobs): void {
    const respond = jobs.respond.bind(jobs);
    jobs.respond = (req, reply, kind, status, work) => respond(req, reply, kind, status, (report) => this.timed(kind, () => work(report)));
  }

  private async timed(kind: string, work: () => Promise<unknown>): Promise<unknown> {
    const end = this.jobs.startTimer({ kind });
    try {
      const result = await work();
      const seconds = end({ outcome: 'done' });
      if (kind === 'run' || kind === 'rerun') this.runs.observe({ kind }, seconds);
      if (kind === 'import') this.countRows(result);
      return result;
    } catch (e) {
      end({ outcome: 'failed' });
      throw e;
    }
  }

  /** An import's counts (store's ImportResult); a dry run's answer has none and writes nothing. */
  private countRows(result: unknown): void {
    const r = result as { importId?: unknown; subjects?: { added: number; changed: number }; facts?: { added: number; revised: number } };
    if (r?.importId === undefined || !r.subjects || !r.facts) return;
    this.rows.inc({ table: 'subjects' }, r.subjects.added + r.subjects.changed);
    this.rows.inc({ table: 'facts' }, r.facts.added + r.facts.revised);
  }
}

/** GET /api/metrics, for a scraper allowed by `opts`. */
export function metricsRoute(metrics: Metrics, opts: MetricsOptions = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/metrics', {
      schema: {
        tags: ['系统'], summary: '运行指标 Prometheus metrics (text exposition format): a bearer of DUIXIAN_METRICS_TOKEN, or this machine when none is set',
        response: { 200: { type: 'string', description: 'Prometheus text format 0.0.4' }, ...errorResponses(401, 403) },
      },
    }, async (req, reply) => {
      mayScrape(req, opts.token);
      void reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function mayScrape(req: FastifyRequest, token: string | undefined): void {
  if (token) {
    const sent = Buffer.from(String(req.headers.authorization ?? ''));
    const wanted = Buffer.from(`Bearer ${token}`);
    if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) {
      throw new ApiError(401, 'unauthorized', '需要指标令牌（Authorization: Bearer …）', 'Send the metrics token as Authorization: Bearer …');
    }
    return;
  }
  const direct = !req.headers['x-forwarded-for'] && !req.headers.forwarded;
  if (!direct || !LOOPBACK.test(req.socket.remoteAddress ?? '')) {
    throw new ApiError(403, 'forbidden', '仅本机可读取运行指标；远程读取请设置 DUIXIAN_METRICS_TOKEN', 'Metrics are for this machine only; set DUIXIAN_METRICS_TOKEN to scrape from elsewhere');
  }
}
