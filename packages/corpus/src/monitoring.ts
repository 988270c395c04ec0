/**
 * 鲁政字〔2022〕42号 十三「每季度反馈各市电商主要监测数据」: for each of Shandong's 16 cities, the
 * main indicators of a period (a quarter, or the year), their growth on the same period a year
 * before, and the city's rank among the cities. Quarterly figures are facts with `quarter`;
 * without a quarter the annual figures are used. Exact: growth and shares are rationals.
 */
import { div, formatRatioQ, q, sub, yuanString, type Dataset, type FactKey, type Q } from '@duixian/engine';
import { childrenOf, region } from './region-table.js';

export interface Indicator {
  readonly value: string | null; // yuan with two places, or a count
  readonly growth: string | null; // on the same period a year before, as a percentage (≈ when not exact)
  readonly rank: number | null; // among the cities with a value (competition ranking, 1 = largest)
}

export interface CityReport {
  readonly city: string;
  readonly name: string;
  readonly onlineRetail: Indicator;
  readonly physicalGoodsOnlineRetail: Indicator;
  /** physical-goods online retail ÷ total retail sales of consumer goods */
  readonly share: { readonly value: string | null; readonly rank: number | null };
  readonly newOnlineShops: Indicator;
}

type Pick = (subject: string, key: FactKey, year: number) => number | undefined;

/** The figure of a period: the quarter's fact when `quarter` is given, else the annual one. */
function picker(dataset: Dataset, quarter: number | undefined): Pick {
  const m = new Map<string, number>();
  for (const f of dataset.facts) {
    if (f.item !== undefined || f.rule !== undefined) continue;
    if ((f.quarter ?? undefined) !== quarter) continue;
    m.set(`${f.subject}|${f.key}|${f.year}`, f.value);
  }
  return (s, k, y) => m.get(`${s}|${k}|${y}`);
}

/** Competition ranks (1, 1, 3), largest first, over the cities that have a value. */
function ranks(values: Map<string, Q | number>): Map<string, number> {
  const n = (v: Q | number): Q => (typeof v === 'number' ? q(BigInt(v)) : v);
  const sorted = [...values].sort(([, a], [, b]) => {
    const x = n(a), y = n(b);
    const l = x.n * y.d, r = y.n * x.d;
    return l > r ? -1 : l < r ? 1 : 0;
  });
  const out = new Map<string, number>();
  sorted.forEach(([c, v], k) => {
    const prev = sorted[k - 1];
    const same = prev && (() => { const x = n(prev[1]), y = n(v); return x.n * y.d === y.n * x.d; })();
    out.set(c, same ? out.get(prev[0])! : k + 1);
  });
  return out;
}

export function cityReport(dataset: Dataset, year: number, quarter?: 1 | 2 | 3 | 4): CityReport[] {
  const pick = picker(dataset, quarter);
  const cities = childrenOf('370000').map((r) => r.code);
  const indicator = (key: FactKey, money: boolean) => {
    const now = new Map(cities.flatMap((c) => { const v = pick(c, key, year); return v === undefined ? [] : [[c, v] as const]; }));
    const rank = ranks(now);
    return (c: string): Indicator => {
      const v = now.get(c);
      const last = pick(c, key, year - 1);
      const g = v !== undefined && last !== undefined && last > 0 ? div(sub(q(BigInt(v)), q(BigInt(last))), q(BigInt(last))) : undefined;
      return {
        value: v === undefined ? null : money ? yuanString(v) : String(v),
        growth: g === undefined ? null : formatRatioQ(g),
        rank: rank.get(c) ?? null,
      };
    };
  };
  const retail = indicator('onlineRetail', true);
  const physical = indicator('physicalGoodsOnlineRetail', true);
  const shops = indicator('newOnlineShops', false);
  const shares = new Map<string, Q>();
  for (const c of cities) {
    const a = pick(c, 'physicalGoodsOnlineRetail', year);
    const b = pick(c, 'totalRetailSales', year);
    if (a !== undefined && b !== undefined && b > 0) shares.set(c, div(q(BigInt(a)), q(BigInt(b))));
  }
  const shareRank = ranks(shares);
  return cities.map((c) => ({
    city: c,
    name: region(c)!.name,
    onlineRetail: retail(c),
    physicalGoodsOnlineRetail: physical(c),
    share: { value: shares.has(c) ? formatRatioQ(shares.get(c)!) : null, rank: shareRank.get(c) ?? null },
    newOnlineShops: shops(c),
  }));
}
