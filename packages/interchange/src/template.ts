/** The import template: an .xlsx to fill in, and the header rows of the CSV pair. */
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import { spreadsheetCsv, spreadsheetRow } from './spreadsheet-safe.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegionKind, kindLabel, PARAMETER_KEYS, UNITS, usccCheckChar, type FactKeyInfo, type Vocabulary } from '@duixian/engine';
import { KEYS_SHEET, SECTIONS, SHEETS, sheetName, type Section } from './headers.js';
import type { Known } from './types.js';

const STEM = 'duixian-template';
const EXAMPLE_USCC = (() => {
  const first17 = '91370811MA3C0XY12';
  return first17 + usccCheckChar(first17)!;
})();

/** A wide column of the example: its header and the example subject's cell. */
interface WideExample {
  readonly header: string;
  readonly value: string | number;
}

/**
 * One example row per sheet, in column order (the spec's example, written as a person would), in
 * the corpus's words, so that the template reads back as it is: an enterprise (or the corpus's first
 * kind that is not a region) with the first two tags, figures of the first fact keys counted in 元 (or
 * else in 个), an award of the first rule, an amount for the first rule that reads one, the first
 * reading that has an alternative. A row with nothing to show is left out. With two such keys, both
 * layouts show: the first key as a wide column of the subjects sheet (网络零售额(2023)), the second
 * as a row of the facts sheet; with one, only the facts sheet's row.
 */
function examples(known: Known): Record<Section, readonly (string | number)[]> & { wide?: WideExample } {
  const v = known.vocabulary;
  const kind = Object.hasOwn(v.kinds, 'enterprise') ? 'enterprise' : Object.keys(v.kinds).find((k) => !isRegionKind(k));
  const [wide, figure] = figures(v);
  const [rule] = known.rules;
  const paid = known.parameters ? [...known.parameters].find(([, keys]) => keys.includes('amount'))?.[0] : rule;
  const reading = Object.entries(known.interpretations).find(([, values]) => values.length > 1);
  const about = <T,>(row: readonly T[]): readonly T[] => (kind ? row : []); // rows about the example subject
  return {
    subjects: about(['E1', kindLabel(v, kind!), '示例电商有限公司', '370811', EXAMPLE_USCC, Object.values(v.tags).slice(0, 2).join('、')]),
    ...(kind && wide ? { wide: { header: `${wide[0].label}(2023)`, value: wide[1] } } : {}),
    facts: about(figure ? ['E1', 2023, figure[0].label, figure[1], '', '', '', '统计局'] : []),
    history: about(rule ? ['E1', rule, 2022, 50000] : []),
    parameters: paid ? [paid, 2023, 'amount', '50万元'] : [],
    interpretations: reading ? [reading[0], reading[1][1]!] : [],
  };
}

/**
 * The example figures, [wide, long] or [undefined, long] (or none): keys of the first unit of 元 and
 * 个 the corpus counts in that a column can carry (no rule, no items), each with a value as a person
 * writes it.
 */
function figures(v: Vocabulary): [(readonly [FactKeyInfo, string | number])?, (readonly [FactKeyInfo, string | number])?] {
  for (const [unit, first, second] of [['yuan', '1.2亿元', '9000万元'], ['count', 12, 10]] as const) {
    const keys = Object.values(v.facts).filter((f) => f.unit === unit && !f.ruleScoped && !f.itemised);
    if (keys.length > 1) return [[keys[0]!, first], [keys[1]!, second]];
    if (keys.length === 1) return [undefined, [keys[0]!, first]];
  }
  return [];
}

/** Columns kept as text, so that Excel does not turn codes into numbers (an 18-digit code would lose digits). */
const TEXT_COLUMNS = new Set(['id', 'subject', 'region', 'uscc', 'name', 'item', 'rule', 'source', 'tags']);

/** The template workbook's bytes (the pages offer it for download), listing the corpus's words. */
export async function templateXlsx(known: Known): Promise<Uint8Array> {
  return new Uint8Array(await workbook(await loadExcel(), known).xlsx.writeBuffer());
}

/** The header row of one CSV file of the pair, with the BOM that makes Excel read it as UTF-8. */
export const templateCsv = (s: 'subjects' | 'facts'): string => spreadsheetCsv([SHEETS[s].columns.map((c) => c.zh)]);

export async function writeTemplate(dir: string, known: Known): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const xlsx = join(dir, `${STEM}.xlsx`);
  await workbook(await loadExcel(), known).xlsx.writeFile(xlsx);
  const written = [xlsx];
  for (const s of ['subjects', 'facts'] as const) {
    const path = join(dir, `${STEM}.${s}.csv`);
    await writeFile(path, templateCsv(s), 'utf8');
    written.push(path);
  }
  return written;
}

function workbook(Excel: typeof ExcelJS, known: Known): ExcelJS.Workbook {
  const wb = new Excel.Workbook();
  wb.creator = 'duixian';
  const example = examples(known);
  for (const s of SECTIONS) dataSheet(wb, s, example[s], s === 'subjects' ? example.wide : undefined);
  keysSheet(wb, known.vocabulary);
  return wb;
}

function dataSheet(wb: ExcelJS.Workbook, s: Section, example: readonly (string | number)[], wide?: WideExample): void {
  const ws = wb.addWorksheet(sheetName(s), { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = SHEETS[s].columns;
  ws.columns = [
    ...columns.map((c) => ({
      header: c.zh,
      key: c.field,
      width: Math.max(12, c.zh.length * 2 + 4, c.field === 'tags' ? 40 : 0),
      style: TEXT_COLUMNS.has(c.field) ? { numFmt: '@' } : {},
    })),
    ...(wide ? [{ header: wide.header, width: Math.max(16, wide.header.length * 2 + 4) }] : []),
  ];
  // The English key of each column, and what goes in it, is the header cell's note.
  columns.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    cell.note = `${c.field}${c.required ? '（必填）' : ''}\n${c.hint}`;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFEDEDED' } };
  });
  if (wide) {
    const cell = ws.getRow(1).getCell(columns.length + 1);
    cell.note = WIDE_NOTE;
    cell.font = { bold: true };
  }
  if (example.length > 0) ws.addRow(spreadsheetRow([...example, ...(wide ? [wide.value] : [])].map((v) => (v === '' ? null : v))));
}

const WIDE_NOTE = '宽表列（可选，可增加多列）：指标中文名或英文名加年度，如 网络零售额(2023)、网络零售额(2023,万元)、网络零售额增幅(2023,%)、onlineRetail@2023；每格为该主体该年度的值，空格表示无此事实';

function keysSheet(wb: ExcelJS.Workbook, vocabulary: Vocabulary): void {
  const ws = wb.addWorksheet(KEYS_SHEET);
  ws.columns = [
    { header: '类别', width: 14 },
    { header: '英文名(key)', width: 32 },
    { header: '中文名', width: 48 },
    { header: '单位', width: 10 },
    { header: '说明 / 用于', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  const add = (...v: string[]) => ws.addRow(spreadsheetRow(v));
  add('说明', '', '填写方法', '', '每个工作表第一行为表头（中文或英文均可，英文名见表头批注），每行一条记录；空行忽略。');
  add('说明', '', '必需工作表', '', `${sheetName('subjects')}、${sheetName('facts')}（宽表的指标都在${sheetName('subjects')}时可不要${sheetName('facts')}）；可选：${sheetName('history')}、${sheetName('parameters')}、${sheetName('interpretations')}。`);
  add('说明', '', '年度', '', '评价年度由命令行 --year 指定；未指定时取事实中最晚的年度。');
  add('说明', '', '金额与比率', '', '金额可填数字（元）或中文金额：1.2亿元、5000万元、0.20元；比率可填 15.3% 或 0.153。金额精确到分。');
  add('说明', '', '两种填法', '', `长表：${sheetName('facts')}每行一条事实（主体编号、年度、指标、值）。宽表：${sheetName('subjects')}每个主体一行，在主体各列之后可增加指标列，表头为指标中文名或英文名加年度，如 网络零售额(2023)、onlineRetail@2023；单位可写在表头，如 网络零售额(2023,万元)、网络零售额增幅(2023,%)，此时格中填数字；也可写在格中，如 1.2亿元。两种可混用，其余事实仍填在${sheetName('facts')}；同一主体、年度、指标两处都填时，值相同计一次，不同则报错。下表中注明须填“规则”或多项时用“事项”区分的指标只能填在${sheetName('facts')}。`);
  add('说明', '', 'CSV 格式', '', `CSV 数据集为同一目录下的两个文件：NAME.subjects.csv 与 NAME.facts.csv（可选 NAME.history.csv、NAME.parameters.csv、NAME.interpretations.csv），表头同上；UTF-8 编码（可带 BOM）。读取时给出其中任一文件路径即可。宽表列的表头含逗号时（如 网络零售额(2023,万元)），CSV 中须用英文双引号括起（Excel 另存为 CSV 时自动加上）。`);
  for (const [key, info] of Object.entries(vocabulary.facts)) add('指标', key, info.label, UNITS[info.unit].label, usedBy(info));
  for (const [kind, label] of Object.entries(vocabulary.kinds)) add('主体类型', kind, label, '', '');
  for (const [tag, label] of Object.entries(vocabulary.tags)) add('标签', tag, label, '', '');
  for (const [key, info] of Object.entries(PARAMETER_KEYS)) add('参数', key, info.label, UNITS[info.unit].label, '');
  add('参数', 'weight.<指标英文名>', '综合评价中该指标的权重', UNITS.ratio.label, 'I-composite = weighted');
}

function usedBy(info: FactKeyInfo): string {
  return info.usedBy + (info.ruleScoped ? '；须填“规则”' : '') + (info.itemised ? '；多项时用“事项”区分' : '');
}
