/**
 * Which writer a demo file needs, by its extension: .json (interchange JSON), .xlsx (the import
 * template's sheets, long or --wide) or .csv (the CSV pair). Anything else is refused before a
 * byte is written, as is --wide for anything but .xlsx.
 */
import { writeDemoCsv } from './csv-writer.js';
import type { DemoOptions } from './types.js';
import { writeDemoFile } from './write.js';
import { writeDemoXlsx } from './xlsx-writer.js';

export type DemoFormat = 'json' | 'xlsx' | 'csv';

export const DEMO_EXTENSIONS = '.json, .xlsx (long, or --wide), .csv (the pair NAME.subjects.csv + NAME.facts.csv)';

/** The format of `path`, or a message saying why it cannot be written. */
export function demoFormat(path: string, wide: boolean): { format: DemoFormat } | { problem: string } {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext !== 'json' && ext !== 'xlsx' && ext !== 'csv') {
    return { problem: `cannot tell the format from "${path}": the demo is written as ${DEMO_EXTENSIONS}` };
  }
  if (wide && ext !== 'xlsx') return { problem: `--wide is a layout of an .xlsx workbook (indicators as columns of the subjects sheet); give an .xlsx file, not .${ext}` };
  return { format: ext };
}

export interface DemoWritten {
  readonly files: readonly string[];
  readonly subjects: number;
  readonly facts: number;
  readonly bytes: number;
}

export async function writeDemoAs(path: string, format: DemoFormat, opts: DemoOptions | undefined, wide: boolean): Promise<DemoWritten> {
  if (format === 'csv') return writeDemoCsv(path, opts);
  const r = format === 'xlsx' ? await writeDemoXlsx(path, opts, { wide }) : await writeDemoFile(path, opts);
  return { ...r, files: [path] };
}
