/**
 * 数据 and the bureau's wide tables (issue 17, point 3): the page says how the two layouts are
 * filled in, in Chinese and English; a wide workbook (an indicator-and-year column per subject row)
 * is checked and imported with its values exactly scaled; a header it cannot place is named by its
 * cell, with the label it may have meant.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './app';
import { looksRight } from './checks';

let world: World;

beforeAll(async () => {
  world = await startWorld({
    subjects: [{ id: 'RC1', kind: 'enterprise', name: '任城示例电商有限公司', region: '370811', tags: ['inStatsLibrary'] }],
    accounts: [['sd-admin', 'province-admin', { region: '370000' }]],
  });
}, 120_000);
afterAll(async () => world?.close());

/** A wide workbook: `n` enterprises of 任城区 (WIDEnn) with 网络零售额 of 2023 in 万元 as a column, and one long fact. */
async function wideWorkbook(n: number, header = '网络零售额(2023,万元)'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const subjects = wb.addWorksheet('主体(subjects)');
  subjects.addRow(['编号', '类型', '名称', '区划代码', header]);
  for (let k = 0; k < n; k++) subjects.addRow([`WIDE${String(k).padStart(2, '0')}`, '企业', `宽表示例${k}电商有限公司`, '370811', 1000 + k + 0.005]);
  wb.addWorksheet('事实(facts)').addRows([['主体编号', '年度', '指标', '值'], ['WIDE00', 2023, '实物商品网络零售额', '900万元']]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const xlsx = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });

describe('数据: wide tables', () => {
  it('the page explains the two layouts next to the template, in Chinese and in English', async () => {
    const p = await world.signedIn('sd-admin');
    await p.getByRole('menuitem', { name: '数据' }).click();
    const layouts = p.getByTestId('layouts');
    await layouts.waitFor();
    expect(await layouts.textContent()).toMatch(/^两种填法，模板中都有示例。长表：.*宽表（统计局常用）：.*网络零售额\(2023,万元\)/);
    await looksRight(p, 'data-layouts');
    await p.getByText('EN', { exact: true }).click();
    // (no looksRight here: an English page showing Chinese names reads to it as a Chinese page with English lines)
    expect(await layouts.textContent()).toMatch(/^Two layouts, both shown in the template\. Long: .* Wide \(the statistics bureau's\): /);
    await p.getByText('中文', { exact: true }).click();
  });

  it('a wide workbook is checked, then imported: each column cell a fact, 1000.005 万元 exactly 10,000,050 元', async () => {
    const p = await world.signedIn('sd-admin');
    await p.getByRole('menuitem', { name: '数据' }).click();
    await p.locator('input[type=file]').setInputFiles([xlsx('宽表.xlsx', await wideWorkbook(12))]);
    await p.getByTestId('import-checked').waitFor();
    // 12 facts from the column, 1 from the facts sheet
    expect(await p.getByTestId('import-checked').textContent()).toMatch(/检查通过，尚未写入：2023 年度，主体 12 个，数据 13 条/);
    expect(await world.store.db.selectFrom('subjects').select('id').where('id', 'like', 'WIDE%').execute()).toEqual([]);
    await p.getByLabel('导入原因').fill('统计局宽表');
    await p.getByTestId('commit-import').click();
    await p.getByTestId('import-done').waitFor();
    const facts = await world.store.db.selectFrom('facts').select(['subject_id', 'key', 'value']).where('subject_id', 'in', ['WIDE00', 'WIDE11']).orderBy('subject_id').orderBy('key').execute();
    expect(facts.map((f) => [f.subject_id, f.key, Number(f.value)])).toEqual([
      ['WIDE00', 'onlineRetail', 1_000_005_000], // 1000.005 万元 = 10,000,050.00 元, in fen
      ['WIDE00', 'physicalGoodsOnlineRetail', 900_000_000],
      ['WIDE11', 'onlineRetail', 1_011_005_000],
    ]);
  });

  it('a header it cannot place is named by its cell, with the label it may have meant; nothing is written', async () => {
    const p = await world.signedIn('sd-admin');
    await p.getByRole('menuitem', { name: '数据' }).click();
    const before = await world.store.db.selectFrom('facts').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await p.locator('input[type=file]').setInputFiles([xlsx('错表头.xlsx', await wideWorkbook(3, '网络零食额(2023)'))]);
    await p.getByText('主体(subjects)!E1').first().waitFor();
    await p.getByText(/网络零售额/).first().waitFor();
    const after = await world.store.db.selectFrom('facts').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
