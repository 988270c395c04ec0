import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtemp, readFile as readBytes, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile, readXlsx, writeTemplate } from '@duixian/interchange';
import { known, datasetOf, problemsOf } from './fixtures.js';

let dir: string;
let written: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duixian-xlsx-'));
  written = await writeTemplate(dir, known);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const template = async (): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'duixian-template.xlsx'));
  return wb;
};
const bytes = async (wb: ExcelJS.Workbook): Promise<Uint8Array> => new Uint8Array(await wb.xlsx.writeBuffer());
const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

describe('the template', () => {
  it('is an xlsx and the two CSV header files', () => {
    expect(written).toEqual([
      join(dir, 'duixian-template.xlsx'),
      join(dir, 'duixian-template.subjects.csv'),
      join(dir, 'duixian-template.facts.csv'),
    ]);
  });

  it('has the sheets, with Chinese headers and the English key in each header note', async () => {
    const wb = await template();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主体(subjects)', '事实(facts)', '历史奖励(history)', '参数(parameters)', '解释口径(interpretations)', '说明(keys)']);
    const facts = sheet(wb, '事实(facts)');
    expect(facts.getRow(1).values).toEqual([undefined, '主体编号', '年度', '指标', '值', '事项', '规则', '季度', '来源']);
    expect(String(facts.getCell('D1').note)).toMatch(/^value（必填）\n/);
    expect(sheet(wb, '主体(subjects)').getCell('E2').value).toMatch(/^91370811MA3C0XY12.$/);
  });

  it('explains every fact key, kind, tag and parameter key', async () => {
    const ws = sheet(await template(), '说明(keys)');
    const rows = new Map<string, string[]>();
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const [category, key] = [String(row.getCell(1).value), String(row.getCell(2).value ?? '')];
      rows.set(category, [...(rows.get(category) ?? []), key]);
    });
    // the corpus's words, in the order its vocabulary.yaml declares them
    expect(rows.get('指标')).toEqual(Object.keys(known.vocabulary.facts));
    expect(rows.get('主体类型')).toEqual(Object.keys(known.vocabulary.kinds));
    expect(rows.get('标签')).toEqual(Object.keys(known.vocabulary.tags));
    expect(rows.get('参数')).toEqual(['amount', 'topN', 'cityShare', 'rate', 'cap', 'threshold', 'weight.<指标英文名>']);
    const retail = ws.getRows(2, ws.rowCount)!.find((r) => r.getCell(2).value === 'physicalGoodsOnlineRetail')!;
    expect([retail.getCell(3).value, retail.getCell(4).value]).toEqual(['实物商品网络零售额', '元']);
  });

  it('reads back untouched: its example rows, the year from the facts', async () => {
    const r = datasetOf(await readXlsx(await readBytes(join(dir, 'duixian-template.xlsx')), known));
    expect(r.dataset.year).toBe(2023);
    expect(r.warnings.map((w) => w.message)).toEqual(['no evaluation year given (year in the file, or --year): evaluating 2023, the latest year of the facts']);
    expect(r.dataset.subjects).toEqual([
      { id: 'E1', kind: 'enterprise', name: '示例电商有限公司', region: '370811', uscc: expect.stringMatching(/^91370811MA3C0XY12/), tags: ['inStatsLibrary', 'tradeCirculation'] },
    ]);
    expect(r.dataset.facts).toEqual([
      // both layouts: the vocabulary's second key counted in 元 as a row of 事实, its first as the subjects sheet's wide column 网络零售额(2023)
      { subject: 'E1', subjectIndex: 0, year: 2023, key: 'physicalGoodsOnlineRetail', value: 9_000_000_000, source: '统计局' },
      { subject: 'E1', subjectIndex: 0, year: 2023, key: 'onlineRetail', value: 12_000_000_000 },
    ]);
    // an award of the first rule the readers know; an amount for it too (this Known does not say which rules read one)
    expect(r.dataset.history).toEqual([{ subject: 'E1', rule: 'jining-2022-54/1.retail', year: 2022, amount: 5_000_000 }]);
    expect(r.dataset.parameters).toEqual([{ rule: 'jining-2022-54/1.retail', year: 2023, key: 'amount', value: 50_000_000 }]);
    expect(r.dataset.interpretations).toEqual({ 'I-pool': 'largest-first' });
  });
});

describe('a filled template', () => {
  it('reads back every row, in Chinese or English, numbers or text', async () => {
    const wb = await template();
    const subjects = sheet(wb, '主体(subjects)');
    subjects.addRow(['370871', '县', '济宁高新区', '370871']);
    subjects.addRow(['CN', 'country', '全国']);
    subjects.addRow(['S1', '网店/网红店铺', '某网店', '370811', null, 'mcn; liveTeam，实现“五统一”（仓储、分拣、运输、配送、揽件）']);
    const facts = sheet(wb, '事实(facts)');
    facts.addRow(['E1', 2023, 'contestEventCost', 70000, '5月直播大赛', null, 2, '企业自报']);
    facts.addRow(['370871', '2023', '网络零售额增幅', '15.3%']);
    facts.addRow(['370871', 2023, '综合评价得分', 91.5, null, 'jining-2022-54/1.retail']);
    facts.addRow(['CN', 2023, '人民币对美元年平均汇率', 7.0467]);
    facts.addRow(['E1', 2023, 'conversionDate', new Date(Date.UTC(2022, 4, 1))]);
    facts.addRow(['S1', 2023, 'onlineRetail', { formula: '1000*12', result: 12000 }]);
    const r = datasetOf(await readXlsx(await bytes(wb), known, { year: 2023 }));
    expect(r.warnings).toEqual([]);
    expect(r.dataset.subjects.map((s) => [s.id, s.kind, s.tags])).toEqual([
      ['E1', 'enterprise', ['inStatsLibrary', 'tradeCirculation']],
      ['370871', 'county', []],
      ['CN', 'country', []],
      ['S1', 'shop', ['mcn', 'liveTeam', 'fiveUnified']],
    ]);
    expect(r.dataset.facts.slice(1, -1)).toEqual([
      { subject: 'E1', subjectIndex: 0, year: 2023, key: 'contestEventCost', value: 7_000_000, item: '5月直播大赛', quarter: 2, source: '企业自报' },
      { subject: '370871', subjectIndex: 1, year: 2023, key: 'onlineRetailGrowth', value: 153_000 },
      { subject: '370871', subjectIndex: 1, year: 2023, key: 'panelScore', value: 91_500_000, rule: 'jining-2022-54/1.retail' },
      { subject: 'CN', subjectIndex: 2, year: 2023, key: 'cnyPerUsd', value: 7_046_700 },
      { subject: 'E1', subjectIndex: 0, year: 2023, key: 'conversionDate', value: 20220501 },
      { subject: 'S1', subjectIndex: 3, year: 2023, key: 'onlineRetail', value: 1_200_000 },
    ]);
  });

  it('a bad cell is named by sheet, row and column', async () => {
    const wb = await template();
    sheet(wb, '事实(facts)').addRow(['E1', 2023, '网络零售额', '1.2亿美元']);
    const problems = problemsOf(await readXlsx(await bytes(wb), known));
    expect(problems).toEqual([
      { path: '事实(facts)!D3', message: 'row 3, column 值(value): "1.2亿美元" is not a money (元) value (expected 1.2亿元, 5000万元, 0.20元 or 123456.78)' },
    ]);
  });

  it('reports every bad cell of every sheet', async () => {
    const wb = await template();
    sheet(wb, '主体(subjects)').addRow(['E1', '企业', '重复的企业']);
    sheet(wb, '主体(subjects)').addRow(['E2', '公司', '某公司', '379999']);
    sheet(wb, '事实(facts)').addRow(['E9', 2023, '网络零售额', -5]);
    sheet(wb, '事实(facts)').addRow(['E1', 2023, '流量', 5, null, null, 5]);
    sheet(wb, '解释口径(interpretations)').addRow(['I-bounds', 'strict']);
    const problems = problemsOf(await readXlsx(await bytes(wb), known));
    expect(problems.map((p) => p.path)).toEqual([
      '主体(subjects)!A3',
      '主体(subjects)!B4',
      '主体(subjects)!D4',
      '事实(facts)!A3',
      '事实(facts)!D3',
      '事实(facts)!C4',
      '事实(facts)!G4',
      '解释口径(interpretations)!B3',
    ]);
    expect(problems[0]!.message).toBe('row 3, column 编号(id): duplicate id "E1": also row 2; give each subject its own id');
    expect(problems[1]!.message).toMatch(/^row 4, column 类型\(kind\): unknown kind "公司"/);
    expect(problems[4]!.message).toBe('row 3, column 值(value): -5 is negative: an amount of money cannot be below zero');
  });

  it('an unknown column and a missing column are header problems', async () => {
    const wb = await template();
    const facts = sheet(wb, '事实(facts)');
    facts.getCell('I1').value = '颜色';
    facts.getCell('D1').value = null;
    facts.getCell('D2').value = null;
    const problems = problemsOf(await readXlsx(await bytes(wb), known));
    expect(problems.map((p) => p.path)).toEqual(['事实(facts)!I1', '事实(facts)!1:1']);
    expect(problems[0]!.message).toMatch(/^row 1, column I: unknown column "颜色": the columns of 事实\(facts\) are 主体编号\/subject, 年度\/year/);
    expect(problems[1]!.message).toMatch(/^row 1: missing column 值\(value\)/);
  });

  it('accepts English headers and short sheet names', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('subjects').addRows([['id', 'kind', 'name', 'region'], ['E1', 'enterprise', 'X', '370811']]);
    wb.addWorksheet('事实').addRows([['subject', 'year', 'key', 'value'], ['E1', 2023, 'onlineRetail', '5000万元']]);
    const r = datasetOf(await readXlsx(await bytes(wb), known, { year: 2023 }));
    expect(r.dataset.facts[0]!.value).toBe(5_000_000_000);
  });

  it('a missing sheet, an unknown sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('主体(subjects)').addRows([['编号', '类型', '名称'], ['E1', '企业', 'X']]);
    wb.addWorksheet('Sheet2').addRow(['something']);
    wb.addWorksheet('Sheet3');
    const problems = problemsOf(await readXlsx(await bytes(wb), known, { year: 2023 }));
    expect(problems.map((p) => p.path)).toEqual(['Sheet2', '事实(facts)']);
    expect(problems[1]!.message).toBe('missing sheet: the workbook needs a sheet named 事实(facts) (or 事实 / facts)');
  });

  it('a file that is not a workbook', async () => {
    expect(problemsOf(await readXlsx(new TextEncoder().encode('id,kind\n'), known))).toEqual([
      { path: '(file)', message: 'not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one)' },
    ]);
    const bad = join(dir, 'broken.xlsx');
    await writeFile(bad, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const problems = problemsOf(await readFile(bad, known));
    expect(problems.map((p) => p.path)).toEqual([bad]);
    expect(problems[0]!.message).toMatch(/^not a readable \.xlsx workbook: /);
  });

  it('readFile reads a workbook by its extension', async () => {
    const r = datasetOf(await readFile(join(dir, 'duixian-template.xlsx'), known, { year: 2024 }));
    expect(r.dataset.year).toBe(2024);
    expect(r.dataset.facts).toHaveLength(2);
  });
});
