/**
 * The population of a run, held column by column. Each fact key and year is a slot; a slot
 * that many subjects have is a Float64Array over all subjects (NaN = no fact), a rare one (a
 * region statistic) is a Map, so a million enterprises do not pay for every county figure.
 * Values are the exact scaled integers of quantity.ts, so reading a column is exact.
 */
import { isColumnar, placeAt, SubjectList, type AnyDataset, type FactColumns, type SubjectTable } from './columns.js';
import type { Fact } from './dataset.js';
import { BUILT_IN_REGIONS, type RegionTable } from './regions.js';
import { REGION_KINDS, type FactKey, type SubjectKind, type Tag, type Vocabulary } from './vocabulary.js';

/**
 * Tags as bits of two 32-bit words (64 tags at most), so that a recipient's required tags
 * are matched with an AND per word: tag k is bit k % 32 of word k >> 5.
 */
const TAG_WORDS = 2;
/** The tags of a subject or of a recipient, one 32-bit word per 32 tags. */
export type TagMask = readonly [number, number];
/** the last bit stands for a tag the vocabulary lacks: a recipient requiring one, no subject has it */
const UNDECLARED_TAG = 32 * TAG_WORDS - 1;
/** the four region kinds come first in every kind list: a kind index below this is a region */
const REGION_KIND_COUNT = REGION_KINDS.length;

/** A vocabulary's words as small numbers: tag bits, kind numbers, fact-key slots. */
interface Indexes {
  readonly tags: ReadonlyMap<string, number>;
  readonly kinds: readonly SubjectKind[];
  readonly kindIndex: ReadonlyMap<string, number>;
  readonly keys: readonly FactKey[];
  readonly keyIndex: ReadonlyMap<string, number>;
}

/** Worked out once per vocabulary (one per corpus), not per run. */
const INDEXES = new WeakMap<Vocabulary, Indexes>();
function indexesOf(vocabulary: Vocabulary): Indexes {
  let x = INDEXES.get(vocabulary);
  if (x) return x;
  const tags = new Map(Object.keys(vocabulary.tags).map((t, i) => [t, i]));
  if (tags.size >= 32 * TAG_WORDS) throw new Error(`the tag masks hold ${32 * TAG_WORDS - 1} tags, the vocabulary has ${tags.size}`);
  const kinds = [...REGION_KINDS, ...Object.keys(vocabulary.kinds).filter((k) => !REGION_KINDS.includes(k))];
  const keys = Object.keys(vocabulary.facts);
  x = { tags, kinds, kindIndex: new Map(kinds.map((k, i) => [k, i])), keys, keyIndex: new Map(keys.map((k, i) => [k, i])) };
  INDEXES.set(vocabulary, x);
  return x;
}

const YEARS = 64; // slots per key: years BASE … BASE + 63
const BASE = 1990;
/**
 * A slot becomes a full column once this many subjects have the fact (and they are at least
 * one in 1024): enterprise figures get a column early, at the cost of copying a small Map.
 */
const DENSE_AFTER = 64;

export interface Item { readonly item: string; readonly value: number }


const NONE = new Int32Array(0);

export class Population {
  readonly subjects: SubjectTable;
  private readonly words: Indexes;
  readonly size: number;
  /** region subjects by code, for benchmarks */
  private readonly regionIndex = new Map<string, number>();
  private readonly tagMask: Int32Array;
  private readonly byKind = new Map<SubjectKind, Int32Array>();
  // pre-sized, so that slot lookups stay on a packed array rather than a holey one
  private readonly dense: (Float64Array | undefined)[];
  private readonly sparse: (Map<number, number> | undefined)[];
  private readonly itemised = new Map<number, Map<number, Item[]>>();
  private readonly ruleScoped = new Map<string, Map<number, number>>();
  /** whether a region code lies within an ancestor, by ancestor then code (few of each; asked per subject and rule) */
  private readonly withinCache = new Map<string, Map<string, boolean>>();
  private readonly inRegionCache = new Map<string, Int32Array>();
  /** each subject's place (its region, or its own code for region subjects) as a small number: distinct codes are few */
  private readonly regionIds = new Map<string | undefined, number>();
  private readonly codes: (string | undefined)[] = [];
  private readonly regionOf: Int32Array;
  private readonly bucketCache = new Map<SubjectKind, { start: Int32Array; members: Int32Array }>();

  /** `vocabulary`: the corpus's words, whose kinds, tags and fact keys the dataset uses (the readers checked them). */
  /** `regions`: the run's region table (its corpus's), which jurisdictions are read in */
  constructor(dataset: AnyDataset, vocabulary: Vocabulary, private readonly regions: RegionTable = BUILT_IN_REGIONS) {
    const words = (this.words = indexesOf(vocabulary));
    // a kind the corpus does not declare (a stored subject of an older corpus) gets a number of its own: no rule names it
    const kindList = [...words.kinds];
    const kindIndex = new Map(words.kindIndex);
    const perKind: number[] = kindList.map(() => 0);
    const kindNumber = (kind: SubjectKind): number => kindIndex.get(kind) ?? (kindIndex.set(kind, kindList.length), perKind.push(0), kindList.push(kind) - 1);
    this.dense = new Array(words.keys.length * YEARS).fill(undefined);
    this.sparse = new Array(words.keys.length * YEARS).fill(undefined);
    const subjects = (this.subjects = isColumnar(dataset) ? dataset.subjects : new SubjectList(dataset.subjects));
    const n = (this.size = subjects.length);
    this.tagMask = new Int32Array(n * TAG_WORDS);
    const kindOf = new Int32Array(n);
    const regionOf = (this.regionOf = new Int32Array(n));
    // subjects come in runs of one kind and one region, and share tag arrays (the readers do):
    // remembering the last of each saves a lookup per subject of a million
    let lastKind: string | undefined, k = 0;
    let lastCode: string | undefined = '', id = 0;
    const masks = new Map<readonly Tag[], TagMask>();
    for (let i = 0; i < n; i++) {
      const kind = subjects.kind(i);
      if (kind !== lastKind) k = kindNumber((lastKind = kind));
      kindOf[i] = k;
      perKind[k]!++;
      if (k < REGION_KIND_COUNT) this.regionIndex.set(subjects.id(i), i);
      const tags = subjects.tags(i);
      let mask = masks.get(tags);
      if (mask === undefined) masks.set(tags, (mask = this.maskOf(tags, false)));
      this.tagMask[i * TAG_WORDS] = mask[0];
      this.tagMask[i * TAG_WORDS + 1] = mask[1];
      const code = placeAt(subjects, i, regions);
      if (code !== lastCode) {
        const known = this.regionIds.get((lastCode = code));
        if (known === undefined) this.regionIds.set(code, (id = this.codes.push(code) - 1));
        else id = known;
      }
      regionOf[i] = id;
    }
    // exactly sized typed lists: a million-element array grown by push costs copies and GC
    const lists = kindList.map((_, k) => new Int32Array(perKind[k]!));
    const fill = new Int32Array(kindList.length);
    for (let i = 0; i < n; i++) lists[kindOf[i]!]![fill[kindOf[i]!]!++] = i;
    kindList.forEach((kind, k) => this.byKind.set(kind, lists[k]!));
    if (isColumnar(dataset)) this.readColumns(dataset.facts);
    else this.readFacts(dataset.facts);
  }

  private readFacts(facts: readonly Fact[]): void {
    const keyIndex = this.words.keyIndex;
    for (let k = 0; k < facts.length; k++) {
      const f = facts[k]!;
      if (f.quarter !== undefined) continue; // quarterly figures feed monitoring, not the annual evaluation
      const key = keyIndex.get(f.key);
      if (key !== undefined) this.add(this.subjectOf(f), key, f.year, f.value, f.rule, f.item); // else a key no rule of this corpus reads
    }
  }

  private readColumns(facts: FactColumns): void {
    const keyIndex = facts.keys.map((key) => this.words.keyIndex.get(key) ?? -1);
    const { at, item, rule, strings } = facts.extras;
    const text = (codes: Int32Array, e: number) => (e < 0 || codes[e]! < 0 ? undefined : strings[codes[e]!]);
    let next = 0; // the next fact with an item, rule or source
    for (let k = 0; k < facts.length; k++) {
      const e = at[next] === k ? next++ : -1;
      const key = keyIndex[facts.keyOf[k]!]!;
      if (facts.quarter[k] !== 0 || key < 0) continue; // as above
      this.add(facts.subject[k]!, key, facts.year[k]!, facts.value[k]!, text(rule, e), text(item, e));
    }
  }

  /** The slot of a key and year; NaN for a key the vocabulary lacks, which no slot holds (no fact). */
  private slotOf(key: FactKey, year: number): number {
    return this.words.keyIndex.get(key)! * YEARS + (year - BASE);
  }

  private add(i: number, key: number, year: number, value: number, rule: string | undefined, item: string | undefined): void {
    if (year < BASE || year >= BASE + YEARS) throw new Error(`year ${year} outside ${BASE}–${BASE + YEARS - 1}`);
    const slot = key * YEARS + (year - BASE);
    if (rule !== undefined) this.putScoped(`${slot}#${rule}`, i, value);
    else if (item !== undefined) this.putItem(slot, i, item, value);
    else {
      const col = this.dense[slot];
      // the common case inline: a plain fact into a full column (NaN = no fact yet)
      if (col !== undefined && col[i] !== col[i]) col[i] = value;
      else this.put(slot, i, value);
    }
  }

  private subjectOf(f: Fact): number {
    const k = f.subjectIndex;
    if (k !== undefined && k < this.size && this.subjects.id(k) === f.subject) return k;
    return this.index(f.subject)!;
  }

  /**
   * A slot starts as a Map and becomes a full column once DENSE_AFTER subjects have the fact:
   * region statistics stay small, enterprise figures get a typed column, in one pass.
   */
  private put(slot: number, i: number, value: number): void {
    const col = this.dense[slot];
    if (!col) {
      const map = (this.sparse[slot] ??= new Map());
      const old = map.get(i);
      if (old === undefined) {
        map.set(i, value);
        if (map.size >= DENSE_AFTER && map.size >= this.size >>> 10) this.promote(slot, map);
        return;
      }
      if (old !== value) this.conflict(slot, i);
      return;
    }
    const old = col[i]!;
    // the readers refuse conflicting duplicates; a Dataset built by hand must not carry one either
    if (!Number.isNaN(old) && old !== value) this.conflict(slot, i);
    col[i] = value;
  }

  private conflict(slot: number, i: number): never {
    throw new Error(`conflicting facts: ${this.subjects.id(i)} ${this.words.keys[Math.floor(slot / YEARS)]}@${BASE + (slot % YEARS)}`);
  }

  private promote(slot: number, map: Map<number, number>): void {
    const col = new Float64Array(this.size).fill(NaN);
    for (const [i, v] of map) col[i] = v;
    this.dense[slot] = col;
    this.sparse[slot] = undefined;
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

  /** Subject i's place: its region, or its own code for a region subject (undefined for neither). */
  regionCode(i: number): string | undefined {
    return this.codes[this.regionOf[i]!];
  }

  /** The full column of a key and year when it is dense and holds no itemised facts (NaN = no fact). */
  plainColumn(key: FactKey, year: number): Float64Array | undefined {
    const slot = this.slotOf(key, year);
    return this.itemised.has(slot) ? undefined : this.dense[slot];
  }

  /** A reader of one key and year: the column when dense, else the sparse lookup (undefined = no fact). */
  reader(key: FactKey, year: number): (i: number) => number | undefined {
    const col = this.plainColumn(key, year);
    if (col) {
      return (i) => {
        const v = col[i]!;
        return Number.isNaN(v) ? undefined : v;
      };
    }
    return (i) => this.value(i, key, year);
  }

  /** A subject's fact, or undefined. Itemised facts are summed (their items stay in `items`). */
  value(i: number, key: FactKey, year: number): number | undefined {
    const slot = this.slotOf(key, year);
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
    const list = this.itemised.get(this.slotOf(key, year))?.get(i);
    if (list) return [...list].sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const v = this.value(i, key, year);
    return v === undefined ? undefined : [{ item: '', value: v }];
  }

  scoped(i: number, key: FactKey, year: number, rule: string): number | undefined {
    return this.scopedMap(key, year, rule)?.get(i);
  }

  /** Every subject's fact of a key and year scoped to one rule (panel scores), or undefined. */
  scopedMap(key: FactKey, year: number, rule: string): ReadonlyMap<number, number> | undefined {
    return this.ruleScoped.get(`${this.slotOf(key, year)}#${rule}`);
  }

  index(id: string): number | undefined {
    return this.regionIndex.get(id) ?? this.subjects.indexOf(id);
  }

  hasTag(i: number, tag: Tag): boolean {
    const k = this.words.tags.get(tag);
    if (k === undefined) return false; // a tag the corpus does not declare: no subject carries it
    return (this.tagMask[i * TAG_WORDS + (k >> 5)]! & (1 << (k & 31))) !== 0;
  }

  /**
   * Bit mask of tags, for matching a recipient's required tags with one AND per word. A tag the
   * corpus does not declare is no bit of a subject's mask (no rule reads it), and in a recipient's
   * `required` mask the bit no subject has.
   */
  maskOf(tags: readonly Tag[], required = true): TagMask {
    const m = [0, 0];
    for (const t of tags) {
      const k = this.words.tags.get(t) ?? (required ? UNDECLARED_TAG : undefined);
      if (k === undefined) continue;
      m[k >> 5]! |= 1 << (k & 31);
    }
    return [m[0]!, m[1]!];
  }

  static isEmpty(mask: TagMask): boolean {
    return mask[0] === 0 && mask[1] === 0;
  }

  /** The subjects of `list` with every tag of mask `all` and, unless empty, one of `any`. */
  withTags(list: Int32Array, all: TagMask, any: TagMask): Int32Array {
    const masks = this.tagMask;
    const [all0, all1] = all;
    const [any0, any1] = any;
    const anyNeeded = any0 !== 0 || any1 !== 0;
    const out = new Int32Array(list.length);
    let n = 0;
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      const m0 = masks[i * TAG_WORDS]!;
      const m1 = masks[i * TAG_WORDS + 1]!;
      if ((m0 & all0) === all0 && (m1 & all1) === all1 && (!anyNeeded || (m0 & any0) !== 0 || (m1 & any1) !== 0)) out[n++] = i;
    }
    return out.slice(0, n);
  }

  ofKind(kind: SubjectKind): Int32Array {
    return this.byKind.get(kind) ?? NONE;
  }

  /** Subjects of a kind located inside `ancestor`, in index order; one region-table lookup per distinct code. */
  inRegion(kind: SubjectKind, ancestor: string): Int32Array {
    const k = `${kind}|${ancestor}`;
    let list = this.inRegionCache.get(k);
    if (!list) {
      const { start, members } = this.buckets(kind);
      const ids = [...this.regionIds].filter(([code]) => code !== undefined && this.regions.isWithin(code, ancestor)).map(([, id]) => id).sort((a, b) => a - b);
      list = new Int32Array(ids.reduce((n, id) => n + start[id + 1]! - start[id]!, 0));
      let at = 0;
      for (const id of ids) {
        list.set(members.subarray(start[id]!, start[id + 1]!), at);
        at += start[id + 1]! - start[id]!;
      }
      this.inRegionCache.set(k, list);
    }
    return list;
  }

  /**
   * The subjects of a kind grouped by region (a counting sort, once per kind): a jurisdiction
   * is then the concatenation of its regions' groups, not a filter over a million subjects.
   */
  private buckets(kind: SubjectKind): { start: Int32Array; members: Int32Array } {
    let b = this.bucketCache.get(kind);
    if (!b) {
      const of = this.ofKind(kind);
      const start = new Int32Array(this.regionIds.size + 1);
      for (const i of of) start[this.regionOf[i]! + 1]!++;
      for (let r = 0; r < this.regionIds.size; r++) start[r + 1]! += start[r]!;
      const next = start.slice(0, -1);
      const members = new Int32Array(of.length);
      for (const i of of) members[next[this.regionOf[i]!]!++] = i;
      this.bucketCache.set(kind, (b = { start, members }));
    }
    return b;
  }

  /** Is subject i located inside region `ancestor` (its own code for region subjects)? */
  isIn(i: number, ancestor: string): boolean {
    const code = this.regionCode(i);
    if (code === undefined) return false;
    let known = this.withinCache.get(ancestor);
    if (!known) this.withinCache.set(ancestor, (known = new Map()));
    let r = known.get(code);
    if (r === undefined) known.set(code, (r = this.regions.isWithin(code, ancestor)));
    return r;
  }
}
