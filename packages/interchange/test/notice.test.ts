/** 公示 export of an award list: filters, totals, CSV and .xlsx read back (issue 3 point 5). */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { evaluate, INTERPRETATION_VALUES } from '@duixian/engine';
import { CORPUS, RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { awardTotals, filterAwards, noticeCsv, noticeXlsx, readObject, type NoticeContext } from '@duixian/interchange';
import { example, USCC } from './fixtures.js';

const read = readObject(example(), { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
if (!read.ok) throw new Error('fixture');
const ds = read.dataset;
const result = evaluate(CORPUS, ds, { explain: true });
const ctx: NoticeContext = {
  subjects: new Map(ds.subjects.map((s) => [s.id, s])),
  documents: new Map(CORPUS.documents.map((d) => [d.id, d])),
  rules: new Map(CORPUS.rules.map((r) => [r.id, r])),
};

describe('award list', () => {
  it('filters by document, rule, region, funder and type', () => {
    const rules = (f: Parameters<typeof filterAwards>[2]) => filterAwards(result.awards, ctx, f).map((a) => a.rule).sort();
    expect(rules({ document: 'sd-2022-42' })).toEqual(['sd-2022-42/2.traffic']);
    expect(rules({ funder: '370800' })).toEqual(['jining-2022-54/2.retail-2023']);
    expect(rules({ region: '370800', type: 'money' })).toEqual(['jining-2022-54/2.retail-2023', 'sd-2022-42/2.traffic']);
    expect(rules({ region: '370100' })).toEqual([]);
  });

  it('totals by funder and by city, exactly', () => {
    expect(awardTotals(result.awards, ctx)).toEqual({ byFunder: { '370000': '24000.00', '370800': '200000.00' }, byCity: { '370800': '224000.00' } });
  });

  it('CSV in the notice layout, with the figures the decision used', () => {
    const lines = noticeCsv(result.awards, ctx).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('文件,文号,条款,奖励项目,主体名称,统一社会信用代码,所在地区,依据指标,奖励类型,金额（元）,资金来源');
    const traffic = lines.find((l) => l.includes('电商龙头企业流量补贴'))!;
    expect(traffic).toContain(`示例电商有限公司,${USCC},任城区（370811）,实物商品网络零售额 1.2亿元 ≥ 1亿元,资金（最高额）,24000.00,山东省财政`);
    // a tiered award shows the figure its tier was read from
    expect(lines.find((l) => l.includes('2023年度电商龙头企业分档一次性奖励'))).toContain(',实物商品网络零售额 1.2亿元,资金（最高额）,200000.00,济宁市财政');
  });

  it('.xlsx: the notice reads back with the USCC as text and amounts as numbers', async () => {
    const bytes = await noticeXlsx(result, result.awards, ctx, '2023年度电子商务奖励名单（公示）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('公示名单')!;
    expect(ws.getCell('A1').value).toBe('2023年度电子商务奖励名单（公示）');
    const rows = ws.getSheetValues().slice(4) as unknown[][];
    const traffic = rows.find((r) => r?.[4] === '电商龙头企业流量补贴')!;
    expect([traffic[6], traffic[10]]).toEqual([USCC, 24000]);
    expect(wb.getWorksheet('合计')!.getRow(2).values).toEqual([undefined, '山东省财政', 24000]);
  });
});
