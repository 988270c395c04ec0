/**
 * Corpus versions (issue 15 point 5): every corpus kept by the hash of its files, once; published
 * from an effective date with who and why audited; a stored run decided again with its own
 * corpus gives its stored hashes, whatever corpus the caller holds now.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { corpusFromFiles, LOADED } from '@duixian/corpus';
import {
  corpusFilesHash, corpusInForce, corpusVersionFiles, createRun, keepCorpusVersion, listCorpusVersions, publishCorpusVersion, readCorpusVersion, rerun, type Store,
} from '@duixian/store';
import { BACKENDS, storesFor } from './backends.js';

/** The built-in corpus with the province's traffic subsidy at 3元 for every 万元 instead of 2元. */
function changedFiles(): Map<string, string> {
  const files = new Map(LOADED.files);
  const rules = files.get('sd-2022-42/rules.yaml')!;
  expect(rules).toContain('pay: 2元}');
  files.set('sd-2022-42/rules.yaml', rules.replace('pay: 2元}', 'pay: 3元}'));
  return files;
}

const keep = (store: Store, files: ReadonlyMap<string, string>, state: 'built-in' | 'draft' = 'built-in') =>
  keepCorpusVersion(store, { files, version: corpusFromFiles(files).corpus.version, state, by: 'tester' });

const auditOf = (store: Store, action: string) =>
  store.db.selectFrom('audit_log').select(['actor', 'entity', 'after']).where('action', '=', action).orderBy('seq').execute();

describe.each(BACKENDS)('corpus versions on $name', (backend) => {
  const { withExample: withData } = storesFor(backend);

  it('keeps a corpus once, by the hash of all its files; a changed text alone is another version', async () => {
    const store = await withData();
    const first = await keep(store, LOADED.files);
    const again = await keep(store, LOADED.files);
    expect(first).toEqual({ hash: corpusFilesHash(LOADED.files), kept: true });
    expect(again).toEqual({ hash: first.hash, kept: false });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const files = (await corpusVersionFiles(store, first.hash))!;
    expect(files).toEqual(new Map(LOADED.files));
    // a text corrected, nothing the engine evaluates: the same engine version, another corpus version
    const texts = new Map(LOADED.files);
    texts.set('sd-2022-42/text.txt', `${texts.get('sd-2022-42/text.txt')!}\n`);
    const corrected = await keep(store, texts, 'draft');
    expect(corrected.kept).toBe(true);
    expect(corrected.hash).not.toBe(first.hash);
    const listed = await listCorpusVersions(store);
    expect(listed.map((v) => [v.hash, v.state, v.version])).toEqual(expect.arrayContaining([
      [first.hash, 'built-in', LOADED.corpus.version], [corrected.hash, 'draft', LOADED.corpus.version],
    ]));
    expect(listed).toHaveLength(2);
    expect((await auditOf(store, 'corpus.keep')).map((a) => a.entity)).toEqual([`corpus_versions/${first.hash}`, `corpus_versions/${corrected.hash}`]);
  }, 120_000);

  it('a kept version\'s files can be neither changed nor deleted, not even by a direct query', async () => {
    const store = await withData();
    const { hash } = await keep(store, LOADED.files);
    await expect(sql`update corpus_versions set files = '{}'::jsonb where hash = ${hash}`.execute(store.db)).rejects.toThrow(/kept as stored/);
    await expect(sql`delete from corpus_versions where hash = ${hash}`.execute(store.db)).rejects.toThrow(/kept as stored/);
    expect((await corpusVersionFiles(store, hash))!.size).toBe(LOADED.files.size);
  }, 120_000);

  it('a draft is published from its effective date, audited with who and why; only a draft, and only once', async () => {
    const store = await withData();
    const builtIn = await keep(store, LOADED.files);
    const draft = await keep(store, changedFiles(), 'draft');
    expect(await corpusInForce(store, '2025-01-01')).toBeUndefined();
    const published = await publishCorpusVersion(store, draft.hash, { effective: '2025-07-01', reason: '省厅文件修订', by: 'sd-admin' });
    expect([published.state, published.effective, published.publishedBy, published.reason]).toEqual(['published', '2025-07-01', 'sd-admin', '省厅文件修订']);
    // both sides of the effective date
    expect(await corpusInForce(store, '2025-06-30')).toBeUndefined();
    expect((await corpusInForce(store, '2025-07-01'))?.hash).toBe(draft.hash);
    expect((await auditOf(store, 'corpus.publish')).map((a) => [a.actor, a.entity, (a.after as { reason: string }).reason]))
      .toEqual([['sd-admin', `corpus_versions/${draft.hash}`, '省厅文件修订']]);
    await expect(publishCorpusVersion(store, draft.hash, { effective: '2025-08-01', reason: '再次', by: 'sd-admin' })).rejects.toMatchObject({ code: 'not-a-draft' });
    await expect(publishCorpusVersion(store, builtIn.hash, { effective: '2025-08-01', reason: '内置', by: 'sd-admin' })).rejects.toMatchObject({ code: 'not-a-draft' });
    await expect(publishCorpusVersion(store, 'f'.repeat(64), { effective: '2025-08-01', reason: '没有', by: 'sd-admin' })).rejects.toMatchObject({ code: 'not-found' });
    // the refused publications changed nothing
    expect((await readCorpusVersion(store, draft.hash))!.effective).toBe('2025-07-01');
    expect((await readCorpusVersion(store, builtIn.hash))!.state).toBe('built-in');
    expect(await auditOf(store, 'corpus.publish')).toHaveLength(1);
  }, 120_000);

  it('a run records its corpus version; decided again with it, its hashes are the stored ones even when the caller holds another corpus', async () => {
    const store = await withData();
    const { hash } = await keep(store, LOADED.files);
    const run = await createRun(store, LOADED.corpus, { year: 2023, by: 'tester', corpusHash: hash });
    const row = await store.db.selectFrom('runs').select(['corpus_hash', 'corpus_version']).where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ corpus_hash: hash, corpus_version: LOADED.corpus.version });
    const own = corpusFromFiles((await corpusVersionFiles(store, row.corpus_hash!))!).corpus;
    expect(await rerun(store, run.id, own)).toEqual({ inputHash: run.inputHash, resultHash: run.resultHash, corpusVersion: LOADED.corpus.version });
    // with the changed corpus (E1's traffic subsidy 24000元 → 36000元) the same request decides otherwise
    const changed = corpusFromFiles(changedFiles()).corpus;
    const other = await rerun(store, run.id, changed);
    expect(other.corpusVersion).not.toBe(LOADED.corpus.version);
    expect([other.inputHash === run.inputHash, other.resultHash === run.resultHash]).toEqual([false, false]);
    const fresh = await createRun(store, changed, { year: 2023, by: 'tester' });
    expect(fresh.resultHash).toBe(other.resultHash);
  }, 120_000);

  it('a simulation\'s draft changes and parameters are asked again as they were given', async () => {
    const store = await withData();
    const { hash } = await keep(store, LOADED.files);
    const sim = await createRun(store, LOADED.corpus, {
      year: 2023, by: 'tester', corpusHash: hash, interpretations: { 'I-pool': 'largest-first' },
      changes: [{ value: '3元', key: 'pay', rule: 'sd-2022-42/2.traffic' } as never],
    });
    expect(await rerun(store, sim.id, LOADED.corpus)).toMatchObject({ inputHash: sim.inputHash, resultHash: sim.resultHash });
  }, 120_000);
});
