/**
 * Interchange format v1 as an Excel workbook (.xlsx): one sheet per section, a section continuing
 * over more sheets when it has more rows than a sheet holds (`事实(facts)(2)`…). Read as a stream:
 * the zip's entries are inflated a chunk at a time and scanned (xlsx-scan.ts), each row going
 * straight into its section's rows (rows.ts); nothing holds the workbook. The limits (limits.ts)
 * are checked as it is read, and the directory's declared sizes before anything is inflated.
 */
import { ReadBudget, Refused, UPLOAD_LIMITS, declaredTooLarge, fileTooLarge, type UploadLimits, type ZipEntry } from './limits.js';
import { SECTIONS, SHEETS, continuationOfSheet, sectionOfSheet, sheetName, type Section } from './headers.js';
import { Progress, TableBuilder, hasText, type Cell, type Table } from './rows.js';
import { readTables } from './sheets.js';
import { SharedStrings, SheetRows, attribute, decodeText, numberStyles, type SheetContext } from './xlsx-scan.js';
import { bytesSource, entryChunks, fileSource, readDirectory, type ZipSource } from './zip-read.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';

export function readXlsx(data: Uint8Array, known: Known, opts?: ReadOptions): Promise<ReadResult> {
  return readXlsxAt(data, known, opts, '(file)');
}

/** `data` read as an .xlsx; `file` names it in problems. */
export function readXlsxAt(data: Uint8Array, known: Known, opts: ReadOptions | undefined, file: string): Promise<ReadResult> {
  return readFrom(bytesSource(data), known, opts, { ...UPLOAD_LIMITS, ...opts?.limits }, file);
}

/** The .xlsx at `path`, read from disk a chunk at a time, within `limits`. */
export async function readXlsxFile(path: string, known: Known, opts: ReadOptions | undefined, limits: UploadLimits): Promise<ReadResult> {
  let src: ZipSource;
  try {
    src = await fileSource(path);
  } catch (e) {
    return { ok: false, problems: [{ path, message: `cannot read the file: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return readFrom(src, known, opts, limits, path);
}

async function readFrom(src: ZipSource, known: Known, opts: ReadOptions | undefined, limits: UploadLimits, file: string): Promise<ReadResult> {
  const fail = (message: string): ReadResult => ({ ok: false, problems: [{ path: file, message }] });
  try {
    const notZip = notXlsx(await src.read(0, 4));
    if (notZip !== undefined) return fail(notZip);
    const over = fileTooLarge(src.size, limits, file);
    if (over) return { ok: false, ...over };
    const entries = await readDirectory(src);
    if (entries === undefined) return fail('not a readable .xlsx workbook: its zip directory cannot be read (a damaged or truncated file)');
    const declared = declaredTooLarge(entries, limits, file);
    if (declared) return { ok: false, ...declared };
    return await readWorkbook(new Workbook(src, entries, new ReadBudget(limits)), known, opts, file);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, ...e.refused };
    return fail(`not a readable .xlsx workbook: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await src.close();
  }
}

/** Say what a file is when it is not a workbook, before a zip reader says something obscure. */
function notXlsx(b: Uint8Array): string | undefined {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return undefined;
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'an old-style .xls workbook: save it in Excel as .xlsx (Excel 工作簿) and read that';
  return 'not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one)';
}

/** The most bytes of a part read whole: a workbook of thousands of styles has a styles.xml of a few MB. */
const SMALL_PART = 64 * 2 ** 20;

interface Sheet {
  readonly name: string;
  readonly entry: ZipEntry | undefined;
}

/** The archive's parts, each read when asked for. */
class Workbook {
  constructor(
    private readonly src: ZipSource,
    private readonly entries: readonly ZipEntry[],
    readonly budget: ReadBudget,
  ) {}

  entry(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  chunks(e: ZipEntry): AsyncGenerator<Buffer> {
    return entryChunks(this.src, e, this.budget);
  }

  /** A small part (the workbook, its relationships, the styles) as text; '' when absent. */
  async text(name: string): Promise<string> {
    const e = this.entry(name);
    if (e === undefined) return '';
    // held whole, so held to a size no real workbook's part comes near (entryChunks holds it to what it declares)
    if (e.size > SMALL_PART) throw new Error(`${name} declares ${e.size.toLocaleString('en-US')} bytes, where a workbook's is a few kilobytes: the file is crafted or damaged`);
    const parts: Buffer[] = [];
    for await (const c of this.chunks(e)) parts.push(c);
    return Buffer.concat(parts).toString('utf8');
  }

  /** The sheets in the workbook's order, each with its entry; the other parts by type (`sharedStrings`, `styles`); the date system. */
  async sheets(): Promise<{ sheets: Sheet[]; parts: Map<string, string>; date1904: boolean }> {
    const targets = new Map<string, string>();
    const types = new Map<string, string>();
    for (const m of (await this.text('xl/_rels/workbook.xml.rels')).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const id = attribute(m[0], 'Id');
      const target = attribute(m[0], 'Target');
      if (id === undefined || target === undefined) continue;
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      types.set((attribute(m[0], 'Type') ?? '').replace(/^.*\//, ''), targets.get(id)!);
    }
    const xml = await this.text('xl/workbook.xml');
    const sheets: Sheet[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
      const name = attribute(m[0], 'name');
      const id = /\s(?:\w+:)?id="([^"]*)"/.exec(m[0])?.[1];
      if (name === undefined) continue;
      const target = targets.get(id ?? '');
      sheets.push({ name: decodeText(name), entry: target === undefined ? undefined : this.entry(target) });
    }
    const pr = /<(?:\w+:)?workbookPr\s[^>]*>/.exec(xml)?.[0];
    const date1904 = pr !== undefined && /^(1|true)$/.test(attribute(pr, 'date1904') ?? '');
    return { sheets, parts: types, date1904 };
  }
}

async function readWorkbook(wb: Workbook, known: Known, opts: ReadOptions | undefined, file: string): Promise<ReadResult> {
  const { sheets, parts, date1904 } = await wb.sheets();
  const ctx: SheetContext = {
    strings: await sharedStrings(wb, parts.get('sharedStrings') ?? 'xl/sharedStrings.xml'),
    styles: numberStyles(await wb.text(parts.get('styles') ?? 'xl/styles.xml')),
    date1904,
  };
  const problems: Problem[] = [];
  const plan = await planSheets(wb, ctx, sheets, problems);
  const progress = new Progress(opts?.onProgress);
  const tables: Partial<Record<Section, Table>> = {};
  for (const s of SECTIONS) {
    const [first, ...rest] = plan.get(s) ?? [];
    if (first === undefined) continue;
    const t = new TableBuilder(first.name, progress, problems, s);
    await readSheet(wb, ctx, first, (row, cells) => t.add(row, cells));
    for (const next of rest) {
      t.continueOn(next.name);
      await readSheet(wb, ctx, next, (row, cells) => t.add(row, cells));
    }
    tables[s] = t.table();
  }
  progress.done();
  const missing = (s: Section): Problem => ({ path: sheetName(s), message: `missing sheet: the workbook needs a sheet named ${sheetName(s)} (or ${SHEETS[s].zh} / ${s})` });
  if (tables.subjects === undefined) problems.push(missing('subjects'));
  // the facts may all be wide columns of the subjects sheet: readTables decides
  return readTables(tables, known, opts, file, problems, missing('facts'));
}

async function sharedStrings(wb: Workbook, name: string): Promise<string[]> {
  const e = wb.entry(name);
  if (e === undefined) return [];
  const sst = new SharedStrings();
  for await (const c of wb.chunks(e)) sst.push(c);
  return sst.strings;
}

/** A sheet's rows, each to `onRow`; its cells counted against the limits. */
async function readSheet(wb: Workbook, ctx: SheetContext, sheet: Sheet, onRow: (row: number, cells: readonly Cell[]) => void, stop?: () => boolean): Promise<void> {
  if (sheet.entry === undefined) return;
  const rows = new SheetRows(ctx, onRow, () => wb.budget.cell(sheet.name), (ref) => wb.budget.dimension(sheet.name, ref));
  for await (const c of wb.chunks(sheet.entry)) {
    rows.push(c);
    if (stop?.()) break;
  }
}

/**
 * Which sheets hold each section, in reading order: the first sheet, then its continuation sheets
 * by number. In the workbook's order, problems for an unknown sheet with rows (it may be a misspelt
 * section: its rows would silently be lost), a second first sheet, a repeated or missing number.
 */
async function planSheets(wb: Workbook, ctx: SheetContext, sheets: readonly Sheet[], problems: Problem[]): Promise<Map<Section, Sheet[]>> {
  const firsts = new Map<Section, Sheet>();
  const more = new Map<Section, Map<number, Sheet>>();
  for (const sheet of sheets) {
    const section = sectionOfSheet(sheet.name);
    if (section === 'ignored') continue;
    const cont = section === undefined ? continuationOfSheet(sheet.name) : undefined;
    if (section === undefined && cont === undefined) {
      if (await hasRows(wb, ctx, sheet)) problems.push({ path: sheet.name, message: `unknown sheet ${JSON.stringify(sheet.name)}: the sheets are ${SECTIONS.map(sheetName).join(', ')} and 说明(keys); rename it or delete it` });
    } else if (cont !== undefined) {
      const numbered = more.get(cont.section) ?? new Map<number, Sheet>();
      more.set(cont.section, numbered);
      const other = numbered.get(cont.n);
      if (other !== undefined) problems.push({ path: sheet.name, message: `sheet ${JSON.stringify(sheet.name)} and sheet ${JSON.stringify(other.name)} are both sheet ${cont.n} of ${sheetName(cont.section)}; keep one` });
      else numbered.set(cont.n, sheet);
    } else {
      const other = firsts.get(section!);
      if (other !== undefined) problems.push({ path: sheet.name, message: `sheet ${JSON.stringify(sheet.name)} and sheet ${JSON.stringify(other.name)} are both ${sheetName(section!)}; keep one (a section continues on sheets named ${sheetName(section!)}(2), (3)…)` });
      else firsts.set(section!, sheet);
    }
  }
  const plan = new Map<Section, Sheet[]>();
  for (const s of SECTIONS) {
    const first = firsts.get(s);
    const numbered = [...(more.get(s) ?? new Map<number, Sheet>())].sort((a, b) => a[0] - b[0]);
    numbered.forEach(([n, sheet], k) => {
      if (first === undefined) problems.push({ path: sheet.name, message: `sheet ${JSON.stringify(sheet.name)} continues ${sheetName(s)}, but the workbook has no sheet ${sheetName(s)}` });
      else if (n !== k + 2) problems.push({ path: sheet.name, message: `sheet ${JSON.stringify(sheet.name)} is sheet ${n} of ${sheetName(s)}, but there is no sheet ${k + 2}: number the continuation sheets 2, 3, 4… without a gap` });
    });
    if (first !== undefined) plan.set(s, [first, ...numbered.map(([, sheet]) => sheet)]);
  }
  return plan;
}

/** Whether a sheet has a row with a cell holding something (read only until one is found). */
async function hasRows(wb: Workbook, ctx: SheetContext, sheet: Sheet): Promise<boolean> {
  let found = false;
  await readSheet(wb, ctx, sheet, (_row, cells) => {
    if (cells.some(hasText)) found = true;
  }, () => found);
  return found;
}
