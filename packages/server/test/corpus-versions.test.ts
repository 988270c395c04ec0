/**
 * Corpus versions in the platform (issue 15 point 5): the province uploads a document folder as a
 * .zip; it is validated (schema, check, its cases) with the corpus in force, kept as a draft with
 * its cost on the year's data, and published from an effective date (audited); nobody else may.
 * A stored run decided again, by a platform started with another corpus, gives its stored hashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFromFiles, LOADED } from '@duixian/corpus';
import { corpusFilesHash, createRun } from '@duixian/store';
import { buildApp } from '@duixian/server';
import { BACKENDS, type Backend } from '../../store/test/backends.js';
import { platform, sender, type Platform, type Username } from './platform.js';
import { zipOf } from './zip.js';

/**
 * A sixth document, issued by 济宁 for 2023–2025: 实物商品网络零售额 1亿元 or more → 10万元. On the
 * platform's data E1 (任城, 1.2亿元) and E3 (兖州, 1.5亿元) are in 济宁 and qualify, E2 (东营, 3亿元)
 * is outside: 2 × 10万元 = 200000.00 元.
 */
const DOC = 'test-2023-1';
const TEXT = '一、对当年实物商品网络零售额达到1亿元以上的电商企业，给予一次性奖励10万元。\n';
const RULES = `rules:
  - id: ${DOC}/1.retail
    article: 一
    title: 网络零售额奖励
    text: 对当年实物商品网络零售额达到1亿元以上的电商企业，给予一次性奖励10万元
    cites: [实物商品网络零售额达到1亿元以上, 给予一次性奖励10万元]
    recipient: {kinds: [enterprise], label: 电商企业}
    conditions: [{compare: {fact: physicalGoodsOnlineRetail}, legal: 达到, value: 1亿元, label: 实物商品网络零售额}]
    award: {money: 10万元}
`;
const CASES = `- name: 恰好1亿元给予10万元，差一分不给
  year: 2023
  rules: [${DOC}/1.retail]
  subjects: { A: enterprise@370811, B: enterprise@370811 }
  facts:
    A: { physicalGoodsOnlineRetail: 1亿元 }
    B: { physicalGoodsOnlineRetail: "99999999.99" }
  awards: [A ${DOC}/1.retail 100000.00]
`;
function folder(edit: Partial<Record<string, string>> = {}): Record<string, string> {
  return {
    [`${DOC}/document.yaml`]: `id: ${DOC}\nnumber: 测政字[2023]1号\ntitle: 测试市关于支持电子商务发展的若干措施\nissuer: "370800"\nissuerName: 济宁市\nvalidFrom: 2023-01-01\nvalidTo: 2025-12-31\nfunder: "370800"\nfunderName: 市财政\n`,
    [`${DOC}/rules.yaml`]: RULES, [`${DOC}/measures.yaml`]: '[]\n', [`${DOC}/targets.yaml`]: '[]\n', [`${DOC}/not-computable.yaml`]: '[]\n',
    [`${DOC}/text.txt`]: TEXT, [`${DOC}/cases/retail.yaml`]: CASES,
    ...edit,
  } as Record<string, string>;
}

const ZIP = { 'content-type': 'application/zip' };
/** The line (1-based) of `rules.yaml` holding `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The built-in corpus with the province's traffic subsidy at 3元 for every 万元 instead of 2元 (E1: 24000元 → 36000元). */
function changedCorpus() {
  const files = new Map(LOADED.files);
  files.set('sd-2022-42/rules.yaml', files.get('sd-2022-42/rules.yaml')!.replace('pay: 2元}', 'pay: 3元}'));
  return corpusFromFiles(files);
}

/** The platform of a describe block, made before its tests and disposed after them (a proxy: there once the tests run). */
function platformFor(backend: Backend): Platform {
  let p: Platform | undefined;
  beforeAll(async () => {
    p = await platform(backend);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });
  return new Proxy({} as Platform, { get: (_, key) => p![key as keyof Platform] });
}

describe.each(BACKENDS)('corpus versions in the platform on $name', (backend) => {
  const p = platformFor(backend);

  const versions = async () => (await p.store.db.selectFrom('corpus_versions').select(['hash', 'state']).orderBy('stored_at').execute());
  const keptAudits = async () => (await p.store.db.selectFrom('audit_log').select('entity').where('action', 'in', ['corpus.keep', 'corpus.publish']).execute()).length;
  const upload = (who: Username, files: Record<string, string>) => p.as(who).req('POST', '/api/corpus/drafts?year=2023', zipOf(files), ZIP);

  /** Refused with `status` and `code`; no version kept, nothing audited. */
  async function refusedKeepingNothing(who: Username, files: Record<string, string>, status: number, code: string) {
    const [before, audits] = [await versions(), await keptAudits()];
    const r = await upload(who, files);
    expect([r.statusCode, r.json().error.code]).toEqual([status, code]);
    expect(await versions()).toEqual(before);
    expect(await keptAudits()).toBe(audits);
    return r.json().error as { message: { zh: string; en: string }; details: { path: string; message: string }[] };
  }

  it('the server keeps its own corpus at start, once', async () => {
    const own = corpusFilesHash(LOADED.files);
    expect(await versions()).toEqual([{ hash: own, state: 'built-in' }]);
    const again = await buildApp({ store: p.store });
    await again.close();
    expect(await versions()).toEqual([{ hash: own, state: 'built-in' }]);
  }, 120_000);

  it('a YAML file that is not valid, or a field against the schema: 422 naming file:line field; nothing kept', async () => {
    const broken = await refusedKeepingNothing('sd-admin', folder({ [`${DOC}/rules.yaml`]: `${RULES}  - {id: x\n` }), 422, 'invalid-corpus-files');
    expect(broken.details).toEqual([expect.objectContaining({ path: expect.stringMatching(new RegExp(`^${DOC}/rules\\.yaml:\\d+`)), message: expect.stringMatching(/not valid YAML/) })]);
    const word = await refusedKeepingNothing('sd-admin', folder({ [`${DOC}/rules.yaml`]: RULES.replace('legal: 达到', 'legal: 达成') }), 422, 'invalid-corpus-files');
    expect(word.details).toEqual([{ path: `${DOC}/rules.yaml:${lineOf(RULES, 'legal: 达到')} rules[0].conditions[0].legal`, message: expect.stringMatching(/"达成" is not one of/) }]);
    expect(word.message.zh).toMatch(/未保存任何内容/);
  }, 120_000);

  it('a figure the text does not state fails the check: 422 naming the rule and the figure; nothing kept', async () => {
    const e = await refusedKeepingNothing('sd-admin', folder({ [`${DOC}/rules.yaml`]: RULES.replace('award: {money: 10万元}', 'award: {money: 12万元}') }), 422, 'corpus-check-failed');
    // the figure, and the case it now decides otherwise (12万元 instead of 10万元)
    expect(e.details).toEqual([
      { path: `${DOC}/1.retail`, message: expect.stringMatching(/^12万元 \(award\.money\) is not in any cite of the rule/) },
      { path: `${DOC}/cases/retail.yaml "恰好1亿元给予10万元，差一分不给"`, message: expect.stringMatching(/expected "A test-2023-1\/1.retail 100000.00"/) },
      { path: `${DOC}/cases/retail.yaml "恰好1亿元给予10万元，差一分不给"`, message: expect.stringMatching(/decided "A test-2023-1\/1.retail 120000.00"/) },
    ]);
  }, 120_000);

  it('a case of the document the rules do not meet: 422 naming the case; nothing kept', async () => {
    const e = await refusedKeepingNothing('sd-admin', folder({ [`${DOC}/cases/retail.yaml`]: CASES.replace('100000.00', '120000.00') }), 422, 'corpus-check-failed');
    expect(e.details.map((d) => d.path)).toEqual([`${DOC}/cases/retail.yaml "恰好1亿元给予10万元，差一分不给"`, `${DOC}/cases/retail.yaml "恰好1亿元给予10万元，差一分不给"`]);
    expect(e.details.map((d) => d.message).sort()).toEqual([
      `awards: decided "A ${DOC}/1.retail 100000.00", not expected — 得出了案例未预期的结果`,
      `awards: expected "A ${DOC}/1.retail 120000.00", not decided — 案例预期的结果未得出`,
    ]);
  }, 120_000);

  it('not a zip, or a file outside a document folder: 422; nothing kept', async () => {
    const [before, audits] = [await versions(), await keptAudits()];
    const r = await p.as('sd-admin').req('POST', '/api/corpus/drafts', Buffer.from('not a zip at all'), ZIP);
    expect([r.statusCode, r.json().error.code]).toEqual([422, 'invalid-zip']);
    await refusedKeepingNothing('sd-admin', { ...folder(), 'readme.md': '说明' }, 422, 'invalid-zip');
    expect([await versions(), await keptAudits()]).toEqual([before, audits]);
  }, 120_000);

  it('only the province administrator uploads or publishes (403 for every other role); nothing kept', async () => {
    for (const who of ['jining-admin', 'rencheng-admin', 'sd-auditor', 'e1-user'] as const) await refusedKeepingNothing(who, folder(), 403, 'forbidden');
    const r = await p.as('jining-admin').req('POST', `/api/corpus/drafts/${'a'.repeat(64)}/publish`, { effective: '2023-01-01', reason: '越权' });
    expect([r.statusCode, r.json().error.code]).toEqual([403, 'forbidden']);
  }, 120_000);

  it('a valid folder is kept as a draft with its cost on the year\'s data; published, runs use it from its effective date, audited', async () => {
    const r = await upload('sd-admin', folder());
    expect(r.statusCode).toBe(201);
    const body = r.json();
    const files = new Map([...LOADED.files, ...Object.entries(folder())]);
    expect(body.version).toMatchObject({ hash: corpusFilesHash(files), state: 'draft', storedBy: 'sd-admin', effective: null });
    expect([body.kept, body.documents, body.replaced]).toEqual([true, [DOC], []]);
    // hand-computed: E1 and E3 in 济宁 with ≥ 1亿元, 10万元 each; every other document unchanged
    expect(body.simulation.year).toBe(2023);
    expect(body.simulation.documents.find((d: { document: string }) => d.document === DOC)).toEqual({ document: DOC, title: '测试市关于支持电子商务发展的若干措施', current: '0.00', draft: '200000.00', delta: '200000.00' });
    expect(body.simulation.documents.filter((d: { delta: string }) => d.delta !== '0.00')).toHaveLength(1);
    expect(body.simulation.total.delta).toBe('200000.00');
    const hash = body.version.hash as string;

    // published from 2025-07-01: a run on 2025-06-30 still uses the built-in corpus, one on 2025-07-01 the new one
    const published = await p.as('sd-admin').req('POST', `/api/corpus/drafts/${hash}/publish`, { effective: '2025-07-01', reason: '市政府新文件印发' });
    expect(published.statusCode).toBe(200);
    expect(published.json().version).toMatchObject({ state: 'published', effective: '2025-07-01', publishedBy: 'sd-admin', reason: '市政府新文件印发' });
    const audit = await p.store.db.selectFrom('audit_log').select(['actor', 'entity', 'after']).where('action', '=', 'corpus.publish').execute();
    expect(audit.map((a) => [a.actor, a.entity, (a.after as { effective: string; reason: string }).reason])).toEqual([['sd-admin', `corpus_versions/${hash}`, '市政府新文件印发']]);
    const again = await p.as('sd-admin').req('POST', `/api/corpus/drafts/${hash}/publish`, { effective: '2025-08-01', reason: '再发布' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'not-a-draft']);

    const runOn = async (today: string) => {
      const app = await buildApp({ store: p.store, process: { today: () => today } });
      try {
        const run = await sender(app, p.as('sd-admin').cookie, p.as('sd-admin').csrf)('POST', '/api/runs', { year: 2023 });
        expect(run.statusCode).toBe(201);
        const row = await p.store.db.selectFrom('runs').select(['corpus_hash', 'corpus_version']).where('id', '=', run.json().id).executeTakeFirstOrThrow();
        const e1 = await sender(app, p.as('sd-admin').cookie, p.as('sd-admin').csrf)('GET', `/api/runs/${run.json().id}/awards?document=${DOC}`);
        return { ...row, awards: e1.json().items.map((a: { subject: string; amount: string }) => `${a.subject} ${a.amount}`).sort() };
      } finally {
        await app.close();
      }
    };
    expect(await runOn('2025-06-30')).toEqual({ corpus_hash: corpusFilesHash(LOADED.files), corpus_version: LOADED.corpus.version, awards: [] });
    expect(await runOn('2025-07-01')).toEqual({ corpus_hash: hash, corpus_version: corpusFromFiles(files).corpus.version, awards: ['E1 100000.00', 'E3 100000.00'] });
  }, 120_000);
});

describe.each(BACKENDS)('a stored run re-run after the corpus changed on $name', (backend) => {
  const p = platformFor(backend);

  it('gives its original hashes with its own corpus; a fresh run with the changed corpus does not', async () => {
    const stored = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 });
    expect(stored.statusCode).toBe(201);
    const { id, inputHash, resultHash } = stored.json();
    // a platform started with another corpus over the same store
    const changed = changedCorpus();
    const app = await buildApp({ store: p.store, corpus: changed });
    try {
      const as = sender(app, p.as('sd-admin').cookie, p.as('sd-admin').csrf);
      const rerun = await as('POST', `/api/runs/${id}/rerun`);
      expect(rerun.statusCode).toBe(200);
      expect(rerun.json()).toEqual({
        run: id, corpusHash: corpusFilesHash(LOADED.files), same: true,
        stored: { inputHash, resultHash }, rerun: { inputHash, resultHash },
      });
      const fresh = await as('POST', '/api/runs', { year: 2023 });
      expect(fresh.statusCode).toBe(201);
      expect(fresh.json().resultHash).not.toBe(resultHash);
      expect(fresh.json().corpusVersion).toBe(changed.corpus.version);
      const traffic = await as('GET', `/api/runs/${fresh.json().id}/awards?rule=sd-2022-42/2.traffic`);
      expect(traffic.json().items.map((a: { subject: string; amount: string }) => `${a.subject} ${a.amount}`)).toContain('E1 36000.00');
      expect((await as('GET', `/api/runs/${id}`)).json().corpusHash).toBe(corpusFilesHash(LOADED.files));
      expect((await as('GET', `/api/runs/${fresh.json().id}`)).json().corpusHash).toBe(corpusFilesHash(changed.files));
      // whoever may read the run may check it (济宁's auditor reads the province's runs); an enterprise may not
      const auditor = await sender(app, p.as('jining-auditor').cookie, p.as('jining-auditor').csrf)('POST', `/api/runs/${id}/rerun`);
      expect([auditor.statusCode, auditor.json().same]).toEqual([200, true]);
      const enterprise = await sender(app, p.as('e1-user').cookie, p.as('e1-user').csrf)('POST', `/api/runs/${id}/rerun`);
      expect([enterprise.statusCode, enterprise.json().error.code]).toEqual([403, 'forbidden']);
      // a run stored before versions were kept names no corpus: it cannot be decided again with its own
      const older = await createRun(p.store, LOADED.corpus, { year: 2023, by: 'sd-admin' });
      const refused = await as('POST', `/api/runs/${older.id}/rerun`);
      expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'corpus-not-kept']);
    } finally {
      await app.close();
    }
  }, 120_000);
});
