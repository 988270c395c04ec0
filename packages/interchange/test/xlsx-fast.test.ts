/**
 * The .xlsx row scanner's fast path (xlsx-scan.ts): a cell of the common shape (`<c r s t>` then
 * `<v>…</v>` or `<is><t>…</t></is>`) read from its bytes without decoding its tag, and every other
 * shape left to the general path. Table-driven, each row fed whole and in chunks of 1, 2, 3 and 7
 * bytes (cutting tags, entities and UTF-8 characters), then generated rows whose values are known.
 */
import { describe, expect, it } from 'vitest';
import { SheetRows, numberStyles, type SheetContext } from '../src/xlsx-scan.js';
import type { Cell } from '../src/rows.js';

const SHEET = (rows: string, prefix = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}worksheet xmlns${prefix === '' ? '' : `:${prefix.slice(0, -1)}`}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}worksheet>`;

// styles: 0 plain, 1 a date, 2 a percentage
const STYLES = '<styleSheet><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="10"/></cellXfs></styleSheet>';
const ctx: SheetContext = { strings: ['零', '一', 'two'], styles: numberStyles(STYLES), date1904: false };

/** The rows of `xml` fed `size` bytes at a time, as [row, cells, cells counted]. */
function scan(xml: string, size: number): [number, Cell[]][] {
  const out: [number, Cell[]][] = [];
  const rows = new SheetRows(ctx, (row, cells) => out.push([row, Array.from(cells)]), () => undefined, () => undefined);
  const bytes = Buffer.from(xml);
  for (let at = 0; at < bytes.length; at += size) rows.push(bytes.subarray(at, at + size));
  return out;
}

const SIZES = [Number.MAX_SAFE_INTEGER, 1, 2, 3, 7];

describe('the .xlsx cell fast path', () => {
  // a row's cells' XML → the cells it gives (by 0-based column)
  const cases: [string, string, Cell[]][] = [
    ['attributes in any order', '<c t="inlineStr" s="0" r="C1"><is><t>文本</t></is></c><c s="0" r="D1" t="s"><v>2</v></c>', [undefined, undefined, '文本', 'two']],
    ['integers from their digits, leading zeros too', '<c r="A1"><v>2022</v></c><c r="B1"><v>007</v></c><c r="C1"><v>0</v></c>', [2022, 7, 0]],
    ['numbers that are not plain digits', '<c r="A1"><v>6.7261</v></c><c r="B1"><v>-3</v></c><c r="C1"><v>1E3</v></c><c r="D1"><v> 5 </v></c>', [6.7261, -3, 1000, 5]],
    ['more digits than a double holds exactly', '<c r="A1"><v>12345678901234567890</v></c><c r="B1"><v>9007199254740993</v></c>', [Number('12345678901234567890'), Number('9007199254740993')]],
    ['a date style and a percentage style on an integer', '<c r="A1" s="1"><v>45047</v></c><c r="B1" s="2"><v>1</v></c><c r="C1" s="2"><v>0.153</v></c>', [new Date('2023-05-01T00:00:00Z'), '100%', '15.3%']],
    ['s="" is style 0', '<c r="A1" s=""><v>3</v></c>', [3]],
    ['shared strings by index', '<c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c>', ['一', '零']],
    ['entities and Excel escapes in inline text', '<c r="A1" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="B1" t="inlineStr"><is><t>x_x000D_y</t></is></c><c r="C1" t="inlineStr"><is><t>a_b</t></is></c>', ['a&b', 'x\ry', 'a_b']],
    ['text kept as written, spaces inside', '<c r="A1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c><c r="B1" t="inlineStr"><is><t>a b</t></is></c>', [' x ', 'a b']],
    ['blank text left out (ASCII and ideographic spaces)', '<c r="A1" t="inlineStr"><is><t>  </t></is></c><c r="B1" t="inlineStr"><is><t>\u3000</t></is></c><c r="C1" t="inlineStr"><is><t></t></is></c><c r="D1"><v>1</v></c>', [undefined, undefined, undefined, 1]],
    ['whitespace and line ends between cells and attributes', '<c r="A1"\n t="inlineStr" ><is><t>a</t></is></c>\n  <c\tr="B1"><v>2</v></c>\r\n', ['a', 2]],
    ['a formula: the general path reads its cached result', '<c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"</f><v>a&lt;b</v></c>', [2, 'a<b']],
    ['an inline string cell holding <v>: nothing, as before', '<c r="A1" t="inlineStr"><v>1</v></c><c r="B1"><v>2</v></c>', [undefined, 2]],
    ['rich inline text: the general path joins its runs', '<c r="A1" t="inlineStr"><is><r><t>1.2</t></r><r><t>亿元</t></r></is></c>', ['1.2亿元']],
    ['booleans, errors, ISO dates', '<c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="d"><v>2023-05-01T00:00:00Z</v></c>', [true, '#N/A', new Date('2023-05-01T00:00:00Z')]],
    ['cells without r= follow the one before; self-closed and empty cells are empty', '<c r="B1"><v>1</v></c><c><v>2</v></c><c r="D1" s="1"/><c r="E1"><v></v></c><c><v>5</v></c>', [undefined, 1, 2, undefined, undefined, 5]],
    ['an unknown type reads as a number', '<c r="A1" t="zz"><v>4</v></c>', [4]],
    ["single-quoted attributes: not read, as before", "<c r='C1'><v>1</v></c>", [1]],
  ];
  it.each(cases)('%s', (_what, cells, expected) => {
    for (const size of SIZES) expect(scan(SHEET(`<row r="1" spans="1:4" x14ac:dyDescent="0.25">${cells}</row>`), size), `fed ${size} bytes at a time`).toEqual([[1, expected]]);
  });

  it('row numbers: r=, one past the row before, a self-closed row, attributes before r', () => {
    const xml = SHEET('<row spans="1:2" r="3"><c r="A3"><v>1</v></c></row><row><c r="A4"><v>2</v></c></row><row r="6"/><row ht="15" r="7"><c r="A7"><v>3</v></c></row>');
    for (const size of SIZES) expect(scan(xml, size)).toEqual([[3, [1]], [4, [2]], [6, []], [7, [3]]]);
  });

  it('a namespace prefix on every element (x:row, x:c, x:v, x:is, x:t)', () => {
    const xml = SHEET('<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>示例</x:t></x:is></x:c><x:c r="C2"><x:v>12</x:v></x:c></x:row>', 'x:');
    for (const size of SIZES) expect(scan(xml, size)).toEqual([[2, [undefined, '示例', 12]]]);
  });

  it('a column that repeats values of one length and like bytes tells them apart (remembered cells compared byte by byte)', () => {
    // aqyb and awyb share length, first, middle and last byte: the same remembered slot
    const words = ['aqyb', 'awyb', '济南市', '济宁市', 'aqyb', '2023', 'awyb'];
    const xml = SHEET(words.map((w, k) => `<row r="${k + 1}"><c r="A${k + 1}" t="inlineStr"><is><t>${w}</t></is></c></row>`).join(''));
    for (const size of SIZES) expect(scan(xml, size).map(([, [c]]) => c)).toEqual(words);
  });

  it('generated rows: what the scanner reads is what was written, whole and in chunks of 5, 64 and 1000 bytes', () => {
    let seed = 17;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pool = ['网络零售额', 'CN', '370102', 'a&amp;b', 'x y', '实物商品网络零售额（2023年）', 'Q1', 'é'];
    const decoded = (s: string) => s.replace('&amp;', '&');
    const want: [number, Cell[]][] = [];
    let xml = '';
    for (let r = 1; r <= 3000; r++) {
      const cells: Cell[] = [];
      let row = '';
      for (let col = 0; col < 6; col++) {
        if (rand(5) === 0) continue;
        const ref = `${String.fromCharCode(65 + col)}${r}`;
        const attrs = rand(2) === 0 ? [`r="${ref}"`, 's="0"'] : ['s="0"', `r="${ref}"`];
        const kind = rand(4);
        if (kind === 0) {
          const n = rand(100000);
          cells[col] = n;
          row += `<c ${attrs.join(' ')}><v>${n}</v></c>`;
        } else if (kind === 1) {
          const n = rand(100000) / 1000 + 0.5;
          cells[col] = n;
          row += `<c ${attrs.join(' ')}><v>${n}</v></c>`;
        } else {
          const s = kind === 2 ? pool[rand(pool.length)]! : `名${rand(1e6)}`;
          cells[col] = decoded(s);
          row += `<c ${[...attrs, 't="inlineStr"'].sort(() => rand(3) - 1).join(' ')}><is><t>${s}</t></is></c>`;
        }
      }
      want.push([r, cells]);
      xml += `<row r="${r}">${row}</row>`;
    }
    for (const size of [Number.MAX_SAFE_INTEGER, 5, 64, 1000]) expect(scan(SHEET(xml), size)).toEqual(want);
  });
});
