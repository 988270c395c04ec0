/**
 * The population of a run, held column by column. Each fact key and year is a slot; a slot
 * that many subjects have is a Float64Array over all subjects (NaN = no fact), a rare one (a
 * region statistic) is a Map, so a million enterprises do not pay for every county figure.
 * Values are the exact scaled integers of quantity.ts, so reading a column is exact.
 */
import type { Dataset, Fact, Subject } from './dataset.js';
import { isWithin, region } from './regions.js';
import { FACT_KEYS, SUBJECT_KINDS, TAGS, type FactKey, type SubjectKind, type Tag } from './vocabulary.js';

const TAG_BIT: Readonly<Record<string, number>> = Object.fromEntries(Object.keys(TAGS).map((t, i) => [t, 1 << i]));
const KIND_LIST = Object.keys(SUBJECT_KINDS) as SubjectKind[];
const KEY_INDEX = new Map(Object.keys(FACT_KEYS).map((k, i) => [k, i]));
const YEARS = 64; // slots per key: years BASE … BASE + 63
const BASE = 1990;
/** A slot is dense when at least one subject in this many has the fact. */
const DENSE_EVERY = 32;

export interface Item { readonly item: string; readonly value: number }

const slotOf = (key: FactKey, year: number): number => KEY_INDEX.get(key)! * YEARS + (year - BASE);

export class Population {
  readonly subjects: readonly Subject[];
  readonly size: number;
  private readonly indexById = new Map<string, number>();
  private readonly tagMask: Int32Array;
  /** region code placing each subject: its `region`, or its own id for region subjects */
  readonly regionCode: readonly (string | undefined)[];
  private readonly byKind = new Map<SubjectKind, number[]>();
  private readonly dense: (Float64Array | undefined)[] = [];
  private readonly sparse: (Map<number, number> | undefined)[] = [];
  private readonly itemised = new Map<number, Map<number, Item[]>>();
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
    const slots = this.allocate(dataset.facts);
    const facts = dataset.facts;
    for (let k = 0; k < facts.length; k++) {
      const f = facts[k]!;
      if (f.quarter !== undefined) continue; // quarterly figures feed monitoring, not the annual evaluation
      const i = this.subjectOf(f);
      const slot = slots[k]!;
      if (f.rule !== undefined) this.putScoped(`${slot}#${f.rule}`, i, f.value);
      else if (f.item !== undefined) this.putItem(slot, i, f.item, f.value);
      else this.put(slot, i, f);
    }
  }

  private subjectOf(f: Fact): number {
    const k = f.subjectIndex;
    if (k !== undefined && this.subjects[k]?.id === f.subject) return k;
    return this.indexById.get(f.subject)!;
  }

  /** The slot of every fact; frequent slots get a full column, rare ones a Map. */
  private allocate(facts: readonly Fact[]): Int32Array {
    const slots = new Int32Array(facts.length);
    const counts = new Map<number, number>();
    for (let k = 0; k < facts.length; k++) {
      const f = facts[k]!;
      if (f.year < BASE || f.year >= BASE + YEARS) throw new Error(`year ${f.year} outside ${BASE}–${BASE + YEARS - 1}`);
      const slot = (slots[k] = slotOf(f.key, f.year));
      if (f.quarter === undefined && f.rule === undefined && f.item === undefined) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    for (const [slot, count] of counts) {
      if (count * DENSE_EVERY >= this.size) this.dense[slot] = new Float64Array(this.size).fill(NaN);
      else this.sparse[slot] = new Map();
    }
    return slots;
  }

  private put(slot: number, i: number, f: { subject: string; key: string; year: number; value: number }): void {
    const col = this.dense[slot];
    const old = col ? col[i]! : this.sparse[slot]!.get(i);
    // the readers refuse conflicting duplicates; a Dataset built by hand must not carry one either
    if (old !== undefined && !Number.isNaN(old) && old !== f.value) throw new Error(`conflicting facts: ${f.subject} ${f.key}@${f.year}`);
    if (col) col[i] = f.value;
    else this.sparse[slot]!.set(i, f.value);
  }

  private putItem(slot: number, i: number, item: string, value: number): void {
    let m = this.itemised.get(slot);
    if (!m) this.itemised.set(slot, (m = new Map()));
    const list = m.get(i);
    if (list) list.push({ item, value });
    else m.set(i, [{ item, value }]);
  }

  private putScoped(k: string, i: number, value: number): void {
    let m = this.ruleScoped.get(k);
    if (!m) this.ruleScoped.set(k, (m = new Map()));
    m.set(i, value);
  }

  /** A reader of one key and year: the column when dense, else the sparse lookup (undefined = no fact). */
  reader(key: FactKey, year: number): (i: number) => number | undefined {
    const col = this.column(key, year);
    if (col && !this.itemised.has(slotOf(key, year))) {
      return (i) => {
        const v = col[i]!;
        return Number.isNaN(v) ? undefined : v;
      };
    }
    return (i) => this.value(i, key, year);
  }

  /** The full column of a key and year, when the slot is dense; otherwise read with `value`. */
  column(key: FactKey, year: number): Float64Array | undefined {
    return this.dense[slotOf(key, year)];
  }

  /** A subject's fact, or undefined. Itemised facts are summed (their items stay in `items`). */
  value(i: number, key: FactKey, year: number): number | undefined {
    const slot = slotOf(key, year);
    const col = this.dense[slot];
    if (col) {
      const v = col[i]!;
      if (!Number.isNaN(v)) return v;
    } else {
      const v = this.sparse[slot]?.get(i);
      if (v !== undefined) return v;
    }
    const list = this.itemised.get(slot)?.get(i);
    return list ? list.reduce((s, x) => s + x.value, 0) : undefined;
  }

  items(i: number, key: FactKey, year: number): readonly Item[] | undefined {
    const list = this.itemised.get(slotOf(key, year))?.get(i);
    if (list) return [...list].sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const v = this.value(i, key, year);
    return v === undefined ? undefined : [{ item: '', value: v }];
  }

  scoped(i: number, key: FactKey, year: number, rule: string): number | undefined {
    return this.ruleScoped.get(`${slotOf(key, year)}#${rule}`)?.get(i);
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

  /** Subjects of a kind located inside `ancestor`, in index order; one region-table lookup per distinct code. */
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
