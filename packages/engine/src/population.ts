/**
 * The population of a run, held column by column: one Float64Array per fact key and year
 * over all subjects (NaN = no fact). Values are the exact scaled integers of quantity.ts,
 * so reading a column is exact; typed arrays keep a million enterprises cheap to scan.
 */
import type { Dataset, Subject } from './dataset.js';
import { isWithin, region } from './regions.js';
import { SUBJECT_KINDS, TAGS, type FactKey, type SubjectKind, type Tag } from './vocabulary.js';

const TAG_BIT: Readonly<Record<string, number>> = Object.fromEntries(Object.keys(TAGS).map((t, i) => [t, 1 << i]));
const KIND_LIST = Object.keys(SUBJECT_KINDS) as SubjectKind[];

export interface Item { readonly item: string; readonly value: number }

const col = (key: string, year: number) => `${key}@${year}`;

export class Population {
  readonly subjects: readonly Subject[];
  readonly size: number;
  private readonly indexById = new Map<string, number>();
  private readonly tagMask: Int32Array;
  /** region code placing each subject: its `region`, or its own id for region subjects */
  readonly regionCode: readonly (string | undefined)[];
  private readonly byKind = new Map<SubjectKind, number[]>();
  private readonly columns = new Map<string, Float64Array>();
  private readonly itemised = new Map<string, Map<number, Item[]>>();
  private readonly ruleScoped = new Map<string, Map<number, number>>();
  private readonly withinCache = new Map<string, boolean>();
  private readonly inRegionCache = new Map<string, readonly number[]>();

  constructor(dataset: Dataset) {
    this.subjects = dataset.subjects;
    const n = (this.size = dataset.subjects.length);
    this.tagMask = new Int32Array(n);
    const regionCode: (string | undefined)[] = new Array(n);
    for (const k of KIND_LIST) this.byKind.set(k, []);
    for (let i = 0; i < n; i++) {
      const s = dataset.subjects[i]!;
      this.indexById.set(s.id, i);
      let mask = 0;
      for (const t of s.tags) mask |= TAG_BIT[t]!;
      this.tagMask[i] = mask;
      regionCode[i] = s.region ?? (region(s.id) ? s.id : undefined);
      this.byKind.get(s.kind)!.push(i);
    }
    this.regionCode = regionCode;
    for (const f of dataset.facts) {
      if (f.quarter !== undefined) continue; // quarterly figures feed monitoring, not the annual evaluation
      const i = this.indexById.get(f.subject)!;
      if (f.rule !== undefined) {
        const k = `${col(f.key, f.year)}#${f.rule}`;
        let m = this.ruleScoped.get(k);
        if (!m) this.ruleScoped.set(k, (m = new Map()));
        m.set(i, f.value);
      } else if (f.item !== undefined) {
        const k = col(f.key, f.year);
        let m = this.itemised.get(k);
        if (!m) this.itemised.set(k, (m = new Map()));
        const list = m.get(i);
        if (list) list.push({ item: f.item, value: f.value });
        else m.set(i, [{ item: f.item, value: f.value }]);
      } else {
        const c = this.column(f.key, f.year, true)!;
        // the readers refuse conflicting duplicates; a Dataset built by hand must not carry one either
        if (!Number.isNaN(c[i]!) && c[i] !== f.value) throw new Error(`conflicting facts: ${f.subject} ${f.key}@${f.year}`);
        c[i] = f.value;
      }
    }
  }

  /** The column of a key and year; undefined when no subject has that fact. */
  column(key: FactKey, year: number, create = false): Float64Array | undefined {
    const k = col(key, year);
    let c = this.columns.get(k);
    if (!c && create) {
      c = new Float64Array(this.size).fill(NaN);
      this.columns.set(k, c);
    }
    return c;
  }

  /** A subject's fact, or undefined. Itemised facts are summed (their items stay in `items`). */
  value(i: number, key: FactKey, year: number): number | undefined {
    const v = this.columns.get(col(key, year))?.[i];
    if (v !== undefined && !Number.isNaN(v)) return v;
    const list = this.itemised.get(col(key, year))?.get(i);
    return list ? list.reduce((s, x) => s + x.value, 0) : undefined;
  }

  items(i: number, key: FactKey, year: number): readonly Item[] | undefined {
    const list = this.itemised.get(col(key, year))?.get(i);
    if (list) return [...list].sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const v = this.value(i, key, year);
    return v === undefined ? undefined : [{ item: '', value: v }];
  }

  scoped(i: number, key: FactKey, year: number, rule: string): number | undefined {
    return this.ruleScoped.get(`${col(key, year)}#${rule}`)?.get(i);
  }

  index(id: string): number | undefined {
    return this.indexById.get(id);
  }

  hasTag(i: number, tag: Tag): boolean {
    return (this.tagMask[i]! & TAG_BIT[tag]!) !== 0;
  }

  /** Bit mask of tags, for matching a recipient's required tags in one AND. */
  static maskOf(tags: readonly Tag[]): number {
    let m = 0;
    for (const t of tags) m |= TAG_BIT[t]!;
    return m;
  }

  tags(i: number): number {
    return this.tagMask[i]!;
  }

  ofKind(kind: SubjectKind): readonly number[] {
    return this.byKind.get(kind)!;
  }

  /** Subjects of a kind located inside `ancestor`, in index order; one pass per distinct region code. */
  inRegion(kind: SubjectKind, ancestor: string): readonly number[] {
    const k = `${kind}|${ancestor}`;
    let list = this.inRegionCache.get(k);
    if (!list) {
      const codes = new Map<string, boolean>();
      list = this.ofKind(kind).filter((i) => {
        const code = this.regionCode[i];
        if (code === undefined) return false;
        let inside = codes.get(code);
        if (inside === undefined) codes.set(code, (inside = isWithin(code, ancestor)));
        return inside;
      });
      this.inRegionCache.set(k, list);
    }
    return list;
  }

  /** Is subject i located inside region `ancestor` (its own code for region subjects)? */
  isIn(i: number, ancestor: string): boolean {
    const code = this.regionCode[i];
    if (code === undefined) return false;
    const k = `${code}>${ancestor}`;
    let r = this.withinCache.get(k);
    if (r === undefined) this.withinCache.set(k, (r = isWithin(code, ancestor)));
    return r;
  }
}
