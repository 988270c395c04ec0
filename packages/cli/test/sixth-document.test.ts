/**
 * A bureau's next document is one folder: test/fixtures/sixth-document/example-2025-1 (a tiered award,
 * a top-3 award with a pool, a per-person training subsidy, a fact key and a tag of its own) copied
 * into a copy of corpus/ — nothing else touched — evaluates, explains, shows and passes check.
 */
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_CORPUS_DIR } from '@duixian/corpus';
import { duixian, tmp } from './run-cli.js';

const FIXTURE = new URL('../../../test/fixtures/sixth-document/example-2025-1/', import.meta.url).pathname;
const ID = 'example-2025-1';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

let corpus: string;
let input: string;
beforeAll(() => {
  const dir = tmp();
  corpus = join(dir, 'corpus');
  cpSync(BUILT_IN_CORPUS_DIR, corpus, { recursive: true });
  cpSync(FIXTURE, join(corpus, ID), { recursive: true });
  input = join(dir, 'input.json');
  writeFileSync(input, JSON.stringify({
    format: 'duixian/v1', year: 2025,
    subjects: [
      { id: 'A', kind: 'enterprise', name: '甲电商', region: '370811' },
      { id: 'B', kind: 'enterprise', name: '乙电商', region: '370811' },
      { id: 'C', kind: 'enterprise', name: '丙电商', region: '370812' },
      { id: 'D', kind: 'enterprise', name: '丁电商', region: '370812' },
      { id: 'T', kind: 'enterprise', name: '某电商培训学校', region: '370811', tags: ['trainingProvider', 'certified'] },
    ],
    facts: [
      { subject: 'A', year: 2025, key: 'onlineRetail', value: '3亿元' },
      { subject: 'B', year: 2025, key: 'onlineRetail', value: '2亿元' },
      { subject: 'C', year: 2025, key: 'onlineRetail', value: '1亿元' },
      { subject: 'D', year: 2025, key: 'onlineRetail', value: '5000万元' },
      { subject: 'T', year: 2025, key: 'trainedPersons', value: '120' },
    ],
  }));
}, 120_000);

describe('a sixth document added as one folder', () => {
  it('the copy differs from the built-in corpus by that folder and nothing else', () => {
    const added = filesUnder(corpus).filter((f) => !filesUnder(BUILT_IN_CORPUS_DIR).includes(f));
    expect(added).toEqual(filesUnder(FIXTURE).map((f) => `${ID}/${f}`));
    expect(filesUnder(corpus).length).toBe(filesUnder(BUILT_IN_CORPUS_DIR).length + added.length);
  });

  it('passes duixian check: schema, the law\'s words, every figure of its text linked, its cases', () => {
    const r = duixian('check', '--corpus', corpus);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/6 documents/);
    expect(r.stdout).toMatch(new RegExp(`${ID}: 12 figures, 12 linked to rules, 0 to targets, 0 not computable, 0 unlinked`));
  });

  it('evaluates: the tiers, the top 3 sharing the 50万元 pool, 120 trainees capped at 5万元', () => {
    const r = duixian('evaluate', input, '--json', '--corpus', corpus, '--document', ID);
    expect(r.code).toBe(0);
    const awards = (JSON.parse(r.stdout) as { awards: { subject: string; rule: string; amount: string | null; rank: number | null }[] }).awards;
    expect(awards.map((a) => `${a.subject} ${a.rule} ${a.amount}${a.rank ? ` rank ${a.rank}` : ''}`).sort()).toEqual([
      'A example-2025-1/1.growth 200000.00',
      'A example-2025-1/2.top3 250000.00 rank 1', // 300000 × 50/60
      'B example-2025-1/1.growth 200000.00',
      'B example-2025-1/2.top3 166666.66 rank 2', // 200000 × 50/60, floored to the fen
      'C example-2025-1/1.growth 200000.00',
      'C example-2025-1/2.top3 83333.33 rank 3',
      'D example-2025-1/1.growth 100000.00',
      'T example-2025-1/3.training 50000.00', // 120 × 500 = 60000 > 每家每年最高5万元
    ]);
  });

  it('explains an award with its article and its own words', () => {
    const r = duixian('explain', input, '--subject', 'T', '--rule', `${ID}/3.training`, '--corpus', corpus);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('示例政办发〔2025〕1号');
    expect(r.stdout).toContain('年度培训电商人才人数');
    expect(r.stdout).toContain('50000.00');
  });

  it('shows its rules as sentences, with the words its folder declares', () => {
    const r = duixian('show', `${ID}/3.training`, '--corpus', corpus);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('每培训1人给予补贴500元');
    expect(r.stdout).toContain('电商培训机构');
  });

  it('the built-in corpus knows none of it: its fact key is refused there', () => {
    const r = duixian('evaluate', input, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('trainedPersons');
  });
});
