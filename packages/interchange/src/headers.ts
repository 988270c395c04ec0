/**
 * The spreadsheet vocabulary (xlsx sheets and CSV files): sheet names, column headers and the
 * Chinese labels accepted for kinds, fact keys and tags. English names are the interchange
 * format's own; Chinese labels come from the corpus's vocabulary (words.ts), so there is one source of truth.
 */
import { TAG_SEPARATORS, type Words } from './words.js';

export type Section = 'subjects' | 'facts' | 'history' | 'parameters' | 'interpretations';

/** How a cell is read before validation: the validator then sees what JSON would have given. */
export type CellKind = 'text' | 'integer' | 'quarter' | 'value' | 'kind' | 'key' | 'tags';

export interface Column {
  readonly field: string; // the JSON key
  readonly zh: string; // the template's header
  readonly kind: CellKind;
  readonly required?: true;
  readonly aliases?: readonly string[];
  /** shown in the template as the header cell's note */
  readonly hint: string;
}

export interface SheetSpec {
  readonly zh: string;
  readonly required?: true;
  readonly columns: readonly Column[];
}

export const SHEETS: Readonly<Record<Section, SheetSpec>> = {
  subjects: {
    zh: '主体',
    required: true,
    columns: [
      { field: 'id', zh: '编号', kind: 'text', required: true, hint: '唯一编号；区划主体填6位统计用区划代码，全国填 CN' },
      { field: 'kind', zh: '类型', kind: 'kind', required: true, aliases: ['主体类型'], hint: '主体类型：英文名或中文名，见“说明(keys)”' },
      { field: 'name', zh: '名称', kind: 'text', required: true, aliases: ['主体名称'], hint: '名称' },
      { field: 'region', zh: '区划代码', kind: 'text', aliases: ['所在区划', '统计用区划代码'], hint: '所在地6位统计用区划代码（国家统计局），如 370811' },
      { field: 'uscc', zh: '统一社会信用代码', kind: 'text', aliases: ['信用代码'], hint: '18位统一社会信用代码（GB 32100-2015），请以文本格式填写' },
      { field: 'tags', zh: '标签', kind: 'tags', hint: '多个标签用逗号、顿号或分号分隔；英文名或中文名，见“说明(keys)”' },
    ],
  },
  facts: {
    zh: '事实',
    required: true,
    columns: [
      { field: 'subject', zh: '主体编号', kind: 'text', required: true, hint: '“主体(subjects)”表中的编号' },
      { field: 'year', zh: '年度', kind: 'integer', required: true, aliases: ['年份'], hint: '数据所属年度，如 2023' },
      { field: 'key', zh: '指标', kind: 'key', required: true, aliases: ['指标名称'], hint: '指标：英文名或中文名，见“说明(keys)”' },
      { field: 'value', zh: '值', kind: 'value', required: true, aliases: ['数值', '指标值'], hint: '数字或中文金额，如 1.2亿元、5000万元、15.3%' },
      { field: 'item', zh: '事项', kind: 'text', hint: '同一年度同一指标有多项时区分各项（如每次活动）' },
      { field: 'rule', zh: '规则', kind: 'text', hint: '仅适用于某一条规则的事实（如综合评价得分 panelScore）' },
      { field: 'quarter', zh: '季度', kind: 'quarter', hint: '1–4，可空' },
      { field: 'source', zh: '来源', kind: 'text', aliases: ['数据来源'], hint: '统计局 / 第三方数据 / 企业自报' },
    ],
  },
  history: {
    zh: '历史奖励',
    columns: [
      { field: 'subject', zh: '主体编号', kind: 'text', required: true, hint: '“主体(subjects)”表中的编号' },
      { field: 'rule', zh: '规则', kind: 'text', required: true, hint: '已获奖励的规则编号' },
      { field: 'year', zh: '年度', kind: 'integer', required: true, aliases: ['年份'], hint: '获奖年度' },
      { field: 'amount', zh: '金额', kind: 'value', aliases: ['奖励金额'], hint: '元；荣誉类奖励留空' },
    ],
  },
  parameters: {
    zh: '参数',
    columns: [
      { field: 'rule', zh: '规则', kind: 'text', required: true, hint: '规则编号' },
      { field: 'year', zh: '年度', kind: 'integer', required: true, aliases: ['年份'], hint: '适用年度' },
      { field: 'key', zh: '参数', kind: 'text', required: true, aliases: ['参数名'], hint: '参数名，见“说明(keys)”' },
      { field: 'value', zh: '值', kind: 'value', required: true, aliases: ['数值', '参数值'], hint: '如 50万元、10、30%' },
    ],
  },
  interpretations: {
    zh: '解释口径',
    columns: [
      { field: 'id', zh: '编号', kind: 'text', required: true, aliases: ['口径'], hint: '解释口径编号，如 I-pool' },
      { field: 'value', zh: '取值', kind: 'text', required: true, aliases: ['值'], hint: '选用的口径，如 largest-first' },
    ],
  },
};

export const SECTIONS: readonly Section[] = ['subjects', 'facts', 'history', 'parameters', 'interpretations'];

/** The canonical sheet name, e.g. `事实(facts)`; also the template's. */
export const sheetName = (s: Section): string => `${SHEETS[s].zh}(${s})`;
export const KEYS_SHEET = '说明(keys)';

/**
 * norm's answers for the texts it has seen: a file of a million facts names a dozen 指标 and
 * 类型 labels a million times, and three regular expressions per cell cost a second. Bounded, as
 * other texts (tags, headers) are many only in a file of garbage.
 */
const NORMED = new Map<string, string>();
const NORMED_LIMIT = 4096;

/** Lenient spelling for names typed by people: no spaces, ASCII parentheses, lower case. */
export function norm(s: string): string {
  let n = NORMED.get(s);
  if (n === undefined) {
    n = s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
    if (NORMED.size < NORMED_LIMIT) NORMED.set(s, n);
  }
  return n;
}

function forms(zh: string, en: string, aliases: readonly string[] = []): string[] {
  return [zh, en, `${zh}(${en})`, ...aliases].map(norm);
}

const SHEET_BY_NAME = new Map<string, Section>();
for (const s of SECTIONS) for (const f of forms(SHEETS[s].zh, s)) SHEET_BY_NAME.set(f, s);
const IGNORED_SHEETS = new Set(forms('说明', 'keys'));

/** Which section a sheet name means; 'ignored' for the template's explanation sheet. */
export function sectionOfSheet(name: string): Section | 'ignored' | undefined {
  const n = norm(name);
  return SHEET_BY_NAME.get(n) ?? (IGNORED_SHEETS.has(n) ? 'ignored' : undefined);
}

/** The name of a section's `n`th sheet (n ≥ 2) when it continues over several: `事实(facts)(2)`. */
export const continuationSheetName = (s: Section, n: number): string => `${sheetName(s)}(${n})`;

/**
 * A continuation sheet: `事实(facts)(2)`, `事实(2)`, `事实（2）`, `facts (2)`, `facts_2` → the section
 * and the number; undefined for any other name (and for a first sheet).
 */
export function continuationOfSheet(name: string): { section: Section; n: number } | undefined {
  const m = /^(.+?)(?:\((\d+)\)|_(\d+))$/.exec(norm(name));
  const section = m ? SHEET_BY_NAME.get(m[1]!) : undefined;
  const n = Number(m?.[2] ?? m?.[3]);
  return section === undefined || !(n >= 2) ? undefined : { section, n };
}

const COLUMN_BY_HEADER = new Map<Section, Map<string, Column>>();
for (const s of SECTIONS) {
  const m = new Map<string, Column>();
  for (const c of SHEETS[s].columns) for (const f of forms(c.zh, c.field, c.aliases)) m.set(f, c);
  COLUMN_BY_HEADER.set(s, m);
}

export function columnOfHeader(s: Section, header: string): Column | undefined {
  return COLUMN_BY_HEADER.get(s)!.get(norm(header));
}

/** `值(value)`: how a column is named in messages, whichever spelling the file used. */
export function columnTitle(s: Section, field: string): string {
  const c = SHEETS[s].columns.find((col) => col.field === field);
  return c ? `${c.zh}(${c.field})` : field;
}

export const expectedHeaders = (s: Section): string =>
  SHEETS[s].columns.map((c) => `${c.zh}/${c.field}`).join(', ');

/** The kind for an English name or Chinese label (or an everyday name of a region kind); anything else is returned as typed. */
export const kindOfLabel = (words: Words, s: string): string => words.kindByLabel.get(norm(s)) ?? s;
export const factKeyOfLabel = (words: Words, s: string): string => words.keyByLabel.get(norm(s)) ?? s;

/** The tags of a cell, by name or label; labels holding a separator are replaced whole before the cell is split. */
export function tagsOfCell(words: Words, text: string): string[] {
  let t = text;
  for (const [label, tag] of words.labelsWithSeparators) if (t.includes(label)) t = t.split(label).join(tag);
  const out: string[] = [];
  for (const part of t.split(TAG_SEPARATORS)) {
    const p = part.trim();
    if (p !== '') out.push(words.tagByLabel.get(norm(p)) ?? p);
  }
  return out;
}
