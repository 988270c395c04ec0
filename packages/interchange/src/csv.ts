/**
 * Interchange format v1 as CSV. A dataset is two files side by side, `NAME.subjects.csv` and
 * `NAME.facts.csv`, optionally with `NAME.history.csv`, `NAME.parameters.csv` and
 * `NAME.interpretations.csv`; each has a header row with the columns of the xlsx sheet of the same
 * name (Chinese or English headers). Text is UTF-8, with or without a byte order mark. CSV has no
 * place for a year: it comes from --year, else the latest fact year.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { TextDecoder } from 'node:util';
import { CsvScanner } from './csv-scan.js';
import type { Section } from './headers.js';
import { Progress, TableBuilder, type Row, type Table } from './rows.js';
import { readTables } from './sheets.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';

export interface CsvFiles {
  readonly subjects: string;
  readonly facts: string;
  readonly history?: string;
  readonly parameters?: string;
  readonly interpretations?: string;
}

const PARTS = ['subjects', 'facts', 'history', 'parameters', 'interpretations'] as const satisfies readonly Section[];

/** The CSV files' texts held in memory (the API's {"csv": …} body, tests); each named in paths by its section (`facts!D14`). */
export function readCsv(files: CsvFiles, known: Known, opts?: ReadOptions): ReadResult {
  const problems: Problem[] = [];
  const progress = new Progress(opts?.onProgress);
  const tables: Partial<Record<Section, Table>> = {};
  for (const s of PARTS) {
    const text = files[s];
    if (text === undefined) continue;
    const t = new TableBuilder(s, progress, problems);
    if (parseText(text, t.sheet, problems, (row, cells) => t.add(row, cells))) tables[s] = t.table();
  }
  progress.done();
  return readTables(tables, known, opts, '(file)', problems);
}

/**
 * Rows numbered as a spreadsheet opening the file would number them (one per record, even when a
 * quoted cell spans lines); blank rows are skipped but still counted. Text that is not CSV is a
 * problem at `sheet` and no rows. Other CSV tables (the white and black lists) are read with it too.
 */
export function csvRows(text: string, sheet: string, problems: Problem[]): Row[] | undefined {
  const rows: Row[] = [];
  const ok = parseText(text, sheet, problems, (row, cells) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row, cells });
  });
  return ok ? rows : undefined;
}

const notCsv = (sheet: string, e: unknown): Problem => ({ path: sheet, message: `not valid CSV: ${e instanceof Error ? e.message : String(e)}` });

/**
 * Parses `text`, each row to `onRow` (every record, blank ones too, so that its index is its
 * spreadsheet row); false (and a problem at `sheet`) when it is not CSV. The rows are passed on
 * only once the whole text has proved CSV, so that a text that is not reports no progress.
 */
function parseText(text: string, sheet: string, problems: Problem[], onRow: (row: number, cells: string[]) => void): boolean {
  const records: string[][] = [];
  const scanner = new CsvScanner((cells) => records.push([...cells]));
  scanner.push(Buffer.from(text));
  scanner.end();
  if (scanner.error !== undefined) {
    problems.push(notCsv(sheet, scanner.error));
    return false;
  }
  for (let r = 0; r < records.length; r++) onRow(r + 1, records[r]!);
  return true;
}

/** What reading a CSV file from disk gave: its table, or the problem that it is not CSV, or not text at all. */
export type CsvStreamed = { ok: true; table: Table; warning?: string } | { ok: false; problem: Problem };

/**
 * Reads the CSV file at `path` a chunk at a time, its rows straight into a table named
 * `sheet`. UTF-8 (with or without BOM) is decided as the bytes arrive; at the first byte that is
 * not UTF-8 the file is read again from the start as GB18030 (GBK), the encoding Excel uses for
 * CSV on Chinese Windows, with a warning — it cannot be valid UTF-8 by accident.
 * `chunk` is the bytes read at a time (tests make it tiny to cross chunk boundaries).
 */
export async function streamCsv(path: string, sheet: string, progress: Progress, problems: Problem[], chunk = 256 * 1024): Promise<CsvStreamed> {
  const start = progress.mark();
  const utf8 = await scanFile(path, sheet, progress, problems, chunk);
  if (utf8 !== 'not-this-encoding') return utf8;
  progress.rewind(start);
  const gbk = await scanFile(path, sheet, progress, problems, chunk, new TextDecoder('gb18030', { fatal: true }));
  if (gbk === 'not-this-encoding') return { ok: false, problem: { path, message: 'not UTF-8 text: save the file as UTF-8 ("CSV UTF-8" in Excel)' } };
  return gbk.ok ? { ...gbk, warning: `${basename(path)} is not UTF-8; read it as GB18030 (GBK), the encoding Excel uses for CSV on Chinese Windows. Save as "CSV UTF-8" to avoid this` } : gbk;
}

/**
 * Scans the file at `path` a chunk at a time (csv-scan.ts), each record a row of the table. The
 * scanner reads UTF-8 bytes; with `decoder` (GB18030) each chunk is decoded and encoded as UTF-8 first.
 */
async function scanFile(path: string, sheet: string, progress: Progress, problems: Problem[], chunk: number, decoder?: TextDecoder): Promise<CsvStreamed | 'not-this-encoding'> {
  const t = new TableBuilder(sheet, progress, problems);
  let row = 0;
  const scanner = new CsvScanner((cells) => t.add(++row, cells));
  try {
    for await (const bytes of createReadStream(path, { highWaterMark: chunk }) as AsyncIterable<Buffer>) {
      const utf8 = decoder === undefined ? bytes : recode(decoder, bytes);
      if (utf8 !== undefined) scanner.push(utf8);
      if (utf8 === undefined || !scanner.utf8) return 'not-this-encoding';
    }
    const rest = decoder === undefined ? undefined : recode(decoder);
    if (decoder !== undefined && rest === undefined) return 'not-this-encoding';
    if (rest !== undefined) scanner.push(rest);
    scanner.end();
  } catch (e) {
    return { ok: false, problem: notCsv(sheet, e) };
  }
  if (!scanner.utf8) return 'not-this-encoding';
  return scanner.error === undefined ? { ok: true, table: t.table() } : { ok: false, problem: notCsv(sheet, scanner.error) };
}

/** The next bytes in `decoder`'s encoding (the rest it holds, without `bytes`) as UTF-8; undefined when they are not in that encoding. */
function recode(decoder: TextDecoder, bytes?: Buffer): Buffer | undefined {
  try {
    return Buffer.from(bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true }));
  } catch {
    return undefined;
  }
}
