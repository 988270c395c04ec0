/**
 * A NUL character (U+0000) in a cell of an .xlsx or CSV dataset is a problem at its cell, never a
 * value: PostgreSQL cannot store it in text, so an import would fail there with a 500. In an .xlsx
 * it hides as `_x0000_`, which the workbook reader turns into the character.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readCsv, readXlsx } from '@duixian/interchange';
import { USCC, known, problemsOf } from './fixtures.js';

const FACTS = '主体编号,年度,指标,值,事项,规则,季度,来源\r\nE1,2023,实物商品网络零售额,1.2亿元,,,,统计局';
const subjects = (name: string) => `编号,类型,名称,区划代码,统一社会信用代码,标签\r\nE1,企业,${name},370811,${USCC},`;

describe('a NUL in a cell', () => {
  it('CSV: the problem names the file, row and column; an ordinary name reads', () => {
    const problems = problemsOf(readCsv({ subjects: subjects('示例\u0000公司'), facts: FACTS }, known));
    expect(problems.map((p) => p.path)).toEqual(['subjects!C2']);
    expect(problems[0]!.message).toMatch(/row 2, column 名称\(name\): .*NUL/);
    expect(readCsv({ subjects: subjects('示例公司'), facts: FACTS.replace('统计局', '统\u0000计局') }, known).ok).toBe(false);
    expect(readCsv({ subjects: subjects('示例公司'), facts: FACTS }, known).ok).toBe(true);
  });

  it('.xlsx: a name written _x0000_ is a problem at its cell', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('主体').addRows([['编号', '类型', '名称', '区划代码', '统一社会信用代码'], ['E1', '企业', '示例_x0000_公司', '370811', USCC]]);
    wb.addWorksheet('事实').addRows([['主体编号', '年度', '指标', '值'], ['E1', 2023, '实物商品网络零售额', '1.2亿元']]);
    const problems = problemsOf(await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), known));
    expect(problems.map((p) => p.path)).toEqual([expect.stringMatching(/^主体.*!C2$/)]);
  });
});
