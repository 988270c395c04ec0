/** Reading a dataset from disk, by extension: .json, .xlsx, or a pair of .csv files. */
import { open, readFile as read } from 'node:fs/promises';
import { basename } from 'node:path';
import { readJsonAt, readJsonBytesAt } from './json.js';
import { readXlsxFile } from './xlsx.js';
import { streamCsv } from './csv.js';
import { FILE_LIMITS } from './limits.js';
import { Progress, type Table } from './rows.js';
import { readTables } from './sheets.js';
import type { Section } from './headers.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';

const fail = (path: string, message: string): ReadResult => ({ ok: false, problems: [{ path, message }] });
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** How a large JSON file is read in chunks (json-chunks.ts); a parameter so tests can chunk small files. */
export interface Chunking {
  /** files of at least this many bytes are read in chunks */
  readonly from: number;
  /** elements of `subjects` and `facts` parsed at a time */
  readonly size: number;
}

/** Below 32 MB the whole text costs little; 4096 elements (under a megabyte) per chunk is as fast as one parse. */
export const CHUNKING: Chunking = { from: 32 * 2 ** 20, size: 4096 };

export function readFile(path: string, known: Known, opts?: ReadOptions): Promise<ReadResult> {
  return readFileWith(path, known, opts, CHUNKING);
}

export async function readFileWith(path: string, known: Known, opts: ReadOptions | undefined, chunking: Chunking): Promise<ReadResult> {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'csv') return readCsvPair(path, known, opts);
  // read from disk a chunk at a time, within limits a million enterprises fit (the server passes its own)
  if (ext === 'xlsx') return readXlsxFile(path, known, opts, { ...FILE_LIMITS, ...opts?.limits });
  if (ext !== 'json') {
    return fail(path, `cannot tell the format from the name: give a .json, .xlsx or .csv file${ext === 'xls' ? ' (save an .xls workbook as .xlsx)' : ''}`);
  }
  let data: Buffer;
  try {
    data = await read(path);
  } catch (e) {
    return fail(path, `cannot read the file: ${errorText(e)}`);
  }
  try {
    // A malformed file gives undefined here and is read again below, to say where the fault is.
    const chunked = data.length >= chunking.from ? readJsonBytesAt(data, known, opts, path, chunking.size) : undefined;
    if (chunked !== undefined) return chunked;
  } catch (e) {
    return fail(path, `cannot read the file: ${errorText(e)}`);
  }
  const text = decode(data, path);
  if (!text.ok) return fail(path, text.message);
  try {
    return withWarnings(readJsonAt(text.text, known, opts, path), text.warning === undefined ? [] : [{ path, message: text.warning }]);
  } catch (e) {
    // V8 cannot make a string or object graph beyond its limits (about 512 MB of text).
    return fail(path, `cannot read the file: ${errorText(e)}`);
  }
}

const PARTS = ['subjects', 'facts', 'history', 'parameters', 'interpretations'] as const satisfies readonly Section[];
const PART_RE = /^(.*)\.(subjects|facts|history|parameters|interpretations)\.csv$/i;

/** `NAME.subjects.csv` or `NAME.facts.csv` (or another part): the dataset is every `NAME.*.csv` there, each read as a stream. */
export async function readCsvPair(path: string, known: Known, opts: ReadOptions | undefined, chunk?: number): Promise<ReadResult> {
  const m = PART_RE.exec(path);
  if (!m) {
    return fail(path, 'a CSV dataset is two files side by side, NAME.subjects.csv and NAME.facts.csv (optionally NAME.history.csv, NAME.parameters.csv, NAME.interpretations.csv); name the files that way and give either');
  }
  const stem = m[1]!;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const tables: Partial<Record<Section, Table>> = {};
  const progress = new Progress(opts?.onProgress);
  let noFacts: Problem | undefined;
  for (const part of PARTS) {
    const p = `${stem}.${part}.csv`;
    try {
      await (await open(p, 'r')).close();
    } catch (e) {
      const absent = (e as NodeJS.ErrnoException).code === 'ENOENT';
      if (absent && part === 'subjects') problems.push(missingFile(p, part));
      if (absent && part === 'facts') noFacts = missingFile(p, part);
      else if (!absent) problems.push({ path: p, message: `cannot read the file: ${errorText(e)}` });
      continue;
    }
    const read = await streamCsv(p, basename(p), progress, problems, chunk);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    if (read.warning !== undefined) warnings.push({ path: p, message: read.warning });
    tables[part] = read.table;
  }
  progress.done();
  // A missing file is already a problem; what is there is still checked, so all problems come out at once.
  // the facts may all be wide columns of the subjects file: readTables decides
  return withWarnings(readTables(tables, known, opts, path, problems, noFacts), warnings);
}

const missingFile = (path: string, part: Section): Problem => ({
  path,
  message: `missing: the ${part} file of this CSV dataset was not found; a CSV dataset is NAME.subjects.csv and NAME.facts.csv side by side (or NAME.subjects.csv alone with indicator columns such as 网络零售额(2023))`,
});

function withWarnings(result: ReadResult, warnings: readonly Problem[]): ReadResult {
  return result.ok && warnings.length > 0 ? { ...result, warnings: [...warnings, ...result.warnings] } : result;
}

type Decoded = { ok: true; text: string; warning?: string } | { ok: false; message: string };

/**
 * UTF-8, with or without BOM. Excel on Chinese Windows saves "CSV" as GB18030 (GBK); such a file is
 * read as GB18030 with a warning rather than rejected, since it cannot be valid UTF-8 by accident.
 */
function decode(data: Uint8Array, path: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(data);
      return { ok: true, text, warning: `${basename(path)} is not UTF-8; read it as GB18030 (GBK), the encoding Excel uses for CSV on Chinese Windows. Save as "CSV UTF-8" to avoid this` };
    } catch {
      return { ok: false, message: 'not UTF-8 text: save the file as UTF-8 ("CSV UTF-8" in Excel)' };
    }
  }
}
