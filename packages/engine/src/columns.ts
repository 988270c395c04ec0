/**
 * A year's subjects and facts held column by column: the form a server keeps a million
 * enterprises in. Numbers and repeated values are typed arrays; each string column (ids, names,
 * USCCs) is one string with offsets. The held year is then a few dozen objects for the garbage
 * collector to trace, not five million: a major collection of a 1M year held as Subject and Fact
 * objects took ~450 ms, and on a busy 2-core server that marking ran on the main thread, in the
 * middle of requests. Objects are made when asked for: a Subject by position (`at`), a Dataset
 * of some of the subjects (`rowsOf`).
 */
import type { Dataset, Fact, Mutable, Subject } from './dataset.js';
import { BUILT_IN_REGIONS, type RegionTable } from './regions.js';
import type { FactKey, SubjectKind, Tag } from './vocabulary.js';

/** The subjects of a run by position: as a list of objects, or as columns. */
export interface SubjectTable {
  readonly length: number;
  id(i: number): string;
  kind(i: number): SubjectKind;
  region(i: number): string | undefined;
  /** the tag list (lists are shared between subjects of the same tags) */
  tags(i: number): readonly Tag[];
  /** the subject as an object (made on each call for columns) */
  at(i: number): Subject;
  indexOf(id: string): number | undefined;
}

/** A SubjectTable over Subject objects (a dataset as read from a file or built by hand). */
export class SubjectList implements SubjectTable {
  private byId?: Map<string, number>;
  constructor(private readonly list: readonly Subject[]) {}
  get length(): number { return this.list.length; }
  id(i: number): string { return this.list[i]!.id; }
  kind(i: number): SubjectKind { return this.list[i]!.kind; }
  region(i: number): string | undefined { return this.list[i]!.region; }
  tags(i: number): readonly Tag[] { return this.list[i]!.tags; }
  at(i: number): Subject { return this.list[i]!; }
  indexOf(id: string): number | undefined {
    this.byId ??= new Map(this.list.map((s, i) => [s.id, i]));
    return this.byId.get(id);
  }
}

/** A column of strings (or absent values) as one string and where each starts. */
export class Strings {
  /** `start` has one more entry than there are strings; `absent[i]` = 1 for a missing value */
  constructor(readonly text: string, readonly start: Int32Array, readonly absent?: Uint8Array) {}

  static of(values: readonly (string | undefined | null)[]): Strings {
    const start = new Int32Array(values.length + 1);
    const absent = values.some((v) => v === undefined || v === null) ? new Uint8Array(values.length) : undefined;
    values.forEach((v, i) => {
      if (v === undefined || v === null) absent![i] = 1;
      start[i + 1] = start[i]! + (v?.length ?? 0);
    });
    return new Strings(values.map((v) => v ?? '').join(''), start, absent);
  }

  get length(): number { return this.start.length - 1; }

  get(i: number): string | undefined {
    return this.absent?.[i] ? undefined : this.text.slice(this.start[i], this.start[i + 1]);
  }

  /** Whether string i is `s`, without making it. */
  is(i: number, s: string): boolean {
    const from = this.start[i]!;
    return !this.absent?.[i] && this.start[i + 1]! - from === s.length && this.text.startsWith(s, from);
  }

  /** The hash of string i, without making it (the same as `hash` of the string itself). */
  hashAt(i: number): number {
    return fnv1a(this.text, this.start[i]!, this.start[i + 1]!);
  }

  static hash(s: string): number {
    return fnv1a(s, 0, s.length);
  }
}

/** What SubjectColumns holds: subject i's kind is kinds[kindOf[i]], its region regions[regionOf[i]] (-1: none), its tags tagSets[tagSetOf[i]]. */
export interface SubjectData {
  readonly ids: Strings;
  readonly names: Strings;
  readonly usccs: Strings;
  readonly kindOf: Uint8Array;
  readonly kinds: readonly SubjectKind[];
  readonly regionOf: Int32Array;
  readonly regions: readonly string[];
  readonly tagSetOf: Int32Array;
  readonly tagSets: readonly (readonly Tag[])[];
}

/** Subjects as columns. Ids are unique (the readers guarantee it); `indexOf` is a typed hash table, made on first use. */
export class SubjectColumns implements SubjectTable {
  private table?: Int32Array;

  constructor(readonly columns: SubjectData) {
    const c = columns;
    const n = c.kindOf.length;
    if ([c.ids.length, c.names.length, c.usccs.length, c.regionOf.length, c.tagSetOf.length].some((m) => m !== n)) throw new Error('subject columns of different lengths');
  }

  static of(subjects: readonly Subject[]): SubjectColumns {
    const n = subjects.length;
    const kinds = new Codes<SubjectKind>(), regions = new Codes<string>(), tagSets = new Codes<string>();
    const kindOf = new Uint8Array(n), regionOf = new Int32Array(n), tagSetOf = new Int32Array(n);
    const seen = new Map<readonly Tag[], number>(); // readers share one list between subjects of the same tags
    subjects.forEach((s, i) => {
      kindOf[i] = kinds.of(s.kind);
      regionOf[i] = s.region === undefined ? -1 : regions.of(s.region);
      let t = seen.get(s.tags);
      if (t === undefined) seen.set(s.tags, (t = tagSets.of(JSON.stringify(s.tags))));
      tagSetOf[i] = t;
    });
    if (kinds.values.length > 256) throw new Error('more than 256 subject kinds');
    return new SubjectColumns({
      ids: Strings.of(subjects.map((s) => s.id)), names: Strings.of(subjects.map((s) => s.name)), usccs: Strings.of(subjects.map((s) => s.uscc)),
      kindOf, kinds: kinds.values, regionOf, regions: regions.values, tagSetOf, tagSets: tagSets.values.map((t) => JSON.parse(t) as Tag[]),
    });
  }

  get length(): number { return this.columns.kindOf.length; }
  id(i: number): string { return this.columns.ids.get(i)!; }
  kind(i: number): SubjectKind { return this.columns.kinds[this.columns.kindOf[i]!]!; }
  region(i: number): string | undefined { const r = this.columns.regionOf[i]!; return r < 0 ? undefined : this.columns.regions[r]; }
  tags(i: number): readonly Tag[] { return this.columns.tagSets[this.columns.tagSetOf[i]!]!; }

  at(i: number): Subject {
    // the properties in the order the row reader makes them
    const s: Mutable<Subject> = { id: this.id(i), kind: this.kind(i), name: this.columns.names.get(i)!, tags: this.tags(i) };
    const region = this.region(i);
    if (region !== undefined) s.region = region;
    const uscc = this.columns.usccs.get(i);
    if (uscc !== undefined) s.uscc = uscc;
    return s;
  }

  indexOf(id: string): number | undefined {
    const table = (this.table ??= this.hashTable());
    const mask = table.length - 1;
    for (let h = Strings.hash(id) & mask; table[h] !== -1; h = (h + 1) & mask) {
      if (this.columns.ids.is(table[h]!, id)) return table[h];
    }
    return undefined;
  }

  /** The same subjects with `tag` added to those at `positions` that lack it (the credit blacklist, as the year is read). */
  withTag(positions: Iterable<number>, tag: Tag): SubjectColumns {
    const tagSetOf = this.columns.tagSetOf.slice();
    const sets = [...this.columns.tagSets];
    const added = new Map<number, number>(); // tag set → the same with the tag
    for (const i of positions) {
      const was = tagSetOf[i]!;
      if (sets[was]!.includes(tag)) continue;
      let now = added.get(was);
      if (now === undefined) added.set(was, (now = sets.push([...sets[was]!, tag]) - 1));
      tagSetOf[i] = now;
    }
    const out = new SubjectColumns({ ...this.columns, tagSetOf, tagSets: sets });
    out.table = this.table; // the same ids at the same positions
    return out;
  }

  private hashTable(): Int32Array {
    let size = 1;
    while (size < this.length * 2) size <<= 1;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < this.length; i++) {
      let h = this.columns.ids.hashAt(i) & mask;
      while (table[h] !== -1) h = (h + 1) & mask;
      table[h] = i;
    }
    return table;
  }
}

/** Facts with an item, a rule or a source (a sparse list: typed, however many there are): their positions, ascending, and codes into `strings` (-1: none). */
export interface FactExtras {
  readonly at: Int32Array;
  readonly item: Int32Array;
  readonly rule: Int32Array;
  readonly source: Int32Array;
  readonly strings: readonly string[];
}

/** Facts as columns: fact k is of subject `subject[k]` (a position), key keys[keyOf[k]], quarter 0 for the year. */
export class FactColumns {
  constructor(
    readonly subject: Int32Array,
    readonly year: Int32Array,
    readonly quarter: Uint8Array,
    readonly keyOf: Uint8Array,
    readonly keys: readonly FactKey[],
    readonly value: Float64Array,
    readonly extras: FactExtras,
  ) {
    const m = subject.length;
    if ([year.length, quarter.length, keyOf.length, value.length].some((x) => x !== m)) throw new Error('fact columns of different lengths');
  }

  static of(facts: readonly Fact[], subjects: SubjectTable): FactColumns {
    const m = facts.length;
    const subject = new Int32Array(m), year = new Int32Array(m), quarter = new Uint8Array(m), keyOf = new Uint8Array(m), value = new Float64Array(m);
    const keys = new Codes<FactKey>(), strings = new Codes<string>();
    const extra: number[][] = [[], [], [], []];
    const code = (v: string | undefined) => (v === undefined ? -1 : strings.of(v));
    facts.forEach((f, k) => {
      const known = f.subjectIndex !== undefined && f.subjectIndex < subjects.length && subjects.id(f.subjectIndex) === f.subject;
      const i = known ? f.subjectIndex! : subjects.indexOf(f.subject);
      if (i === undefined) throw new Error(`fact ${k} is of ${f.subject}, not a subject of the dataset`);
      [subject[k], year[k], quarter[k], keyOf[k], value[k]] = [i, f.year, f.quarter ?? 0, keys.of(f.key), f.value];
      if (f.item !== undefined || f.rule !== undefined || f.source !== undefined) [k, code(f.item), code(f.rule), code(f.source)].forEach((v, c) => extra[c]!.push(v));
    });
    if (keys.values.length > 256) throw new Error('more than 256 fact keys');
    const [at, item, rule, source] = extra.map((a) => Int32Array.from(a)) as [Int32Array, Int32Array, Int32Array, Int32Array];
    return new FactColumns(subject, year, quarter, keyOf, keys.values, value, { at, item, rule, source, strings: strings.values });
  }

  get length(): number { return this.subject.length; }

  /** Where fact k is among the extras, or -1. */
  extraAt(k: number): number {
    const at = this.extras.at;
    let [lo, hi] = [0, at.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < k) lo = mid + 1;
      else if (at[mid]! > k) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Fact k as an object, of the subject `id` at position `position` of the dataset it goes into. */
  at(k: number, id: string, position: number): Fact {
    // the properties in the order the row reader makes them
    const f: Mutable<Fact> = { subject: id, subjectIndex: position, year: this.year[k]!, key: this.keys[this.keyOf[k]!]!, value: this.value[k]! };
    const e = this.extraAt(k);
    const text = (codes: Int32Array) => (e < 0 || codes[e]! < 0 ? undefined : this.extras.strings[codes[e]!]);
    const [item, rule, source] = [text(this.extras.item), text(this.extras.rule), text(this.extras.source)];
    if (item !== undefined) f.item = item;
    if (rule !== undefined) f.rule = rule;
    if (this.quarter[k] !== 0) f.quarter = this.quarter[k] as 1 | 2 | 3 | 4;
    if (source !== undefined) f.source = source;
    return f;
  }
}

/** A Dataset whose subjects and facts are columns (what the server holds). */
export interface ColumnarDataset extends Omit<Dataset, 'subjects' | 'facts'> {
  readonly subjects: SubjectColumns;
  readonly facts: FactColumns;
}

/** What a run evaluates: a dataset as rows of objects, or as columns. */
export type AnyDataset = Dataset | ColumnarDataset;

export const isColumnar = (d: AnyDataset): d is ColumnarDataset => d.subjects instanceof SubjectColumns;

/** Subjects and their facts as columns (a fact's subject found by its position when right, else by its id). */
export function columnsOf(subjects: readonly Subject[], facts: readonly Fact[]): { subjects: SubjectColumns; facts: FactColumns } {
  return { subjects: SubjectColumns.of(subjects), facts: FactColumns.of(facts, new SubjectList(subjects)) };
}

export function columnar(dataset: Dataset): ColumnarDataset {
  return { ...dataset, ...columnsOf(dataset.subjects, dataset.facts) };
}

/**
 * The subjects for which `keep` holds (all by default), in their order, with their facts and
 * history, as a Dataset of objects: positions are those in the new dataset.
 */
export function rowsOf(data: ColumnarDataset, keep: (i: number) => boolean = () => true): Dataset {
  const { subjects: table, facts: columns } = data;
  const position = new Int32Array(table.length).fill(-1);
  const subjects: Subject[] = [];
  for (let i = 0; i < table.length; i++) if (keep(i)) position[i] = subjects.push(table.at(i)) - 1;
  const facts: Fact[] = [];
  for (let k = 0; k < columns.length; k++) {
    const p = position[columns.subject[k]!]!;
    if (p >= 0) facts.push(columns.at(k, subjects[p]!.id, p));
  }
  const all = subjects.length === table.length;
  const history = all ? data.history : data.history.filter((h) => { const i = table.indexOf(h.subject); return i !== undefined && position[i]! >= 0; });
  return { ...data, subjects, facts, history };
}

/** The subjects' places (their region, or a region subject's own code), as placeOf gives them for objects. */
export function placeAt(table: SubjectTable, i: number, regions: RegionTable = BUILT_IN_REGIONS): string | undefined {
  const region = table.region(i);
  return region ?? regions.placeOf({ id: table.id(i) });
}

/** FNV-1a over the UTF-16 units of text[from, to). */
function fnv1a(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/** The index of each distinct value, in the order met. */
class Codes<T> {
  readonly values: T[] = [];
  private readonly at = new Map<T, number>();
  of(v: T): number {
    let k = this.at.get(v);
    if (k === undefined) this.at.set(v, (k = this.values.push(v) - 1));
    return k;
  }
}
