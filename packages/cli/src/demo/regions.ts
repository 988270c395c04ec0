/**
 * Synthetic regional statistics: the country benchmark, 山东省, its 16 cities and every
 * county-level unit and functional zone of the region table. Sizes follow the rough shape of
 * the real province (济南、青岛、临沂、菏泽 large; 东营、日照 small) with log-normal noise;
 * none of the figures is a real statistic except the national benchmark row (CN), which
 * follows the published national figures so that comparisons against it are meaningful.
 *
 * Counties add up exactly to their city and cities to the province (values are integers in
 * hundredths of 万元), so averages computed from member regions agree with the totals.
 */
import type { Region } from '@duixian/engine';
import { childrenOf, region } from '@duixian/corpus';
import { Rng } from './random.js';
import type { DemoFact, DemoSubject } from './types.js';
import { percent, ratioMillionths, wanFromCentiWan, yiFromCentiWan } from './values.js';

export const PROVINCE = '370000';
export const JINING = '370800';
export const DONGYING = '370500';
export const JINAN = '370100';
export const JIYANG = '370115';

interface CityStat {
  readonly name: string;
  /** share weight of the province's online retail */
  readonly weight: number;
  /** total retail sales of consumer goods, 亿元, 2023 scale */
  readonly retailSales: number;
  /** centre of the online-retail growth rate */
  readonly growth: number;
}

/** Shape of the 16 cities (codes are NBS 统计用区划代码). Rough, rounded, synthetic. */
export const CITY_STATS: Readonly<Record<string, CityStat>> = {
  '370100': { name: '济南市', weight: 16.5, retailSales: 5100, growth: 0.115 },
  '370200': { name: '青岛市', weight: 16.0, retailSales: 6100, growth: 0.11 },
  '370300': { name: '淄博市', weight: 4.0, retailSales: 1800, growth: 0.1 },
  '370400': { name: '枣庄市', weight: 2.0, retailSales: 950, growth: 0.135 },
  '370500': { name: '东营市', weight: 1.6, retailSales: 900, growth: 0.145 },
  '370600': { name: '烟台市', weight: 5.0, retailSales: 3900, growth: 0.105 },
  '370700': { name: '潍坊市', weight: 6.0, retailSales: 3200, growth: 0.12 },
  '370800': { name: '济宁市', weight: 5.0, retailSales: 2300, growth: 0.15 },
  '370900': { name: '泰安市', weight: 2.6, retailSales: 1300, growth: 0.13 },
  '371000': { name: '威海市', weight: 3.0, retailSales: 1300, growth: 0.095 },
  '371100': { name: '日照市', weight: 2.0, retailSales: 850, growth: 0.14 },
  '371300': { name: '临沂市', weight: 15.0, retailSales: 3000, growth: 0.16 },
  '371400': { name: '德州市', weight: 3.2, retailSales: 1400, growth: 0.155 },
  '371500': { name: '聊城市', weight: 3.5, retailSales: 1300, growth: 0.17 },
  '371600': { name: '滨州市', weight: 2.6, retailSales: 1000, growth: 0.125 },
  '371700': { name: '菏泽市', weight: 9.0, retailSales: 1700, growth: 0.18 },
};
const DEFAULT_CITY: CityStat = { name: '', weight: 2, retailSales: 1000, growth: 0.12 };

/** County-level units known for e-commerce (or for being big), as size multipliers. */
const COUNTY_BOOST: Readonly<Record<string, number>> = {
  '371721': 3.5, // 曹县
  '371302': 3.0, // 兰山区
  '370211': 1.6, // 黄岛区
  '370102': 1.5, // 历下区
  '370112': 1.4, // 历城区
  '370811': 1.8, // 任城区
  '371702': 1.5, // 牡丹区
  '370781': 1.3, // 青州市
  '370883': 1.3, // 邹城市
};

/**
 * National benchmark (全国): online-retail growth, physical-goods share of total retail sales,
 * CNY per USD (annual average). Published national figures, rounded.
 */
const CN_STATS: Readonly<Record<number, readonly [growth: string, share: string, cnyPerUsd: string]>> = {
  2019: ['16.5%', '20.7%', '6.8985'],
  2020: ['10.9%', '24.9%', '6.8976'],
  2021: ['14.1%', '24.5%', '6.4515'],
  2022: ['4%', '27.2%', '6.7261'],
  2023: ['11%', '27.6%', '7.0467'],
  2024: ['7.2%', '26.8%', '7.1217'],
};
const CN_FALLBACK = ['10%', '27%', '7'] as const;

/** Province online retail in the target year, hundredths of 万元 (9000亿元 in 2023). */
const PROVINCE_ONLINE_RETAIL_2023 = 9000 * 1_000_000;

/** A county-level unit or zone with its generated figures (values in hundredths of 万元). */
interface CountyFigures {
  readonly code: string;
  readonly name: string;
  retail: number;
  retailPrev: number;
  growth: number;
  rural: number;
  ruralPrev: number;
  ruralGrowth: number;
  shareRise: number; // millionths
  contribution: number; // millionths
  newShops: number;
  repatriated: number; // hundredths of 万元
  over100m?: number;
  over50m?: number;
  publishGrowth: boolean;
  publishRuralGrowth: boolean;
}

export interface RegionModel {
  readonly subjects: DemoSubject[];
  readonly facts: DemoFact[];
  /** where enterprises go: region codes (counties, or a city without counties) and cumulative weights */
  readonly units: readonly string[];
  readonly cumulative: Float64Array;
  /** the city code of each unit */
  readonly unitCity: readonly string[];
}

export const cityName = (code: string): string => region(code)?.name ?? CITY_STATS[code]?.name ?? code;

/** The region to place a showcase subject: the first preferred code present in the table, else a county of the city. */
export function place(city: string, ...preferred: string[]): string {
  for (const p of preferred) if (region(p)) return p;
  const kids = childrenOf(city);
  const first = kids.find((k) => !k.zone) ?? kids[0];
  if (first) return first.code;
  if (region(city)) return city;
  throw new Error(`the region table has no ${city} (${CITY_STATS[city]?.name ?? '?'})`);
}

function countyTypeFactors(r: Region): { size: number; rural: number } {
  if (r.zone) return { size: 0.5, rural: 0.06 };
  if (r.name.endsWith('县')) return { size: 0.8, rural: 0.45 };
  if (r.name.endsWith('市')) return { size: 1.1, rural: 0.32 };
  if (r.name.endsWith('区')) return { size: 1.25, rural: 0.15 };
  return { size: 1, rural: 0.2 };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Split `total` into integer parts proportional to `weights` (largest remainder; exact sum). */
export function splitExact(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (!(sum > 0)) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map((x) => Math.floor(x));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) parts[order[k]![1]]! += 1;
  return parts;
}

const growthOf = (now: number, prev: number): number => (prev > 0 ? now / prev - 1 : 0);

export function buildRegions(seed: number, year: number): RegionModel {
  const rng = Rng.of(seed, 'regions');
  const prev = year - 1;
  const subjects: DemoSubject[] = [];
  const facts: DemoFact[] = [];
  const fact = (subject: string, y: number, key: DemoFact['key'], value: DemoFact['value']): void => {
    facts.push({ subject, year: y, key, value });
  };

  // ---- country
  subjects.push({ id: 'CN', kind: 'country', name: '全国' });
  for (const y of [prev, year]) {
    const [g, share, rate] = CN_STATS[y] ?? CN_FALLBACK;
    fact('CN', y, 'onlineRetailGrowth', g);
    fact('CN', y, 'physicalGoodsOnlineRetailShare', share);
    fact('CN', y, 'cnyPerUsd', rate);
  }

  // ---- cities and their counties
  const cities = childrenOf(PROVINCE).filter((c) => c.level === 'city');
  const cityWeights = cities.map((c) => (CITY_STATS[c.code] ?? DEFAULT_CITY).weight * rng.noise(0.08));
  const weightSum = cityWeights.reduce((a, b) => a + b, 0);
  const provinceTarget = PROVINCE_ONLINE_RETAIL_2023 * 1.11 ** (year - 2023) * rng.noise(0.02);
  const publishCity = new Set(rng.shuffle(cities.map((c) => c.code)).slice(0, Math.ceil(cities.length / 2)));

  interface CityFigures {
    code: string;
    retail: number;
    retailPrev: number;
    rural: number;
    ruralPrev: number;
    physical: number;
    physicalPrev: number;
    retailSales: number;
    retailSalesPrev: number;
    newShops: number;
    repatriated: number;
    counties: CountyFigures[];
  }
  const cityFigures: CityFigures[] = [];

  cities.forEach((c, ci) => {
    const stat = CITY_STATS[c.code] ?? DEFAULT_CITY;
    const w = cityWeights[ci]! / weightSum;
    const target = Math.round(provinceTarget * w);
    const g = stat.growth + 0.008 * rng.normal();
    const newShops = Math.round(300_000 * 1.05 ** (year - 2023) * w * rng.noise(0.15));
    const repatriated = Math.round(600_000 * 100 * w * rng.noise(0.5)); // ~60亿元 province-wide
    const kids = childrenOf(c.code).filter((k) => k.level === 'county');
    const counties: CountyFigures[] = [];
    if (kids.length > 0) {
      const f = kids.map((k) => countyTypeFactors(k));
      const sizeW = kids.map((k, i) => f[i]!.size * (COUNTY_BOOST[k.code] ?? 1) * rng.noise(0.5));
      const retail = splitExact(target, sizeW);
      const shops = splitExact(newShops, sizeW.map((x) => x * rng.noise(0.3)));
      const rep = splitExact(repatriated, sizeW.map((x) => x * rng.noise(0.6)));
      kids.forEach((k, i) => {
        const r = Math.max(retail[i]!, 100);
        const gi = clamp(g + 0.03 * rng.normal(), -0.08, 0.6);
        const ruralShare = clamp(f[i]!.rural * rng.noise(0.25), 0.01, 0.8);
        const rural = Math.round(r * ruralShare);
        const gr = clamp(g + 0.02 + 0.04 * rng.normal(), -0.1, 0.8);
        counties.push({
          code: k.code,
          name: k.name,
          retail: r,
          retailPrev: 0,
          growth: gi,
          rural,
          ruralPrev: 0,
          ruralGrowth: gr,
          shareRise: ratioMillionths(0.012 + 0.012 * rng.normal()),
          contribution: 0,
          newShops: shops[i]!,
          repatriated: rep[i]!,
          publishGrowth: rng.chance(0.4),
          publishRuralGrowth: rng.chance(0.3),
        });
      });
      if (c.code === JINING) shapeJining(counties, g, rng);
      for (const k of counties) {
        k.retailPrev = Math.max(1, Math.round(k.retail / (1 + k.growth)));
        k.ruralPrev = Math.max(1, Math.round(k.rural / (1 + k.ruralGrowth)));
      }
      if (c.code !== JINING) assignContributions(counties, rng);
      else assignContributions(counties, rng, jiningShareLeaders(counties));
    }
    const retail = counties.length ? counties.reduce((a, k) => a + k.retail, 0) : target;
    const retailPrev = counties.length ? counties.reduce((a, k) => a + k.retailPrev, 0) : Math.round(target / (1 + g));
    const rural = counties.length ? counties.reduce((a, k) => a + k.rural, 0) : Math.round(target * 0.25);
    const ruralPrev = counties.length ? counties.reduce((a, k) => a + k.ruralPrev, 0) : Math.round(rural / (1 + g + 0.02));
    const pShare = clamp(0.85 + 0.03 * rng.normal(), 0.75, 0.95);
    const sales = Math.round(stat.retailSales * 1_000_000 * 1.06 ** (year - 2023) * rng.noise(0.05));
    cityFigures.push({
      code: c.code,
      retail,
      retailPrev,
      rural,
      ruralPrev,
      physical: Math.round(retail * pShare),
      physicalPrev: Math.round(retailPrev * (pShare - 0.01)),
      retailSales: sales,
      retailSalesPrev: Math.round(sales / (1.055 + 0.01 * rng.normal())),
      newShops: counties.length ? counties.reduce((a, k) => a + k.newShops, 0) : newShops,
      repatriated: counties.length ? counties.reduce((a, k) => a + k.repatriated, 0) : repatriated,
      counties,
    });
  });

  // ---- province (sums of its cities)
  const sum = (f: (c: CityFigures) => number): number => cityFigures.reduce((a, c) => a + f(c), 0);
  subjects.push({ id: PROVINCE, kind: 'province', name: region(PROVINCE)?.name ?? '山东省' });
  const pRetail = sum((c) => c.retail);
  const pRetailPrev = sum((c) => c.retailPrev);
  fact(PROVINCE, prev, 'onlineRetail', yiFromCentiWan(pRetailPrev));
  fact(PROVINCE, prev, 'physicalGoodsOnlineRetail', yiFromCentiWan(sum((c) => c.physicalPrev)));
  fact(PROVINCE, prev, 'totalRetailSales', yiFromCentiWan(sum((c) => c.retailSalesPrev)));
  fact(PROVINCE, prev, 'ruralOnlineRetail', yiFromCentiWan(sum((c) => c.ruralPrev)));
  fact(PROVINCE, year, 'onlineRetail', yiFromCentiWan(pRetail));
  fact(PROVINCE, year, 'onlineRetailGrowth', percent(ratioMillionths(growthOf(pRetail, pRetailPrev))));
  fact(PROVINCE, year, 'physicalGoodsOnlineRetail', yiFromCentiWan(sum((c) => c.physical)));
  fact(PROVINCE, year, 'totalRetailSales', yiFromCentiWan(sum((c) => c.retailSales)));
  fact(PROVINCE, year, 'ruralOnlineRetail', yiFromCentiWan(sum((c) => c.rural)));
  fact(PROVINCE, year, 'newOnlineShops', sum((c) => c.newShops));
  fact(PROVINCE, year, 'repatriatedShopsRetail', yiFromCentiWan(sum((c) => c.repatriated)));

  // ---- cities, then every county of each city
  const countySubjects: DemoSubject[] = [];
  const countyFacts: DemoFact[] = [];
  const units: string[] = [];
  const unitCity: string[] = [];
  const unitWeights: number[] = [];
  for (const c of cityFigures) {
    subjects.push({ id: c.code, kind: 'city', name: cityName(c.code), region: c.code });
    fact(c.code, prev, 'onlineRetail', yiFromCentiWan(c.retailPrev));
    fact(c.code, prev, 'physicalGoodsOnlineRetail', yiFromCentiWan(c.physicalPrev));
    fact(c.code, prev, 'totalRetailSales', yiFromCentiWan(c.retailSalesPrev));
    fact(c.code, prev, 'ruralOnlineRetail', yiFromCentiWan(c.ruralPrev));
    fact(c.code, year, 'onlineRetail', yiFromCentiWan(c.retail));
    if (publishCity.has(c.code)) fact(c.code, year, 'onlineRetailGrowth', percent(ratioMillionths(growthOf(c.retail, c.retailPrev))));
    fact(c.code, year, 'physicalGoodsOnlineRetail', yiFromCentiWan(c.physical));
    fact(c.code, year, 'totalRetailSales', yiFromCentiWan(c.retailSales));
    fact(c.code, year, 'ruralOnlineRetail', yiFromCentiWan(c.rural));
    fact(c.code, year, 'newOnlineShops', c.newShops);
    fact(c.code, year, 'repatriatedShopsRetail', wanFromCentiWan(c.repatriated));
    if (c.counties.length === 0) {
      units.push(c.code);
      unitCity.push(c.code);
      unitWeights.push(c.retail);
    }
    for (const k of c.counties) {
      countySubjects.push({ id: k.code, kind: 'county', name: k.name, region: k.code });
      const cf = (y: number, key: DemoFact['key'], value: DemoFact['value']): void => {
        countyFacts.push({ subject: k.code, year: y, key, value });
      };
      cf(prev, 'onlineRetail', wanFromCentiWan(k.retailPrev));
      cf(prev, 'ruralOnlineRetail', wanFromCentiWan(k.ruralPrev));
      cf(year, 'onlineRetail', wanFromCentiWan(k.retail));
      if (k.publishGrowth) cf(year, 'onlineRetailGrowth', percent(ratioMillionths(growthOf(k.retail, k.retailPrev))));
      cf(year, 'ruralOnlineRetail', wanFromCentiWan(k.rural));
      if (k.publishRuralGrowth) cf(year, 'ruralOnlineRetailGrowth', percent(ratioMillionths(growthOf(k.rural, k.ruralPrev))));
      cf(year, 'statsShareRise', percent(k.shareRise));
      cf(year, 'statsGrowthContribution', percent(k.contribution));
      cf(year, 'newOnlineShops', k.newShops);
      cf(year, 'repatriatedShopsRetail', wanFromCentiWan(k.repatriated));
      if (k.over100m !== undefined) cf(year, 'newEnterprisesOver100m', k.over100m);
      if (k.over50m !== undefined) cf(year, 'newEnterprisesOver50m', k.over50m);
      units.push(k.code);
      unitCity.push(c.code);
      unitWeights.push(k.retail);
    }
  }
  subjects.push(...countySubjects);
  facts.push(...countyFacts);

  const cumulative = new Float64Array(unitWeights.length);
  let acc = 0;
  unitWeights.forEach((w, i) => (cumulative[i] = acc += w));
  return { subjects, facts, units, cumulative, unitCity };
}

/**
 * 济宁's counties for jining-2022-54 article 一: three disjoint trios lead the three rankings
 * (online retail & growth; rural online retail & growth; 纳统 share rise & contribution), each
 * leader ahead on both metrics of its ranking and growing faster than the city and the province,
 * so that each of the three exclusive rules (上述奖励政策不重复奖励) has winners of its own.
 * Also plants the county-honor counts and a county with more than 1000 new shops.
 */
function shapeJining(counties: CountyFigures[], g: number, rng: Rng): void {
  const bySize = counties.slice().sort((a, b) => b.retail - a.retail || (a.code < b.code ? -1 : 1));
  const retailLeaders = bySize.slice(0, 3);
  const ruralLeaders = bySize.slice(3, 6);
  const shareLeaders = bySize.slice(6, 9);
  for (const k of counties) {
    k.growth = Math.min(k.growth, g + 0.04);
    k.ruralGrowth = Math.min(k.ruralGrowth, g + 0.05);
    k.shareRise = Math.min(k.shareRise, 16_000);
    k.over100m = 0;
    k.over50m = rng.chance(0.4) ? 1 : 0;
  }
  retailLeaders.forEach((k, i) => {
    k.growth = g + 0.1 - 0.01 * i + 0.002 * rng.next();
    k.rural = Math.round(k.retail * 0.08);
  });
  ruralLeaders.forEach((k, i) => {
    k.rural = Math.round(k.retail * (0.62 - 0.04 * i));
    k.ruralGrowth = g + 0.14 - 0.01 * i + 0.002 * rng.next();
  });
  const minLeadRural = Math.min(...ruralLeaders.map((k) => k.rural));
  for (const k of counties) if (!ruralLeaders.includes(k)) k.rural = Math.min(k.rural, Math.floor(minLeadRural * 0.85));
  shareLeaders.forEach((k, i) => (k.shareRise = 28_000 - 3_500 * i));
  const first = retailLeaders[0];
  if (first) {
    first.over100m = 1;
    first.over50m = 2;
  }
  const second = shareLeaders[0] ?? bySize[bySize.length - 1];
  if (second && second !== first) second.over50m = 3;
  const maxShops = bySize.reduce((m, k) => Math.max(m, k.newShops), 0);
  if (maxShops <= 1000 && bySize[0]) bySize[0].newShops = 1000 + rng.range(120, 480);
}

/** The share leaders of 济宁 are the 7th–9th counties by size (see shapeJining). */
function jiningShareLeaders(counties: readonly CountyFigures[]): CountyFigures[] {
  const bySize = counties.slice().sort((a, b) => b.retail - a.retail || (a.code < b.code ? -1 : 1));
  return bySize.slice(6, 9);
}

/** Contribution rates to the city's growth: proportional to each county's increase, with noise. */
function assignContributions(counties: CountyFigures[], rng: Rng, leaders: readonly CountyFigures[] = []): void {
  const others = counties.filter((k) => !leaders.includes(k));
  const leaderShares = [190_000, 170_000, 150_000];
  let leaderTotal = 0;
  leaders.forEach((k, i) => (leaderTotal += k.contribution = leaderShares[i] ?? 100_000));
  const deltas = others.map((k) => Math.max(0, k.retail - k.retailPrev) * rng.noise(0.3));
  const total = deltas.reduce((a, b) => a + b, 0);
  const rest = 1 - leaderTotal / 1_000_000;
  others.forEach((k, i) => {
    const share = total > 0 ? (rest * deltas[i]!) / total : 0;
    k.contribution = ratioMillionths(leaders.length ? Math.min(share, 0.12) : share);
  });
}
