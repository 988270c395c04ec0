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
import type { MessagePort } from 'node:worker_threads';
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
  readonly columns?: PackedColumns;
}

/** Characters of text a message carries: about a millisecond to receive. */
const PIECE = 256 * 1024;

/** The worker's side: the texts of the string columns in pieces (posted first, in order), the message, and the arrays to move with it. */
export function packed(read: UploadRead): { pieces: string[]; message: Packed; transfer: ArrayBuffer[] } {
  if (!read.result.ok) return { pieces: [], message: read, transfer: [] };
  const { subjects, facts, ...rest } = read.result.dataset;
  const c = columnsOf(subjects, facts);
  const { columns, pieces, transfer } = packColumns(c.subjects, c.facts);
  const result: Ok = { ...read.result, dataset: { ...rest, subjects: [], facts: [] } };
  return { pieces, message: { hash: read.hash, result, columns }, transfer };
}

/** Subjects and facts as columns, as they cross between threads. */
export interface PackedColumns { readonly subjects: PlainSubjects; readonly facts: PlainFacts }

/**
 * Columns to send: the texts of their strings in pieces, the rest with the arrays to move. With
 * `copy`, the arrays moved are copies (the sender keeps using its own: a year snapshot made of them).
 */
export function packColumns(subjects: SubjectColumns, facts: FactColumns, copy = false): { columns: PackedColumns; pieces: string[]; transfer: ArrayBuffer[] } {
  const own = <A extends { slice(): A } | undefined>(a: A): A => (copy && a ? a.slice() : a);
  const s = subjects.columns;
  const f = facts;
  const strings = (x: Strings): PlainStrings => ({ chars: x.text.length, start: own(x.start), ...(x.absent ? { absent: own(x.absent) } : {}) });
  const x = f.extras;
  const columns = {
    subjects: { ...s, ids: strings(s.ids), names: strings(s.names), usccs: strings(s.usccs), kindOf: own(s.kindOf), regionOf: own(s.regionOf), tagSetOf: own(s.tagSetOf) },
    facts: {
      subject: own(f.subject), year: own(f.year), quarter: own(f.quarter), keyOf: own(f.keyOf), keys: f.keys, value: own(f.value),
      extras: { ...x, at: own(x.at), item: own(x.item), rule: own(x.rule), source: own(x.source) },
    },
  };
  const cs = columns.subjects;
  const cf = columns.facts;
  const arrays = [
    ...[cs.ids, cs.names, cs.usccs].flatMap((t) => [t.start, t.absent]), cs.kindOf, cs.regionOf, cs.tagSetOf,
    cf.subject, cf.year, cf.quarter, cf.keyOf, cf.value, cf.extras.at, cf.extras.item, cf.extras.rule, cf.extras.source,
  ];
  const transfer = [...new Set(arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
  const pieces = [s.ids, s.names, s.usccs].flatMap((t) => Array.from({ length: Math.ceil(t.text.length / PIECE) }, (_, k) => t.text.slice(k * PIECE, (k + 1) * PIECE)));
  return { columns, pieces, transfer };
}

/** The columns again, the texts of their strings taken in order from the pieces received. */
export function unpackColumns(c: PackedColumns, pieces: readonly string[]): { subjects: SubjectColumns; facts: FactColumns } {
  const [ids, names, usccs] = stringsFrom(pieces, [c.subjects.ids, c.subjects.names, c.subjects.usccs]) as [Strings, Strings, Strings];
  const f = c.facts;
  return { subjects: new SubjectColumns({ ...c.subjects, ids, names, usccs }), facts: new FactColumns(f.subject, f.year, f.quarter, f.keyOf, f.keys, f.value, f.extras) };
}

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
  const { subjects: table, facts: columns } = unpackColumns(m.columns, pieces);
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

/**
 * The sending thread's side: one piece of text at a time, the next when the receiver asks for it
 * ('more'), then `last` with the arrays it moves. Pieces posted at once would all be received in
 * one go (a port delivers what is queued together), holding the receiver as long as one message.
 */
export function postInPieces(port: MessagePort, pieces: readonly string[], last: unknown, transfer: ArrayBuffer[]): void {
  let next = 0;
  const more = () => (next < pieces.length ? port.postMessage({ text: pieces[next++]! }) : (port.off('message', more), port.postMessage(last, transfer)));
  port.on('message', more);
  more();
}
