/**
 * The API as a typed contract (issue 18, point 2), against a real database (PGlite; PostgreSQL when
 * DATABASE_URL is set). The OpenAPI document the server serves is valid (swagger-parser, a
 * maintained validator) and every operation declares its successful answer; the TypeScript types
 * made from it by openapi-typescript are the checked-in packages/api/generated/openapi.d.ts (npm run
 * api:types); and a scenario runs through a client built on those types (openapi-fetch) against the
 * server listening on a port: sign in, import, run the year, list the run's awards, match an
 * enterprise, an enterprise applies, an official approves — every answer validated (ajv) against
 * the schema the document declares for that operation and status.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import createClient, { type Client } from 'openapi-fetch';
import type { FastifyInstance } from 'fastify';
import { buildApp, CSRF_HEADER } from '@duixian/server';
import { createAccount, type Store } from '@duixian/store';
import { usccCheckChar } from '@duixian/engine';
import { example } from '../../interchange/test/fixtures.js';
import { BACKENDS } from '../../store/test/backends.js';
import type { paths } from '../../api/generated/openapi.js';
import { openApiTypes, TYPES_FILE } from '../../../scripts/api-types.mjs';
import { PASSWORD } from './platform.js';


interface Operation {
  readonly responses?: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: object;
}

/** Every operation of the document as `METHOD /path`. */
const operations = (doc: Document): [string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));

/** Whether a 2xx answer is declared: a body with its schema, or a 204 that says so. */
const declaresSuccess = (op: Operation): boolean => Object.entries(op.responses ?? {}).some(([status, r]) =>
  /^2\d\d$/.test(status) && (Object.values(r.content ?? {}).some((c) => c.schema) || (status === '204' && r.description !== 'Default Response')));

const TODAY = '2023-09-04';
/** A clause needing an application, and an enterprise that meets it by its tags alone (as process.test.ts). */
const RULE = 'sd-2022-42/11.sorting-centre';
const SC_USCC = '91370811MA3C0KKKK' + usccCheckChar('91370811MA3C0KKKK');
const SORTING_CENTRE = { id: 'SC1', kind: 'sortingCentre', name: '示例快递任城一级分拨中心', region: '370811', uscc: SC_USCC, tags: ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'] };

/** The example the API tests import, with the sorting centre. */
function dataset() {
  const d = example();
  d.subjects.push(SORTING_CENTRE);
  return d;
}

describe.each(BACKENDS)('the API contract on $name', (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let doc: Document;
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv); // CommonJS: its function is the default export's default
  const compiled = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    ({ store, dispose } = await backend.fresh());
    for (const a of [
      { username: 'sd-admin', role: 'province-admin', region: '370000' },
      { username: 'rencheng-admin', role: 'county-admin', region: '370811' },
      { username: 'sc-user', role: 'enterprise', uscc: SC_USCC },
    ] as const) await createAccount(store, { ...a, password: PASSWORD }, 'test', false);
    app = await buildApp({ store, process: { today: () => TODAY } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const r = await fetch(`${base}/api/openapi.json`);
    expect(r.status).toBe(200);
    doc = await r.json() as Document;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  /**
   * `body` as the answer of `op` (`POST /api/v1/runs`) with `status`, after checking it against the
   * schema the document declares for them: fails naming the operation when none is declared, and
   * listing each place the body differs from it.
   */
  function validated<T>(op: string, status: number, body: T): T {
    const key = `${op} ${status}`;
    if (!compiled.has(key)) {
      const [method, path] = op.split(' ') as [string, string];
      const schema = doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${op} declares no schema for its ${status} answer in /api/openapi.json`);
      // the document's components beside the schema, for its $refs to #/components/…
      compiled.set(key, ajv.compile({ ...schema, components: doc.components }));
    }
    const check = compiled.get(key)!;
    if (!check(body)) throw new Error(`${op} answered ${status} outside its declared schema: ${ajv.errorsText(check.errors, { separator: '\n' })}`);
    return body;
  }

  /** The answer of a call through the client, validated as `op`'s for its status, which must be `expected`. */
  async function answered<T>(op: string, expected: number, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { data, error, response } = await call;
    validated(op, response.status, data ?? error);
    expect(response.status, `${op}: ${JSON.stringify(error)}`).toBe(expected);
    return data!;
  }

  /** A client of the generated types, signed in as `username` through POST /api/v1/session. */
  async function signedIn(username: string): Promise<Client<paths>> {
    const anonymous = createClient<paths>({ baseUrl: base });
    const { data, response } = await anonymous.POST('/api/v1/session', { body: { username, password: PASSWORD } });
    const session = validated('POST /api/v1/session', response.status, data);
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const client = createClient<paths>({ baseUrl: base });
    client.use({
      onRequest({ request }) {
        request.headers.set('cookie', cookie);
        if (request.method !== 'GET') request.headers.set(CSRF_HEADER, session!.csrf);
        return request;
      },
    });
    return client;
  }

  it('the document is valid OpenAPI 3.0 (swagger-parser)', async () => {
    const checked = await SwaggerParser.validate(structuredClone(doc) as never);
    expect(Object.keys(checked.paths ?? {}).length).toBe(Object.keys(doc.paths).length);
  });

  it('every operation declares the schema of its successful answer', () => {
    const missing = operations(doc).filter(([, op]) => !declaresSuccess(op)).map(([name]) => name);
    expect(missing, `operations without a declared 2xx schema:\n${missing.join('\n')}`).toEqual([]);
    expect(operations(doc).length).toBeGreaterThan(80); // the whole route table, not a part of it
  });

  it('packages/api/generated/openapi.d.ts is the document\'s types as openapi-typescript makes them (else: npm run api:types)', async () => {
    const made = (await openApiTypes(doc)).split('\n');
    const held = readFileSync(TYPES_FILE, 'utf8').split('\n');
    const at = made.findIndex((line, k) => line !== held[k]);
    const differs = at >= 0 ? at : made.length !== held.length ? made.length : -1;
    expect(differs, `openapi.d.ts is out of date (npm run api:types): line ${differs + 1} is\n${held[differs]}\nand should be\n${made[differs]}`).toBe(-1);
  }, 60_000);

  it('a scenario through the generated client, every answer as declared: sign in, import, run, awards, match, apply, approve', async () => {
    const admin = await signedIn('sd-admin');
    // import the example (a dataset as JSON: the document declares no body for an import, which takes files of several formats)
    const imported = await answered('POST /api/v1/imports', 200, admin.POST('/api/v1/imports', { params: { query: { reason: 'contract test' } }, body: dataset() as never }));
    expect(imported).toMatchObject({ subjects: { added: 6 } });

    const run = await answered('POST /api/v1/runs', 201, admin.POST('/api/v1/runs', { body: { year: 2023 } }));
    if (!('year' in run)) throw new Error('a run was answered as a job without Prefer: respond-async');
    expect([run.year, run.official]).toEqual([2023, true]);

    const awards = await answered('GET /api/v1/runs/{id}/awards', 200, admin.GET('/api/v1/runs/{id}/awards', { params: { path: { id: run.id }, query: { section: 'award', pageSize: 100 } } }));
    expect(awards.total).toBeGreaterThan(0);
    expect(awards.items.length).toBe(Math.min(awards.total, 100));

    // the public calculator: anyone, a profile posted
    const anyone = createClient<paths>({ baseUrl: base });
    const subject = example().subjects.find((s: { id: string }) => s.id === 'E1');
    const profile = { format: 'duixian/v1', year: 2023, subjects: [subject], facts: example().facts.filter((f: { subject: string }) => f.subject === 'E1') };
    const matches = await answered('POST /api/v1/match', 200, anyone.POST('/api/v1/match', { body: { subject: 'E1', dataset: profile } }));
    expect(matches.matches.some((m) => m.status === 'eligible')).toBe(true);

    // the province opens the window and sets the budget; the sorting centre's account applies and submits; 任城's administrator approves
    await answered('POST /api/v1/windows', 200, admin.POST('/api/v1/windows', { body: { rule: RULE, year: 2023, opens: TODAY, closes: '2023-09-15' } }));
    await answered('POST /api/v1/budgets', 200, admin.POST('/api/v1/budgets', { body: { document: 'sd-2022-42', funder: '370000', year: 2023, total: '500万元' } }));
    const enterprise = await signedIn('sc-user');
    const draft = await answered('POST /api/v1/applications', 201, enterprise.POST('/api/v1/applications', { body: { subject: 'SC1', rule: RULE, year: 2023 } }));
    expect(draft.state).toBe('draft');
    const act = (client: Client<paths>, action: 'submit' | 'approve', version: number) =>
      answered('POST /api/v1/applications/{id}/actions', 200, client.POST('/api/v1/applications/{id}/actions', { params: { path: { id: draft.id } }, body: { action, version } }));
    const sent = await act(enterprise, 'submit', draft.version);
    expect(sent.state).toBe('county-review');
    const approved = await act(await signedIn('rencheng-admin'), 'approve', sent.version);
    expect(approved.state).toBe('city-review');
    // as the database holds it
    const row = await store.db.selectFrom('applications').select(['state']).where('id', '=', draft.id as never).executeTakeFirstOrThrow();
    expect(row.state).toBe('city-review');
  });

  it('an error answers as declared too: a refused sign-in is the error body of its 401', async () => {
    const { error, response } = await createClient<paths>({ baseUrl: base }).POST('/api/v1/session', { body: { username: 'sd-admin', password: 'wrong password' } });
    expect(validated('POST /api/v1/session', response.status, error)).toMatchObject({ error: { code: 'bad-credentials' } });
  });
});
