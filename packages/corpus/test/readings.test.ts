/**
 * The corpus declares its readings (corpus/readings.yaml, a document's own in its document.yaml)
 * and a run can switch a reading for one document only (issue 15, point 2). Amounts hand-computed:
 *   济阳 5 (电商批发零售): 年网络销售额 2000万元至1亿元 → 5万元；1亿元至6亿元 → 10万元. At exactly 1亿元,
 *   I-tier-range = lower-inclusive (default) reads 1亿元（含）至6亿元 → 10万元; upper-inclusive reads
 *   2000万元（不含）至1亿元（含） → 5万元.
 *   省 二 (流量补贴): 1亿元以上, 每1万元 2元: 1亿元 → 10000 units × 2元 = 2万元, with any I-tier-range.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, Run, type Dataset, type Subject } from '@duixian/engine';
import { CORPUS, LOADED, checkLoaded, corpusFromFiles, type FileProblem } from '@duixian/corpus';
import { unusedReadings } from '../src/readings.js';
import { problemsOf, withFile } from './corpus-files.js';

const YI = 100_000_000_00; // 1亿元 in fen
const WHOLESALE = 'jiyang-2021-80/5.wholesale';
const TRAFFIC = 'sd-2022-42/2.traffic';
const SORTING = 'sd-2022-42/11.sorting-centre';

const subjects: Subject[] = [
  { id: 'W', kind: 'enterprise', name: '济阳批发企业', region: '370115', tags: ['ecommerceWholesaleRetail'] },
  { id: 'T', kind: 'enterprise', name: '历下零售企业', region: '370102', tags: [] },
  { id: 'S', kind: 'sortingCentre', name: '分拨中心', region: '370102', tags: ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'] },
];
const dataset = (history: Dataset['history'] = []): Dataset => ({
  year: 2023, subjects, parameters: [], interpretations: {}, history,
  facts: [
    { subject: 'W', year: 2023, key: 'onlineSales', value: YI },
    { subject: 'T', year: 2023, key: 'physicalGoodsOnlineRetail', value: YI },
  ],
});
const amount = (out: ReturnType<typeof evaluate>, rule: string, subject: string) => out.awards.find((a) => a.rule === rule && a.subject === subject)?.amount;

describe('a reading switched for one document', () => {
  it('default: 济阳 at exactly 1亿元 is in 1亿元至6亿元 (10万元); the province pays 2万元', () => {
    const out = evaluate(CORPUS, dataset());
    expect([amount(out, WHOLESALE, 'W'), amount(out, TRAFFIC, 'T')]).toEqual(['100000.00', '20000.00']);
    expect(out.interpretations).toEqual({});
  });

  it('I-tier-range@jiyang-2021-80=upper-inclusive: 济阳 pays the lower tier (5万元), the province is unchanged', () => {
    const out = evaluate(CORPUS, dataset(), { interpretations: { 'I-tier-range@jiyang-2021-80': 'upper-inclusive' } });
    expect([amount(out, WHOLESALE, 'W'), amount(out, TRAFFIC, 'T')]).toEqual(['50000.00', '20000.00']);
    expect(out.interpretations).toEqual({ 'I-tier-range@jiyang-2021-80': 'upper-inclusive' });
  });

  it('the document\'s switch wins over the run\'s: every document upper-inclusive but 济阳 lower-inclusive → 10万元', () => {
    const out = evaluate(CORPUS, dataset(), { interpretations: { 'I-tier-range': 'upper-inclusive', 'I-tier-range@jiyang-2021-80': 'lower-inclusive' } });
    expect(amount(out, WHOLESALE, 'W')).toBe('100000.00');
    expect(out.interpretations).toEqual({ 'I-tier-range': 'upper-inclusive', 'I-tier-range@jiyang-2021-80': 'lower-inclusive' });
  });

  it('each explanation records its own document\'s reading', () => {
    const run = new Run(CORPUS, dataset(), { interpretations: { 'I-tier-range@jiyang-2021-80': 'upper-inclusive', 'I-once': 'per-year' } });
    const wholesale = run.explain('W', WHOLESALE);
    expect(wholesale.readings).toMatchObject({ 'I-tier-range': 'upper-inclusive', 'I-once': 'per-year' });
    expect(wholesale.steps.map((s) => s.text).join('\n')).toContain('2000万元（不含）至1亿元（含）');
    expect(run.explain('T', TRAFFIC).readings).not.toHaveProperty('I-tier-range');
  });

  it('I-once@jiyang-2021-80=per-year pays 济阳 again after an earlier year; the province\'s 一次性 stays withheld', () => {
    const history = [{ subject: 'W', rule: WHOLESALE, year: 2022, amount: 5_0000_00 }, { subject: 'S', rule: SORTING, year: 2022, amount: 300_0000_00 }];
    const plain = evaluate(CORPUS, dataset(history));
    expect(plain.withheld.filter((w) => w.subject !== 'T').map((w) => [w.rule, w.reason])).toEqual([[WHOLESALE, 'once'], [SORTING, 'once']]);
    const out = evaluate(CORPUS, dataset(history), { interpretations: { 'I-once@jiyang-2021-80': 'per-year' } });
    expect(amount(out, WHOLESALE, 'W')).toBe('100000.00');
    expect(out.withheld.map((w) => [w.rule, w.reason])).toEqual([[SORTING, 'once']]);
  });

  it.each([
    [{ 'I-tier-range@jiyang-2099-1': 'upper-inclusive' }, 'unknown document "jiyang-2099-1" in I-tier-range@jiyang-2099-1'],
    [{ 'I-tier-rang@jiyang-2021-80': 'upper-inclusive' }, 'unknown interpretation I-tier-rang (known: '],
    [{ 'I-tier-range@jiyang-2021-80': 'upper' }, 'I-tier-range: unknown value "upper" (one of lower-inclusive, upper-inclusive)'],
    [{ 'I-brand-item@jining-2022-54': 'applied' }, "I-brand-item is jiyang-2021-80's own reading"],
  ])('%j is refused, naming what is wrong', (interpretations, message) => {
    expect(() => evaluate(CORPUS, dataset(), { interpretations })).toThrow(message);
  });
});

describe('the readings are the corpus\'s', () => {
  it('the general ones from readings.yaml, each document\'s own from its folder, with their questions and meanings', () => {
    const r = CORPUS.readings!;
    expect(r['I-tier-range']).toMatchObject({ values: ['lower-inclusive', 'upper-inclusive'], question: '“A至B”档次的端点' });
    expect(r['I-split-year']!.values).toEqual(['year-end', 'year-start', 'pro-rata-days']);
    expect(r['I-jining-doc-exclusive']).toMatchObject({ documents: ['jining-2022-54'], values: ['document', 'group'] });
    expect(r['I-brand-item']).toMatchObject({ documents: ['jiyang-2021-80'], values: ['largest', 'applied'] });
    expect(r['I-brand-item']!.meanings).toHaveLength(2);
    expect(unusedReadings(CORPUS)).toEqual([]);
  });

  /** The loader's problems with one file changed: `from` (which must be there) replaced by `to`. */
  const problems = (path: string, from: string, to: string): FileProblem[] => problemsOf(changed(path, from, to));
  const changed = (path: string, from: string, to: string) => withFile(path, (s) => {
    if (!s.includes(from)) throw new Error(`${from} not in ${path}`);
    return s.replace(from, to);
  });

  it('a reading the engine implements but the corpus does not declare is a load error naming it', () => {
    const found = problems('readings.yaml', 'I-tier-range:\n', 'I-tier-ranges:\n');
    expect(found).toContainEqual(expect.objectContaining({ file: 'readings.yaml', field: 'I-tier-range', message: expect.stringContaining('missing: the engine reads I-tier-range') }));
    expect(found).toContainEqual(expect.objectContaining({ field: WHOLESALE, message: expect.stringContaining('I-tier-range, which the corpus does not declare') }));
  });

  it('a value the engine does not know is a load error at its line', () => {
    const found = problems('readings.yaml', '    largest-first:', '    smallest-first:');
    expect(found).toEqual([expect.objectContaining({ file: 'readings.yaml', field: 'I-pool.values.smallest-first', message: expect.stringContaining('one of pro-rata, largest-first') })]);
  });

  it('the document-wide value and the applied value must be values of the document\'s reading', () => {
    expect(problems('jining-2022-54/document.yaml', 'documentWide: document', 'documentWide: whole')).toEqual([
      expect.objectContaining({ file: 'jining-2022-54/document.yaml', field: 'exclusive.documentWide', message: '"whole" is not a value of I-jining-doc-exclusive: one of document, group' }),
    ]);
    expect(problems('jiyang-2021-80/rules.yaml', 'appliedWhen: applied', 'appliedWhen: chosen')).toEqual([
      expect.objectContaining({ field: 'jiyang-2021-80/3.agri-brand award.costShare.pick.appliedWhen', message: '"chosen" is not a value of I-brand-item: one of largest, applied' }),
    ]);
  });

  it('a document using another document\'s own reading is refused; a document reading may not take a general id', () => {
    const found = problems('jining-2022-54/document.yaml', 'interpretation: I-jining-doc-exclusive', 'interpretation: I-brand-item');
    expect(found.map((p) => p.field)).toContain('exclusive.documentWide');
    expect(problems('jiyang-2021-80/document.yaml', '  I-brand-item:\n', '  I-pool:\n')).toContainEqual(
      expect.objectContaining({ file: 'jiyang-2021-80/document.yaml', field: 'readings.I-pool', message: expect.stringContaining('already declared in readings.yaml') }),
    );
  });

  it('readings.yaml is required, and the corpus version covers the readings', () => {
    const without = new Map(LOADED.files);
    without.delete('readings.yaml');
    expect(problemsOf(without)).toEqual([expect.objectContaining({ file: 'readings.yaml', message: expect.stringContaining('missing') })]);
    expect(corpusFromFiles(changed('readings.yaml', 'question: 名次并列', 'question: 名次相同')).corpus.version).not.toBe(CORPUS.version);
  });

  it('duixian check reports a declared reading nothing uses', () => {
    const files = changed('readings.yaml', 'I-guo:\n', 'I-unused:\n  question: 无\n  values:\n    one: 一\nI-guo:\n');
    expect(unusedReadings(corpusFromFiles(files).corpus)).toEqual(['I-unused']);
  });
});

describe('duixian check on the readings', () => {
  it('names a declared reading no rule uses, where it is declared', () => {
    const files = new Map(LOADED.files);
    files.set('readings.yaml', `${files.get('readings.yaml')!}I-unused:\n  question: 无人问\n  values:\n    one: 一\n`);
    const { problems } = checkLoaded(corpusFromFiles(files));
    expect(problems.filter((p) => p.message.includes('I-unused'))).toEqual([{ where: 'readings.yaml', message: expect.stringContaining('I-unused is declared but no rule uses it') }]);
    expect(checkLoaded(LOADED).problems.filter((p) => p.message.includes('declared but no rule uses it'))).toEqual([]);
  }, 120_000);
});
