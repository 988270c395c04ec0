/**
 * The demo as the CSV pair: NAME.subjects.csv and NAME.facts.csv (and NAME.history.csv,
 * NAME.parameters.csv when the demo has any), UTF-8 with a BOM and CRLF as Excel opens them, every
 * field safe from formula injection (spreadsheet-safe.ts). Streamed, a file at a time.
 */
import { spreadsheetCsvLine } from '@duixian/interchange';
import { prepareDemo } from './generate.js';
import { writeOut } from './out.js';
import { demoTables, uncounted } from './rows.js';
import type { DemoOptions } from './types.js';
import type { Written } from './xlsx-writer.js';

const BATCH = 1 << 20; // characters per write

/** `data.csv` or `data.subjects.csv` (or another part) → `data`. */
export const csvStem = (path: string): string => path.replace(/(\.(subjects|facts|history|parameters|interpretations))?\.csv$/i, '');

export async function writeDemoCsv(path: string, opts: DemoOptions | undefined): Promise<Written & { files: string[] }> {
  const d = prepareDemo(opts);
  const p = uncounted(d); // no first pass: the facts are counted as they are written
  const stem = csvStem(path);
  const files: string[] = [];
  let bytes = 0;
  let facts = 0;
  for (const table of demoTables(d, p)) {
    const file = `${stem}.${table.section}.csv`;
    bytes += await writeOut(file, async (out) => {
      let text = '\ufeff' + spreadsheetCsvLine(table.header);
      for (const row of table.rows()) {
        if (table.section === 'facts') facts++;
        text += spreadsheetCsvLine(row);
        if (text.length >= BATCH) {
          await out.write(text);
          text = '';
        }
      }
      await out.write(text);
    });
    files.push(file);
  }
  return { subjects: p.subjects, facts, factRows: facts, bytes, sheets: [], files };
}
