/**
 * A published corpus reaches every page, not only runs (issue 15 point 5): from its effective date
 * the 政策库 lists the new document, the 政策计算器 offers its rule and an enterprise files an
 * application under it; the day before, none of them knows it; a server started again over the
 * same database adopts it at start.
 */
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { corpusFromFiles, CORPUS, IN_USE, LOADED, useCorpus } from '@duixian/corpus';
import { keepCorpusVersion, publishCorpusVersion } from '@duixian/store';
import { buildApp } from '@duixian/server';
import { BACKENDS } from '../../store/test/backends.js';
import { datedPlatform, sender } from './platform.js';
import { zipOf } from './zip.js';
import { PlatformCorpus } from '../src/platform-corpus.js';
import { USCC } from '../../interchange/test/fixtures.js';

/**
 * A province document for 2026–2027: a packaging-design cost of 1万元 or more → 1万元 (an evidenced
 * cost, so it is applied for). E1 (任城) at exactly 1万元 qualifies; 9999.99元 does not.
 */
const DOC = 'province-2026-7';
const RULE = `${DOC}/1.packaging`;
const TEXT = '一、对电商企业当年包装设计费用达到1万元的，给予一次性补贴1万元。\n';
const FOLDER = {
  [`${DOC}/document.yaml`]: `id: ${DOC}\nnumber: 鲁测字〔2026〕7号\ntitle: 山东省支持电商包装设计的测试措施\nissuer: "370000"\nissuerName: 山东省\nvalidFrom: 2026-01-01\nvalidTo: 2027-12-31\nfunder: "370000"\nfunderName: 省财政\n`,
  [`${DOC}/rules.yaml`]: `rules:
  - id: ${RULE}
    article: 一
    title: 包装设计补贴
    text: 对电商企业当年包装设计费用达到1万元的，给予一次性补贴1万元
    cites: [包装设计费用达到1万元, 给予一次性补贴1万元]
    recipient: {kinds: [enterprise], label: 电商企业}
    conditions: [{compare: {fact: packagingDesignCost}, legal: 达到, value: 1万元, label: 包装设计费用}]
    award: {money: 1万元}
`,
  [`${DOC}/measures.yaml`]: '[]\n', [`${DOC}/targets.yaml`]: '[]\n', [`${DOC}/not-computable.yaml`]: '[]\n', [`${DOC}/text.txt`]: TEXT,
  [`${DOC}/cases/packaging.yaml`]: `- name: 恰好1万元补贴1万元，差一分不补
  year: 2026
  rules: [${RULE}]
  subjects: { A: enterprise@370811, B: enterprise@370811 }
  facts:
    A: { packagingDesignCost: 1万元 }
    B: { packagingDesignCost: "9999.99" }
  awards: [A ${RULE} 10000.00]
`,
};

/** A profile for the 政策计算器: E1 of 任城 with `cost` of packaging design in 2026. */
const profile = (cost: string) => ({
  subject: 'E1',
  dataset: {
    format: 'duixian/v1', year: 2026,
    subjects: [{ id: 'E1', kind: 'enterprise', name: '任城示例电商有限公司', region: '370811', uscc: USCC }],
    facts: [{ subject: 'E1', year: 2026, key: 'packagingDesignCost', value: cost }],
  },
});

describe.each(BACKENDS)('the corpus in force on $name', (backend) => {
  let today = '2026-03-01';
  const p = datedPlatform(backend, () => today);

  /** The calculator's answer on the new rule for E1 with `cost` (undefined: the rule is not offered). */
  async function offered(cost: string, send = p.as('sd-admin')): Promise<string | undefined> {
    const r = await send('POST', '/api/match', profile(cost));
    expect(r.statusCode).toBe(200);
    return r.json().matches.find((m: { rule: string }) => m.rule === RULE)?.status;
  }

  /** What every page sees of the new document on the platform's today. */
  async function seen(send = p.as('sd-admin')) {
    const listed = (await send('GET', '/api/documents')).json().items.map((d: { id: string }) => d.id);
    const one = await send('GET', `/api/documents/${DOC}`);
    return { listed: listed.includes(DOC), page: one.statusCode, offered: await offered('1万元', send) };
  }

  /** A budget for the document and a run of it alone, as the province: their statuses and error codes. */
  async function budgetAndRun() {
    const budget = await p.as('sd-admin')('POST', '/api/budgets', { document: DOC, funder: '370000', year: 2026, total: '10万元' });
    const run = await p.as('sd-admin')('POST', '/api/runs', { year: 2023, documents: [DOC] });
    const codeOf = (r: typeof run) => (r.statusCode < 300 ? r.statusCode : `${r.statusCode} ${r.json().error.code} ${JSON.stringify(r.json().error.details?.[0]?.path)}`);
    return { budget: codeOf(budget), run: codeOf(run) };
  }

  async function fileAsE1() {
    const window = await p.as('sd-admin')('POST', '/api/windows', { rule: RULE, year: 2026, opens: '2026-03-01', closes: '2026-12-31' });
    const filed = await p.as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: RULE, year: 2026 });
    const stored = await p.store.db.selectFrom('applications').select('id').where('rule', '=', RULE).execute();
    return { window: window.statusCode, filed: filed.statusCode, code: filed.statusCode === 201 ? undefined : filed.json().error.code, stored: stored.length };
  }

  it('published effective tomorrow: no page knows the document today; from its date the 政策库, the calculator and applications do', async () => {
    const draft = await p.as('sd-admin')('POST', '/api/corpus/drafts?year=2023', zipOf(FOLDER), { 'content-type': 'application/zip' });
    expect(draft.statusCode).toBe(201);
    const published = await p.as('sd-admin')('POST', `/api/corpus/drafts/${draft.json().version.hash}/publish`, { effective: '2026-03-02', reason: '省政府新文件印发' });
    expect(published.statusCode).toBe(200);

    expect(await seen()).toEqual({ listed: false, page: 404, offered: undefined });
    expect(await fileAsE1()).toEqual({ window: 422, filed: 422, code: 'unknown-rule', stored: 0 });
    expect(await budgetAndRun()).toEqual({ budget: '422 unknown-document "document"', run: '422 invalid-run "documents[0]"' });

    today = '2026-03-02';
    expect(await seen()).toEqual({ listed: true, page: 200, offered: 'eligible' });
    // the calculator decides by the document's bound: a fen below 1万元 is not eligible
    expect(await offered('9999.99')).toBe('not-eligible');
    expect(await fileAsE1()).toEqual({ window: 200, filed: 201, code: undefined, stored: 1 });
    expect(await budgetAndRun()).toEqual({ budget: 200, run: 201 });
  }, 120_000);

  it('a server started again over the same database adopts the publication in force at start', async () => {
    useCorpus(LOADED); // as a process starts: with its own corpus
    expect(CORPUS.documents.map((d) => d.id)).not.toContain(DOC);
    const restarted: FastifyInstance = await buildApp({ store: p.store, process: { today: () => '2026-03-05' } });
    try {
      expect(CORPUS.documents.map((d) => d.id)).toContain(DOC); // adopted at start, before any request
      const send = sender(restarted, '', '');
      expect(await seen(send)).toEqual({ listed: true, page: 200, offered: 'eligible' });
    } finally {
      await restarted.close();
    }
  }, 120_000);

  it('a publication by another server is adopted within a minute, not before: a store read a minute, not a request', async () => {
    let clock = 0;
    const told: string[] = [];
    const corpora = new PlatformCorpus(p.store, LOADED, () => '2026-03-05', (law) => told.push(law.loaded.corpus.version), () => clock);
    await corpora.start(); // the publication of the first test, in force since 2026-03-02
    const title = () => CORPUS.rules.find((r) => r.id === RULE)?.title;
    expect(title()).toBe('包装设计补贴');
    // another server publishes the same document with another title, in force since 2026-03-04
    const files = new Map(IN_USE.files);
    files.set(`${DOC}/rules.yaml`, files.get(`${DOC}/rules.yaml`)!.replace('title: 包装设计补贴', 'title: 包装设计补助'));
    const next = corpusFromFiles(files);
    const { hash } = await keepCorpusVersion(p.store, { files, version: next.corpus.version, state: 'draft', by: 'sd-admin' });
    await publishCorpusVersion(p.store, hash, { effective: '2026-03-04', reason: '标题更正', by: 'sd-admin' });
    clock = 59_999;
    await corpora.ensure();
    expect(title()).toBe('包装设计补贴');
    clock = 60_000;
    await corpora.ensure();
    expect(title()).toBe('包装设计补助');
    // told twice: at start (the first publication: the built-in corpus and the document) and at the switch
    const first = corpusFromFiles(new Map([...LOADED.files, ...Object.entries(FOLDER)]));
    expect(told).toEqual([first.corpus.version, next.corpus.version]);
  }, 120_000);
});
