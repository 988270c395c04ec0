/**
 * A year's subjects, tags and facts as one block of bytes (a year snapshot, migration 008): typed
 * arrays for what is numeric or repeats (kinds, regions, tag sets, fact keys, years, values), and
 * for the strings that do not (ids, names, USCCs) their lengths and their text run together.
 * Reading it is copying arrays and decoding three texts, not taking five million rows apart; the
 * subjects and facts it gives are the ones the row reader gave when it was made, and so is the
 * digest of their rows, which it keeps.
 *
 * Layout: "DXSNAP1L" (version 1, little-endian arrays), the number of sections, each section's
 * length, then the sections, each from a multiple of 8 bytes. Stored in parts of at most PART bytes
 * (a bytea value has a limit).
 */
import type { Fact, FactKey, Subject, SubjectKind, Tag } from '@duixian/engine';

const MAGIC = 'DXSNAP1L';
const PART = 32 << 20;

/** What a snapshot holds: the rows as the loader read them, and the digest of their bytes. */
export interface YearRows {
  readonly subjects: readonly Subject[];
  readonly facts: readonly Fact[];
  /** SHA-256 of the rows' bytes as the database sent them (load.ts) */
  readonly digest: string;
}

interface Meta {
  readonly digest: string;
  readonly subjects: number;
  readonly facts: number;
  readonly kinds: string[];
  readonly regions: string[];
  readonly tagSets: string[][];
  readonly keys: string[];
  /** facts with an item, rule or source: [position, item, rule, source], '' for none */
  readonly extras: [number, string, string, string][];
}

/** The index of each distinct value, in the order met. */
class Indexes<T> {
  readonly values: T[] = [];
  private readonly at = new Map<T, number>();
  of(v: T): number {
    let k = this.at.get(v);
    if (k === undefined) this.at.set(v, (k = this.values.push(v) - 1));
    return k;
  }
}

export function encodeRows(rows: YearRows): Uint8Array[] {
  const { subjects, facts } = rows;
  const n = subjects.length;
  const m = facts.length;
  const kinds = new Indexes<string>();
  const regions = new Indexes<string>();
  const tagSets = new Indexes<string>(); // tags as JSON; the arrays are shared, so one JSON per array
  const joined = new Map<readonly Tag[], number>();
  const kind = new Uint8Array(n);
  const region = new Int32Array(n);
  const tagSet = new Int32Array(n);
  subjects.forEach((s, i) => {
    kind[i] = kinds.of(s.kind);
    region[i] = s.region === undefined ? -1 : regions.of(s.region);
    let t = joined.get(s.tags);
    if (t === undefined) joined.set(s.tags, (t = tagSets.of(JSON.stringify(s.tags))));
    tagSet[i] = t;
  });
  const keys = new Indexes<string>();
  const extras: Meta['extras'] = [];
  const subject = new Int32Array(m);
  const year = new Int32Array(m);
  const quarter = new Uint8Array(m);
  const key = new Uint8Array(m);
  const value = new Float64Array(m);
  facts.forEach((f, k) => {
    const s = f.subjectIndex;
    if (s === undefined || subjects[s]?.id !== f.subject) throw new Error(`snapshot: fact ${k} does not know its subject's position`);
    subject[k] = s;
    year[k] = f.year;
    quarter[k] = f.quarter ?? 0;
    key[k] = keys.of(f.key);
    value[k] = f.value;
    if (f.item !== undefined || f.rule !== undefined || f.source !== undefined) extras.push([k, f.item ?? '', f.rule ?? '', f.source ?? '']);
  });
  if (kinds.values.length > 256 || keys.values.length > 256) throw new Error('snapshot: more than 256 kinds or fact keys');
  const meta: Meta = {
    digest: rows.digest, subjects: n, facts: m, kinds: kinds.values, regions: regions.values,
    tagSets: tagSets.values.map((t) => JSON.parse(t) as string[]), keys: keys.values, extras,
  };
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const sections = [
    Buffer.from(JSON.stringify(meta)),
    ...strings(subjects.map((s) => s.id)), ...strings(subjects.map((s) => s.name)), ...strings(subjects.map((s) => s.uscc ?? null)),
    bytes(kind), bytes(region), bytes(tagSet), bytes(subject), bytes(year), bytes(quarter), bytes(key), bytes(value),
  ];
  // each section starts at a multiple of 8, so that a typed array can be laid over it without a copy
  const head = Buffer.alloc(align(MAGIC.length + 4 * (1 + sections.length)));
  head.write(MAGIC, 'latin1');
  head.writeUInt32LE(sections.length, MAGIC.length);
  sections.forEach((s, k) => head.writeUInt32LE(s.byteLength, MAGIC.length + 4 * (1 + k)));
  const whole = Buffer.concat([head, ...sections.flatMap((s) => [s, Buffer.alloc(align(s.byteLength) - s.byteLength)])]);
  const parts: Uint8Array[] = [];
  for (let at = 0; at < whole.length; at += PART) parts.push(whole.subarray(at, at + PART));
  return parts;
}

/** The rows a snapshot holds; an error when its bytes are not a whole snapshot of this layout. */
export function decodeRows(parts: readonly Uint8Array[]): YearRows {
  // one block, on an ArrayBuffer of its own: the sections' alignment holds
  const whole = parts.length === 1 && parts[0]!.byteOffset === 0 ? Buffer.from(parts[0]!.buffer, 0, parts[0]!.byteLength) : Buffer.concat(parts);
  if (whole.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('snapshot: not a version-1 snapshot');
  const count = whole.readUInt32LE(MAGIC.length);
  if (count !== SECTIONS) throw new Error(`snapshot: ${count} sections, expected ${SECTIONS}`);
  let at = align(MAGIC.length + 4 * (1 + count));
  const sections = Array.from({ length: count }, (_, k) => {
    const length = whole.readUInt32LE(MAGIC.length + 4 * (1 + k));
    if (at + length > whole.length) throw new Error('snapshot: cut short');
    const section = whole.subarray(at, at + length);
    at = align(at + length);
    return section;
  });
  if (at !== whole.length) throw new Error('snapshot: sections do not add up');
  const typed = <T>(make: new (b: ArrayBufferLike, offset: number, length: number) => T, size: number, s: Buffer) => new make(s.buffer, s.byteOffset, s.byteLength / size);
  const meta = JSON.parse(sections[0]!.toString('utf8')) as Meta;
  const column = (k: number) => stringsOf(typed(Int32Array, 4, sections[k]!), sections[k + 1]!);
  const [ids, names, usccs] = [column(1), column(3), column(5)];
  const [kind, region, tagSet, subject, year, quarter, key, value] = [
    sections[7]!, typed(Int32Array, 4, sections[8]!), typed(Int32Array, 4, sections[9]!), typed(Int32Array, 4, sections[10]!),
    typed(Int32Array, 4, sections[11]!), sections[12]!, sections[13]!, typed(Float64Array, 8, sections[14]!),
  ] as const;
  const n = meta.subjects;
  const m = meta.facts;
  if ([ids, names, usccs, kind, region, tagSet].some((a) => a.length !== n) || [subject, year, quarter, key, value].some((a) => a.length !== m)) {
    throw new Error('snapshot: columns of different lengths');
  }
  return { subjects: subjectsOf(meta, ids, names, usccs, kind, region, tagSet), facts: factsOf(meta, ids, subject, year, quarter, key, value), digest: meta.digest };
}

/** A row object while it is being filled in (the engine's types are readonly). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** sections: the meta, three string columns of two sections each, eight typed columns */
const SECTIONS = 15;
const align = (n: number) => (n + 7) & ~7;

/** A column of strings (or nulls) as the length of each in UTF-16 units (-1: null) and all of them as UTF-8. */
function strings(values: readonly (string | null)[]): [Uint8Array, Buffer] {
  const lengths = new Int32Array(values.map((v) => (v === null ? -1 : v.length)));
  return [new Uint8Array(lengths.buffer), Buffer.from(values.filter((v) => v !== null).join(''))];
}

/** The strings back: one decoding of all of them, then a slice each. */
function stringsOf(lengths: Int32Array, text: Buffer): (string | null)[] {
  const all = text.toString('utf8');
  const out: (string | null)[] = new Array(lengths.length);
  let at = 0;
  for (let k = 0; k < lengths.length; k++) {
    const n = lengths[k]!;
    out[k] = n < 0 ? null : all.slice(at, (at += n));
  }
  if (at !== all.length) throw new Error('snapshot: a string column does not add up');
  return out;
}

function subjectsOf(meta: Meta, ids: (string | null)[], names: (string | null)[], usccs: (string | null)[], kind: Uint8Array, region: Int32Array, tagSet: Int32Array): Subject[] {
  const tagSets = meta.tagSets as Tag[][];
  const out: Subject[] = new Array(meta.subjects);
  for (let i = 0; i < meta.subjects; i++) {
    // the properties in the order the row reader makes them
    const s: Mutable<Subject> = { id: ids[i]!, kind: meta.kinds[kind[i]!] as SubjectKind, name: names[i]!, tags: tagSets[tagSet[i]!]! };
    if (region[i]! >= 0) s.region = meta.regions[region[i]!]!;
    const uscc = usccs[i];
    if (uscc !== null && uscc !== undefined) s.uscc = uscc;
    out[i] = s;
  }
  return out;
}

function factsOf(meta: Meta, ids: (string | null)[], subject: Int32Array, year: Int32Array, quarter: Uint8Array, key: Uint8Array, value: Float64Array): Fact[] {
  const keys = meta.keys as FactKey[];
  const out: Fact[] = new Array(meta.facts);
  let e = 0;
  for (let k = 0; k < meta.facts; k++) {
    const s = subject[k]!;
    if (!(s >= 0 && s < ids.length)) throw new Error(`snapshot: fact ${k} of a subject it does not hold`);
    const f: Mutable<Fact> = { subject: ids[s]!, subjectIndex: s, year: year[k]!, key: keys[key[k]!]!, value: value[k]! };
    const x = meta.extras[e]?.[0] === k ? meta.extras[e++] : undefined;
    if (x && x[1] !== '') f.item = x[1];
    if (x && x[2] !== '') f.rule = x[2];
    if (quarter[k] !== 0) f.quarter = quarter[k] as 1 | 2 | 3 | 4;
    if (x && x[3] !== '') f.source = x[3];
    out[k] = f;
  }
  return out;
}
