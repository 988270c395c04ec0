/**
 * The corpus's region table (regions.yaml beside the document folders): the province's divisions,
 * read over the national table the engine carries. Without the file the engine keeps its own table.
 */
import type { Region } from '@duixian/engine';
import { FILE_SCHEMAS } from './schema.js';
import { parseFile, type FileProblem } from './yaml-file.js';

export const REGIONS_FILE = 'regions.yaml';

/** regions.yaml's rows, or undefined when the corpus has none; a code twice or a parent not in the table is a problem at its row. */
export function readRegions(files: ReadonlyMap<string, string>, problems: FileProblem[]): readonly Region[] | undefined {
  const source = files.get(REGIONS_FILE);
  if (source === undefined) return undefined;
  const before = problems.length;
  const rows = parseFile(REGIONS_FILE, source, FILE_SCHEMAS.regions, problems) as Region[] | undefined;
  if (!rows || problems.length > before) return undefined;
  const codes = new Set<string>();
  rows.forEach((r, i) => {
    if (codes.has(r.code)) problems.push({ file: REGIONS_FILE, line: lineOfRow(source, i), field: `[${i}].code`, message: `${r.code} is listed twice: a code names one region` });
    codes.add(r.code);
  });
  rows.forEach((r, i) => {
    if (r.parent !== null && !codes.has(r.parent)) problems.push({ file: REGIONS_FILE, line: lineOfRow(source, i), field: `[${i}].parent`, message: `${r.parent} is not a region of this table: list the region ${r.name} lies in above it` });
  });
  return Object.freeze(rows);
}

/** The line of the i-th row of a list written one row a line (`- {…}`). */
function lineOfRow(source: string, i: number): number {
  let seen = -1;
  const lines = source.split('\n');
  for (let n = 0; n < lines.length; n++) if (lines[n]!.startsWith('- ') && ++seen === i) return n + 1;
  return 1;
}
