/** Names, not codes: regions as people write them, clauses by 文号 and article, kinds and indicators in Chinese; a code the corpus does not know stays itself. */
import { describe, expect, it } from 'vitest';
import { namesFrom } from '../src/names';
import { regionOptions, regionPath } from '../src/RegionPicker';

const regions = [
  { code: 'CN', name: '全国', level: 'country', parent: null },
  { code: '370000', name: '山东省', level: 'province', parent: 'CN' },
  { code: '370800', name: '济宁市', level: 'city', parent: '370000' },
  { code: '370811', name: '任城区', level: 'county', parent: '370800' },
  { code: '370100', name: '济南市', level: 'city', parent: '370000' },
];
const names = namesFrom(
  { regions, kinds: [{ kind: 'liveBase', label: '直播基地' }], factKeys: [{ key: 'retailSales', label: '网络零售额', unit: 'yuan' }], tags: [], parameters: [] },
  [{ id: 'sd-2022-42/2.traffic', document: 'sd-2022-42', number: '鲁政字〔2022〕42号', article: '二', title: '电商平台流量补贴', mode: 'automatic' }, { id: 'x/3', document: 'x', number: 'X〔2025〕1号', article: '二（三）', title: '某奖励', mode: 'application' }],
);

describe('names', () => {
  it.each([
    ['370811', '济宁市任城区'], ['370800', '济宁市'], ['370000', '山东省'], ['999999', '999999'], [null, '—'],
  ])('region(%j) = %s', (code, want) => expect(names.region(code)).toBe(want));

  it('names a clause by its 文号, article and title; an article already labelled stays as written; an unknown id stays itself', () => {
    expect(names.rule('sd-2022-42/2.traffic')).toBe('鲁政字〔2022〕42号 第二条 电商平台流量补贴');
    expect(names.rule('x/3')).toBe('X〔2025〕1号 二（三） 某奖励');
    expect(names.rule('nope/1')).toBe('nope/1');
  });

  it('names kinds and indicators in Chinese', () => {
    expect([names.kind('liveBase'), names.kind('unknownKind'), names.fact('retailSales'), names.fact('other')]).toEqual(['直播基地', 'unknownKind', '网络零售额', 'other']);
  });

  it('before the data arrives, every name is its code', () => {
    const empty = namesFrom(null, []);
    expect([empty.region('370811'), empty.rule('sd-2022-42/2.traffic'), empty.kind('park')]).toEqual(['370811', 'sd-2022-42/2.traffic', 'park']);
  });
});

describe('the region picker', () => {
  it('offers the province\'s cities with their counties, 山东省 on request', () => {
    expect(regionOptions(regions, 'county', true)).toEqual([
      { value: '370000', label: '山东省' },
      { value: '370800', label: '济宁市', children: [{ value: '370811', label: '任城区' }] },
      { value: '370100', label: '济南市' },
    ]);
    expect(regionOptions(regions, 'city', false)).toEqual([{ value: '370800', label: '济宁市' }, { value: '370100', label: '济南市' }]);
  });

  it('finds the path to a code', () => {
    expect([regionPath(regions, '370811'), regionPath(regions, '370800'), regionPath(regions, '123456'), regionPath(regions, undefined)]).toEqual([['370800', '370811'], ['370800'], [], []]);
  });
});
