/**
 * Bad input is a 4xx, never a 500 (issue "Authority and abuse", point 8), against a real database
 * (PGlite; PostgreSQL when DATABASE_URL is set): each input the issue found — an undecodable
 * session cookie or file name, a NUL character in a search, an id, a name, a reason or a title, a
 * page or a year beyond any the database holds — is a 400 in the API's error shape naming the
 * field, and nothing is written; then a sweep of every route of the OpenAPI document with a NUL in
 * each string field and a 20-digit number in each integer field.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Store } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { datedPlatform, type Username } from './platform.js';

const NUL = 'a\u0000b';
const BIG = '99999999999999999999';

/** Rows of the tables a refused request could have written: equal before and after means nothing was. */
async function written(store: Store): Promise<string> {
  const tables = ['subjects', 'facts', 'imports', 'list_entries', 'notices', 'attachments', 'applications', 'runs', 'audit_log'];
  const n = async (t: string) => Number((await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);
  return (await Promise.all(tables.map(async (t) => `${t} ${await n(t)}`))).join(', ');
}

/** A 400 in the API's error shape whose details name `field`. */
function refused(r: LightMyRequestResponse, field: string): void {
  expect(r.statusCode, r.body).toBe(400);
  const { error } = r.json();
  expect(typeof error.code).toBe('string');
  expect([typeof error.message.zh, typeof error.message.en]).toEqual(['string', 'string']);
  expect(error.details.map((d: { path: string }) => d.path)).toContain(field);
  expect(error.details.every((d: { message: unknown }) => typeof d.message === 'string' && d.message.length > 0)).toBe(true);
}

const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(BACKENDS)('bad input on $name', (backend) => {
  const env = datedPlatform(backend, () => '2023-09-01');
  const as = (who: Username) => env.as(who);

  type Case = readonly [what: string, who: Username, method: 'GET' | 'POST', url: string, body: unknown, headers: Record<string, string>, field: string];
  const CASES: readonly Case[] = [
    ['a session cookie that is not percent-encoding', 'sd-admin', 'GET', '/api/subjects', undefined, { cookie: 'duixian_session=%E0%A4%A' }, 'cookie.duixian_session'],
    ['a NUL in the subject search', 'sd-admin', 'GET', `/api/subjects?q=${encodeURIComponent(NUL)}`, undefined, {}, 'query.q'],
    ['a NUL in a subject id', 'sd-admin', 'GET', `/api/subjects/${encodeURIComponent(NUL)}`, undefined, {}, 'params.id'],
    ['a NUL in an application id', 'sd-admin', 'GET', `/api/applications/${encodeURIComponent(NUL)}`, undefined, {}, 'params.id'],
    ['a NUL in a run id', 'sd-admin', 'GET', `/api/runs/${encodeURIComponent(NUL)}/awards`, undefined, {}, 'params.id'],
    ['a NUL in an imported subject name', 'sd-admin', 'POST', '/api/imports?reason=test', { format: 'duixian/v1', year: 2023, subjects: [{ id: 'N1', kind: 'enterprise', name: NUL, region: '370811' }], facts: [] }, {}, 'body.subjects[0].name'],
    ['a NUL in an import reason', 'sd-admin', 'POST', `/api/imports?reason=${encodeURIComponent(NUL)}`, { format: 'duixian/v1', year: 2023, subjects: [], facts: [] }, {}, 'query.reason'],
    ['a NUL in a list proposal reason', 'jining-admin', 'POST', '/api/lists', { list: 'white', category: 'mcn', subject: 'E1', validFrom: '2023-01-01', reason: NUL }, {}, 'body.reason'],
    ['a NUL in a notice title', 'sd-admin', 'POST', '/api/notices', { title: NUL, applications: ['1'] }, {}, 'body.title'],
    ['a NUL in the reason a run is promoted', 'sd-admin', 'POST', '/api/runs/1/promote', { reason: NUL }, {}, 'body.reason'],
    ['a NUL in a reading of a run', 'sd-admin', 'POST', '/api/runs', { year: 2023, interpretations: { 'I-pool': NUL } }, {}, 'body.interpretations.I-pool'],
    ['a NUL in a key of the body', 'sd-admin', 'POST', '/api/imports?reason=test', { format: 'duixian/v1', year: 2023, subjects: [{ [NUL]: 1 }], facts: [] }, {}, 'body.subjects[0]'],
    ['a page beyond any list', 'sd-admin', 'GET', `/api/subjects?page=${BIG}`, undefined, {}, 'query.page'],
    ['a page beyond any list, of the audit log', 'sd-admin', 'GET', `/api/audit?page=${BIG}`, undefined, {}, 'query.page'],
    ['a year beyond the calendar, of budgets', 'sd-admin', 'GET', '/api/budgets?year=99999999999', undefined, {}, 'query.year'],
    ['a year beyond the calendar, of payments', 'sd-admin', 'GET', '/api/disbursements?year=99999999999', undefined, {}, 'query.year'],
    ['a year beyond the calendar, of applications', 'sd-admin', 'GET', '/api/applications?year=99999999999', undefined, {}, 'query.year'],
  ];

  it.each(CASES)('%s: 400 naming the field, nothing written', async (_what, who, method, url, body, headers, field) => {
    const before = await written(env.store);
    refused(await as(who)(method, url, body, headers), field);
    expect(await written(env.store)).toBe(before);
  });

  it('an attachment whose x-file-name is not percent-encoding, or holds a NUL: 400 naming the header, nothing stored', async () => {
    const rule = 'jining-2022-54/2.national-title';
    expect((await as('jining-admin')('POST', '/api/windows', { rule, year: 2023, opens: '2023-09-01', closes: '2023-09-30' })).statusCode).toBe(200);
    const created = await as('e1-user')('POST', '/api/applications', { subject: 'E1', rule, year: 2023, facts: [] });
    expect(created.statusCode, created.body).toBe(201);
    const before = await written(env.store);
    for (const name of ['%E0%A4%A', encodeURIComponent(NUL)]) {
      const r = await as('e1-user')('POST', `/api/applications/${created.json().id}/attachments`, pdf, { 'content-type': 'application/pdf', 'x-content-sha256': sha(pdf), 'x-file-name': name });
      refused(r, 'x-file-name');
    }
    expect(await written(env.store)).toBe(before);
    const good = await as('e1-user')('POST', `/api/applications/${created.json().id}/attachments`, pdf, { 'content-type': 'application/pdf', 'x-content-sha256': sha(pdf), 'x-file-name': encodeURIComponent('证明.pdf') });
    expect([good.statusCode, good.json().name]).toEqual([201, '证明.pdf']);
  });
});

/** JSON Schema, as far as the sweep reads it. */
interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly additionalProperties?: boolean | Schema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly minItems?: number;
  readonly format?: string;
  readonly pattern?: string;
}
type Step = string | number;
const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type[0] : s.type) as string | undefined;
const childOf = (s: Schema, step: Step): Schema =>
  typeof step === 'number' ? s.items ?? {} : s.properties?.[step] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {});

/** Text that the patterns of the API's schemas take: an id, a region code, a year. */
const PATTERNED = ['1', '370000', '2023'];

/** A value the schema takes, for the fields around the bad one: enum's first, the minimum, a date, an id. */
function sample(s: Schema): unknown {
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'object': return Object.fromEntries((s.required ?? []).map((k) => [k, sample(childOf(s, k))]));
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case 'integer': case 'number': return s.minimum ?? 1;
    case 'boolean': return true;
    default: return s.format === 'date' ? '2023-09-01' : s.pattern ? PATTERNED.find((t) => new RegExp(s.pattern!).test(t)) ?? 'x' : 'x';
  }
}

/** Every text and integer field under `s`, as the steps to it; an array's item and a map's value count once. */
function fields(s: Schema, steps: Step[] = []): { steps: Step[]; type: 'string' | 'integer' }[] {
  const t = typeOf(s);
  if ((t === 'string' && !s.enum) || t === 'integer') return [{ steps, type: t }];
  if (t === 'array' && s.items) return fields(s.items, [...steps, 0]);
  if (t !== 'object') return [];
  const named = Object.keys(s.properties ?? {}).flatMap((k) => fields(childOf(s, k), [...steps, k]));
  return typeof s.additionalProperties === 'object' ? [...named, ...fields(s.additionalProperties, [...steps, 'k'])] : named;
}

/** A sample of `s` with `leaf` at `steps`. */
function withLeaf(s: Schema, steps: readonly Step[], leaf: unknown): unknown {
  if (!steps.length) return leaf;
  const [step, ...rest] = steps as [Step, ...Step[]];
  if (typeof step === 'number') return [withLeaf(childOf(s, step), rest, leaf)];
  return { ...(sample({ ...s, type: 'object' }) as object), [step]: withLeaf(childOf(s, step), rest, leaf) };
}
const pathOf = (part: string, steps: readonly Step[]) => part + steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');

interface Operation {
  readonly parameters?: readonly { readonly in: 'path' | 'query' | 'header'; readonly name: string; readonly schema: Schema; readonly required?: boolean }[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: Schema }>> };
}

/** One bad request: where it goes, what it sends and the field it should be refused for. */
interface Probe { readonly method: 'GET' | 'POST' | 'DELETE'; readonly url: string; readonly body?: string; readonly field: string }

/** For each field of each operation of the OpenAPI document: a NUL in a text field, a 20-digit number in an integer one. */
function probes(paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>): Probe[] {
  const out: Probe[] = [];
  for (const [template, operations] of Object.entries(paths)) {
    for (const [verb, op] of Object.entries(operations)) {
      const method = verb.toUpperCase() as Probe['method'];
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const request = (part: 'path' | 'query' | 'body', name: string, steps: readonly Step[], type: 'string' | 'integer'): Probe => {
        const bad = type === 'string' ? NUL : BIG;
        const value = (p: (typeof params)[number]) => (p.in === part && p.name === name ? bad : String(sample(p.schema)));
        const path = template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(value(params.find((p) => p.in === 'path' && p.name === n)!)));
        const query = params.filter((p) => p.in === 'query' && (p.required || (p.in === part && p.name === name))).map((p) => `${p.name}=${encodeURIComponent(value(p))}`).join('&');
        const body = bodySchema && JSON.stringify(part === 'body' ? withLeaf(bodySchema, steps, type === 'string' ? NUL : '__BIG__') : sample(bodySchema)).replace('"__BIG__"', BIG);
        const field = part === 'body' ? pathOf('body', steps) : `${part === 'path' ? 'params' : 'query'}.${name}`;
        return { method, url: query ? `${path}?${query}` : path, ...(body === undefined ? {} : { body }), field };
      };
      // a shared params schema may name a parameter this path does not have
      for (const p of params.filter((x) => x.in === 'query' || (x.in === 'path' && template.includes(`{${x.name}}`)))) {
        const t = typeOf(p.schema);
        if ((t === 'string' && !p.schema.enum) || t === 'integer') out.push(request(p.in as 'path' | 'query', p.name, [], t));
      }
      for (const f of bodySchema ? fields(bodySchema) : []) out.push(request('body', '', f.steps, f.type));
    }
  }
  return out;
}

describe.each(BACKENDS)('every route of the OpenAPI document on $name', (backend) => {
  const env = datedPlatform(backend, () => '2023-09-01');

  it('a NUL in each text field and a 20-digit number in each integer field: 400 naming the field, never a 500', async () => {
    const doc = (await env.as('sd-admin')('GET', '/api/openapi.json')).json();
    const all = probes(doc.paths);
    expect(all.length).toBeGreaterThan(120);
    expect(all.filter((p) => !['GET', 'POST', 'DELETE'].includes(p.method))).toEqual([]); // all the test client sends
    const before = await written(env.store);
    const wrong: string[] = [];
    for (const p of all) {
      const r = await env.as('sd-admin')(p.method, p.url, p.body, p.body === undefined ? {} : { 'content-type': 'application/json' });
      const named = r.statusCode === 400 && r.json().error.details?.some((d: { path: string }) => d.path === p.field);
      if (!named) wrong.push(`${p.method} ${p.url} ${p.body ?? ''} → ${r.statusCode} ${r.body.slice(0, 300)} (expected a 400 naming ${p.field})`);
    }
    expect(wrong).toEqual([]);
    expect(await written(env.store)).toBe(before);
  });
});
