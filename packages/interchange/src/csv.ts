/**
 * Interchange format v1 as CSV. A dataset is two files side by side, `NAME.subjects.csv` and
 * `NAME.facts.csv`, optionally with `NAME.history.csv`, `NAME.parameters.csv` and
 * `NAME.interpretations.csv`; each has a header row with the columns of the xlsx sheet of the same
 * name (Chinese or English headers). Text is UTF-8, with or without a byte order mark. CSV has no
 * place for a year: it comes from --year, else the latest fact year.
 */
import { parse } from 'csv-parse/sync';
import type { Section } from './headers.js';
import { readTables, type Row, type Table } from './sheets.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';

export interface CsvFiles {
  readonly subjects: string;
  readonly facts: string;
  readonly history?: string;
  readonly parameters?: string;
  readonly interpretations?: string;
}

export function readCsv(files: CsvFiles, known: Known, opts?: ReadOptions): ReadResult {
  return readCsvNamed(files, {}, known, opts, '(file)');
}

/** `names` are what paths call each file (`demo.facts.csv!D14`); by default the section name. */
export function readCsvNamed(files: Partial<CsvFiles>, names: Partial<Record<Section, string>>, known: Known, opts: ReadOptions | undefined, file: string, problems: readonly Problem[] = []): ReadResult {
  const pre: Problem[] = [...problems];
  const tables: Partial<Record<Section, Table>> = {};
  for (const s of ['subjects', 'facts', 'history', 'parameters', 'interpretations'] as const) {
    const text = files[s];
    if (text === undefined) continue;
    const sheet = names[s] ?? s;
    const rows = csvRows(text, sheet, pre);
    if (rows !== undefined) tables[s] = { sheet, rows };
  }
  return readTables(tables, known, opts, file, pre);
}

/**
 * Rows numbered as a spreadsheet opening the file would number them (one per record, even when a
 * quoted cell spans lines); blank rows are skipped but still counted. Text that is not CSV is a
 * problem at `sheet` and no rows. Other CSV tables (the white and black lists) are read with it too.
 */
export function csvRows(text: string, sheet: string, problems: Problem[]): Row[] | undefined {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    problems.push({ path: sheet, message: `not valid CSV: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
  const rows: Row[] = [];
  for (let r = 0; r < records.length; r++) {
    const cells = records[r]!;
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: r + 1, cells });
  }
  return rows;
}
