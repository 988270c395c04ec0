/**
 * Prometheus metrics (issue 18, operations): GET /api/metrics in the text exposition format,
 * parsed here by a Prometheus text-format parser (parse-prometheus-text-format). Request latency
 * by route pattern, method and status class; jobs by kind and outcome; rows imported; runs.
 * Who may scrape: with DUIXIAN_METRICS_TOKEN set (AppOptions.metrics.token), a bearer of it from
 * anywhere; without, only a direct connection from this machine (loopback, no X-Forwarded-For:
 * a request through a proxy on this machine is a stranger's). Against PGlite, and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import parse from 'parse-prometheus-text-format';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import { BACKENDS } from '../../store/test/backends.js';
import { platform, type Platform } from './platform.js';

const HISTOGRAM = 'duixian_http_request_duration_seconds';

/**
 * The labelled series of each family. The parser folds a histogram's series into one, losing their
 * labels (its flattenMetrics keeps only `le`): the histograms' TYPE and HELP lines are left out
 * for this reading, so that their _bucket, _sum and _count series come back as plain labelled samples.
 */
function series(text: string): Map<string, { labels: Record<string, string>; value: number }[]> {
  const histograms = parse(text).filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  const plain = text.split('\n').filter((l) => !histograms.some((h) => l.startsWith(`# TYPE ${h} `) || l.startsWith(`# HELP ${h} `))).join('\n');
  // untyped, each run of lines of one name is a family of its own: _count comes back once per label set
  const all = new Map<string, { labels: Record<string, string>; value: number }[]>();
  for (const f of parse(plain)) all.set(f.name, [...(all.get(f.name) ?? []), ...f.metrics.map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) }))]);
  return all;
}

const sum = (s: ReturnType<typeof series>, name: string, labels: Record<string, string>) =>
  (s.get(name) ?? []).filter((m) => Object.entries(labels).every(([k, v]) => m.labels[k] === v)).reduce((a, m) => a + m.value, 0);

describe.each(BACKENDS)('GET /api/metrics ($name)', (backend) => {
  let p: Platform;
  let guarded: FastifyInstance;
  beforeAll(async () => {
    p = await platform(backend);
    guarded = await buildApp({ store: p.store, metrics: { token: 'scrape-me-7f3a' } });
  }, 120_000);
  afterAll(async () => {
    await guarded?.close();
    await p?.dispose();
  });

  const scrape = async () => {
    const r = await p.app.inject({ method: 'GET', url: '/api/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return r.body;
  };

  it('a request made before is in the latency histogram under its route pattern, method and status class', async () => {
    expect((await p.as('sd-admin').req('GET', '/api/subjects/E1/match?year=2023')).statusCode).toBe(200);
    expect((await p.anonymous.req('GET', '/api/runs')).statusCode).toBe(401);
    const text = await scrape();
    const families = parse(text);
    expect(families.find((f) => f.name === HISTOGRAM)?.type).toBe('HISTOGRAM');
    expect(families.find((f) => f.name === 'process_cpu_user_seconds_total')?.type).toBe('COUNTER'); // the process defaults
    const s = series(text);
    const match = s.get(`${HISTOGRAM}_count`)!.filter((m) => /\/subjects\/:id\/match$/.test(m.labels.route!));
    expect(match.map((m) => [m.labels.method, m.labels.status_class, m.value])).toEqual([['GET', '2xx', 1]]);
    expect(match[0]!.labels.route).not.toContain('E1'); // the pattern, never the address asked for
    expect(sum(s, `${HISTOGRAM}_count`, { method: 'GET', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    // the +Inf bucket holds every request counted
    expect(sum(s, `${HISTOGRAM}_bucket`, { route: match[0]!.labels.route!, le: '+Inf' })).toBe(1);
  });

  it('an import adds its rows (subjects, facts) and a job of its kind; a run is timed', async () => {
    const before = series(await scrape());
    const dataset = {
      format: 'duixian/v1',
      subjects: [
        { id: 'M1', kind: 'enterprise', name: '指标测试一电商有限公司', region: '370811' },
        { id: 'M2', kind: 'enterprise', name: '指标测试二电商有限公司', region: '370811' },
      ],
      facts: [
        { subject: 'M1', year: 2023, key: 'physicalGoodsOnlineRetail', value: '1亿元', source: '统计局' },
        { subject: 'M2', year: 2023, key: 'physicalGoodsOnlineRetail', value: '2亿元', source: '统计局' },
        { subject: 'M2', year: 2023, key: 'onlineRetail', value: '3亿元', source: '统计局' },
      ],
    };
    const imported = await p.as('sd-admin').req('POST', '/api/imports?reason=metrics', dataset);
    expect(imported.statusCode).toBe(200);
    expect([imported.json().subjects.added, imported.json().facts.added]).toEqual([2, 3]);
    expect((await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 })).statusCode).toBe(201);
    const after = series(await scrape());
    const delta = (name: string, labels: Record<string, string>) => sum(after, name, labels) - sum(before, name, labels);
    expect(delta('duixian_import_rows_total', { table: 'subjects' })).toBe(2);
    expect(delta('duixian_import_rows_total', { table: 'facts' })).toBe(3);
    expect(delta('duixian_job_duration_seconds_count', { kind: 'import', outcome: 'done' })).toBe(1);
    expect(delta('duixian_job_duration_seconds_count', { kind: 'run', outcome: 'done' })).toBe(1);
    expect(delta('duixian_run_duration_seconds_count', {})).toBe(1);
  });

  it('a refused import is a failed job and adds no rows', async () => {
    const before = series(await scrape());
    const refused = await p.as('sd-admin').req('POST', '/api/imports?reason=metrics', { format: 'duixian/v1', subjects: [{ id: 'X', kind: 'enterprise' }], facts: [] });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    const after = series(await scrape());
    expect(sum(after, 'duixian_job_duration_seconds_count', { kind: 'import', outcome: 'failed' }) - sum(before, 'duixian_job_duration_seconds_count', { kind: 'import', outcome: 'failed' })).toBe(1);
    expect(sum(after, 'duixian_import_rows_total', {})).toBe(sum(before, 'duixian_import_rows_total', {}));
  });

  it('without a token: this machine directly, not another address, not through a proxy', async () => {
    expect((await p.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    const far = await p.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '203.0.113.5' });
    expect(far.statusCode).toBe(403);
    expect(far.json().error.code).toBe('forbidden');
    expect((await p.app.inject({ method: 'GET', url: '/api/metrics', headers: { 'x-forwarded-for': '203.0.113.5' } })).statusCode).toBe(403);
  });

  it('with a token: its bearer from anywhere; nobody else, not even this machine', async () => {
    const ask = (headers: Record<string, string>, remoteAddress = '203.0.113.5') => guarded.inject({ method: 'GET', url: '/api/metrics', headers, remoteAddress });
    const ok = await ask({ authorization: 'Bearer scrape-me-7f3a' });
    expect(ok.statusCode).toBe(200);
    expect(parse(ok.body).some((f) => f.name === HISTOGRAM)).toBe(true);
    expect((await ask({})).statusCode).toBe(401);
    expect((await ask({ authorization: 'Bearer scrape-me-7f3b' })).statusCode).toBe(401);
    expect((await ask({}, '127.0.0.1')).statusCode).toBe(401);
  });
});
