/**
 * The API's version in its address (issue 18): every operation answers at /api/v1/...; the
 * unversioned /api/... answers the same for one release, saying it is deprecated and where its
 * successor is (Deprecation, Link rel="successor-version") — except the addresses probes and
 * scrapers are configured with (health, ready, metrics) and the document itself, which stay. The
 * OpenAPI document names the /api/v1 addresses only; a job's Location is the v1 address; the
 * pages' fallback and the public limit hold for both forms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import { BACKENDS } from '../../store/test/backends.js';
import { platform, sender, type Platform } from './platform.js';

const SUCCESSOR = (path: string) => `<${path}>; rel="successor-version"`;

describe.each(BACKENDS)('the versioned API on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('an operation answers at /api/v1 and at /api the same; only the alias says it is deprecated and names its successor', async () => {
    const admin = p.as('sd-admin');
    const v1 = await admin.req('GET', '/api/v1/runs?pageSize=5');
    const alias = await admin.req('GET', '/api/runs?pageSize=5');
    expect([v1.statusCode, alias.statusCode]).toEqual([200, 200]);
    expect(alias.json()).toEqual(v1.json());
    expect([v1.headers.deprecation, v1.headers.link]).toEqual([undefined, undefined]);
    expect([alias.headers.deprecation, alias.headers.link]).toEqual(['true', SUCCESSOR('/api/v1/runs')]);
    // a write as well, and an error: the alias's answer says so too
    const ran = await admin.req('POST', '/api/v1/runs', { year: 2023 });
    expect([ran.statusCode, ran.headers.deprecation]).toEqual([201, undefined]);
    expect((await admin.req('GET', `/api/v1/runs/${ran.json().id}`)).json().id).toBe(ran.json().id);
    const refused = await p.anonymous.req('GET', '/api/runs');
    expect([refused.statusCode, refused.headers.deprecation, refused.headers.link]).toEqual([401, 'true', SUCCESSOR('/api/v1/runs')]);
  });

  it('an address that is no operation is a 404 naming it as asked, in either form', async () => {
    const v1 = await p.as('sd-admin').req('GET', '/api/v1/no-such-thing');
    const alias = await p.as('sd-admin').req('GET', '/api/no-such-thing');
    expect([v1.statusCode, v1.json().error.code, v1.json().error.message.en]).toEqual([404, 'not-found', 'No such endpoint: GET /api/v1/no-such-thing']);
    expect([alias.statusCode, alias.json().error.message.en]).toEqual([404, 'No such endpoint: GET /api/no-such-thing']);
  });

  it('the probes, the scrape and the document keep their unversioned addresses without a deprecation', async () => {
    for (const path of ['/api/health', '/api/openapi.json']) {
      const r = await p.anonymous.req('GET', path);
      expect([path, r.statusCode, r.headers.deprecation]).toEqual([path, 200, undefined]);
    }
    expect((await p.anonymous.req('GET', '/api/v1/health')).json()).toEqual((await p.anonymous.req('GET', '/api/health')).json());
  });

  it('the OpenAPI document lists the /api/v1 addresses only, every operation of the route table among them', async () => {
    const doc = (await p.anonymous.req('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>>; info: { description: string } };
    const paths = Object.keys(doc.paths);
    expect(paths.filter((x) => !x.startsWith('/api/v1/'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/runs', '/api/v1/runs/{id}/awards', '/api/v1/jobs/{id}', '/api/v1/match', '/api/v1/health']));
    expect(doc.info.description).toContain('POST /api/v1/session');
    expect((await p.anonymous.req('GET', '/api/v1/openapi.json')).json()).toEqual(doc);
  });

  it('a job started at either address names its v1 Location, and following it ends in the response', async () => {
    const admin = p.as('sd-admin');
    for (const path of ['/api/v1/runs', '/api/runs']) {
      const started = await admin.req('POST', path, { year: 2023 }, { prefer: 'respond-async' });
      expect([path, started.statusCode, started.headers.location]).toEqual([path, 202, `/api/v1/jobs/${started.json().id}`]);
      let job = started.json();
      for (let k = 0; k < 400 && job.state === 'running'; k++) {
        await new Promise((r) => setTimeout(r, 25));
        const followed = await admin.req('GET', String(started.headers.location));
        expect([followed.statusCode, followed.headers.deprecation]).toEqual([200, undefined]);
        job = followed.json();
      }
      expect(job).toMatchObject({ state: 'done', status: 201, result: { year: 2023, official: true } });
    }
  });

  describe('with the pages and a tight public limit', () => {
    let root: string;
    let app: FastifyInstance;
    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'duixian-versioning-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>兑现</title><div id="root"></div>');
      app = await buildApp({ store: p.store, webRoot: root, publicLimits: { perSecond: 1, burst: 3, now: () => 0 } });
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      rmSync(root, { recursive: true, force: true });
    });

    it('a page address is answered by index.html; an API address in either form that is no operation is a JSON 404', async () => {
      const send = sender(app, '', '');
      const page = await send('GET', '/review/runs');
      expect([page.statusCode, page.body]).toEqual([200, expect.stringContaining('<div id="root">')]);
      for (const path of ['/api/v1/nothing-here', '/api/nothing-here', '/api/v1']) {
        const r = await send('GET', path);
        expect([path, r.statusCode, r.json().error.code]).toEqual([path, 404, 'not-found']);
      }
    });

    it('the public limit counts requests to both forms in one bucket', async () => {
      const send = sender(app, '', '');
      const answers = [];
      for (const path of ['/api/v1/documents', '/api/documents', '/api/v1/vocabulary', '/api/documents']) answers.push((await send('GET', path)).statusCode);
      expect(answers).toEqual([200, 200, 200, 429]);
    });
  });
});
