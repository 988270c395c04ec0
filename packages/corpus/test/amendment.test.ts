/**
 * A mid-year amendment written as two document folders (test/fixtures/amendment: 〔2024〕9号 amends
 * 第一条 of 〔2024〕1号 from 2024-07-01, 20万元 → 30万元), added to the corpus with nothing else
 * touched: it passes check, and its cases decide 2024 once under each value of I-split-year.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '@duixian/engine';
import { LOADED, checkLoaded, corpusFromFiles, parseCases, toDataset } from '@duixian/corpus';

const FIXTURES = new URL('../../../test/fixtures/amendment/', import.meta.url).pathname;

const withFixtures = () => {
  const files = new Map(LOADED.files);
  for (const e of readdirSync(FIXTURES, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) files.set(relative(FIXTURES, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), 'utf8'));
  }
  return corpusFromFiles(files);
};

describe('a mid-year amendment as document folders', () => {
  const loaded = withFixtures();

  it('loads both versions and passes check, its cases included', () => {
    expect(loaded.corpus.documents.find((d) => d.id === 'example-2024-b')?.amends).toEqual({ document: 'example-2024-a', from: '2024-07-01', articles: ['一'] });
    expect(checkLoaded(loaded).problems).toEqual([]);
    expect(Object.keys(loaded.caseFiles['example-2024-b'] ?? {})).toEqual(['split-year.yaml']);
  });

  it.each([
    ['year-end', 'example-2024-b/1.award', '300000.00'],
    ['year-start', 'example-2024-a/1.award', '200000.00'],
    ['pro-rata-days', 'example-2024-b/1.award', '250273.22'], // ⌊(20万 × 182 + 30万 × 184) ÷ 366⌋
  ])('I-split-year=%s: 2024 is decided once, by %s, %s', (reading, rule, amount) => {
    const [c] = parseCases(loaded.caseFiles['example-2024-b']!['split-year.yaml']!);
    const out = evaluate(loaded.corpus, { ...toDataset(c!, loaded.corpus.vocabulary), interpretations: { 'I-split-year': reading } }, { year: 2024 });
    const mine = out.awards.filter((a) => a.rule.startsWith('example-2024-'));
    expect(mine.map((a) => `${a.subject} ${a.rule} ${a.amount}`)).toEqual([`E1 ${rule} ${amount}`]);
  });
});
