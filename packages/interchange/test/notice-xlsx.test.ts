/**
 * The 公示 .xlsx as a finance office uses it (issue 16, point 2): amounts are numbers formatted
 * #,##0.00 (summable; a 合计 row under them), never text; the figures the decision used read as
 * the pages write them (≈1.65亿元, not 1.6497655248亿元); the CSV carries the same words and
 * stays safe. Read back with exceljs, cell by cell.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { evaluate, INTERPRETATION_VALUES } from '@duixian/engine';
import { CORPUS, RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { noticeCsv, noticeXlsx, readObject, type NoticeContext } from '@duixian/interchange';
import { example, USCC } from './fixtures.js';

// E1's online retail to the fen: 16,497.655248万元 → 16,497 full 万 × 2元 = 32,994元 under the traffic subsidy, and the 20万 tier of 济宁
const data = example();
for (const f of data.facts) if (f.key === 'physicalGoodsOnlineRetail') f.value = '164976552.48元';
const read = readObject(data, { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
if (!read.ok) throw new Error('fixture');
const result = evaluate(CORPUS, read.dataset, { explain: true });
const ctx: NoticeContext = {
  subjects: new Map(read.dataset.subjects.map((s) => [s.id, s])),
  documents: new Map(CORPUS.documents.map((d) => [d.id, d])),
  rules: new Map(CORPUS.rules.map((r) => [r.id, r])),
};

async function sheet() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await noticeXlsx(result, result.awards, ctx, '2023年度电子商务奖励名单（公示）')) as unknown as ExcelJS.Buffer);
  return wb;
}

describe('the 公示 .xlsx', () => {
  it('amounts are numbers formatted #,##0.00, and a 合计 row sums them exactly', async () => {
    const ws = (await sheet()).getWorksheet('公示名单')!;
    const traffic = ws.getRows(4, ws.rowCount - 3)!.find((r) => r.getCell(4).value === '电商龙头企业流量补贴')!;
    expect(traffic.getCell(10).type).toBe(ExcelJS.ValueType.Number);
    expect([traffic.getCell(10).value, traffic.getCell(10).numFmt]).toEqual([32994, '#,##0.00']);
    expect([traffic.getCell(6).value, traffic.getCell(6).type]).toEqual([USCC, ExcelJS.ValueType.String]);
    const total = ws.getRow(ws.rowCount);
    expect([total.getCell(1).value, total.getCell(10).value, total.getCell(10).numFmt, total.getCell(10).type]).toEqual(['合计', 232994, '#,##0.00', ExcelJS.ValueType.Number]);
    const totals = (await sheet()).getWorksheet('合计')!;
    expect([totals.getRow(2).values, totals.getRow(3).values]).toEqual([[undefined, '山东省财政', 32994], [undefined, '济宁市财政', 200000]]);
    expect(totals.getCell('B2').numFmt).toBe('#,##0.00');
  });

  it('the figures the decision used read as the pages write them: two decimals in 万/亿, ≈ where digits were dropped', async () => {
    const ws = (await sheet()).getWorksheet('公示名单')!;
    const figures = ws.getColumn(8).values.filter((v) => typeof v === 'string' && v.startsWith('实物商品'));
    expect(figures.sort()).toEqual(['实物商品网络零售额 ≈1.65亿元', '实物商品网络零售额 ≈1.65亿元 ≥ 1亿元']);
  });

  it('CSV: the same words, amounts as plain figures to the fen, no total row to double a sum', () => {
    const lines = noticeCsv(result.awards, ctx).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('电商龙头企业流量补贴'))).toContain(`示例电商有限公司,${USCC},任城区（370811）,实物商品网络零售额 ≈1.65亿元 ≥ 1亿元,资金（最高额）,32994.00,山东省财政`);
  });
});
