/**
 * A dataset read in the worker, sent back to the main thread as columns (@duixian/engine's
 * SubjectColumns and FactColumns): typed arrays moved (transferred), not copied, instead of one
 * object per subject and per fact that the main thread would deserialise in one go (receiving
 * the 100k demo's 100k subjects and 227k facts as objects held it 3.4 to 4.9 s on this machine).
 * The columns' long strings (ids, names, USCCs: 8 MB at 100k) come first, in pieces of their own
 * messages, each asked for when the last is in, since even a string takes time to receive (the
 * names' 4.6 MB, 29 ms; 10 times that at 1M). The objects
 * the import needs are then made again on the main thread a slice at a time, yielding between
 * slices, so that other requests (/api/health) are answered in between.
 */
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { columnsOf, FactColumns, Strings, SubjectColumns, type Fact, type FactExtras, type Subject, type SubjectData } from '@duixian/engine';
import type { ReadResult } from '@duixian/interchange';
import type { UploadRead } from './upload-read.js';

type Ok = Extract<ReadResult, { ok: true }>;

/** Strings without their class or their text: `chars` of text, sent before in pieces. */
type PlainStrings = Pick<Strings, 'start' | 'absent'> & { chars: number };
type PlainSubjects = Omit<SubjectData, 'ids' | 'names' | 'usccs'> & { ids: PlainStrings; names: PlainStrings; usccs: PlainStrings };
interface PlainFacts {
  subject: Int32Array; year: Int32Array; quarter: Uint8Array; keyOf: Uint8Array; keys: FactColumns['keys']; value: Float64Array; extras: FactExtras;
}

/** What the worker posts at the end: the result without its subjects and facts, and those as columns. */
export interface Packed {
  readonly hash: string;
  readonly result: ReadResult;
  readonly columns?: { readonly subjects: PlainSubjects; readonly facts: PlainFacts };
}

/** Characters of text a message carries: about a millisecond to receive. */
const PIECE = 256 * 1024;

/** The worker's side: the texts of the string columns in pieces (posted first, in order), the message, and the arrays to move with it. */
export function packed(read: UploadRead): { pieces: string[]; message: Packed; transfer: ArrayBuffer[] } {
  if (!read.result.ok) return { pieces: [], message: read, transfer: [] };
  const { subjects, facts, ...rest } = read.result.dataset;
  const c = columnsOf(subjects, facts);
  const s = c.subjects.columns;
  const f = c.facts;
  const columns = {
    subjects: { ...s, ids: plain(s.ids), names: plain(s.names), usccs: plain(s.usccs) },
    facts: { subject: f.subject, year: f.year, quarter: f.quarter, keyOf: f.keyOf, keys: f.keys, value: f.value, extras: f.extras },
  };
  const arrays = [
    ...[s.ids, s.names, s.usccs].flatMap((x) => [x.start, x.absent]), s.kindOf, s.regionOf, s.tagSetOf,
    f.subject, f.year, f.quarter, f.keyOf, f.value, f.extras.at, f.extras.item, f.extras.rule, f.extras.source,
  ];
  const transfer = [...new Set(arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
  const result: Ok = { ...read.result, dataset: { ...rest, subjects: [], facts: [] } };
  const pieces = [s.ids, s.names, s.usccs].flatMap((x) => Array.from({ length: Math.ceil(x.text.length / PIECE) }, (_, k) => x.text.slice(k * PIECE, (k + 1) * PIECE)));
  return { pieces, message: { hash: read.hash, result, columns }, transfer };
}

const plain = (x: Strings): PlainStrings => ({ chars: x.text.length, start: x.start, ...(x.absent ? { absent: x.absent } : {}) });

/** The string columns again, their texts taken in order from the pieces received. */
function stringsFrom(pieces: readonly string[], columns: readonly PlainStrings[]): Strings[] {
  let at = 0;
  return columns.map((c) => {
    const parts: string[] = [];
    for (let chars = 0; chars < c.chars; chars += parts.at(-1)!.length) parts.push(pieces[at++]!);
    return new Strings(parts.join(''), c.start, c.absent);
  });
}

/** Objects made between two yields: a few milliseconds of work. */
const SLICE = 5_000;

/** The main thread's side: the dataset as objects again, made a slice at a time; `pieces` are the texts received before `m`. */
export async function unpacked(m: Packed, pieces: readonly string[]): Promise<UploadRead> {
  if (!m.result.ok || !m.columns) return m;
  const c = m.columns;
  const [ids, names, usccs] = stringsFrom(pieces, [c.subjects.ids, c.subjects.names, c.subjects.usccs]) as [Strings, Strings, Strings];
  const table = new SubjectColumns({ ...c.subjects, ids, names, usccs });
  const f = c.facts;
  const columns = new FactColumns(f.subject, f.year, f.quarter, f.keyOf, f.keys, f.value, f.extras);
  const subjects: Subject[] = [];
  for (let i = 0; i < table.length; i++) {
    subjects.push(table.at(i));
    if (i % SLICE === SLICE - 1) await yieldToOthers();
  }
  const facts: Fact[] = [];
  for (let k = 0; k < columns.length; k++) {
    const at = columns.subject[k]!;
    facts.push(columns.at(k, subjects[at]!.id, at));
    if (k % SLICE === SLICE - 1) await yieldToOthers();
  }
  return { hash: m.hash, result: { ...m.result, dataset: { ...m.result.dataset, subjects, facts } } };
}
