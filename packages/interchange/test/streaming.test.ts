/**
 * Part A of issue 17: the streaming readers. The .xlsx scanner cell by cell (fed whole and a few
 * bytes at a time), continuation sheets, CSV read as a stream (encodings, quoted cells across
 * chunks), progress, and the limits checked as a workbook inflates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseQuantity } from '@duixian/engine';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROGRESS_EVERY, continuationSheetName, readCsv, readFile, readXlsx } from '@duixian/interchange';
import { SheetRows, SharedStrings, numberStyles, type SheetContext } from '../src/xlsx-scan.js';
import { readCsvPair } from '../src/file.js';
import type { Cell } from '../src/rows.js';
import { USCC, known, datasetOf, problemsOf } from './fixtures.js';
import { deflated, repeated, zip, type Entry } from './zip-build.js';

const MB = 2 ** 20;

/** `xml` given to `push` whole, then `size` bytes at a time (cutting tags and UTF-8 characters). */
function feed(push: (b: Buffer) => void, xml: string, size: number): void {
  const bytes = Buffer.from(xml);
  for (let at = 0; at < bytes.length; at += size) push(bytes.subarray(at, at + size));
}

const SHEET = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D9"/><sheetData>${rows}</sheetData></worksheet>`;

/** The rows a sheet's XML gives, as [row, cells] with holes as undefined. */
function scan(xml: string, size: number, ctx: SheetContext): [number, Cell[]][] {
  const out: [number, Cell[]][] = [];
  const rows = new SheetRows(ctx, (row, cells) => out.push([row, Array.from(cells)]), () => undefined, () => undefined);
  feed((b) => rows.push(b), xml, size);
  return out;
}

const SST = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3"><si><t>网络零售额</t></si><si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh><t>フリガナ</t></rPh></si><si><t>a&amp;b_x000D_c</t></si></sst>';
const STYLES = '<styleSheet><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00_);[Red]\\(#,##0.00\\)"/><numFmt numFmtId="166" formatCode="0.0%"/><numFmt numFmtId="167" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs></styleSheet>';

describe('the .xlsx scanner', () => {
  const sst = new SharedStrings();
  feed((b) => sst.push(b), SST, 5);
  const ctx: SheetContext = { strings: sst.strings, styles: numberStyles(STYLES), date1904: false };

  it('reads shared strings: plain, rich text joined without its phonetic guide, entities and _xHHHH_ decoded', () => {
    expect(sst.strings).toEqual(['网络零售额', '富文本 ', 'a&b\rc']);
    // a percentage format multiplies what is shown by 100; a quoted "%" is only a sign
    expect(ctx.styles).toEqual([undefined, 'date', 'date', undefined, 'percent', 'percent', undefined]);
  });

  // each case: a row's XML → the cells it gives (by 0-based column)
  const cases: [string, string, Cell[]][] = [
    ['a shared string', '<c r="A1" t="s"><v>0</v></c>', ['网络零售额']],
    ['rich text from the shared strings', '<c r="B1" t="s"><v>1</v></c>', [undefined, '富文本 ']],
    ['an inline string, escapes decoded', '<c r="A1" t="inlineStr"><is><t>&lt;示例&gt; &#x4E00;_x0000_</t></is></c>', ['<示例> 一\u0000']],
    ['an inline rich string', '<c r="A1" t="inlineStr"><is><r><t>1.2</t></r><r><rPr><i/></rPr><t>亿元</t></r></is></c>', ['1.2亿元']],
    ['booleans', '<c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>', [true, false]],
    ['an error: its code', '<c r="C1" t="e"><v>#N/A</v></c>', [undefined, undefined, '#N/A']],
    ['a formula: its cached result (number, text)', '<c r="A1"><f>B1*2</f><v>4.5</v></c><c r="B1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>', [4.5, 'xy']],
    ['a formula without a cached result, or an empty one: empty', '<c r="A1"><f>B1</f></c><c r="B1"><v>7</v></c><c r="C1"><f>D1</f><v></v></c>', [undefined, 7]],
    ['numbers, a date by a built-in and by a custom format, a number format that is no date', '<c r="A1" s="0"><v>2023</v></c><c r="B1" s="1"><v>45047</v></c><c r="C1" s="2"><v>45048.5</v></c><c r="D1" s="3"><v>1234.5</v></c>',
      [2023, new Date('2023-05-01T00:00:00Z'), new Date('2023-05-02T12:00:00Z'), 1234.5]],
    ['empty and blank cells left out', '<c r="A1" s="1"/><c r="B1" t="inlineStr"><is><t>  </t></is></c><c r="C1"><v>3</v></c>', [undefined, undefined, 3]],
    ['cells without r= follow the one before', '<c r="B1"><v>1</v></c><c><v>2</v></c><c t="s"><v>0</v></c>', [undefined, 1, 2, '网络零售额']],
    ['a far column', '<c r="AB1"><v>9</v></c>', [...Array<undefined>(27).fill(undefined), 9]],
  ];
  it.each(cases)('%s', (_what, cells, expected) => {
    for (const size of [1_000_000, 7, 1]) {
      const rows = scan(SHEET(`<row r="1">${cells}</row>`), size, ctx);
      expect(rows).toEqual([[1, expected]]);
    }
  });

  it('numbers rows by r=, or one past the row before; an empty row is still a row', () => {
    const xml = SHEET('<row r="3"><c r="A3"><v>1</v></c></row><row><c r="A4"><v>2</v></c></row><row r="6"/><row><c r="A7"><v>3</v></c></row>');
    for (const size of [1_000_000, 3]) expect(scan(xml, size, ctx)).toEqual([[3, [1]], [4, [2]], [6, []], [7, [3]]]);
  });

  it('reads a document whose elements carry a namespace prefix (x:row, x:c)', () => {
    const xml = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>示例</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    expect(scan(xml, 4, ctx)).toEqual([[2, [undefined, '示例']]]);
  });

  it('a date in the 1904 system', () => {
    expect(scan(SHEET('<row r="1"><c r="A1" s="1"><v>43585</v></c></row>'), 100, { ...ctx, date1904: true })).toEqual([[1, [new Date('2023-05-01T00:00:00Z')]]]);
  });
});

describe('an .xlsx read end to end', () => {
  it('a date fact typed as a date cell reads as its day; a number formatted as money stays a number', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('主体').addRows(SUBJECT_ROWS);
    const facts = wb.addWorksheet('事实');
    facts.addRows([FACT_HEADER, ['E1', 2023, '分支机构转为法人企业日期', new Date(Date.UTC(2023, 4, 1))], ['E1', 2023, '实物商品网络零售额', 1234.5]]);
    facts.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
    facts.getCell('D3').numFmt = '#,##0.00';
    const r = datasetOf(await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), known));
    const day = parseQuantity('2023-05-01', 'date');
    expect(day.ok).toBe(true);
    expect(r.dataset.facts.map((f) => [f.key, f.value])).toEqual([['conversionDate', day.ok && day.value], ['physicalGoodsOnlineRetail', 123_450]]);
  });
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duixian-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SUBJECT_ROWS = [['编号', '类型', '名称', '区划代码', '统一社会信用代码'], ['E1', '企业', '示例电商有限公司', '370811', USCC], ['E2', '企业', '示例二公司', '370811']];
const FACT_HEADER = ['主体编号', '年度', '指标', '值'];
const fact = (subject: string, value: string | number) => [subject, 2023, '实物商品网络零售额', value];

async function workbook(sheets: [string, unknown[][]][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) wb.addWorksheet(name).addRows(rows);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('continuation sheets', () => {
  it('the name part D writes', () => {
    expect(continuationSheetName('facts', 2)).toBe('事实(facts)(2)');
  });

  it('a section continues over sheets read in order of their number, whatever their order in the workbook; problems name the sheet', async () => {
    const wb = await workbook([
      ['主体(subjects)', SUBJECT_ROWS],
      ['事实(facts)(3)', [FACT_HEADER, fact('E9', '3亿元')]],
      ['事实(facts)', [FACT_HEADER, fact('E1', '1亿元')]],
      ['facts_2', [FACT_HEADER, [], fact('E2', '-2')]],
    ]);
    const problems = problemsOf(await readXlsx(wb, known));
    // facts_2 row 3 (a negative amount) before 事实(facts)(3) row 2 (an unknown subject): the sheets' order by number
    expect(problems.map((p) => p.path)).toEqual(['facts_2!D3', '事实(facts)(3)!A2']);
    expect(problems[1]!.message).toMatch(/^row 2, column 主体编号\(subject\): unknown subject "E9"/);
  });

  it.each(['事实(2)', '事实（2）', 'facts (2)', 'facts_2', '事实(facts)(2)'])('%s continues 事实(facts); the facts are all read', async (name) => {
    const wb = await workbook([['主体', SUBJECT_ROWS], ['事实', [FACT_HEADER, fact('E1', '1亿元')]], [name, [FACT_HEADER, fact('E2', '2亿元')]]]);
    const r = datasetOf(await readXlsx(wb, known));
    expect(r.dataset.facts.map((f) => [f.subject, f.value])).toEqual([['E1', 10_000_000_000], ['E2', 20_000_000_000]]); // in fen
  });

  it('a gap, a repeated number, a continuation of nothing, a different header: each a problem naming the sheet', async () => {
    const wb = await workbook([
      ['主体', SUBJECT_ROWS],
      ['事实', [FACT_HEADER, fact('E1', '1亿元')]],
      ['事实(2)', [FACT_HEADER, fact('E2', '2亿元')]],
      ['facts_2', [FACT_HEADER]],
      ['事实(4)', [['主体编号', '年度', '指标', '值', '来源']]],
      ['历史奖励(2)', [['主体编号', '规则', '年度']]],
    ]);
    const problems = problemsOf(await readXlsx(wb, known));
    expect(problems.map((p) => p.path)).toEqual(['facts_2', '事实(4)', '历史奖励(2)', '事实(4)!E1']);
    expect(problems[0]!.message).toBe('sheet "facts_2" and sheet "事实(2)" are both sheet 2 of 事实(facts); keep one');
    expect(problems[1]!.message).toMatch(/^sheet "事实\(4\)" is sheet 4 of 事实\(facts\), but there is no sheet 3/);
    expect(problems[2]!.message).toMatch(/continues 历史奖励\(history\), but the workbook has no sheet 历史奖励\(history\)/);
    expect(problems[3]!.message).toMatch(/^row 1, column E: the header "来源" is not the first sheet's \(事实!E1 is ""\)/);
  });

  it('a continuation may spell a column another way (数值, value for 值; English headers): the same column is the same header', async () => {
    const wb = await workbook([
      ['主体', SUBJECT_ROWS],
      ['事实', [FACT_HEADER, fact('E1', '1亿元')]],
      ['事实(2)', [['主体编号', '年份', '指标名称', '数值'], fact('E2', '2亿元')]],
      ['事实(3)', [['subject', 'year', 'key', 'value'], ['E1', 2022, '实物商品网络零售额', '3亿元']]],
    ]);
    // before: 'the header "年份" is not the first sheet's' though 年份 and 年度 are one column
    expect(datasetOf(await readXlsx(wb, known)).dataset.facts.map((f) => [f.subject, f.year])).toEqual([['E1', 2023], ['E2', 2023], ['E1', 2022]]);
  });

  it('a record named inside a message says its sheet when the section has several', async () => {
    const wb = await workbook([['主体', SUBJECT_ROWS], ['事实', [FACT_HEADER, fact('E1', '1亿元')]], ['事实(2)', [FACT_HEADER, fact('E1', '2亿元')]]]);
    const problems = problemsOf(await readXlsx(wb, known));
    expect(problems).toEqual([{ path: '事实(2)!D2', message: expect.stringMatching(/^row 2, column 值\(value\): conflicting duplicate: row 2 of 事实 gives E1 /) }]);
  });

  it('two first sheets of a section stay refused', async () => {
    const wb = await workbook([['主体', SUBJECT_ROWS], ['事实', [FACT_HEADER]], ['facts', [FACT_HEADER]]]);
    expect(problemsOf(await readXlsx(wb, known, { year: 2023 })).map((p) => p.path)).toEqual(['facts']);
  });
});

describe('CSV read as a stream', () => {
  const SUBJECTS = `编号,类型,名称,区划代码\r\nE1,企业,"示例\r\n电商",370811\r\nE2,企业,示例二,370811\r\n`;
  const factRows = (n: number) => Array.from({ length: n }, (_, k) => `E${(k % 2) + 1},2023,直播大赛实际发生费用（每次）,${k + 1},"第${k}场
直播",,,`);

  it('rows counted as a spreadsheet counts them, across chunk boundaries as small as a byte; the same as read whole', async () => {
    const facts = ['主体编号,年度,指标,值,事项,规则,季度,来源', ...factRows(100), ',,,,,,,', 'E3,2023,网络零售额,1,,,,'].join('\n');
    await writeFile(join(dir, 'q.subjects.csv'), `\uFEFF${SUBJECTS}`);
    await writeFile(join(dir, 'q.facts.csv'), facts);
    const whole = problemsOf(readCsv({ subjects: SUBJECTS, facts }, known));
    expect(whole).toEqual([expect.objectContaining({ path: 'facts!A103' })]);
    for (const chunk of [1, 5, 64, 65_536]) {
      const problems = problemsOf(await readCsvPair(join(dir, 'q.facts.csv'), known, undefined, chunk));
      expect(problems.map((p) => [p.path, p.message])).toEqual([['q.facts.csv!A103', whole[0]!.message]]);
    }
  });

  it('GB18030 found past the first chunk: read again from the start as GB18030, with a warning; a quoted name spans lines', async () => {
    const gbk = (s: string) => Buffer.from(new TextEncoder().encode(s)); // ASCII parts
    // 示例 = ca be c0 fd in GB18030; the first non-ASCII byte comes after 40 bytes of ASCII
    await writeFile(join(dir, 'g.subjects.csv'), Buffer.concat([gbk('id,kind,name,region\nE1,enterprise,"long ASCII\nname ',), Buffer.from('cabec0fd', 'hex'), gbk('",370811\n')]));
    await writeFile(join(dir, 'g.facts.csv'), 'subject,year,key,value\nE1,2023,onlineRetail,1');
    for (const chunk of [3, 1024]) {
      const r = datasetOf(await readCsvPair(join(dir, 'g.facts.csv'), known, { year: 2023 }, chunk));
      expect(r.dataset.subjects[0]!.name).toBe('long ASCII\nname 示例');
      expect(r.warnings.map((w) => w.path)).toEqual([join(dir, 'g.subjects.csv')]);
    }
  });

  it('text that is not CSV (a quote never closed) is a problem naming the file, as when read whole', async () => {
    await writeFile(join(dir, 'x.subjects.csv'), SUBJECTS);
    await writeFile(join(dir, 'x.facts.csv'), '主体编号,年度,指标,值\nE1,2023,网络零售额,"1');
    const whole = problemsOf(readCsv({ subjects: SUBJECTS, facts: '主体编号,年度,指标,值\nE1,2023,网络零售额,"1' }, known));
    for (const chunk of [4, 65_536]) {
      const problems = problemsOf(await readCsvPair(join(dir, 'x.facts.csv'), known, undefined, chunk));
      expect(problems).toEqual([{ path: 'x.facts.csv', message: whole[0]!.message }]);
    }
    expect(whole[0]!.message).toMatch(/^not valid CSV: /);
  });

  it('bytes that are neither UTF-8 nor GB18030 are a problem naming the file', async () => {
    await writeFile(join(dir, 'b.subjects.csv'), Buffer.from([0x69, 0x64, 0x0a, 0xff, 0xff, 0xff]));
    await writeFile(join(dir, 'b.facts.csv'), 'subject,year,key,value\n');
    const problems = problemsOf(await readFile(join(dir, 'b.facts.csv'), known));
    expect(problems[0]).toEqual({ path: join(dir, 'b.subjects.csv'), message: 'not UTF-8 text: save the file as UTF-8 ("CSV UTF-8" in Excel)' });
  });
});

describe('progress', () => {
  const n = 2 * PROGRESS_EVERY + 10;
  const subjects = ['id,kind,name,region', ...Array.from({ length: n }, (_, k) => `E${k},enterprise,示例${k},370811`)].join('\n');
  const facts = ['subject,year,key,value', ...Array.from({ length: n }, (_, k) => `E${k},2023,onlineRetail,${k}`)].join('\n');
  // header rows count as rows read: 2n + 2 in all
  const expected = [1, 2, 3, 4].map((k) => k * PROGRESS_EVERY).concat([2 * n + 2]);

  it(`is reported every ${PROGRESS_EVERY} rows and at the end, CSV in memory and from disk`, async () => {
    const seen: number[] = [];
    datasetOf(readCsv({ subjects, facts }, known, { year: 2023, onProgress: (rows) => seen.push(rows) }));
    expect(seen).toEqual(expected);
    await writeFile(join(dir, 'p.subjects.csv'), subjects);
    await writeFile(join(dir, 'p.facts.csv'), facts);
    const fromDisk: number[] = [];
    datasetOf(await readFile(join(dir, 'p.subjects.csv'), known, { year: 2023, onProgress: (rows) => fromDisk.push(rows) }));
    expect(fromDisk).toEqual(expected);
  });

  it('a file read again as GB18030 counts its rows once: the reports never go back and end at the rows read', async () => {
    // the UTF-8 attempt reads past a report before the GB18030 byte (示例 = ca be c0 fd) of the last row stops it
    const last = Buffer.concat([Buffer.from(`\nE${n},enterprise,`), Buffer.from('cabec0fd', 'hex'), Buffer.from(',370811')]);
    await writeFile(join(dir, 'q.subjects.csv'), Buffer.concat([Buffer.from(subjects), last]));
    await writeFile(join(dir, 'q.facts.csv'), facts);
    const seen: number[] = [];
    datasetOf(await readCsvPair(join(dir, 'q.subjects.csv'), known, { year: 2023, onProgress: (rows) => seen.push(rows) }, 1024));
    // before: 4096, 8192 from the UTF-8 attempt, then on to 24604, counting those rows again
    expect(seen).toEqual([1, 2, 3, 4].map((k) => k * PROGRESS_EVERY).concat([2 * n + 3]));
  });

  it('and for an .xlsx', async () => {
    const split = (csv: string) => csv.split('\n').map((line) => line.split(','));
    const wb = await workbook([['subjects', split(subjects)], ['facts', split(facts).map((r, k) => (k === 0 ? r : [r[0], 2023, r[2], Number(r[3])]))]]);
    const seen: number[] = [];
    datasetOf(await readXlsx(wb, known, { year: 2023, onProgress: (rows) => seen.push(rows) }));
    expect(seen).toEqual(expected);
  });
});

/** A one-sheet workbook (事实(facts)) whose sheet is 1.2 GB of blanks (a megabyte deflated once, repeated), declaring `declared` bytes. */
function bomb(declared?: number): Buffer {
  const sheet = repeated('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', ' '.repeat(MB), 1200, '<sheetData/></worksheet>');
  return factsWorkbook(declared === undefined ? sheet : { ...sheet, size: declared });
}

/** A workbook of one sheet, 事实(facts), at xl/worksheets/sheet1.xml, with `parts` (that sheet among them, or not). */
const factsWorkbook = (...parts: Entry[]): Buffer => zip([
  deflated('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="事实(facts)" sheetId="1" r:id="rId1"/></sheets></workbook>'),
  deflated('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
  ...parts,
]);

describe('limits checked as a workbook is read', () => {
  it('a 1.2 GB bomb: refused by its declared size before inflating; when the directory lies, at the first chunk past it', async () => {
    const honest = bomb();
    expect(honest.length).toBeLessThan(2 * MB);
    const declared = await readXlsx(honest, known);
    expect(declared).toMatchObject({ ok: false, tooLarge: true, problems: [{ path: '(file)', message: expect.stringMatching(/inflates to 1,258,29\d,\d{3} bytes.*at most 1,073,741,824/) }] });
    const lying = await readXlsx(bomb(1024), known);
    expect(lying).toMatchObject({ ok: false, tooLarge: true, problems: [{ path: 'xl/worksheets/sheet1.xml', message: expect.stringMatching(/declares 1,024 bytes for this entry, and it inflates to more/) }] });
    // from disk, within the limits given
    await writeFile(join(dir, 'bomb.xlsx'), honest);
    expect(problemsOf(await readFile(join(dir, 'bomb.xlsx'), known, { limits: { inflatedBytes: 1024 * MB } }))[0]!.message).toMatch(/at most 1,073,741,824 bytes/);
  });

  it('a part read whole (the styles) declaring more than a workbook ever has is refused before it is inflated', async () => {
    const styles = repeated('xl/styles.xml', '<styleSheet>', ' '.repeat(MB), 65, '</styleSheet>');
    expect(problemsOf(await readXlsx(factsWorkbook(styles), known, { limits: { entryRatio: 1e6 } }))).toEqual([{ path: '(file)', message: expect.stringMatching(/^not a readable \.xlsx workbook: xl\/styles\.xml declares 68,157,\d{3} bytes/) }]);
  });

  it('cells: one over the limit is refused naming the sheet; at the limit it is read', async () => {
    const rows = [FACT_HEADER, fact('E1', '1亿元'), fact('E2', '2亿元')];
    const wb = await workbook([['主体', SUBJECT_ROWS], ['事实', rows]]);
    const cells = 5 * 3 - 1 + 4 * 3; // subjects: 5 + 5 + 4 cells (E2 has no code); facts: 4 × 3
    expect((await readXlsx(wb, known, { limits: { cells } })).ok).toBe(true);
    expect(await readXlsx(wb, known, { limits: { cells: cells - 1 } })).toMatchObject({ ok: false, tooLarge: true, problems: [{ path: '事实', message: expect.stringMatching(/at most 25 cells/) }] });
  });
});
