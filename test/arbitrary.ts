/**
 * Random populations for property tests: the regions the rules compare with, and enterprises
 * and other subjects in 济南/济阳, 东营 and 济宁 whose facts cluster around the corpus's bounds
 * (exactly on a threshold, a fen either side, far above), so that every kind of rule fires.
 */
import fc from 'fast-check';
import type { Dataset, Fact, Subject, Tag } from '@duixian/engine';

const YEAR = 2023;
const COUNTIES = ['370115', '370102', '370502', '370503', '370811', '370871', '370830'] as const;
const ENTERPRISE_TAGS: Tag[] = [
  'inStatsLibrary', 'tradeCirculation', 'sellsLocalAgriProducts', 'sellsBrandedAgriProducts', 'agriEcommerce',
  'traditionalSupermarket', 'ecommerceWholesaleRetail', 'onlineRetailer', 'firstBatch1688', 'creditBlacklisted',
  'mcn', 'independentLegalPerson', 'newlyEstablished', 'costSubsidisedElsewhere',
];

/** Money in fen near the corpus's thresholds. */
const bounds = [100_0000, 500_0000, 600_0000, 1000_0000, 2000_0000, 3000_0000, 5000_0000, 6000_0000, 8000_0000, 1_0000_0000, 2_0000_0000, 6_0000_0000, 50_0000_0000].map((y) => y * 100);
const money = fc.oneof(
  fc.constantFrom(...bounds),
  fc.constantFrom(...bounds).map((b) => b - 1),
  fc.constantFrom(...bounds).map((b) => b + 1),
  fc.integer({ min: 0, max: 80_0000_0000_00 }),
);

const enterprise = (k: number) =>
  fc.record({
    county: fc.constantFrom(...COUNTIES),
    tags: fc.subarray(ENTERPRISE_TAGS, { maxLength: 5 }),
    physicalGoodsOnlineRetail: fc.option(money, { nil: undefined }),
    onlineRetail: fc.option(money, { nil: undefined }),
    onlineSales: fc.option(money, { nil: undefined }),
    promotion: fc.option(fc.array(fc.integer({ min: 0, max: 30_0000_00 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    nationalTitle: fc.boolean(),
  }).map((e): { subject: Subject; facts: Fact[] } => {
    const id = `E${String(k).padStart(3, '0')}`;
    const facts: Fact[] = [];
    const put = (key: Fact['key'], value: number | undefined) => value !== undefined && facts.push({ subject: id, year: YEAR, key, value });
    put('physicalGoodsOnlineRetail', e.physicalGoodsOnlineRetail);
    put('onlineRetail', e.onlineRetail);
    put('onlineSales', e.onlineSales);
    if (e.nationalTitle) put('nationalTitle', 1);
    e.promotion?.forEach((v, n) => facts.push({ subject: id, year: YEAR, key: 'promotionAbroadCost', value: v, item: `第${n + 1}项` }));
    return { subject: { id, kind: 'enterprise', name: id, region: e.county, tags: e.tags }, facts };
  });

const growth = fc.integer({ min: -200_000, max: 600_000 });

/** Cities and counties with growth and share figures, so ranked and benchmark rules decide. */
const regions = fc.record({
  cn: growth, province: growth, cityGrowth: fc.array(growth, { minLength: 6, maxLength: 6 }),
  share: fc.array(fc.integer({ min: 100_000, max: 400_000 }), { minLength: 6, maxLength: 6 }),
  county: fc.array(fc.tuple(money, growth, fc.integer({ min: 0, max: 3000 })), { minLength: 5, maxLength: 5 }),
}).map((r) => {
  const cities = ['370100', '370200', '370300', '370500', '370700', '370800'];
  const counties = ['370811', '370812', '370826', '370871', '370881'];
  const subjects: Subject[] = [
    { id: 'CN', kind: 'country', name: '全国', tags: [] },
    { id: '370000', kind: 'province', name: '山东省', tags: [] },
    ...cities.map((c): Subject => ({ id: c, kind: 'city', name: c, tags: [] })),
    ...counties.map((c): Subject => ({ id: c, kind: 'county', name: c, tags: [] })),
  ];
  const f = (subject: string, key: Fact['key'], value: number): Fact => ({ subject, year: YEAR, key, value });
  const facts: Fact[] = [
    f('CN', 'onlineRetailGrowth', r.cn), f('CN', 'physicalGoodsOnlineRetailShare', 270_000), f('370000', 'onlineRetailGrowth', r.province),
    f('CN', 'cnyPerUsd', 6_726_100),
    ...cities.flatMap((c, k) => [
      f(c, 'onlineRetailGrowth', r.cityGrowth[k]!),
      f(c, 'physicalGoodsOnlineRetail', r.share[k]! * 1000), f(c, 'totalRetailSales', 1_000_000_000),
      f(c, 'newOnlineShops', 9_000 + k * 500), f(c, 'repatriatedShopsRetail', (k % 3) * 1_0000_0000_00),
    ]),
    ...counties.flatMap((c, k) => {
      const [retail, g, shops] = r.county[k]!;
      return [f(c, 'onlineRetail', retail), f(c, 'onlineRetailGrowth', g), f(c, 'newOnlineShops', shops), f(c, 'statsShareRise', g), f(c, 'statsGrowthContribution', shops * 100)];
    }),
  ];
  return { subjects, facts };
});

export const datasetArb: fc.Arbitrary<Dataset> = fc
  .tuple(regions, fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => enterprise(k)))))
  .map(([reg, ents]) => ({
    year: YEAR,
    subjects: [...reg.subjects, ...ents.map((e) => e.subject)],
    facts: [...reg.facts, ...ents.flatMap((e) => e.facts)],
    history: [],
    parameters: [],
    interpretations: {},
  }));

/** A dataset with its subjects and facts in another order. */
export function shuffled(ds: Dataset, seed: number): Dataset {
  const rnd = mulberry32(seed);
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  return { ...ds, subjects: shuffle(ds.subjects), facts: shuffle(ds.facts) };
}

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
