/**
 * The byte-level CSV scanner (csv-scan.ts) against csv-parse, the parser it replaces for files on
 * disk: every quoting case fed whole and one byte at a time (cutting UTF-8 characters, CRLF and
 * the two quotes of ""), then generated cells with quotes, commas, line ends, CJK and emoji.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CsvScanner, MAX_RECORD } from '../src/csv-scan.js';

/** What csv-parse gives with the options csv.ts used: records, or the error. */
function oracle(text: string): string[][] | 'error' {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    return 'error';
  }
}

/** What the scanner gives for the bytes of `text` fed `size` bytes at a time. */
function scanned(bytes: Buffer, size: number): string[][] | 'error' {
  const out: string[][] = [];
  const s = new CsvScanner((cells) => out.push([...cells]));
  for (let at = 0; at < bytes.length; at += size) s.push(bytes.subarray(at, at + size));
  s.end();
  return s.error === undefined ? out : 'error';
}

function same(text: string, bytes = Buffer.from(text)): void {
  const want = oracle(text);
  for (const size of [bytes.length || 1, 1, 2, 3, 7]) expect(scanned(bytes, size), `${JSON.stringify(text)} at ${size} bytes`).toEqual(want);
}

const CASES: [string, string][] = [
  ['empty file', ''],
  ['one cell', 'a'],
  ['LF', 'a,b\nc,d\n'],
  ['CRLF', 'a,b\r\nc,d\r\n'],
  ['CR', 'a,b\rc,d\r'],
  ['no final line end', 'a,b\nc,d'],
  ['blank rows kept as records', 'a\n\n\nb\n'],
  ['only line ends', '\n\n'],
  ['trailing comma', 'a,\nb,,\n'],
  ['ragged rows', 'a,b,c\nd\ne,f,g,h\n'],
  ['BOM', '\uFEFFid,名称\n1,甲\n'],
  ['quoted cells', '"a","b,c"\n"d\ne",f\n'],
  ['"" inside quotes', '"say ""hi""",x\n""""\n'],
  ['empty quoted cells', '"",""\n""\n'],
  ['quoted cell spanning CRLF lines', '"a\r\nb",c\r\nd,e\r\n'],
  ['LF inside an unquoted cell of a CRLF file', 'a,b\r\nc\nd,e\r\n'],
  ['CR at the end of cells of an LF file', 'a\nb\r\nc\r\n'],
  ['closing quote then CRLF first', '"a"\r\nb\r\n'],
  ['CJK and emoji', '编号,名称\nS1,济南😀公司\n"S2","青岛,港"\n'],
  ['unclosed quote at the end', 'a,"b\nc\n'],
  ['quote inside an unquoted cell', 'ab"c,d\n'],
  ['space before a quote', 'a, "b"\n'],
  ['text after a closing quote', '"a"b,c\n'],
  ['closing quote then LF in a CRLF file', 'x\r\n"a"\nb\r\n'],
  ['a NUL after a closing quote', '"a"\u0000b,c\n'],
];

describe('CsvScanner gives what csv-parse gives', () => {
  it.each(CASES)('%s', (_, text) => same(text));

  it('refuses what csv-parse refuses, naming the line', () => {
    const lines: string[] = [];
    for (const text of ['a\n"b\nc', 'a\r\nb"c\r\n', 'x\n"a"b\n']) {
      const s = new CsvScanner(() => undefined);
      s.push(Buffer.from(text));
      s.end();
      lines.push(s.error!.message);
    }
    expect(lines[0]).toMatch(/quote.*line 2/i);
    expect(lines[1]).toMatch(/quote.*line 2/i);
    expect(lines[2]).toMatch(/quote.*line 2/i);
  });

  it('refuses a record longer than MAX_RECORD as it arrives (a quote left open), and takes one just under it', () => {
    const records = (cell: number) => {
      const text = Buffer.from(`id,note\nS1,"${'x'.repeat(cell)}"\nS2,b\n`);
      const out: string[][] = [];
      const s = new CsvScanner((cells) => out.push([...cells]));
      let pushed = 0;
      for (let at = 0; at < text.length && s.error === undefined; at += 256 << 10, pushed++) s.push(text.subarray(at, at + (256 << 10)));
      s.end();
      return { error: s.error?.message, rows: out.length, pushed, chunks: Math.ceil(text.length / (256 << 10)) };
    };
    const under = records(MAX_RECORD - 16);
    expect([under.error, under.rows]).toEqual([undefined, 3]);
    const over = records(MAX_RECORD + (1 << 20));
    expect(over.error).toMatch(/^Record Too Long: the record that starts at line 2 runs on for more than 4 MB; is a quote left open\?$/);
    expect(over.pushed).toBeLessThan(over.chunks); // refused before the end of the file
  });

  it('generated cells with quotes, commas, line ends, CJK and emoji', () => {
    const pieces = ['a', 'b', ' ', ',', '"', '\n', '\r\n', '\r', '济', '南', '😀', '1', '0'];
    let seed = 17;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let t = 0; t < 300; t++) {
      const eol = ['\n', '\r\n', '\r'][next(3)]!;
      const rows: string[] = [];
      for (let r = next(5); r >= 0; r--) {
        const cells: string[] = [];
        for (let c = next(4); c >= 0; c--) {
          let cell = '';
          for (let k = next(5); k > 0; k--) cell += pieces[next(pieces.length)];
          const quote = next(3) > 0 || /[",\r\n]/.test(cell);
          cells.push(quote ? `"${cell.replace(/"/g, '""')}"` : cell);
        }
        rows.push(cells.join(','));
      }
      same(rows.join(eol) + (next(2) ? eol : ''));
      same(rows.join(eol).replace(/""/, '"')); // now and then not CSV
    }
  });
});

describe('CsvScanner remembering repeated cells', () => {
  it('gives every cell as csv-parse does over thousands of rows of repeated and varying values', () => {
    const keys = ['网络零售额', '网络零售额增幅', 'onlineRetail', 'a', 'ab', 'ba', '2023', '2032', '济南😀'];
    const rows = ['主体编号,年度,指标,值,来源'];
    for (let i = 0; i < 9000; i++) {
      // ids repeat in pairs, then change; keys collide in length and end bytes; the value column is all different
      rows.push([`E${i >> 1}`, 2020 + (i % 4), keys[(i * 7) % keys.length], `${i * 37}万元`, i % 3 === 0 ? '' : i < 5000 ? '统计局' : '企业自报'].join(','));
    }
    const text = rows.join('\n') + '\n';
    const want = oracle(text);
    for (const size of [text.length * 3, 1000, 4097]) expect(scanned(Buffer.from(text), size)).toEqual(want);
  });
});

describe('CsvScanner and UTF-8', () => {
  it('says whether the bytes are UTF-8, also when a character is cut between chunks', () => {
    const ok = new CsvScanner(() => undefined);
    for (const b of Buffer.from('名称\n济南\n')) ok.push(Buffer.of(b));
    ok.end();
    expect(ok.utf8).toBe(true);
    const gbk = new CsvScanner(() => undefined);
    gbk.push(Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x0a])); // 名称 in GB18030
    gbk.end();
    expect(gbk.utf8).toBe(false);
    const cut = new CsvScanner(() => undefined);
    cut.push(Buffer.from([0x61, 0xe6, 0xb5])); // a character left incomplete at the end
    cut.end();
    expect(cut.utf8).toBe(false);
  });
});
