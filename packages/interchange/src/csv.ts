/**
 * Interchange format v1 as CSV. A dataset is two files side by side, `NAME.subjects.csv` and
 * `NAME.facts.csv`, optionally with `NAME.history.csv`, `NAME.parameters.csv` and
 * `NAME.interpretations.csv`; each has a header row with the columns of the xlsx sheet of the same
 * name (Chinese or English headers). Text is UTF-8, with or without a byte order mark. CSV has no
 * place for a year: it comes from --year, else the latest fact year.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseStream, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
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

/**
 * csv-parse's options: every record, blank ones too, so that its index is its spreadsheet row.
 * (Not on_record: csv-parse builds an info object for each record it calls it with, a third of its time.)
 */
const OPTIONS: Options = { bom: true, relax_column_count: true, skip_empty_lines: false };

const notCsv = (sheet: string, e: unknown): Problem => ({ path: sheet, message: `not valid CSV: ${e instanceof Error ? e.message : String(e)}` });

/** Parses `text`, each row to `onRow`; false (and a problem at `sheet`) when it is not CSV. */
function parseText(text: string, sheet: string, problems: Problem[], onRow: (row: number, cells: string[]) => void): boolean {
  try {
    const records = parse(text, OPTIONS) as string[][];
    for (let r = 0; r < records.length; r++) onRow(r + 1, records[r]!);
    return true;
  } catch (e) {
    problems.push(notCsv(sheet, e));
    return false;
  }
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
  const utf8 = await streamAs('utf-8', path, sheet, progress, problems, chunk);
  if (utf8 !== 'not-this-encoding') return utf8;
  progress.rewind(start);
  const gbk = await streamAs('gb18030', path, sheet, progress, problems, chunk);
  if (gbk === 'not-this-encoding') return { ok: false, problem: { path, message: 'not UTF-8 text: save the file as UTF-8 ("CSV UTF-8" in Excel)' } };
  return gbk.ok ? { ...gbk, warning: `${basename(path)} is not UTF-8; read it as GB18030 (GBK), the encoding Excel uses for CSV on Chinese Windows. Save as "CSV UTF-8" to avoid this` } : gbk;
}

async function streamAs(encoding: string, path: string, sheet: string, progress: Progress, problems: Problem[], chunk: number): Promise<CsvStreamed | 'not-this-encoding'> {
  const t = new TableBuilder(sheet, progress, problems);
  const decoder = new TextDecoder(encoding, { fatal: true });
  const parser = parseStream(OPTIONS);
  let row = 0;
  parser.on('data', (cells: string[]) => t.add(++row, cells));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  ended.catch(() => undefined); // awaited below; an early return must not leave it unhandled
  try {
    for await (const bytes of createReadStream(path, { highWaterMark: chunk }) as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        parser.destroy();
        return 'not-this-encoding';
      }
      if (!parser.write(text)) await Promise.race([once(parser, 'drain'), ended]);
    }
    try {
      parser.end(decoder.decode());
    } catch {
      parser.destroy();
      return 'not-this-encoding';
    }
    await ended;
    return { ok: true, table: t.table() };
  } catch (e) {
    return { ok: false, problem: notCsv(sheet, e) };
  }
}
