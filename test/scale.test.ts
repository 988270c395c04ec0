/**
 * Behaviour that only shows at scale: with many enterprises, region statistics are held
 * sparsely (a Map, not a full column). Rankings, thresholds and benchmarks over them must
 * decide exactly as they do on a small dataset.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Dataset, type Fact, type Subject } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';

const CITIES = ['370100', '370200', '370300', '370400', '370500', '370600'];

function dataset(enterprises: number): Dataset {
  const subjects: Subject[] = [
    ...CITIES.map((c): Subject => ({ id: c, kind: 'city', name: c, tags: [] })),
    ...Array.from({ length: enterprises }, (_, k): Subject => ({ id: `E${k}`, kind: 'enterprise', name: `E${k}`, region: '370102', tags: [] })),
  ];
  // 迁入店铺纳统网络零售额 1亿…6亿元 by city; new shops either side of 1万
  const facts: Fact[] = CITIES.flatMap((c, k): Fact[] => [
    { subject: c, year: 2023, key: 'repatriatedShopsRetail', value: (k + 1) * 1_0000_0000_00 },
    { subject: c, year: 2023, key: 'newOnlineShops', value: 9_999 + k },
  ]);
  return { year: 2023, subjects, facts, history: [], parameters: [], interpretations: {} };
}

const honours = (ds: Dataset) =>
  evaluate(CORPUS, ds).awards.filter((a) => a.subject.length === 6).map((a) => `${a.subject} ${a.rule} ${a.rank ?? ''}`.trim());

describe('region statistics in a large population', () => {
  it('rank and threshold exactly as in a small one (sd 五 前三名, sd 四 超过1万家)', () => {
    const expected = [
      '370400 sd-2022-42/5.repatriated-shops 3', '370500 sd-2022-42/5.repatriated-shops 2', '370600 sd-2022-42/5.repatriated-shops 1',
      '370300 sd-2022-42/4.new-shops', '370400 sd-2022-42/4.new-shops', '370500 sd-2022-42/4.new-shops', '370600 sd-2022-42/4.new-shops',
    ].sort();
    expect(honours(dataset(0)).sort()).toEqual(expected);
    expect(honours(dataset(5_000)).sort()).toEqual(expected); // 12 city facts among 5,006 subjects: held sparsely
  });
});
