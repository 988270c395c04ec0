/** The public part of the API, through Fastify's inject (no port): health, OpenAPI, 政策库, 政策计算器, errors. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import { CORPUS, MEASURES } from '@duixian/corpus';
import { openStore, type Store } from '@duixian/store';
import { example } from '../../interchange/test/fixtures.js';

let app: FastifyInstance;
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: 'memory:' });
  app = await buildApp({ store });
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('system', () => {
  it('GET /api/health', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect([r.statusCode, r.json()]).toEqual([200, { ok: true, corpus: CORPUS.version, database: 'pglite' }]);
  });

  it('GET /api/openapi.json is an OpenAPI 3 document listing the endpoints', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    // the versioned addresses (the unversioned /api/… answer too, as a deprecated alias: versioning.test.ts)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/documents', '/api/v1/documents/{id}', '/api/v1/interpretations', '/api/v1/match']));
  });

  it('GET /api/docs serves the interactive docs', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/html/);
  });

  it('an unknown endpoint is a JSON error in Chinese and English', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not-found');
    expect(r.json().error.message.zh).toContain('没有这个接口');
  });
});

describe('政策库', () => {
  it('lists every document of the corpus, in its order, each with its own rule count', async () => {
    const items: { id: string; rules: number }[] = (await app.inject({ method: 'GET', url: '/api/documents' })).json().items;
    expect(items.map((d) => d.id)).toEqual(CORPUS.documents.map((d) => d.id));
    for (const d of items) expect(d.rules, d.id).toBe(CORPUS.rules.filter((r) => r.document === d.id).length);
  });

  it('names every rule by its document\'s 文号, its article and title (what the pages show instead of the id)', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/rules' });
    const items: { id: string; number: string; article: string; title: string; mode: string }[] = r.json().items;
    expect(items.map((i) => i.id)).toEqual(CORPUS.rules.map((x) => x.id));
    expect(items.find((i) => i.id === 'sd-2022-42/2.traffic')).toMatchObject({ number: '鲁政字〔2022〕42号', article: '二', mode: expect.any(String) });
    expect(items.every((i) => i.title.length > 0 && i.number.length > 0)).toBe(true);
  });

  it('one document with its articles, departments, rules and targets', async () => {
    const r = (await app.inject({ method: 'GET', url: '/api/documents/sd-2022-42' })).json();
    expect(r.measures.map((m: { anchor: string }) => m.anchor)).toEqual(MEASURES.filter((m) => m.document === 'sd-2022-42').map((m) => m.anchor));
    expect(r.measures[0].lead).toEqual(['省商务厅', '省财政厅']);
    expect(r.rules.map((x: { id: string }) => x.id)).toContain('sd-2022-42/2.traffic');
    const missing = await app.inject({ method: 'GET', url: '/api/documents/nope' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not-found']);
  });

  it('the import templates download: the workbook and the CSV header rows', async () => {
    const xlsx = await app.inject({ method: 'GET', url: '/api/templates/duixian-template.xlsx' });
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="duixian-template.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['主体(subjects)', '事实(facts)']));
    const csv = await app.inject({ method: 'GET', url: '/api/templates/duixian-template.facts.csv' });
    expect(csv.body).toMatch(/^\ufeff主体编号,年度,指标,值/);
    expect((await app.inject({ method: 'GET', url: '/api/templates/other.exe' })).statusCode).toBe(400);
  });

  it('the vocabulary: fact keys with units, tags, kinds, and the 16 cities with their counties', async () => {
    const v = (await app.inject({ method: 'GET', url: '/api/vocabulary' })).json();
    expect(v.factKeys.find((k: { key: string }) => k.key === 'physicalGoodsOnlineRetail')).toEqual({ key: 'physicalGoodsOnlineRetail', label: '实物商品网络零售额', unit: 'yuan' });
    expect(v.regions.filter((r: { level: string }) => r.level === 'city')).toHaveLength(16);
    expect(v.regions.find((r: { code: string }) => r.code === '370811')).toMatchObject({ name: '任城区', parent: '370800' });
    expect(v.tags.find((t: { tag: string }) => t.tag === 'tradeCirculation').label).toBe('商贸流通企业');
  });

  it('the interpretations with their defaults', async () => {
    const items = (await app.inject({ method: 'GET', url: '/api/interpretations' })).json().items;
    expect(items.find((i: { id: string }) => i.id === 'I-pool')).toMatchObject({ default: 'pro-rata', values: ['pro-rata', 'largest-first'] });
  });
});

describe('政策计算器 on a posted profile', () => {
  it('every rule that could apply, with amounts and gaps; nothing stored', async () => {
    const dataset = example();
    dataset.facts[0].value = '8800万元';
    const r = await app.inject({ method: 'POST', url: '/api/match', payload: { subject: 'E1', dataset } });
    expect(r.statusCode).toBe(200);
    const matches = r.json().matches as { rule: string; status: string; amount: string | null; failing: string[] }[];
    expect(matches.find((m) => m.rule === 'sd-2022-42/2.traffic')).toMatchObject({ status: 'not-eligible', failing: ['实物商品网络零售额 8,800万元 < 1亿元（以上，含本数），还差 1,200万元 达到 1亿元'] });
    expect(matches.find((m) => m.rule === 'jining-2022-54/2.retail-2023')).toMatchObject({ status: 'eligible', amount: '100000.00' });
  });

  it('bad data is a 422 listing every problem by path; a missing field is a 400', async () => {
    const dataset = example();
    dataset.facts[0].value = 'abc';
    const r = await app.inject({ method: 'POST', url: '/api/match', payload: { subject: 'E1', dataset } });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.map((p: { path: string }) => p.path)).toContain('facts[0].value');
    expect((await app.inject({ method: 'POST', url: '/api/match', payload: { dataset } })).statusCode).toBe(400);
  });
});
