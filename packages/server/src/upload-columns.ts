/**
 * A dataset read in the worker, sent back to the main thread as columns (@duixian/engine's
 * SubjectColumns and FactColumns): typed arrays moved (transferred) and a few long strings,
 * instead of one object per subject and per fact that the main thread would deserialise in one
 * go (a structured clone of 100k subjects and 227k facts held it ~N ms). The objects the import
 * needs are then made again on the main thread a slice at a time, yielding between slices, so
 * that other requests (/api/health) are answered in between.
 */
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { columnsOf, FactColumns, Strings, SubjectColumns, type Fact, type FactExtras, type Subject, type SubjectData } from '@duixian/engine';
import type { ReadResult } from '@duixian/interchange';
import type { UploadRead } from './upload-read.js';

type Ok = Extract<ReadResult, { ok: true }>;

/** Strings without their class (a structured clone keeps the data, not the prototype). */
type PlainStrings = Pick<Strings, 'text' | 'start' | 'absent'>;
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

/** The worker's side: the message, and the arrays to move with it. */
export function packed(read: UploadRead): { message: Packed; transfer: ArrayBuffer[] } {
  if (!read.result.ok) return { message: read, transfer: [] };
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
  return { message: { hash: read.hash, result, columns }, transfer };
}

const plain = (x: Strings): PlainStrings => ({ text: x.text, start: x.start, ...(x.absent ? { absent: x.absent } : {}) });
const strings = (x: PlainStrings) => new Strings(x.text, x.start, x.absent);

/** Objects made between two yields: a few milliseconds of work. */
const SLICE = 20_000;

/** The main thread's side: the dataset as objects again, made a slice at a time. */
export async function unpacked(m: Packed): Promise<UploadRead> {
  if (!m.result.ok || !m.columns) return m;
  const c = m.columns;
  const table = new SubjectColumns({ ...c.subjects, ids: strings(c.subjects.ids), names: strings(c.subjects.names), usccs: strings(c.subjects.usccs) });
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
