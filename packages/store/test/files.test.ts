/** The Excel and CSV templates into the store: a good workbook imports; a bad cell is named by sheet, row and column and writes nothing. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTemplate } from '@duixian/interchange';
import { readAndImport, type Store } from '@duixian/store';
import { KNOWN } from '../../cli/src/known.js';
import { BACKENDS, count, snapshot } from './backends.js';

const dir = mkdtempSync(join(tmpdir(), 'duixian-store-files-'));
const by = { by: 'tester', reason: 'template' };
let xlsx: string;
beforeAll(async () => {
  const written = await writeTemplate(dir, KNOWN);
  xlsx = written.find((p) => p.endsWith('.xlsx'))!;
});

describe.each(BACKENDS)('template files on $name', (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await backend.fresh());
  });
  afterAll(() => dispose());

  it('the Excel template (with its example rows) imports, and again changes nothing', async () => {
    const r = await readAndImport(xlsx, KNOWN, store, by);
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(r.result.facts.added).toBeGreaterThan(0);
    expect(await count(store, 'facts')).toBe(r.result.facts.added);
    const before = await snapshot(store);
    const again = await readAndImport(xlsx, KNOWN, store, by);
    expect(again.ok && again.result.importId).toBeNull();
    expect(await snapshot(store)).toEqual(before);
  });

  it('a CSV pair with Chinese headers imports; the same pair again changes nothing', async () => {
    const stem = join(dir, `pair-${backend.name}`);
    writeFileSync(`${stem}.subjects.csv`, '编号,类型,名称,区划代码\n370871,县（市、区）及功能区,济宁高新区,370871\n');
    writeFileSync(`${stem}.facts.csv`, '主体编号,年度,指标,值,季度,来源\n370871,2023,网络零售额,"5,000万元",Q2,统计局\n');
    const r = await readAndImport(`${stem}.subjects.csv`, KNOWN, store, by);
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(r.result.facts).toEqual({ added: 1, revised: 0, unchanged: 0 });
    const row = await store.db.selectFrom('facts').selectAll().where('subject_id', '=', '370871').executeTakeFirstOrThrow();
    expect([row.quarter, Number(row.value), row.source]).toEqual([2, 5_000_000_000, '统计局']);
    const again = await readAndImport(`${stem}.facts.csv`, KNOWN, store, by);
    expect(again.ok && again.result.importId).toBeNull();
  });

  it('a bad cell: the problem names sheet, row and column; nothing is written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const facts = wb.getWorksheet('事实(facts)')!;
    facts.getCell('D2').value = '很多钱';
    wb.getWorksheet('主体(subjects)')!.getCell('C2').value = '改名有限公司'; // a good change that must not get in with the bad one
    const bad = join(dir, `bad-${backend.name}.xlsx`);
    await wb.xlsx.writeFile(bad);
    const before = await snapshot(store);
    const r = await readAndImport(bad, KNOWN, store, by);
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.map((p) => p.path)).toEqual(['事实(facts)!D2']);
    expect(r.problems[0]!.message).toMatch(/^row 2, column 值\(value\)/);
    expect(await snapshot(store)).toEqual(before);
  });
});
