/**
 * Law over time (issue 15, point 3), on documents written here, not the real corpus: a mid-year
 * amendment decided by one version under each value of I-split-year, both sides of the split
 * date, an amendment of one article, dated figures, a document's budget and a group across
 * documents. Every amount is computed by hand in the comment beside it.
 *
 * 2024 has 366 days; an amendment from 2024-07-01 leaves the old version 182 days (Jan–Jun) and
 * gives the new one 184 (Jul–Dec). pro-rata-days: 20万元 × 182/366 + 30万元 × 184/366
 *   = (20,000,000 × 182 + 30,000,000 × 184) / 366 fen = 9,160,000,000 / 366 = 25,027,322.40…
 *   → 25,027,322 fen = 250273.22 元 (floored once; flooring each share, 9,945,355 + 15,081,967,
 *   gives the same here, but not when a figure is unchanged: see "floored once" below).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, Run, versionProblems, type Corpus, type Dataset, type ExclusiveGroup, type PolicyDocument, type Rule } from '@duixian/engine';
import { WORDS } from './vocabulary.js';

const OLD: PolicyDocument = {
  id: 'old', number: '测政发〔2023〕1号', title: '旧办法（合成）', issuer: '370000', issuerName: '测试省',
  validFrom: '2023-01-01', validTo: '2025-12-31', funder: '370000', funderName: '省财政',
};
const amending = (from: string, articles?: readonly string[]): PolicyDocument => ({
  id: 'new', number: '测政发〔2024〕9号', title: '新办法（合成）', issuer: '370000', issuerName: '测试省',
  validFrom: from, validTo: '2026-12-31', funder: '370000', funderName: '省财政',
  amends: { document: 'old', from, ...(articles ? { articles } : {}) },
});

/** 网络零售额 `threshold`以上的企业，给予 `money`. */
const retailRule = (id: string, article: string, threshold: string, money: string, extra: Partial<Rule> = {}): Rule => ({
  id, document: id.slice(0, id.indexOf('/')), article, title: '网络零售奖励', text: `网络零售额${threshold}以上的企业，给予${money}奖励`,
  cites: [threshold, money], recipient: { kinds: ['enterprise'], label: '企业' },
  conditions: [{ compare: { fact: 'onlineRetail' }, legal: '以上', value: threshold }],
  award: { money }, ...extra,
});

const OLD_RETAIL = retailRule('old/5.retail', '五', '1000万元', '20万元');
const NEW_RETAIL = retailRule('new/5.retail', '五', '2000万元', '30万元');
const OLD_TITLE = retailRule('old/6.title', '六', '100万元', '5万元');

const corpus = (documents: PolicyDocument[], rules: Rule[], groups: ExclusiveGroup[] = []): Corpus => ({ version: 'time-test', documents, rules, groups, validations: [], vocabulary: WORDS });
/** The old document amended from `from` (all of it, or the listed articles). */
const amended = (from: string, articles?: readonly string[]): Corpus => corpus([OLD, amending(from, articles)], [OLD_RETAIL, OLD_TITLE, NEW_RETAIL]);

const WAN = 1_0000_00; // fen in 1万元
const dataset = (year: number, retail: Record<string, number>, readings: Record<string, string> = {}, history: Dataset['history'] = []): Dataset => ({
  year,
  subjects: Object.keys(retail).map((id) => ({ id, kind: 'enterprise' as const, name: id, region: '370102', tags: [] })),
  facts: Object.entries(retail).map(([subject, wan]) => ({ subject, year, key: 'onlineRetail' as const, value: wan * WAN })),
  history, parameters: [], interpretations: readings,
});
/** Award rows by subject, then rule (the output's own order is by rule). */
const bySubject = (rows: string[][]) => rows.sort((a, b) => (a.join() < b.join() ? -1 : 1));
const moneyOf = (c: Corpus, ds: Dataset) => bySubject(evaluate(c, ds).awards.filter((a) => a.type === 'money').map((a) => [a.subject, a.rule, a.amount!]));
const SPLIT = { 'I-split-year': 'year-end' };
const START = { 'I-split-year': 'year-start' };
const PRO = { 'I-split-year': 'pro-rata-days' };

describe('a mid-year amendment is decided by one version (I-split-year)', () => {
  // E1: 2500万元 qualifies under both versions; E2: 1500万元 only under the old one (1000万元以上, not 2000万元以上)
  it.each([
    ['year-end (the default)', {}, [['E1', 'new/5.retail', '300000.00'], ['E1', 'old/6.title', '50000.00'], ['E2', 'old/6.title', '50000.00']]],
    ['year-end', SPLIT, [['E1', 'new/5.retail', '300000.00'], ['E1', 'old/6.title', '50000.00'], ['E2', 'old/6.title', '50000.00']]],
    ['year-start', START, [['E1', 'old/5.retail', '200000.00'], ['E1', 'old/6.title', '50000.00'], ['E2', 'old/5.retail', '200000.00'], ['E2', 'old/6.title', '50000.00']]],
    // E2: 20万元 × 182/366 = 9,945,355.19… fen → 99453.55; its new-version share counts 0
    ['pro-rata-days', PRO, [['E1', 'new/5.retail', '250273.22'], ['E1', 'old/6.title', '50000.00'], ['E2', 'new/5.retail', '99453.55'], ['E2', 'old/6.title', '50000.00']]],
  ])('%s: 2024 pays once, under one version', (_, readings, expected) => {
    // old/6.title is untouched by an amendment of article 五 only, and runs on
    expect(moneyOf(amended('2024-07-01', ['五']), dataset(2024, { E1: 2500, E2: 1500 }, readings))).toEqual(expected);
  });

  it('before the fix both versions paid 2024 in full: the old rule is not in force under year-end and says which version decides', () => {
    const run = new Run(amended('2024-07-01', ['五']), dataset(2024, { E1: 2500 }), { explain: true });
    const e = run.explain('E1', 'old/5.retail');
    expect(e.outcome).toBe('not-in-force');
    expect(e.steps[0]!.text).toBe('测政发〔2023〕1号 第五条 有效期 2023-01-01 至 2024-06-30（自2024-07-01起由测政发〔2024〕9号修订）；'
      + '2024年自2024-07-01起由测政发〔2024〕9号修订（由 new/5.retail 接续）；按12月31日有效的版本决定全年：由 new/5.retail 决定，本版本不适用（I-split-year=year-end）');
    const kept = run.explain('E1', 'new/5.retail');
    expect(kept.outcome).toBe('award');
    expect(kept.readings['I-split-year']).toBe('year-end');
    expect(kept.steps[0]!.text).toContain('按12月31日有效的版本决定全年：本版本');
  });

  it('pro-rata-days explains each version\'s share, naming its document and article, and the subject eligible only under the old one gets its share', () => {
    const run = new Run(amended('2024-07-01'), dataset(2024, { E1: 2500, E2: 1500 }, PRO), { explain: true });
    const both = run.explain('E1', 'new/5.retail');
    expect(both.summary).toBe('金额 250273.22 元');
    const shares = both.steps.filter((s) => s.kind === 'compute' && (s.data?.['days'] !== undefined || String(s.text).startsWith('按日折算')));
    expect(shares.map((s) => s.text)).toEqual([
      '测政发〔2023〕1号 第五条（old/5.retail）2024-01-01 至 2024-06-30，182天：本版本金额 20万元 × 182/366',
      '测政发〔2024〕9号 第五条（new/5.retail）2024-07-01 至 2024-12-31，184天：本版本金额 30万元 × 184/366',
      '按日折算（I-split-year=pro-rata-days）：(20万元×182 + 30万元×184) ÷ 366 = 25.027322万元（合计后不足一分舍去）',
    ]);
    const old = run.explain('E2', 'new/5.retail');
    expect(old.outcome).toBe('award');
    expect(old.summary).toBe('金额 99453.55 元');
    expect(old.steps.find((s) => s.data?.['rule'] === 'new/5.retail')!.text).toContain('不符合本版本条件（');
    expect(run.explain('E1', 'old/5.retail').steps[0]!.text).toContain('本版本182天的份额计入 new/5.retail 的奖励');
  });

  // both sides of the split date: amending from 1 January splits nothing; from 2 January the old version holds one day
  it.each([
    ['2024-01-01', 2023, {}, [['E1', 'old/5.retail', '200000.00']]],
    ['2024-01-01', 2024, START, [['E1', 'new/5.retail', '300000.00']]],
    ['2024-01-01', 2024, PRO, [['E1', 'new/5.retail', '300000.00']]],
    ['2024-01-02', 2024, SPLIT, [['E1', 'new/5.retail', '300000.00']]],
    ['2024-01-02', 2024, START, [['E1', 'old/5.retail', '200000.00']]],
    // (20万元 × 1 + 30万元 × 365) / 366 = 10,970,000,000 / 366 fen = 29,972,677.59… → 299726.77
    ['2024-01-02', 2024, PRO, [['E1', 'new/5.retail', '299726.77']]],
    // (20万元 × 365 + 30万元 × 1) / 366 = 7,330,000,000 / 366 fen = 20,027,322.40… → 200273.22
    ['2024-12-31', 2024, PRO, [['E1', 'new/5.retail', '200273.22']]],
    ['2024-12-31', 2024, SPLIT, [['E1', 'new/5.retail', '300000.00']]],
    ['2024-12-31', 2024, START, [['E1', 'old/5.retail', '200000.00']]],
    ['2025-01-01', 2024, SPLIT, [['E1', 'old/5.retail', '200000.00']]],
    ['2025-01-01', 2024, PRO, [['E1', 'old/5.retail', '200000.00']]],
    ['2025-01-01', 2025, START, [['E1', 'new/5.retail', '300000.00']]],
  ])('amended from %s, year %s, %o', (from, year, readings, expected) => {
    const c = corpus([OLD, amending(from)], [OLD_RETAIL, NEW_RETAIL]);
    expect(moneyOf(c, dataset(year, { E1: 2500 }, readings))).toEqual(expected);
  });

  it('an amendment of one article leaves the others running to the old document\'s own end; a superseding one stops them all', () => {
    const ds = (year: number) => dataset(year, { E1: 2500 });
    expect(moneyOf(amended('2024-07-01', ['五']), ds(2025))).toEqual([['E1', 'new/5.retail', '300000.00'], ['E1', 'old/6.title', '50000.00']]);
    expect(moneyOf(amended('2024-07-01'), ds(2025))).toEqual([['E1', 'new/5.retail', '300000.00']]);
    // superseded mid-2024 with no successor for 第六条: year-end has no version of it on 31 December, year-start keeps the old one
    expect(moneyOf(amended('2024-07-01'), ds(2024)).filter(([, r]) => r === 'old/6.title')).toEqual([]);
    expect(moneyOf(amended('2024-07-01'), dataset(2024, { E1: 2500 }, START)).filter(([, r]) => r === 'old/6.title')).toEqual([['E1', 'old/6.title', '50000.00']]);
    // pro-rata: its own 182 days, 5万元 × 182/366 = 910,000,000 / 366 fen = 2,486,338.79… → 24863.38
    expect(moneyOf(amended('2024-07-01'), dataset(2024, { E1: 2500 }, PRO)).filter(([, r]) => r === 'old/6.title')).toEqual([['E1', 'old/6.title', '24863.38']]);
  });

  it('a renumbered article continues the old one by `continues`, and stops it even when the amendment lists other articles', () => {
    const renumbered = retailRule('new/8.online', '八', '2000万元', '30万元', { continues: 'old/5.retail' });
    const c = corpus([OLD, amending('2024-07-01', ['六'])], [OLD_RETAIL, renumbered]);
    expect(moneyOf(c, dataset(2024, { E1: 2500 }))).toEqual([['E1', 'new/8.online', '300000.00']]);
    expect(moneyOf(c, dataset(2024, { E1: 2500 }, PRO))).toEqual([['E1', 'new/8.online', '250273.22']]);
  });

  it('days no version holds pay nothing: amended from 2024-07-01 by a document in force only from 2025', () => {
    const late: PolicyDocument = { ...amending('2024-07-01'), validFrom: '2025-01-01' };
    const c = corpus([OLD, late], [OLD_RETAIL, NEW_RETAIL]);
    const ds = (readings: Record<string, string>) => dataset(2024, { E1: 2500 }, readings);
    expect(moneyOf(c, ds(SPLIT))).toEqual([]);
    expect(new Run(c, ds(SPLIT)).explain('E1', 'old/5.retail').steps[0]!.text).toContain('12月31日无本项的有效版本，本版本不适用');
    expect(moneyOf(c, ds(START))).toEqual([['E1', 'old/5.retail', '200000.00']]);
    // the old version's 182 days alone: 20万元 × 182/366 → 99453.55
    expect(moneyOf(c, ds(PRO))).toEqual([['E1', 'old/5.retail', '99453.55']]);
  });

  it('an award the old version already granted for the year counts for the new one: year-end pays only the difference (30万元 − 20万元)', () => {
    const granted = [{ subject: 'E1', rule: 'old/5.retail', year: 2024, amount: 20 * WAN }];
    const run = new Run(amended('2024-07-01', ['五']), dataset(2024, { E1: 2500 }, {}, granted), { explain: true });
    expect(run.result().awards.filter((a) => a.rule.endsWith('5.retail')).map((a) => [a.rule, a.amount])).toEqual([['new/5.retail', '100000.00']]);
    expect(run.explain('E1', 'new/5.retail').steps.find((s) => s.kind === 'exclusive')!.text).toContain('2024年 old/5.retail（20万元）');
    // a grant of an earlier year is another year's award: the new version pays 2025 in full
    expect(moneyOf(amended('2024-07-01', ['五']), dataset(2025, { E1: 2500 }, {}, granted)).filter(([, r]) => r?.endsWith('5.retail'))).toEqual([['E1', 'new/5.retail', '300000.00']]);
  });

  it('一次性: a once-only award granted under the old version is not given again under the version that continues it', () => {
    const c = corpus([OLD, amending('2024-07-01')], [{ ...OLD_RETAIL, once: true }, { ...NEW_RETAIL, once: true }]);
    const out = evaluate(c, dataset(2025, { E1: 2500 }, {}, [{ subject: 'E1', rule: 'old/5.retail', year: 2023, amount: 20 * WAN }]));
    expect(out.awards).toEqual([]);
    expect(out.withheld.map((w) => [w.rule, w.reason])).toEqual([['new/5.retail', 'once']]);
  });

  it('versions that continue each other in a circle are refused, naming them', () => {
    const a = retailRule('old/5.retail', '五', '1000万元', '20万元', { continues: 'new/5.retail' });
    expect(() => evaluate(corpus([OLD, amending('2024-07-01')], [a, NEW_RETAIL]), dataset(2024, { E1: 2500 }))).toThrow('continues forms a cycle: old/5.retail → new/5.retail → old/5.retail');
  });

  it('floored once: a figure the amendment left unchanged pays exactly that figure under pro-rata-days (20万元, not 199999.99)', () => {
    const same = retailRule('new/5.retail', '五', '2000万元', '20万元');
    // per share: ⌊20,000,000 × 182 / 366⌋ + ⌊20,000,000 × 184 / 366⌋ = 9,945,355 + 10,054,644 = 19,999,999 fen
    expect(moneyOf(corpus([OLD, amending('2024-07-01')], [OLD_RETAIL, same]), dataset(2024, { E1: 2500 }, PRO))).toEqual([['E1', 'new/5.retail', '200000.00']]);
  });
});

describe('a corpus\'s versions are checked before any run', () => {
  it('names an amended document or continued rule that does not exist, a rule continuing one of its own document, and a dated figure the rule has no place for', () => {
    const bad = corpus([OLD, { ...amending('2024-07-01'), amends: { document: 'nowhere', from: '2024-07-01' } }], [
      OLD_RETAIL,
      retailRule('new/5.retail', '五', '2000万元', '30万元', { continues: 'old/9.gone' }),
      retailRule('new/6.same', '六', '2000万元', '30万元', { continues: 'new/5.retail' }),
      retailRule('new/7.dated', '七', '2000万元', '30万元', { dated: [{ from: '2025-01-01', set: { amount: '四十万', pay: '2元' } }] }),
    ]);
    expect(versionProblems(bad)).toEqual([
      'new: amends.document "nowhere" is not a document of the corpus',
      'new/5.retail: continues "old/9.gone", which is not a rule of the corpus',
      'new/6.same: continues "new/5.retail" of its own document; a rule continues one of the document it amends',
      expect.stringMatching(/^new\/7\.dated: dated 2025-01-01 amount: /),
      'new/7.dated: dated 2025-01-01 pay: the rule pays no amount per unit',
    ]);
    expect(versionProblems(amended('2024-07-01'))).toEqual([]);
  });
});

describe('dated figures (OpenFisca-style) are versions of one rule', () => {
  const dated = corpus([OLD], [retailRule('old/5.retail', '五', '1000万元', '20万元', { dated: [{ from: '2024-07-01', set: { amount: '30万元', threshold: '2000万元' } }] })]);
  it.each([
    [2023, {}, [['E1', 'old/5.retail', '200000.00'], ['E2', 'old/5.retail', '200000.00']]],
    [2024, SPLIT, [['E1', 'old/5.retail', '300000.00']]],
    [2024, START, [['E1', 'old/5.retail', '200000.00'], ['E2', 'old/5.retail', '200000.00']]],
    [2024, PRO, [['E1', 'old/5.retail', '250273.22'], ['E2', 'old/5.retail', '99453.55']]],
    [2025, START, [['E1', 'old/5.retail', '300000.00']]],
  ])('%s %o', (year, readings, expected) => {
    expect(moneyOf(dated, dataset(year, { E1: 2500, E2: 1500 }, readings))).toEqual(expected);
  });

  it('the validity step says which day\'s figures decide', () => {
    const e = new Run(dated, dataset(2024, { E1: 2500 })).explain('E1', 'old/5.retail');
    expect(e.steps[0]!.text).toContain('2024年自2024-07-01起amount 为 30万元、threshold 为 2000万元');
    expect(e.steps[0]!.text).toContain('按12月31日有效的版本决定全年：本版本（数额：自2024-07-01起amount 为 30万元、threshold 为 2000万元）');
  });
});

describe('a document-wide budget (年度资金总额不超过50万元) is one pool over its money awards', () => {
  const BUDGET: PolicyDocument = { ...OLD, id: 'budget', budget: { cap: '50万元', text: '年度资金总额不超过50万元', article: '九' } };
  const c = corpus([BUDGET], [retailRule('budget/1.big', '一', '1000万元', '30万元'), retailRule('budget/2.small', '二', '100万元', '20万元')]);
  // E1 and E2 both qualify for both: 30 + 20 + 30 + 20 = 100万元 asked of 50万元
  it.each([
    ['pro-rata', {}, [['E1', 'budget/1.big', '150000.00'], ['E1', 'budget/2.small', '100000.00'], ['E2', 'budget/1.big', '150000.00'], ['E2', 'budget/2.small', '100000.00']], []],
    // largest first: E1's 30万元, then E2's 30万元 gets the 20万元 left; both 20万元 awards get nothing
    ['largest-first', { 'I-pool': 'largest-first' }, [['E1', 'budget/1.big', '300000.00'], ['E2', 'budget/1.big', '200000.00']], [['E1', 'budget/2.small'], ['E2', 'budget/2.small']]],
  ])('%s', (_, readings, awards, withheld) => {
    const out = evaluate(c, dataset(2024, { E1: 2500, E2: 2500 }, readings));
    expect(bySubject(out.awards.map((a) => [a.subject, a.rule, a.amount!]))).toEqual(awards);
    expect(out.withheld.map((w) => [w.subject, w.rule, w.reason])).toEqual(withheld.map((w) => [...w, 'pool']));
    expect(out.pools).toEqual([{ rule: 'budget', budget: true, cap: '500000.00', requested: '1000000.00', granted: '500000.00' }]);
    expect(out.awards.every((a) => a.interpretations.includes('I-pool'))).toBe(true);
  });

  it('earlier grants of the year use the budget first (10万元 granted → 40万元 shared), and the explanation names the document and article', () => {
    const history = [{ subject: 'H1', rule: 'budget/2.small', year: 2024, amount: 10 * WAN }];
    const run = new Run(c, dataset(2024, { E1: 2500, E2: 2500, H1: 0 }, {}, history), { explain: true });
    const out = run.result();
    // 40万元 / 100万元: 30万元 → 12万元, 20万元 → 8万元
    expect(bySubject(out.awards.map((a) => [a.subject, a.rule, a.amount!]))).toEqual([
      ['E1', 'budget/1.big', '120000.00'], ['E1', 'budget/2.small', '80000.00'], ['E2', 'budget/1.big', '120000.00'], ['E2', 'budget/2.small', '80000.00'],
    ]);
    expect(out.pools).toEqual([{ rule: 'budget', budget: true, cap: '500000.00', requested: '1000000.00', granted: '400000.00', grantedBefore: '100000.00' }]);
    expect(run.explain('E1', 'budget/1.big').steps.find((s) => s.kind === 'pool')!.text).toContain('测政发〔2023〕1号 第九条：年度资金总额不超过50万元');
  });

  it('a rule\'s own pool comes first, the budget shares what it granted', () => {
    const pooled = corpus([BUDGET], [retailRule('budget/1.big', '一', '1000万元', '30万元', { pool: { cap: '30万元', text: '本项总额不超过30万元' } }), retailRule('budget/2.small', '二', '100万元', '20万元')]);
    // the pool halves 1.big to 15万元 each; then 15 + 20 + 15 + 20 = 70万元 of 50万元: × 5/7
    // 15万元 × 5/7 = 107142.857… → 107142.85; 20万元 × 5/7 = 142857.142… → 142857.14
    const out = evaluate(pooled, dataset(2024, { E1: 2500, E2: 2500 }));
    expect(bySubject(out.awards.map((a) => [a.subject, a.rule, a.amount!]))).toEqual([
      ['E1', 'budget/1.big', '107142.85'], ['E1', 'budget/2.small', '142857.14'], ['E2', 'budget/1.big', '107142.85'], ['E2', 'budget/2.small', '142857.14'],
    ]);
  });
});

describe('exclusivity across documents (同一事项不重复享受)', () => {
  const PROVINCE: PolicyDocument = { ...OLD, id: 'prov' };
  const CITY: PolicyDocument = { ...OLD, id: 'city', number: '测市发〔2023〕3号', issuer: '370100', issuerName: '测试市', funder: '370100', funderName: '市财政' };
  const group: ExclusiveGroup = { id: 'city/9', document: 'city', article: '九', rules: ['prov/1.retail', 'city/2.retail'], text: '同一事项已享受省级奖励的，市级不重复奖励，就高不就低' };
  const c = corpus([PROVINCE, CITY], [
    retailRule('prov/1.retail', '一', '1000万元', '10万元', { exclusiveGroup: 'city/9' }),
    retailRule('city/2.retail', '二', '2000万元', '15万元', { exclusiveGroup: 'city/9' }),
  ], [group]);

  it('keeps the higher award of either document and the withheld one names the declaring document and article', () => {
    const run = new Run(c, dataset(2024, { E1: 2500, E2: 1500 }), { explain: true });
    const out = run.result();
    expect(out.awards.map((a) => [a.subject, a.rule, a.amount, a.funder])).toEqual([['E1', 'city/2.retail', '150000.00', '370100'], ['E2', 'prov/1.retail', '100000.00', '370000']]);
    expect(out.withheld.map((w) => [w.subject, w.rule, w.reason, w.group, w.keptRule])).toEqual([['E1', 'prov/1.retail', 'exclusive', 'city/9', 'city/2.retail']]);
    expect(run.explain('E1', 'prov/1.retail').summary).toBe('测市发〔2023〕3号 第九条（跨文件）：同一事项已享受省级奖励的，市级不重复奖励，就高不就低（I-exclusive=highest）：该主体同时符合 city/2.retail（15万元），就高保留该项，本项（10万元）不予重复给予');
  });

  it('a province award already granted limits the city award to the difference (I-group-history=top-up), in the declaring document\'s words', () => {
    const history = [{ subject: 'E1', rule: 'prov/1.retail', year: 2024, amount: 10 * WAN }];
    const run = new Run(c, dataset(2024, { E1: 2500 }, {}, history), { explain: true });
    expect(run.result().awards.map((a) => [a.rule, a.amount])).toEqual([['city/2.retail', '50000.00']]);
    expect(run.explain('E1', 'city/2.retail').steps.find((s) => s.kind === 'exclusive')!.text).toContain('测市发〔2023〕3号 第九条（跨文件）');
  });
});

describe('two versions never both pay for one year', () => {
  const day = fc.integer({ min: 1, max: 365 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const wan = fc.integer({ min: 1, max: 100_000 });
  it('for any split date, amounts, thresholds and reading: at most one award per subject, never above the larger version\'s amount', () => {
    fc.assert(fc.property(day, wan, wan, wan, wan, fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('year-end', 'year-start', 'pro-rata-days'),
      (from, oldPay, newPay, oldBar, newBar, retail, reading) => {
        const c = corpus([OLD, amending(from)], [retailRule('old/5.retail', '五', `${oldBar}万元`, `${oldPay}万元`), retailRule('new/5.retail', '五', `${newBar}万元`, `${newPay}万元`)]);
        const subjects = Object.fromEntries(retail.map((v, k) => [`E${k}`, v]));
        const out = evaluate(c, dataset(2024, subjects, { 'I-split-year': reading }));
        for (const [id, v] of Object.entries(subjects)) {
          const mine = out.awards.filter((a) => a.subject === id);
          expect(mine.length).toBeLessThanOrEqual(1);
          const due = { old: v >= oldBar ? oldPay : 0, new: v >= newBar ? newPay : 0 };
          const paid = mine.length ? Number(mine[0]!.amount) : 0;
          // the version holding the deciding day pays its own amount; pro-rata lies between 0 and the larger one
          if (reading === 'year-end') expect(paid).toBe(due.new * 10_000);
          else if (reading === 'year-start') expect(paid).toBe(due.old * 10_000);
          else expect(paid).toBeLessThanOrEqual(Math.max(due.old, due.new) * 10_000);
        }
      }), { numRuns: 150 });
  });
});
