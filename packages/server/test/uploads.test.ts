/**
 * Uploads cannot stall the server: an .xlsx is refused by its compressed size, its inflated size
 * (as the zip's directory declares it, and as it really inflates) and its cell count before it is
 * read in full; and a file is read in a worker, so /api/health answers during any import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { BACKENDS, count } from '../../store/test/backends.js';
import { deflated, repeated, zip, type Entry } from '../../interchange/test/zip-build.js';
import { platform, type Platform } from './platform.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 2 ** 20;

// The reading worker runs the built code (dist), as `npm start` does: build it if it is stale
// (tsc emits despite type errors elsewhere; the typecheck reports those).
beforeAll(() => {
  spawnSync('npx', ['tsc', '-b', 'packages/server'], { cwd: new URL('../../..', import.meta.url), stdio: 'inherit' });
}, 300_000);

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A workbook of one sheet, 事实(facts), whose XML is `sheet`. */
function workbook(sheet: Entry): Buffer {
  return zip([
    deflated('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    deflated('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    deflated('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="事实(facts)" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    deflated('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ]);
}

/** A sheet of `rows` rows of 10 numbers (every row the same: a reader counts, it does not care). */
const cells = (rows: number, dimension?: string): Entry => repeated('xl/worksheets/sheet1.xml',
  `${SHEET_HEAD}${dimension ? `<dimension ref="${dimension}"/>` : ''}<sheetData>`,
  `<row r="2">${'ABCDEFGHIJ'.split('').map((c) => `<c r="${c}2"><v>1</v></c>`).join('')}</row>`, rows, '</sheetData></worksheet>');

/** 1.2 GB of blank space inside the sheet's XML: no cells at all, only bytes to inflate. */
const BOMB_SIZE = 1200 * MB;
const blank = (declared?: number): Entry => {
  const e = repeated('xl/worksheets/sheet1.xml', SHEET_HEAD, ' '.repeat(MB), BOMB_SIZE / MB, '<sheetData/></worksheet>');
  return declared === undefined ? e : { ...e, size: declared };
};

/** A valid workbook of `n` enterprises in 济宁 任城区, two facts each. */
async function enterprises(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const subjects = wb.addWorksheet('主体(subjects)');
  subjects.addRow(['编号', '类型', '名称', '区划代码']);
  const facts = wb.addWorksheet('事实(facts)');
  facts.addRow(['主体编号', '年度', '指标', '值']);
  for (let k = 0; k < n; k++) {
    const id = `U${String(k).padStart(6, '0')}`;
    subjects.addRow([id, 'enterprise', `测试电商${k}有限公司`, '370811']);
    facts.addRow([id, 2023, 'physicalGoodsOnlineRetail', 1_000_000 + k]);
    facts.addRow([id, 2023, 'onlineRetail', 2_000_000 + k]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The largest growth of the process's resident memory while `work` runs, sampled every 20 ms. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number; ms: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
  const t0 = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - before, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

describe.each(BACKENDS)('uploads ($name)', (backend) => {
  let p: Platform;
  beforeAll(async () => { p = await platform(backend); }, 120_000);
  afterAll(async () => { await p?.dispose(); });

  const upload = (body: Buffer, query = '') => p.as('sd-admin').req('POST', `/api/imports?reason=test${query}`, body, { 'content-type': XLSX });
  const imports = () => count(p.store, 'imports');

  it('a zip bomb (1.2 MB declaring 1.2 GB) is refused with 413 naming the inflated limit, without inflating it', async () => {
    const bomb = workbook(blank());
    expect(bomb.length).toBeLessThan(2 * MB);
    const before = await imports();
    const { result: r, growth, ms } = await peakGrowth(() => upload(bomb));
    console.log(`bomb, honest directory: ${r.statusCode} in ${ms.toFixed(0)} ms, RSS +${(growth / MB).toFixed(0)} MB`);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('too-large');
    expect(r.json().error.details[0].message).toMatch(/1,258,29\d,\d{3} bytes.*1,073,741,824/);
    expect(growth).toBeLessThan(300 * MB);
    expect(await imports()).toBe(before);
  });

  it('a zip bomb whose directory lies (declares 1 KB) is refused while inflating, at the size it declared', async () => {
    const { result: r, growth, ms } = await peakGrowth(() => upload(workbook(blank(1024))));
    console.log(`bomb, lying directory: ${r.statusCode} in ${ms.toFixed(0)} ms, RSS +${(growth / MB).toFixed(0)} MB`);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.details).toEqual([{ path: 'xl/worksheets/sheet1.xml', message: expect.stringMatching(/declares 1,024 bytes.*more/) }]);
    expect(growth).toBeLessThan(300 * MB);
  });

  it('a sheet whose dimension declares more cells than the limit is refused naming the sheet; one cell fewer is read', async () => {
    // A1:J500000 is 5,000,000 cells: the limit; A1:J500001 one row over it
    const over = await upload(workbook(cells(1, 'A1:J500001')));
    expect(over.statusCode).toBe(413);
    expect(over.json().error.details).toEqual([{ path: '事实(facts)', message: expect.stringMatching(/A1:J500001.*5,000,010 cells.*5,000,000/) }]);
    const at = await upload(workbook(cells(1, 'A1:J500000')));
    expect(at.statusCode).toBe(422); // read, and its rows refused as facts: not a size problem
    expect(at.json().error.code).toBe('invalid-data');
  });

  it('a sheet holding more cells than the limit (its dimension understated) is refused naming the sheet', async () => {
    const over = await upload(workbook(cells(500_001, 'A1:J2')));
    expect(over.statusCode).toBe(413);
    expect(over.json().error.details).toEqual([{ path: '事实(facts)', message: expect.stringMatching(/more than 5,000,000 cells/) }]);
  });

  it('a body over 100 MB is refused with 413; exactly 100 MB is read (and refused as no workbook)', async () => {
    const over = await upload(Buffer.alloc(100 * MB + 1));
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('too-large');
    const at = await upload(Buffer.alloc(100 * MB));
    expect(at.statusCode).toBe(422);
    expect(at.json().error.details[0].message).toMatch(/not an \.xlsx workbook/);
  }, 120_000);

  // A dry run reads and checks the whole file and writes nothing: the writing after it is the
  // database's (PGlite runs its statements on this thread; PostgreSQL is I/O), not the upload's.
  it('a list import over 8 MB is refused with 413, CSV or JSON; 8 MB is read (and refused for its content)', async () => {
    const csv = (bytes: number) => `名单,生效日期\n${'x'.repeat(bytes - 20)}`; // the header is 20 bytes in UTF-8
    const send = (body: string, type: string) => p.as('sd-admin').req('POST', '/api/lists/import', body, { 'content-type': type });
    expect(Buffer.byteLength(csv(8 * MB))).toBe(8 * MB);
    expect((await send(csv(8 * MB + 1), 'text/csv')).statusCode).toBe(413);
    expect((await send(csv(8 * MB), 'text/csv')).statusCode).toBe(422);
    const json = JSON.stringify({ csv: 'x'.repeat(8 * MB + 1 - 10) }); // {"csv":""} is 10 bytes
    expect(json.length).toBe(8 * MB + 1);
    expect((await send(json, 'application/json')).statusCode).toBe(413);
    expect(await p.store.db.selectFrom('list_entries').select('id').execute()).toEqual([]);
  });

  it('/api/health answers while a 50,000-fact .xlsx is read and checked: the event loop is never held 1 s', async () => {
    const file = await enterprises(25_000);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let healthy = 0;
    let reading = true;
    const polling = (async () => {
      while (reading) {
        if ((await p.anonymous.req('GET', '/api/health')).statusCode === 200) healthy++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    delay.enable();
    const t0 = performance.now();
    const r = await upload(file, '&dryRun=true');
    const ms = performance.now() - t0;
    delay.disable();
    reading = false;
    await polling;
    console.log(`50k-fact .xlsx read and checked in ${ms.toFixed(0)} ms; event loop delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms; ${healthy} health answers`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ dryRun: true, rows: { subjects: 25_000, facts: 50_000 } });
    expect(healthy).toBeGreaterThan(0);
    expect(delay.max).toBeLessThan(1e9);
  }, 300_000);

  it('a JSON body large enough to be read in the worker is held to the NUL check too: 422 naming the field, nothing written', async () => {
    const subjects = Array.from({ length: 3000 }, (_, k) => ({ id: `J${k}`, kind: 'enterprise', name: `大文件示例${k}电子商务有限公司`, region: '370811', tags: [] }));
    subjects[2999]!.name = '末行\u0000公司';
    const body = JSON.stringify({ format: 'duixian/v1', year: 2023, subjects, facts: [] });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const before = await count(p.store, 'subjects');
    const r = await p.as('sd-admin').req('POST', '/api/imports?reason=nul', body, { 'content-type': 'application/json' });
    expect([r.statusCode, r.json().error.details]).toEqual([422, [{ path: 'subjects[2999].name', message: expect.stringMatching(/NUL/) }]]);
    expect(await count(p.store, 'subjects')).toBe(before);
  });

  it('a valid .xlsx read in the worker is imported, its hash that of its bytes', async () => {
    const file = await enterprises(3);
    const r = await upload(file);
    expect(r.statusCode).toBe(200);
    expect(r.json().facts.added).toBe(6);
    const row = await p.store.db.selectFrom('imports').select('file_hash').where('id', '=', r.json().importId).executeTakeFirstOrThrow();
    expect(row.file_hash).toBe(createHash('sha256').update(file).digest('hex'));
  });
});
