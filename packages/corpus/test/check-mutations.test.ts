/**
 * `duixian check` catches a figure or a word of the law typed wrong: each case copies the corpus,
 * changes exactly one thing, and expects exactly one problem naming the rule and the figure.
 */
import { describe, expect, it } from 'vitest';
import type { Corpus, Rule } from '@duixian/engine';
import { CORPUS, TEXTS } from '../src/index.js';
import { checkCorpus } from '../src/check.js';
import { chineseNumber, citedFigures } from '../src/cited-figures.js';
import { undeclaredWords } from '../src/declared.js';
import { figuresNotCited } from '../src/figures-in-cites.js';
import { ruleFigures } from '../src/encoded-figures.js';
import { notVerbatim, quotesOf } from '../src/verbatim.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mutation writes into the frozen shapes' copy
type Loose = any;

/** A deep copy of the corpus with one rule changed by `edit`. */
function mutated(id: string, edit: (rule: Loose) => void): Corpus {
  const copy = structuredClone(CORPUS) as Loose;
  const rule = copy.rules.find((r: Rule) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  edit(rule);
  return copy as Corpus;
}

const problemsOf = (corpus: Corpus): string[] => checkCorpus(corpus).problems.map((p) => `${p.where}: ${p.message}`);

describe('check: one mutation, one problem naming the rule and the figure', () => {
  const cases: ReadonlyArray<readonly [string, string, (r: Loose) => void, readonly string[]]> = [
    ['(a) a tier changed from 5万 to 6万', 'jiyang-2021-80/5.wholesale', (r) => { r.award.tiers[0].money = '6万元'; }, ['6万元 (award.tiers[0].money) is not in any cite']],
    // "500" is inside "5000": figures compare as values, never as strings
    ['(b) a threshold changed from 5000 m² to 500', 'jiyang-2021-80/1.cluster', (r) => { r.conditions[0].value = '500'; }, ['500 (conditions[0].value) is not in any cite']],
    ['(c) 以上 changed to 超过', 'jiyang-2021-80/1.cluster', (r) => { r.conditions[1].legal = '超过'; }, ['超过 (conditions[1].legal) does not govern 50 (conditions[1].value)']],
    ['达到 changed to 超过 where the cite has both 达到 and 以上', 'jiyang-2021-80/2.agri-sales', (r) => { r.conditions[0].legal = '超过'; }, ['超过 (conditions[0].legal) does not govern 100万元']],
    ['超过 changed to 不少于 on a USD threshold', 'jinan-2021-cbec/1.1.leader', (r) => { r.conditions[0].legal = '不少于'; }, ['不少于 (conditions[0].legal) does not govern 1000万美元']],
    ['a cite no longer verbatim (one space dropped)', 'jiyang-2021-80/1.cluster', (r) => { r.cites[0] = '面积达到5000 m²'; }, ['cites[0] "面积达到5000 m²" is not verbatim in the text of jiyang-2021-80']],
    ['a text no longer verbatim ("，" for ",")', 'jiyang-2021-80/7.supply-chain', (r) => { r.text = r.text.replace('的企业,', '的企业，'); }, ['text is not verbatim in the text of jiyang-2021-80 (after "整合农特产品供应链的企业" the rule has "，整合品牌达 5", the document ",整合品牌达 5")']],
    ['a pool text no longer verbatim', 'sd-2022-42/2.traffic', (r) => { r.pool.text = '全省补贴总额不超过 500万元'; }, ['pool.text is not verbatim in the text of sd-2022-42']],
    ['a cite from another article', 'jiyang-2021-80/4.logistics-centre', (r) => { r.cites.push('给予一次性奖励 20 万元'); }, ['cites[1] "给予一次性奖励 20 万元" is not in the rule\'s text']],
    ['超过 changed to 高于 on a comparison with the national average', 'sd-2022-42/1.share', (r) => { r.conditions[0].legal = '高于'; }, ['高于 (conditions[0].legal) is not in the rule\'s text']],
    ['an undeclared fact key', 'jiyang-2021-80/1.cluster', (r) => { r.conditions[0].compare.fact = 'areaSqm'; }, ['fact key "areaSqm" is not declared']],
    ['an undeclared tag', 'jiyang-2021-80/2.agri-sales', (r) => { r.recipient.tags = ['sellsBrandedAgriProduct']; }, ['tag "sellsBrandedAgriProduct" is not declared']],
    ['an undeclared subject kind', 'jiyang-2021-80/1.cluster', (r) => { r.recipient.kinds = ['cluster']; }, ['subject kind "cluster" is not declared']],
    ['a tier `to` changed', 'jiyang-2021-80/5.retail', (r) => { r.award.tiers[1].to = '5000万元'; }, ['5000万元 (award.tiers[1].to) is not in any cite']],
    ['a tier `from` changed on a count', 'jiyang-2021-80/7.live-base', (r) => { r.award.tiers[1].from = '30'; }, ['30 (award.tiers[1].from) is not in any cite']],
    ['a prize changed', 'dongying-2020-9/3.1.park', (r) => { r.award.prizes[1] = '60万元'; }, ['60万元 (award.prizes[1]) is not in any cite']],
    ['a pool cap changed', 'sd-2022-42/2.traffic', (r) => { r.pool.cap = '600万元'; }, ['600万元 (pool.cap) is not in any cite']],
    ['a per-unit amount changed', 'sd-2022-42/2.traffic', (r) => { r.award.perUnit.pay = '3元'; }, ['3元 (award.perUnit.pay) is not in any cite']],
    ['a cost-share cap changed', 'dongying-2020-9/3.5.contest', (r) => { r.award.costShare.itemCap = '6万元'; }, ['6万元 (award.costShare.itemCap) is not in any cite']],
    ['a rate changed', 'dongying-2020-9/3.5.contest', (r) => { r.award.costShare.rate = '70%'; }, ['70% (award.costShare.rate) is not in any cite']],
    ['前5位 changed to 前6位', 'sd-2022-42/1.growth', (r) => { r.conditions[2].rank.top = 6; }, ['前6 (conditions[2].rank.top) is not in any cite']],
    ['前三名 changed to 前4名 (the cite writes it in Chinese)', 'sd-2022-42/5.repatriated-shops', (r) => { r.conditions[0].rank.top = 4; }, ['前4 (conditions[0].rank.top) is not in any cite']],
    ['过亿元 changed to 过2亿元', 'jining-2022-54/2.county-honor', (r) => { r.conditions[0].anyOf[0].compare.value = '2亿元'; }, ['2亿元 (conditions[0].anyOf[0].compare.value) is not in any cite']],
  ];

  it.each(cases)('%s', (_name, id, edit, expected) => {
    const problems = problemsOf(mutated(id, edit));
    expect(problems).toHaveLength(1);
    for (const part of expected) expect(problems[0]).toContain(part);
    expect(problems[0]!.startsWith(`${id}: `)).toBe(true);
  });

  it('the unmutated corpus has no problem', () => {
    expect(problemsOf(CORPUS)).toEqual([]);
  });

  it('a validation\'s bound changed is named too', () => {
    const copy = structuredClone(CORPUS) as Loose;
    copy.validations[0].max = '2000万元';
    expect(problemsOf(copy)).toEqual([`${CORPUS.validations[0]!.id}: 2000万元 (max) is not in any cite of the rule — 规则引文中没有这个数：2000万元`]);
  });
});

describe('check: verbatim', () => {
  it('every quoted text of the corpus is verbatim in its document (nine rule texts were not: joined with "……" or missing a page break)', () => {
    expect(notVerbatim(quotesOf(CORPUS), TEXTS)).toEqual([]);
  });

  it('reads across the transcription\'s line and page breaks, and nowhere else', () => {
    const texts = { doc: '宣传推介发生的\n\n相关费用给予最高 50% 的补助' };
    expect(notVerbatim([{ id: 'doc/1', document: 'doc', quotes: [['text', '推介发生的相关费用给予最高 50% 的补助']] }], texts)).toEqual([]);
    expect(notVerbatim([{ id: 'doc/1', document: 'doc', quotes: [['text', '推介发生的相关费用给予最高50%的补助']] }], texts)).toHaveLength(1);
  });

  it('says where the words part from the document', () => {
    const [p] = notVerbatim([{ id: 'doc/1', document: 'doc', quotes: [['text', '对企业给予奖励,每家5万元']] }], { doc: '对企业给予奖励，每家5万元。' });
    expect(p?.message).toContain('after "对企业给予奖励" the rule has ",每家5万元", the document "，每家5万元。"');
  });

  it('reads the texts it is given, not only the built-in ones', () => {
    const texts = { ...TEXTS, 'jiyang-2021-80': TEXTS['jiyang-2021-80']!.replace('5000 m²', '6000 m²') };
    const problems = checkCorpus(CORPUS, { texts }).problems.map((p) => `${p.where}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^jiyang-2021-80\/1\.cluster: text is not verbatim/),
      expect.stringMatching(/^jiyang-2021-80\/1\.cluster: cites\[0\] "面积达到 5000 m²" is not verbatim/),
    ]);
  });
});

describe('check: declared words', () => {
  it('takes the declared words as a parameter', () => {
    const { area: _area, ...facts } = CORPUS.vocabulary.facts;
    const problems = undeclaredWords(CORPUS, { ...CORPUS.vocabulary, facts });
    expect(problems.map((p) => p.where)).toEqual(['jiyang-2021-80/1.cluster']);
    expect(problems[0]?.message).toContain('fact key "area" is not declared');
  });
});

describe('figures in a cite, by value', () => {
  const rule = (over: Partial<Rule>): Rule => ({
    id: 'doc/1', document: 'doc', article: '1', title: 't', text: '', cites: [], recipient: { kinds: ['enterprise'], label: 'x' }, conditions: [], award: { money: '20万元' }, ...over,
  });
  const problems = (r: Rule): string[] => figuresNotCited(r, ruleFigures(r, (k) => CORPUS.vocabulary.facts[k]?.unit)).map((p) => p.message);

  it.each(['给予一次性奖励 20 万元', '给予一次性奖励200000元', '奖励0.002亿元'])('20万元 is stated in "%s"', (cite) => {
    expect(problems(rule({ cites: [cite] }))).toEqual([]);
  });

  it.each(['奖励0.2亿元', '奖励2万元', '奖励120万元', '奖励20万美元', '入驻20家'])('20万元 is not stated in "%s"', (cite) => {
    expect(problems(rule({ cites: [cite] }))).toEqual(['20万元 (award.money) is not in any cite of the rule — 规则引文中没有这个数：20万元']);
  });

  it('a rate of 50% is not 50家', () => {
    expect(problems(rule({ cites: ['入驻50家'], award: { costShare: { facts: ['promotionAbroadCost'], rate: '50%' } } }))).toHaveLength(1);
  });

  it.each([
    ['以上', '年网络零售额达到100万元以上的', true],
    ['达到', '年网络零售额达到100万元以上的', true],
    ['超过', '年网络零售额达到100万元以上的', false],
    ['超过', '年网络零售额不超过100万元', false], // 超过 inside 不超过 is not 超过
    ['不超过', '年网络零售额不超过100万元', true],
    ['超过', '交易额超过100万元', true],
    ['超过', '交易额超过1亿元，网络零售额100万元以上', false], // another clause's word
    ['以上', '网络零售额100万元，1亿元以上', false], // 以上 follows another figure
    ['以上（含）', '达到100万元以上（含100万元）', true],
  ] as const)('%s governs 100万元 in "%s": %s', (word, cite, ok) => {
    const r = rule({ cites: [cite], conditions: [{ compare: { fact: 'onlineRetail' }, legal: word, value: '100万元' }], award: { honor: 'x' } });
    expect(problems(r)).toHaveLength(ok ? 0 : 1);
  });

  it('reads units, ranks and Chinese numerals', () => {
    const read = (s: string): string[] => citedFigures(s).map((f) => `${f.unit}:${f.value}`);
    expect(read('面积达到 5000 m²、入驻企业 50 家以上、1万家')).toEqual(['sqm:500000', 'count:50', 'count:10000']);
    expect(read('全省前三名；前 5 位；过亿元；80%以上；每件包裹')).toEqual(['rank:3', 'rank:5', 'yuan:10000000000', 'ratio:800000', 'count:1']);
    expect(['三', '十', '十五', '二十', '一百零五', '两'].map(chineseNumber)).toEqual(['3', '10', '15', '20', '105', '2']);
  });
});
