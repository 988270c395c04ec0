import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { CATALOGUE_RULE_IDS } from '../../../test/catalogue.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isFactKey, parseQuantity, usccProblem } from '@duixian/engine';
import { childrenOf, cityOf, KNOWN, region, REGIONS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { SHOWCASE, generateDemo, serializeDemo, writeDemoFile, type DemoDataset } from '../src/demo/index.js';
import { factJson } from '../src/demo/write.js';

// ---------------------------------------------------------------- reading the generated data
/** the demo is Shandong's: it speaks the built-in corpus's words */
const { facts: FACT_KEYS, tags: TAGS, kinds: SUBJECT_KINDS } = VOCABULARY;
const FEN = { wan: 1_000_000, yi: 10_000_000_000 }; // 1万元, 1亿元 in fen
const PCT = 10_000; // 1% in millionths

class View {
  readonly byId = new Map<string, DemoDataset['subjects'][number]>();
  private readonly values = new Map<string, number>();
  private readonly items = new Map<string, { item: string; value: number }[]>();
  constructor(readonly d: DemoDataset) {
    for (const s of d.subjects) this.byId.set(s.id, s);
    for (const f of d.facts) {
      const p = parseQuantity(f.value, FACT_KEYS[f.key]!.unit);
      if (!p.ok) throw new Error(`${f.subject} ${f.key}: ${p.error}`);
      const k = `${f.subject}|${f.key}|${f.year}`;
      this.values.set(k, (this.values.get(k) ?? 0) + p.value);
      if (f.item !== undefined) this.items.set(k, [...(this.items.get(k) ?? []), { item: f.item, value: p.value }]);
    }
  }
  get year(): number {
    return this.d.year;
  }
  v(id: string, key: string, y = this.year): number | undefined {
    return this.values.get(`${id}|${key}|${y}`);
  }
  itemsOf(id: string, key: string, y = this.year): { item: string; value: number }[] {
    return this.items.get(`${id}|${key}|${y}`) ?? [];
  }
  has(id: string, tag: string): boolean {
    return this.byId.get(id)?.tags?.includes(tag as never) ?? false;
  }
  /** subjects of a kind, optionally inside a city or at one county */
  of(kind: string, within?: string): string[] {
    return this.d.subjects
      .filter((s) => s.kind === kind && (within === undefined || s.region === within || (s.region !== undefined && cityOf(s.region) === within)))
      .map((s) => s.id);
  }
  /** published growth, else computed from the two years */
  growth(id: string, key: string, published?: string): number | undefined {
    const pub = published ? this.v(id, published) : undefined;
    if (pub !== undefined) return pub / 1_000_000;
    const now = this.v(id, key);
    const before = this.v(id, key, this.year - 1);
    return now !== undefined && before ? now / before - 1 : undefined;
  }
  historyHas(id: string, rule: string): boolean {
    return this.d.history.some((h) => h.subject === id && h.rule === rule);
  }
}

/** top-n subjects by the equal-weight sum of min–max normalised metrics (I-composite default) */
function compositeTop(ids: string[], metrics: ((id: string) => number | undefined)[], n: number): string[] {
  const cols = metrics.map((m) => ids.map((id) => m(id) ?? 0));
  const score = ids.map((_, i) =>
    cols.reduce((acc, col) => {
      const lo = Math.min(...col);
      const hi = Math.max(...col);
      return acc + (hi > lo ? (col[i]! - lo) / (hi - lo) : 0);
    }, 0),
  );
  return ids
    .map((id, i) => [id, score[i]!] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([id]) => id);
}

const topBy = (ids: string[], f: (id: string) => number | undefined, n: number): string[] =>
  ids
    .filter((id) => f(id) !== undefined)
    .sort((a, b) => f(b)! - f(a)!)
    .slice(0, n);

const JINAN = '370100';
const JINING = '370800';
const DONGYING = '370500';
const JIYANG = '370115';

// ---------------------------------------------------------------- one check per rule id
type Check = (v: View, v2022: View) => boolean;

function jiningArticle1(v: View) {
  const counties = childrenOf(JINING).map((r) => r.code);
  const retailTop = compositeTop(counties, [(c) => v.v(c, 'onlineRetail'), (c) => v.growth(c, 'onlineRetail', 'onlineRetailGrowth')], 3);
  const ruralTop = compositeTop(counties, [(c) => v.v(c, 'ruralOnlineRetail'), (c) => v.growth(c, 'ruralOnlineRetail', 'ruralOnlineRetailGrowth')], 3);
  const shareTop = compositeTop(counties, [(c) => v.v(c, 'statsShareRise'), (c) => v.v(c, 'statsGrowthContribution')], 3);
  return { retailTop, ruralTop, shareTop };
}

function cityRanking(v: View) {
  const cities = v.of('city');
  const cn = v.growth('CN', 'onlineRetail', 'onlineRetailGrowth')!;
  const province = v.growth('370000', 'onlineRetail', 'onlineRetailGrowth')!;
  const cnShare = v.v('CN', 'physicalGoodsOnlineRetailShare')! / 1_000_000;
  const share = (c: string) => v.v(c, 'physicalGoodsOnlineRetail')! / v.v(c, 'totalRetailSales')!;
  const shareWinners = topBy(cities, share, 5).filter((c) => share(c) > cnShare);
  const growthTop = topBy(cities, (c) => v.growth(c, 'onlineRetail', 'onlineRetailGrowth'), 5);
  const growthWinners = growthTop.filter((c) => {
    const g = v.growth(c, 'onlineRetail', 'onlineRetailGrowth')!;
    return g > cn && g > province;
  });
  return { shareWinners, growthWinners };
}

const inCity = (v: View, kind: string, city: string, pred: (id: string) => boolean): boolean => v.of(kind, city).some(pred);
const tiesIn = (v: View, ids: string[]): boolean => {
  const sig = ids.map((id) => ['salesVolume', 'onlineRetail', 'feedbackScore', 'followers'].map((k) => v.v(id, k)).join('|'));
  return new Set(sig).size < sig.length;
};
const rankedSet = (v: View, kind: string, min: number): boolean => {
  const ids = v.of(kind, JIYANG);
  return ids.length >= min && ids.every((id) => ['salesVolume', 'onlineRetail', 'feedbackScore', 'followers'].every((k) => v.v(id, k) !== undefined));
};
const dongyingThreeYears = (v: View, kind: string): number =>
  v.of(kind, DONGYING).filter((id) => [2020, 2021, 2022].every((y) => v.v(id, 'onlineSales', y)! > 0 && v.v(id, 'enterpriseCount', y)! > 0)).length;

const RULE_CHECKS: Record<string, Check> = {
  // ---- sd-2022-42
  'sd-2022-42/1.growth': (v) => {
    const { growthWinners, shareWinners } = cityRanking(v);
    return growthWinners.some((c) => !shareWinners.includes(c));
  },
  'sd-2022-42/1.share': (v) => cityRanking(v).shareWinners.length > 0,
  'sd-2022-42/2.traffic': (v) =>
    v.of('enterprise').some((e) => v.v(e, 'physicalGoodsOnlineRetail')! >= FEN.yi && !v.has(e, 'creditBlacklisted')) &&
    v.of('enterprise').some((e) => v.v(e, 'physicalGoodsOnlineRetail')! >= 500_000 * FEN.wan), // one capped at 100万 (≥ 50亿)
  'sd-2022-42/3.relocation': (v) =>
    v.of('enterprise').some((e) => {
      const date = v.v(e, 'conversionDate');
      return v.has(e, 'convertedFromBranch') && v.has(e, 'inStatsLibrary') && date !== undefined && date >= 20220222 && date <= 20231231;
    }),
  'sd-2022-42/4.new-shops': (v) => v.of('city').some((c) => v.v(c, 'newOnlineShops')! > 10_000),
  'sd-2022-42/4.shop-support': (v) => v.of('shop').some((s) => v.has(s, 'newlyEstablished') && v.has(s, 'operatingResults') && v.v(s, 'onlineRetail')! > 0),
  'sd-2022-42/5.repatriated-shops': (v) => new Set(v.of('city').map((c) => v.v(c, 'repatriatedShopsRetail'))).size >= 3,
  'sd-2022-42/6.live-commerce': (v) =>
    v.of('enterprise').some(
      (e) => (v.has(e, 'mcn') || v.has(e, 'liveTeam')) && v.has(e, 'independentLegalPerson') && v.has(e, 'newlyEstablished') && v.v(e, 'onlineRetail')! >= 5000 * FEN.wan,
    ),
  'sd-2022-42/8.park-recommendation': (v) => v.of('park').filter((p) => v.v(p, 'onlineSales')! > 0 && v.v(p, 'enterpriseCount')! > 0).length >= 4,
  'sd-2022-42/10.hiring': (v) => v.of('enterprise').some((e) => v.v(e, 'trainedHireInsuredMonths')! >= 6),
  'sd-2022-42/11.county-hub': (v) => v.of('logisticsCentre').some((l) => v.v(l, 'expressCompaniesIntegrated')! >= 5 && v.has(l, 'fiveUnified')),
  'sd-2022-42/11.info-platform': (v) => v.of('platform').some((p) => v.has(p, 'priceMatching') && v.v(p, 'countyParcelShare')! >= 80 * PCT),
  'sd-2022-42/11.sorting-centre': (v) =>
    v.of('sortingCentre').some((s) => ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'].every((t) => v.has(s, t))),
  'sd-2022-42/12.loan': (v) => {
    const loans = v.of('enterprise').map((e) => v.v(e, 'loanAmount')).filter((x): x is number => x !== undefined);
    return loans.length > 0 && loans.every((x) => x >= 10 * FEN.wan && x <= 1000 * FEN.wan) && loans.includes(10 * FEN.wan) && loans.includes(1000 * FEN.wan);
  },
  // ---- jining-2022-54
  'jining-2022-54/1.retail': (v) => {
    const { retailTop, ruralTop, shareTop } = jiningArticle1(v);
    const city = v.growth(JINING, 'onlineRetail', 'onlineRetailGrowth')!;
    const province = v.growth('370000', 'onlineRetail', 'onlineRetailGrowth')!;
    const ok = retailTop.filter((c) => {
      const g = v.growth(c, 'onlineRetail', 'onlineRetailGrowth')!;
      return g > city && g > province;
    });
    return ok.length === 3 && ok.every((c) => !ruralTop.includes(c) && !shareTop.includes(c));
  },
  'jining-2022-54/1.rural': (v) => {
    const { retailTop, ruralTop, shareTop } = jiningArticle1(v);
    const city = v.growth(JINING, 'ruralOnlineRetail')!;
    const province = v.growth('370000', 'ruralOnlineRetail')!;
    const ok = ruralTop.filter((c) => {
      const g = v.growth(c, 'ruralOnlineRetail', 'ruralOnlineRetailGrowth')!;
      return g > city && g > province;
    });
    return ok.length === 3 && ok.every((c) => !retailTop.includes(c) && !shareTop.includes(c));
  },
  'jining-2022-54/1.share': (v) => {
    const { retailTop, ruralTop, shareTop } = jiningArticle1(v);
    return shareTop.length === 3 && shareTop.every((c) => !retailTop.includes(c) && !ruralTop.includes(c));
  },
  'jining-2022-54/2.retail-2022': (v, v22) =>
    v.historyHas('P-JN-RETAIL-1', 'jining-2022-54/2.retail-2022') &&
    v22.of('enterprise', JINING).some((e) => v22.has(e, 'inStatsLibrary') && v22.has(e, 'tradeCirculation') && v22.v(e, 'physicalGoodsOnlineRetail', 2022)! >= 1000 * FEN.wan),
  'jining-2022-54/2.retail-2023': (v) =>
    v.of('enterprise', JINING).filter((e) => v.has(e, 'inStatsLibrary') && v.has(e, 'tradeCirculation') && v.v(e, 'physicalGoodsOnlineRetail')! >= 5000 * FEN.wan).length >= 3,
  'jining-2022-54/2.national-title': (v) => v.of('enterprise', JINING).some((e) => v.v(e, 'nationalTitle') === 1),
  'jining-2022-54/2.county-honor': (v) =>
    childrenOf(JINING).some((c) => v.v(c.code, 'newEnterprisesOver100m')! >= 1) && childrenOf(JINING).some((c) => v.v(c.code, 'newEnterprisesOver50m')! >= 3),
  'jining-2022-54/3.relocation': (v) =>
    v.of('enterprise', JINING).some((e) => v.has(e, 'convertedFromBranch') && v.has(e, 'inStatsLibrary') && v.v(e, 'conversionDate')! >= 20221110),
  'jining-2022-54/4.new-shops': (v) => childrenOf(JINING).some((c) => v.v(c.code, 'newOnlineShops')! > 1000),
  'jining-2022-54/4.repatriated-shops': (v) => childrenOf(JINING).filter((c) => v.v(c.code, 'repatriatedShopsRetail')! > 0).length >= 3,
  'jining-2022-54/5.live-commerce': (v) => inCity(v, 'enterprise', JINING, (e) => (v.has(e, 'mcn') || v.has(e, 'liveTeam')) && v.has(e, 'independentLegalPerson')),
  'jining-2022-54/6.national-base': (v) => inCity(v, 'park', JINING, (p) => v.v(p, 'nationalBaseTitle') === 1),
  'jining-2022-54/8.hiring': (v) => inCity(v, 'enterprise', JINING, (e) => v.v(e, 'trainedHireInsuredMonths')! >= 6),
  // ---- dongying-2020-9
  'dongying-2020-9/3.1.park': (v, v22) => dongyingThreeYears(v, 'park') >= 3 && dongyingThreeYears(v22, 'park') >= 3,
  'dongying-2020-9/3.1.platform': (v, v22) => dongyingThreeYears(v, 'platform') >= 2 && dongyingThreeYears(v22, 'platform') >= 2,
  'dongying-2020-9/3.3.leader': (v) => v.of('enterprise', DONGYING).filter((e) => v.v(e, 'onlineRetail')! >= 8000 * FEN.wan).length >= 3,
  'dongying-2020-9/3.3.agri': (v) => {
    const leaders = topBy(v.of('enterprise', DONGYING).filter((e) => v.v(e, 'onlineRetail')! >= 8000 * FEN.wan), (e) => v.v(e, 'onlineRetail'), 3);
    const agri = topBy(v.of('enterprise', DONGYING).filter((e) => v.has(e, 'sellsLocalAgriProducts')), (e) => v.v(e, 'onlineRetail'), 3);
    return agri.some((e) => v.v(e, 'onlineRetail')! >= 500 * FEN.wan && !leaders.includes(e));
  },
  'dongying-2020-9/3.3.supermarket': (v) =>
    inCity(v, 'enterprise', DONGYING, (e) => v.has(e, 'traditionalSupermarket') && v.v(e, 'onlineRetail')! >= 600 * FEN.wan),
  'dongying-2020-9/3.4.town': (v) => inCity(v, 'town', DONGYING, (t) => v.has(t, 'certified') && !v.historyHas(t, 'dongying-2020-9/3.4.town')),
  'dongying-2020-9/3.4.village': (v) => inCity(v, 'village', DONGYING, (t) => v.has(t, 'certified')),
  'dongying-2020-9/3.5.promotion': (v) => inCity(v, 'enterprise', DONGYING, (e) => v.v(e, 'promotionAbroadCost')! > 0 && !v.has(e, 'costSubsidisedElsewhere')),
  'dongying-2020-9/3.5.1688': (v) => inCity(v, 'enterprise', DONGYING, (e) => v.has(e, 'firstBatch1688') && v.v(e, 'annualFee1688')! > 0),
  'dongying-2020-9/3.5.export-live': (v) => inCity(v, 'enterprise', DONGYING, (e) => v.has(e, 'exportLiveEvent') && v.v(e, 'exportLiveServiceFee')! > 0),
  'dongying-2020-9/3.5.contest': (v) =>
    inCity(v, 'organiser', DONGYING, (o) => {
      const items = v.itemsOf(o, 'contestEventCost');
      const capped = items.map((i) => Math.min(Math.floor(i.value * 0.8), 5 * FEN.wan));
      return items.some((i) => i.value * 0.8 > 5 * FEN.wan) && capped.reduce((a, b) => a + b, 0) > 10 * FEN.wan;
    }),
  // ---- jiyang-2021-80
  'jiyang-2021-80/1.cluster': (v) =>
    v.of('park', JIYANG).some((p) => v.v(p, 'area')! >= 5000 * 100 && v.v(p, 'enterpriseCount')! >= 50 && v.v(p, 'onlineSales')! >= FEN.yi),
  'jiyang-2021-80/2.agri-sales': (v) => v.of('enterprise', JIYANG).some((e) => v.has(e, 'sellsBrandedAgriProducts') && v.v(e, 'onlineRetail')! >= 100 * FEN.wan),
  'jiyang-2021-80/3.agri-brand': (v) =>
    v
      .of('enterprise', JIYANG)
      .some(
        (e) =>
          v.has(e, 'agriEcommerce') &&
          v.v(e, 'onlineRetail')! >= 100 * FEN.wan &&
          ['brandRegistrationCost', 'scCertificationCost', 'packagingDesignCost'].some((k) => v.v(e, k)! > 0),
      ),
  'jiyang-2021-80/4.logistics-centre': (v) => v.of('logisticsCentre', JIYANG).some((l) => v.has(l, 'certified')),
  'jiyang-2021-80/4.parcels': (v) => v.of('logisticsCentre', JIYANG).some((l) => v.has(l, 'certified') && v.v(l, 'parcelsToVillages')! > 0),
  'jiyang-2021-80/5.wholesale': (v) => {
    const sales = v.of('enterprise', JIYANG).filter((e) => v.has(e, 'ecommerceWholesaleRetail')).map((e) => v.v(e, 'onlineSales') ?? 0);
    return [
      [2000 * FEN.wan, FEN.yi],
      [FEN.yi, 6 * FEN.yi],
      [6 * FEN.yi, Infinity],
    ].every(([lo, hi]) => sales.some((s) => s >= lo! && s < hi!));
  },
  'jiyang-2021-80/5.retail': (v) => {
    const ids = v.of('enterprise', JIYANG).filter((e) => v.has(e, 'onlineRetailer'));
    const tiers = [
      [500 * FEN.wan, 3000 * FEN.wan],
      [3000 * FEN.wan, 6000 * FEN.wan],
      [6000 * FEN.wan, Infinity],
    ];
    return tiers.every(([lo, hi]) => ids.some((e) => v.v(e, 'onlineRetail')! >= lo! && v.v(e, 'onlineRetail')! < hi! && !v.historyHas(e, 'jiyang-2021-80/5.retail'))) &&
      ids.some((e) => v.historyHas(e, 'jiyang-2021-80/5.retail'));
  },
  'jiyang-2021-80/5.title': (v) =>
    v.of('enterprise', JIYANG).some((e) => (v.has(e, 'onlineRetailer') && v.v(e, 'onlineRetail')! >= 500 * FEN.wan) || (v.has(e, 'ecommerceWholesaleRetail') && v.v(e, 'onlineSales')! >= 2000 * FEN.wan)),
  'jiyang-2021-80/6.product': (v) => rankedSet(v, 'product', 4) && tiesIn(v, v.of('product', JIYANG)),
  'jiyang-2021-80/6.shop': (v) => rankedSet(v, 'shop', 4),
  'jiyang-2021-80/6.influencer': (v) => rankedSet(v, 'influencer', 6) && tiesIn(v, v.of('influencer', JIYANG)),
  'jiyang-2021-80/7.live-base': (v) => {
    const rooms = v.of('liveBase', JIYANG).map((b) => v.v(b, 'liveRooms'));
    return rooms.includes(12) && rooms.includes(25);
  },
  'jiyang-2021-80/7.supply-chain': (v) => v.of('enterprise', JIYANG).some((e) => v.has(e, 'agriSupplyChain') && v.v(e, 'brandsIntegrated')! >= 50 && v.v(e, 'showroomArea')! >= 150 * 100),
  // ---- jinan-2021-cbec
  'jinan-2021-cbec/1.1.leader': (v) => {
    const rate = v.v('CN', 'cnyPerUsd')! / 1_000_000;
    const usd = (e: string) => v.v(e, 'crossBorderTransactionsUsd');
    const cny = (e: string) => v.v(e, 'crossBorderTransactions');
    return (
      inCity(v, 'enterprise', JINAN, (e) => usd(e)! > 1000 * FEN.wan) &&
      inCity(v, 'enterprise', JINAN, (e) => usd(e) === undefined && cny(e)! > 1000 * FEN.wan * rate)
    );
  },
  'jinan-2021-cbec/2.1.service-platform': (v) => v.of('servicePlatform', JINAN).length > 0,
  'jinan-2021-cbec/2.2.park': (v) =>
    inCity(v, 'park', JINAN, (p) => v.has(p, 'certified') && v.v(p, 'crossBorderTransactions')! > 2 * FEN.yi && v.v(p, 'enterpriseCount')! >= 20) &&
    v.d.parameters.some((p) => p.rule === 'jinan-2021-cbec/2.2.park' && p.key === 'amount' && p.year === v.year),
  'jinan-2021-cbec/3.2.experience-store': (v) => inCity(v, 'experienceStore', JINAN, (s) => v.v(s, 'area')! > 0 && v.v(s, 'onlineSales')! > 0),
  'jinan-2021-cbec/4.2.overseas-warehouse': (v) => inCity(v, 'overseasWarehouse', JINAN, (s) => v.v(s, 'area')! > 0 && v.v(s, 'enterprisesServed')! > 0),
  'jinan-2021-cbec/4.3.logistics': (v) => inCity(v, 'enterprise', JINAN, (e) => v.has(e, 'crossBorderDeclarant')),
  'jinan-2021-cbec/5.1.event': (v) => v.d.subjects.some((s) => s.region !== undefined && cityOf(s.region) === JINAN && v.has(s.id, 'influentialEvent')),
  'jinan-2021-cbec/6.4.payment': (v) => inCity(v, 'paymentPlatform', JINAN, (p) => v.has(p, 'paymentLicence') && v.v(p, 'crossBorderSettlement')! > 0),
};


// ---------------------------------------------------------------- tests
const demo = generateDemo();
const view = new View(demo);
const view2022 = new View(generateDemo({ year: 2022, enterprises: 1000 }));

describe('determinism', () => {
  it('same options give byte-identical output; another seed or year gives different output', () => {
    const a = serializeDemo(generateDemo({ enterprises: 300, seed: 7 }));
    expect(serializeDemo(generateDemo({ enterprises: 300, seed: 7 }))).toBe(a);
    expect(serializeDemo(generateDemo({ enterprises: 300, seed: 8 }))).not.toBe(a);
    expect(serializeDemo(generateDemo({ enterprises: 300, seed: 7, year: 2022 }))).not.toBe(a);
  });

  it('uses neither Math.random nor the clock', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    try {
      expect(generateDemo({ enterprises: 200 }).subjects.length).toBeGreaterThan(200);
    } finally {
      random.mockRestore();
      now.mockRestore();
    }
  });

  it('a smaller run is a prefix of a larger one (enterprise i depends only on seed, year and i)', () => {
    const small = generateDemo({ enterprises: 50 });
    const ids = new Set(small.subjects.map((s) => s.id));
    expect(demo.subjects.filter((s) => ids.has(s.id))).toEqual(small.subjects);
  });

  it('rejects bad options', () => {
    expect(() => generateDemo({ enterprises: -1 })).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateDemo({ year: 20231 })).toThrow(RangeError);
  });
});

describe('streaming', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'duixian-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    { enterprises: 0 },
    { enterprises: 1 },
    { enterprises: 777, seed: 99 },
    { enterprises: 3000, year: 2022 },
  ])('writeDemoFile(%o) equals serializeDemo(generateDemo(…)) byte for byte', async (opts) => {
    const path = join(dir, 'demo.json');
    const r = await writeDemoFile(path, opts);
    const expected = serializeDemo(generateDemo(opts));
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(r.bytes).toBe(bytes.length);
    const parsed = JSON.parse(expected) as DemoDataset;
    expect(r.subjects).toBe(parsed.subjects.length);
    expect(r.facts).toBe(parsed.facts.length);
  });

  it('the text is compact JSON with one subject or fact per line', () => {
    const text = serializeDemo(generateDemo({ enterprises: 20 }));
    const parsed = JSON.parse(text) as DemoDataset;
    const lines = text.trimEnd().split('\n');
    // header, 4 array openers, 4 closers, one line per entry
    expect(lines.length).toBe(1 + 8 + parsed.subjects.length + parsed.facts.length + parsed.history.length + parsed.parameters.length);
    expect(lines[0]!.startsWith('{"format":"duixian/v1","year":2023,"meta":{')).toBe(true);
  });

  it('the fast fact writer matches JSON.stringify', () => {
    for (const f of demo.facts) expect(factJson(f)).toBe(JSON.stringify(f));
    const odd = { subject: 'E"1\\', year: 2023, key: 'contestEventCost', item: '5月"直播"大赛\n', rule: 'r/1', value: 70000 } as const;
    expect(factJson(odd)).toBe(JSON.stringify(odd));
  });

  it('reports an unwritable path as an error', async () => {
    await expect(writeDemoFile(join(dir, 'no', 'such', 'dir', 'x.json'), { enterprises: 1 })).rejects.toThrow();
  });
});

describe('format and labelling', () => {
  it('is interchange v1 labelled synthetic', () => {
    expect(demo.format).toBe('duixian/v1');
    expect(demo.year).toBe(2023);
    expect(demo.meta).toEqual({ description: expect.stringContaining('合成演示数据（非真实统计）'), synthetic: true, generator: 'duixian demo', seed: 20231 });
    expect(demo.subjects.filter((s) => s.kind === 'enterprise')).toHaveLength(5000 + demo.subjects.filter((s) => s.id.startsWith('P-') && s.kind === 'enterprise').length);
  });

  it('names every non-region subject as a demo', () => {
    for (const s of demo.subjects) if (!['country', 'province', 'city', 'county'].includes(s.kind)) expect(s.name.startsWith('（演示）')).toBe(true);
  });

  it('uses only known kinds, tags and fact keys, and every value parses exactly in its unit', () => {
    const order = Object.keys(TAGS);
    for (const s of demo.subjects) {
      expect(Object.hasOwn(SUBJECT_KINDS, s.kind)).toBe(true);
      for (const t of s.tags ?? []) expect(Object.hasOwn(TAGS, t)).toBe(true);
      const idx = (s.tags ?? []).map((t) => order.indexOf(t));
      expect(idx, `${s.id} tags in vocabulary order, no repeats`).toEqual([...new Set(idx)].sort((a, b) => a - b));
    }
    for (const f of demo.facts) {
      expect(isFactKey(VOCABULARY, f.key)).toBe(true);
      expect(parseQuantity(f.value, FACT_KEYS[f.key]!.unit).ok).toBe(true);
    }
  });

  it('writes money as strings with at most two decimals, never as binary floats', () => {
    for (const f of demo.facts) {
      const unit = FACT_KEYS[f.key]!.unit;
      if (unit === 'yuan' || unit === 'usd') {
        expect(typeof f.value).toBe('string');
        expect(String(f.value)).toMatch(/^\d+(\.\d{1,2})?$|^\d+(\.\d+)?(万|亿)(元|美元)$/);
      }
      if (typeof f.value === 'number') expect(Number.isInteger(f.value)).toBe(true);
    }
  });

  it('subject ids are unique and every fact, history entry refers to a subject', () => {
    const ids = demo.subjects.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of demo.facts) expect(view.byId.has(f.subject)).toBe(true);
    for (const h of demo.history) {
      expect(view.byId.has(h.subject)).toBe(true);
      expect(h.year).toBeLessThan(demo.year);
    }
  });

  it('every USCC is valid, unique and carries its region code', () => {
    const codes = demo.subjects.filter((s) => s.uscc !== undefined);
    expect(codes.length).toBeGreaterThan(5000);
    for (const s of codes) {
      expect(usccProblem(s.uscc!)).toBeUndefined();
      expect(s.uscc!.slice(2, 8)).toBe(s.region);
    }
    expect(new Set(codes.map((s) => s.uscc)).size).toBe(codes.length);
    for (const s of demo.subjects) if (s.kind === 'enterprise') expect(s.uscc).toBeDefined();
  });

  it('is accepted by the interchange reader without problems', () => {
    const known = {
      rules: new Set([...CATALOGUE_RULE_IDS]),
      interpretations: {},
      vocabulary: VOCABULARY,
      regions: KNOWN.regions, // the demo's zones are the corpus's rows (济宁's assigned codes), not the national table's
    };
    const r = readObject(JSON.parse(serializeDemo(generateDemo({ enterprises: 500 }))), known);
    if (!r.ok) throw new Error(r.problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(r.warnings).toEqual([]);
  });
});

describe('regions', () => {
  it('every region code is in the region table', () => {
    for (const s of demo.subjects) {
      if (s.region !== undefined) expect(region(s.region), `${s.id} ${s.region}`).toBeDefined();
      if (['province', 'city', 'county'].includes(s.kind)) {
        expect(region(s.id)?.level).toBe(s.kind);
        if (s.kind !== 'province') expect(s.region).toBe(s.id);
      }
    }
  });

  it('has the country, the province, all 16 cities and every county-level unit and zone', () => {
    const present = new Set(demo.subjects.map((s) => s.id));
    expect(present.has('CN') && present.has('370000')).toBe(true);
    const cities = REGIONS.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(16);
    for (const c of cities) expect(present.has(c.code), c.name).toBe(true);
    const counties = REGIONS.filter((r) => r.level === 'county');
    expect(counties.length).toBeGreaterThan(100);
    for (const c of counties) expect(present.has(c.code), c.name).toBe(true);
  });

  it('counties add up to their city and cities to the province', () => {
    for (const key of ['onlineRetail', 'ruralOnlineRetail']) {
      for (const y of [2022, 2023]) {
        let province = 0;
        for (const c of REGIONS.filter((r) => r.level === 'city')) {
          const sum = childrenOf(c.code).reduce((a, k) => a + view.v(k.code, key, y)!, 0);
          expect(sum, `${c.name} ${key} ${y}`).toBe(view.v(c.code, key, y));
          province += sum;
        }
        expect(province).toBe(view.v('370000', key, y));
      }
    }
  });

  it('has plausible sizes: about 9000亿元 provincially; 济南、青岛、临沂、菏泽 above 东营', () => {
    const p = view.v('370000', 'onlineRetail')! / FEN.yi;
    expect(p).toBeGreaterThan(8000);
    expect(p).toBeLessThan(10000);
    for (const big of ['370100', '370200', '371300', '371700']) expect(view.v(big, 'onlineRetail')!).toBeGreaterThan(view.v(DONGYING, 'onlineRetail')!);
  });

  it('publishes the growth of some regions and leaves others to be computed', () => {
    const cities = view.of('city');
    const published = cities.filter((c) => view.v(c, 'onlineRetailGrowth') !== undefined);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThan(cities.length);
    for (const c of cities) expect(view.v(c, 'onlineRetail', 2022)).toBeGreaterThan(0);
  });

  it('gives the country its benchmarks for both years', () => {
    for (const y of [2022, 2023]) for (const k of ['onlineRetailGrowth', 'physicalGoodsOnlineRetailShare', 'cnyPerUsd']) expect(view.v('CN', k, y)).toBeDefined();
    expect(view.v('CN', 'cnyPerUsd', 2022)).toBe(6_726_100);
  });
});

describe('enterprises', () => {
  const generated = demo.subjects.filter((s) => /^E\d+$/.test(s.id));
  const retail = generated.map((s) => view.v(s.id, 'physicalGoodsOnlineRetail')).filter((x): x is number => x !== undefined).sort((a, b) => a - b);

  it('online retail is log-normal: median near 200万元, a few dozen above 1亿元, a tail of several 亿', () => {
    const median = retail[Math.floor(retail.length / 2)]! / FEN.wan;
    expect(median).toBeGreaterThan(150);
    expect(median).toBeLessThan(270);
    const over1yi = retail.filter((x) => x >= FEN.yi).length;
    expect(over1yi).toBeGreaterThanOrEqual(12);
    expect(over1yi).toBeLessThanOrEqual(100);
    expect(retail[retail.length - 1]!).toBeGreaterThan(2 * FEN.yi);
  });

  it('spread over the counties, weighted by city size', () => {
    const perCity = new Map<string, number>();
    for (const s of generated) perCity.set(cityOf(s.region!)!, (perCity.get(cityOf(s.region!)!) ?? 0) + 1);
    expect(perCity.size).toBe(16);
    for (const big of ['370100', '370200', '371300', '371700']) expect(perCity.get(big)!).toBeGreaterThan(perCity.get(DONGYING)!);
    const counties = new Set(generated.map((s) => s.region));
    expect(counties.size).toBeGreaterThan(100);
  });

  it('samples tags at plausible rates', () => {
    const rate = (t: string) => generated.filter((s) => s.tags?.includes(t as never)).length / generated.length;
    expect(rate('inStatsLibrary')).toBeGreaterThan(0.15);
    expect(rate('inStatsLibrary')).toBeLessThan(0.4);
    expect(rate('onlineRetailer')).toBeGreaterThan(0.6);
    expect(rate('creditBlacklisted')).toBeGreaterThan(0);
    expect(rate('creditBlacklisted')).toBeLessThan(0.01);
    for (const t of ['tradeCirculation', 'ecommerceWholesaleRetail', 'sellsLocalAgriProducts', 'sellsBrandedAgriProducts', 'agriEcommerce', 'traditionalSupermarket', 'mcn', 'liveTeam', 'firstBatch1688']) {
      expect(rate(t), t).toBeGreaterThan(0);
    }
  });

  it('loan applications lie within 10万–1000万元', () => {
    for (const f of demo.facts.filter((x) => x.key === 'loanAmount')) {
      const v = view.v(f.subject, 'loanAmount')!;
      expect(v).toBeGreaterThanOrEqual(10 * FEN.wan);
      expect(v).toBeLessThanOrEqual(1000 * FEN.wan);
    }
  });
});

describe('every catalogue rule is exercised', () => {
  it('the check table covers exactly the catalogue, and the showcase notes every rule', () => {
    expect(Object.keys(RULE_CHECKS).sort()).toEqual([...CATALOGUE_RULE_IDS].sort());
    expect(Object.keys(SHOWCASE).sort()).toEqual([...CATALOGUE_RULE_IDS].sort());
  });

  it.each(CATALOGUE_RULE_IDS)('%s', (rule) => {
    expect(RULE_CHECKS[rule]!(view, view2022)).toBe(true);
  });

  it.each([1, 2, 3, 42, 99_999])('the regional rankings hold for seed %i too', (seed) => {
    const v = new View(generateDemo({ seed, enterprises: 0 }));
    const v22 = new View(generateDemo({ seed, enterprises: 0, year: 2022 }));
    for (const rule of ['sd-2022-42/1.growth', 'sd-2022-42/1.share', 'jining-2022-54/1.retail', 'jining-2022-54/1.rural', 'jining-2022-54/1.share']) {
      expect(RULE_CHECKS[rule]!(v, v22), `${rule} seed ${seed}`).toBe(true);
      expect(RULE_CHECKS[rule]!(v22, v22), `${rule} seed ${seed} in 2022`).toBe(true);
    }
  });

  it('the year-restricted rules have their data in a 2022 run', () => {
    expect(RULE_CHECKS['jining-2022-54/2.retail-2022']!(view, view2022)).toBe(true);
    expect(dongyingThreeYears(view2022, 'park')).toBeGreaterThanOrEqual(3);
    expect(view2022.d.history.every((h) => h.year < 2022)).toBe(true);
  });
});
