/**
 * A year's subjects, tags and facts as one block of bytes (a year snapshot, migration 008): typed
 * arrays for what is numeric or repeats (kinds, regions, tag sets, fact keys, years, values), and
 * for the strings that do not (ids, names, USCCs) their lengths and their text run together.
 * Reading it is copying arrays and decoding three texts, not taking five million rows apart, and
 * gives the columns the server holds (engine/columns.ts): the subjects and facts the row reader
 * gave when it was made, and the digest of their rows, which it keeps.
 *
 * Layout: "DXSNAP2L" (version 2, little-endian arrays), the number of sections, each section's
 * length, then the sections, each from a multiple of 8 bytes. Stored in parts of at most PART bytes
 * (a bytea value has a limit).
 */
import { columnsOf, FactColumns, Strings, SubjectColumns, type Fact, type FactExtras, type FactKey, type Subject, type SubjectKind, type Tag } from '@duixian/engine';

/**
 * Version 2 keeps the facts' items, rules and sources as typed sections too (version 1 had them as
 * JSON tuples: with a source on every fact, millions to parse on each read). A version-1 snapshot
 * reads as unreadable: the rows are read and a version-2 snapshot kept in its place.
 */
const MAGIC = 'DXSNAP2L';
const PART = 32 << 20;

/** What a snapshot is made of: the rows as the loader read them, and the digest of their bytes. */
export interface YearRows {
  readonly subjects: readonly Subject[];
  readonly facts: readonly Fact[];
  /** SHA-256 of the rows' bytes as the database sent them (load.ts) */
  readonly digest: string;
}

/** What a snapshot gives back: the same subjects and facts as columns (what the server holds), and the digest. */
export interface YearColumns {
  readonly subjects: SubjectColumns;
  readonly facts: FactColumns;
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
  /** the texts of the facts' items, rules and sources, which their sections give by index */
  readonly extraStrings: string[];
}

/** The rows as columns, with their digest. */
export function columnsOfRows(rows: YearRows): YearColumns {
  return { ...columnsOf(rows.subjects, rows.facts), digest: rows.digest };
}

const isColumns = (rows: YearRows | YearColumns): rows is YearColumns => rows.subjects instanceof SubjectColumns;

export function encodeRows(given: YearRows | YearColumns): Uint8Array[] {
  const rows = isColumns(given) ? given : columnsOfRows(given);
  const subjects = rows.subjects.columns;
  const facts = rows.facts;
  const x = facts.extras;
  const meta: Meta = {
    digest: rows.digest, subjects: subjects.kindOf.length, facts: facts.length, kinds: [...subjects.kinds], regions: [...subjects.regions],
    tagSets: subjects.tagSets.map((t) => [...t]), keys: [...facts.keys],
    extraStrings: [...x.strings],
  };
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const sections = [
    Buffer.from(JSON.stringify(meta)), ...strings(subjects.ids), ...strings(subjects.names), ...strings(subjects.usccs),
    bytes(subjects.kindOf), bytes(subjects.regionOf), bytes(subjects.tagSetOf),
    bytes(facts.subject), bytes(facts.year), bytes(facts.quarter), bytes(facts.keyOf), bytes(facts.value),
    bytes(x.at), bytes(x.item), bytes(x.rule), bytes(x.source),
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

/** The columns a snapshot holds; an error when its bytes are not a whole snapshot of this layout. */
export function decodeRows(parts: readonly Uint8Array[]): YearColumns {
  // one block, on an ArrayBuffer of its own: the sections' alignment holds
  const whole = parts.length === 1 && parts[0]!.byteOffset === 0 ? Buffer.from(parts[0]!.buffer, 0, parts[0]!.byteLength) : Buffer.concat(parts);
  if (whole.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('snapshot: not a version-2 snapshot');
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
  // copied out of the block, so that the columns held do not keep the whole block alive
  const typed = <T>(make: new (b: ArrayBufferLike, offset: number, length: number) => T & { slice(): T }, size: number, s: Buffer) => new make(s.buffer, s.byteOffset, s.byteLength / size).slice();
  const meta = JSON.parse(sections[0]!.toString('utf8')) as Meta;
  const column = (k: number) => stringsOf(typed(Int32Array, 4, sections[k]!), sections[k + 1]!);
  const [ids, names, usccs] = [column(1), column(3), column(5)];
  const [kindOf, regionOf, tagSetOf, subject, year, quarter, keyOf, value] = [
    Uint8Array.from(sections[7]!), typed(Int32Array, 4, sections[8]!), typed(Int32Array, 4, sections[9]!), typed(Int32Array, 4, sections[10]!),
    typed(Int32Array, 4, sections[11]!), Uint8Array.from(sections[12]!), Uint8Array.from(sections[13]!), typed(Float64Array, 8, sections[14]!),
  ] as const;
  const n = meta.subjects;
  if ([ids, names, usccs].some((a) => a.length !== n) || [subject, year, quarter, keyOf, value].some((a) => a.length !== meta.facts)) {
    throw new Error('snapshot: columns of different lengths');
  }
  if (!subject.every((s) => s >= 0 && s < n)) throw new Error('snapshot: a fact of a subject it does not hold');
  const subjects = new SubjectColumns({ ids, names, usccs, kindOf, kinds: meta.kinds as SubjectKind[], regionOf, regions: meta.regions, tagSetOf, tagSets: meta.tagSets as Tag[][] });
  return { subjects, facts: new FactColumns(subject, year, quarter, keyOf, meta.keys as FactKey[], value, extrasOf(meta, sections.slice(15).map((s) => typed(Int32Array, 4, s)))), digest: meta.digest };
}

/** sections: the meta, three string columns of two sections each, eight typed columns, four of the extras */
const SECTIONS = 19;
const align = (n: number) => (n + 7) & ~7;

/** A column of strings (or nulls) as the length of each in UTF-16 units (-1: null) and all of them as UTF-8. */
function strings(column: Strings): [Uint8Array, Buffer] {
  const lengths = Int32Array.from({ length: column.length }, (_, i) => (column.absent?.[i] ? -1 : column.start[i + 1]! - column.start[i]!));
  return [new Uint8Array(lengths.buffer), Buffer.from(column.text)];
}

/** The strings back: one decoding of all of them, where each starts. */
function stringsOf(lengths: Int32Array, text: Buffer): Strings {
  const all = text.toString('utf8');
  const start = new Int32Array(lengths.length + 1);
  const absent = lengths.some((n) => n < 0) ? new Uint8Array(lengths.length) : undefined;
  for (let k = 0; k < lengths.length; k++) {
    const n = lengths[k]!;
    if (n < 0) absent![k] = 1;
    start[k + 1] = start[k]! + Math.max(n, 0);
  }
  if (start[lengths.length] !== all.length) throw new Error('snapshot: a string column does not add up');
  return new Strings(all, start, absent);
}

/** The facts' items, rules and sources, checked: ascending positions of facts it holds, texts it has. */
function extrasOf(meta: Meta, [at, item, rule, source]: Int32Array[]): FactExtras {
  const n = at!.length;
  if ([item, rule, source].some((c) => c!.length !== n)) throw new Error('snapshot: extras of different lengths');
  const known = (c: number) => c >= -1 && c < meta.extraStrings.length;
  for (let e = 0; e < n; e++) {
    if (!(at![e]! >= 0 && at![e]! < meta.facts && (e === 0 || at![e]! > at![e - 1]!))) throw new Error('snapshot: extras out of order');
    if (!(known(item![e]!) && known(rule![e]!) && known(source![e]!))) throw new Error('snapshot: an extra names a text it does not hold');
  }
  return { at: at!, item: item!, rule: rule!, source: source!, strings: meta.extraStrings };
}
