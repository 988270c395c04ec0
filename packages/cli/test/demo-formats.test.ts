/**
 * `duixian demo --out FILE` in every format (issue 17, point 5): the same 300-enterprise demo as
 * .json, as a long .xlsx, as a wide .xlsx and as the CSV pair, each evaluated for 2023, gives the
 * same `--json` output byte for byte. An unknown extension, and --wide with anything but .xlsx, are
 * bad input (exit 2) naming what is known. Facts beyond a sheet's rows continue on 事实(facts)(2)…
 * and read back the same. Run in process (the commands from source), as `duixian` runs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decimalText } from '../src/demo/rows.js';
import { exactNumber, writeDemoXlsx } from '../src/demo/xlsx-writer.js';
import { duixianInProcess, tmp } from './run-cli.js';

const duixian = duixianInProcess;

const dir = tmp();
const N = ['--enterprises', '300'];

/** `evaluate FILE --json --year 2023`, which must succeed. */
async function evaluated(file: string): Promise<string> {
  const r = await duixian('evaluate', file, '--json', '--year', '2023');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('duixian demo --out FILE, by the extension', () => {
  let fromJson = '';
  beforeAll(async () => {
    const r = await duixian('demo', ...N, '--out', join(dir, 'demo.json'));
    expect(r.code).toBe(0);
    fromJson = await evaluated(join(dir, 'demo.json'));
  }, 120_000);

  it('the JSON demo awards something (so that equal outputs mean something)', () => {
    const awards = (JSON.parse(fromJson) as { awards: { amount: string | null }[] }).awards;
    expect(awards.filter((a) => a.amount !== null).length).toBeGreaterThan(10);
  });

  it('a long .xlsx evaluates to the same bytes', async () => {
    const file = join(dir, 'long.xlsx');
    const r = await duixian('demo', ...N, '--out', file);
    expect(r.code).toBe(0);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04'); // a zip, not JSON
    expect(await evaluated(file)).toBe(fromJson);
  }, 120_000);

  it('a wide .xlsx (indicators as columns of the subjects sheet) evaluates to the same bytes', async () => {
    const file = join(dir, 'wide.xlsx');
    const r = await duixian('demo', ...N, '--wide', '--out', file);
    expect(r.code).toBe(0);
    const long = await writeDemoXlsx(join(dir, 'counted.xlsx'), { enterprises: 300 });
    const wide = await writeDemoXlsx(join(dir, 'counted-wide.xlsx'), { enterprises: 300 }, { wide: true });
    expect(wide.facts).toBe(long.facts); // every fact written, most of them as cells
    expect(wide.factRows).toBeLessThan(long.factRows / 4);
    expect(await evaluated(file)).toBe(fromJson);
  }, 120_000);

  it('the CSV pair (given as data.csv) evaluates to the same bytes, each file UTF-8 with a BOM', async () => {
    const r = await duixian('demo', ...N, '--out', join(dir, 'pair.csv'));
    expect(r.code).toBe(0);
    for (const part of ['subjects', 'facts', 'history', 'parameters']) {
      const text = readFileSync(join(dir, `pair.${part}.csv`), 'utf8');
      expect(text.startsWith('\ufeff')).toBe(true);
    }
    expect(existsSync(join(dir, 'pair.csv'))).toBe(false);
    // the first header row is the template's, in Chinese
    expect(readFileSync(join(dir, 'pair.facts.csv'), 'utf8').split('\r\n')[0]).toBe('\ufeff主体编号,年度,指标,值,事项,规则,季度,来源');
    expect(await evaluated(join(dir, 'pair.subjects.csv'))).toBe(fromJson);
  }, 120_000);

  it('the CSV pair given as data.subjects.csv is written under the same names', async () => {
    const r = await duixian('demo', '--enterprises', '3', '--out', join(dir, 'named.subjects.csv'));
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'named.facts.csv'))).toBe(true);
    expect(existsSync(join(dir, 'named.subjects.subjects.csv'))).toBe(false);
  });

  it('a negative percentage (statsShareRise -0.82%) is written so that no spreadsheet takes it for a formula, and stays exact', () => {
    const facts = readFileSync(join(dir, 'pair.facts.csv'), 'utf8');
    expect(facts).not.toMatch(/,'?-[\d.]+%/); // "-0.82%" would be written "'-0.82%" by the formula guard
    expect(facts).toMatch(/,-0\.00\d+,/); // as a fraction instead
  });

  it('refuses an extension it does not know, naming those it knows; writes nothing', async () => {
    const r = await duixian('demo', ...N, '--out', join(dir, 'data.xls'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--out/);
    expect(r.stderr).toMatch(/\.json.*\.xlsx.*\.csv/);
    expect(existsSync(join(dir, 'data.xls'))).toBe(false);
  });

  it('refuses --wide with anything but .xlsx', async () => {
    for (const out of ['wide.csv', 'wide.json']) {
      const r = await duixian('demo', ...N, '--wide', '--out', join(dir, out));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--wide/);
      expect(r.stderr).toMatch(/\.xlsx/);
      expect(existsSync(join(dir, out))).toBe(false);
    }
  });

  it('facts beyond a sheet continue on 事实(facts)(2), (3)… and read back the same', async () => {
    const file = join(dir, 'continued.xlsx');
    // 300 enterprises have ~2,500 facts: 1,000 rows a sheet (header included) makes three sheets
    const r = await writeDemoXlsx(file, { enterprises: 300 }, { rowsPerSheet: 1000 });
    expect(r.sheets).toEqual(expect.arrayContaining(['主体(subjects)', '事实(facts)', '事实(facts)(2)', '事实(facts)(3)']));
    expect(r.facts).toBeGreaterThan(1998); // else the test would not need a third sheet
    expect(await evaluated(file)).toBe(fromJson);
  }, 120_000);
});

describe('exact cells', () => {
  it('decimalText writes a scaled quantity as exact decimal text', () => {
    expect(decimalText(-8200, 6)).toBe('-0.0082'); // -0.82% in millionths
    expect(decimalText(123456, 2)).toBe('1234.56'); // fen → 元
    expect(decimalText(120000, 2)).toBe('1200');
    expect(decimalText(0, 6)).toBe('0');
    expect(decimalText(7, 0)).toBe('7');
  });

  it('exactNumber takes only text that a number cell gives back unchanged', () => {
    expect(exactNumber('5237883.07')).toBe(5237883.07);
    expect(exactNumber('-0.0082')).toBe(-0.0082);
    expect(exactNumber('123456789012345')).toBe(123456789012345); // 15 digits
    expect(exactNumber('1234567890123456')).toBeUndefined(); // 16: past what a double keeps
    expect(exactNumber('0.10')).toBeUndefined(); // would come back as 0.1
    expect(exactNumber('1e3')).toBeUndefined();
    expect(exactNumber('50万元')).toBeUndefined();
    expect(exactNumber('370811')).toBe(370811); // (codes never get here: their columns are text)
  });
});
