import { describe, expect, it } from 'vitest';
import type { Rule } from '@duixian/engine';
import {
  APPLICATION_RULES, AUTOMATIC_RULES, CORPUS, EVIDENCED_FACTS, EVIDENCED_TAGS, REGISTER_TAGS, STATISTICAL_FACTS,
  applicationMode, evidenceOf, ruleFactKeys, ruleTags,
} from '../src/index.js';
import { CORPUS_RULE_IDS } from '../../../test/catalogue.js';

const rule = (id: string): Rule => {
  const r = CORPUS.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

describe('the facts and tags each rule reads', () => {
  const facts: [string, string[]][] = [
    ['sd-2022-42/1.share', ['physicalGoodsOnlineRetail', 'totalRetailSales', 'physicalGoodsOnlineRetailShare']],
    ['sd-2022-42/2.traffic', ['physicalGoodsOnlineRetail']],
    ['sd-2022-42/3.relocation', ['conversionDate']],
    ['sd-2022-42/8.park-recommendation', ['onlineSales', 'enterpriseCount', 'panelScore']], // 综合评价: panel scores where given
    ['jining-2022-54/2.county-honor', ['physicalGoodsOnlineRetail', 'newEnterprisesOver100m', 'newEnterprisesOver50m']],
    ['dongying-2020-9/3.5.contest', ['contestEventCost']],
    ['jiyang-2021-80/3.agri-brand', ['onlineRetail', 'brandRegistrationCost', 'scCertificationCost', 'packagingDesignCost', 'appliedBrandCostItem']],
    ['jinan-2021-cbec/1.1.leader', ['crossBorderTransactionsUsd', 'crossBorderTransactions', 'cnyPerUsd']],
    ['jinan-2021-cbec/6.4.payment', []],
  ];
  it.each(facts)('%s reads %j', (id, keys) => {
    expect(ruleFactKeys(rule(id))).toEqual(keys);
  });

  it('reads recipient tags, any-of tags and excepted tags', () => {
    expect(ruleTags(rule('sd-2022-42/6.live-commerce'))).toEqual(['independentLegalPerson', 'newlyEstablished', 'mcn', 'liveTeam']);
    expect(ruleTags(rule('dongying-2020-9/3.5.promotion'))).toEqual(['costSubsidisedElsewhere']);
  });
});

describe('application (申报) or 免申即享', () => {
  const modes: [string, 'application' | 'automatic', string][] = [
    ['dongying-2020-9/3.5.promotion', 'application', 'a cost subsidy: invoices'],
    ['jiyang-2021-80/3.agri-brand', 'application', 'a cost subsidy, one item chosen'],
    ['sd-2022-42/10.hiring', 'application', 'hires and their social insurance'],
    ['jining-2022-54/2.national-title', 'application', 'a title’s certificate'],
    ['sd-2022-42/3.relocation', 'application', 'the date of the conversion'],
    ['sd-2022-42/11.sorting-centre', 'application', '300万元 on tags only the centre can show (一级分拨中心, coverage)'],
    ['jinan-2021-cbec/4.2.overseas-warehouse', 'application', 'an overseas warehouse no register shows'],
    ['jiyang-2021-80/6.product', 'application', 'an annual selection (评选) with panel scores'],
    ['sd-2022-42/2.traffic', 'automatic', 'the province’s traffic subsidy on 实物商品网络零售额'],
    ['jining-2022-54/2.retail-2023', 'automatic', 'the tier award on 实物商品网络零售额 of 纳统 enterprises'],
    ['jiyang-2021-80/5.retail', 'automatic', 'the tier award on 网络零售额'],
    ['sd-2022-42/1.growth', 'automatic', 'a city, on statistics'],
    ['jining-2022-54/1.retail', 'automatic', 'a county ranked by the city, even with panel scores'],
    ['dongying-2020-9/3.4.town', 'automatic', 'a town the city has certified'],
    ['jiyang-2021-80/5.title', 'automatic', 'the honour that comes with article 5'],
  ];
  it.each(modes)('%s → %s (%s)', (id, mode) => {
    expect(applicationMode(rule(id))).toBe(mode);
  });

  it('says what must be evidenced, and why', () => {
    expect(evidenceOf(rule('dongying-2020-9/3.5.promotion'))).toEqual([
      { kind: 'fact', key: 'promotionAbroadCost', label: '跨境推介费用', why: EVIDENCED_FACTS.promotionAbroadCost },
      { kind: 'fact', key: 'costSubsidisedElsewhere', label: CORPUS.vocabulary.facts['costSubsidisedElsewhere']!.label, why: EVIDENCED_FACTS.costSubsidisedElsewhere },
      { kind: 'tag', key: 'costSubsidisedElsewhere', label: CORPUS.vocabulary.tags['costSubsidisedElsewhere'], why: EVIDENCED_TAGS.costSubsidisedElsewhere },
    ]);
    expect(evidenceOf(rule('sd-2022-42/2.traffic'))).toEqual([]);
  });

  it('divides the corpus’s rules into the two lists, in corpus order', () => {
    expect([...APPLICATION_RULES, ...AUTOMATIC_RULES].sort()).toEqual(CORPUS.rules.map((r) => r.id).sort());
    expect(APPLICATION_RULES.filter((id) => AUTOMATIC_RULES.includes(id))).toEqual([]);
    // issue 14 added 5 that need evidence (七 转内销, 济宁 六/七 推荐, 济南 三(三)3, 四(三)) and 3 that do not
    // (东营 二(四) title and recommendation of certified towns and villages, 济南 三(二)2 next year)
    // counted over the five documents of the catalogue (any other document of the corpus has its own)
    const ofTheFive = (ids: readonly string[]) => ids.filter((id) => CORPUS_RULE_IDS.includes(id));
    expect(ofTheFive(APPLICATION_RULES)).toHaveLength(40);
    expect(ofTheFive(AUTOMATIC_RULES)).toHaveLength(26);
    expect(APPLICATION_RULES).toEqual(CORPUS.rules.map((r) => r.id).filter((id) => APPLICATION_RULES.includes(id)));
  });

  it('classifies every fact key and every tag exactly once', () => {
    for (const k of Object.keys(CORPUS.vocabulary.facts)) expect([k in EVIDENCED_FACTS, k in STATISTICAL_FACTS].filter(Boolean), k).toHaveLength(1);
    for (const t of Object.keys(CORPUS.vocabulary.tags)) expect([t in EVIDENCED_TAGS, t in REGISTER_TAGS].filter(Boolean), t).toHaveLength(1);
  });

  it('counts among the evidenced facts those the brief names', () => {
    for (const k of ['promotionAbroadCost', 'annualFee1688', 'contestEventCost', 'brandRegistrationCost', 'scCertificationCost', 'packagingDesignCost', 'exportLiveServiceFee',
      'nationalTitle', 'nationalBaseTitle', 'trainedHireInsuredMonths', 'conversionDate', 'appliedBrandCostItem', 'panelScore', 'loanAmount']) {
      expect(EVIDENCED_FACTS, k).toHaveProperty(k);
    }
    for (const k of ['onlineRetail', 'physicalGoodsOnlineRetail', 'crossBorderTransactions']) expect(STATISTICAL_FACTS, k).toHaveProperty(k);
  });
});
