/**
 * The demo as spreadsheet rows, the same for the .xlsx and the CSV writers: one table per section
 * (主体, 事实, 历史奖励, 参数) under the import template's Chinese headers, kinds, indicators and tags
 * by their Chinese labels, codes as text. Rows are made on the fly from the enterprise factory, so
 * a million enterprises never sit in memory.
 *
 * Wide (`--wide`, the statistics bureau's layout): each subject's facts that a column can carry —
 * no item, no rule, a number rather than a date, the first of its indicator and year — become
 * columns `网络零售额(2023)` of the subjects table, in the indicator's base unit (元, a ratio as a
 * fraction); the others stay in the facts table. Which columns exist is known only after every
 * enterprise has been made, hence `plan` (a first pass that counts and collects, keeping nothing).
 */
import { PARAMETER_KEYS, parseQuantity, UNITS, type FactKey, type Unit } from '@duixian/engine';
import { KNOWN } from '@duixian/corpus';
import { SHEETS, spreadsheetText, type SheetValue } from '@duixian/interchange';
import type { PreparedDemo } from './generate.js';
import type { DemoFact, DemoSubject, DemoValue } from './types.js';

export type Section = 'subjects' | 'facts' | 'history' | 'parameters';

export interface SheetTable {
  readonly section: Section;
  readonly header: readonly string[];
  /** per column: written as text even when it looks like a number (codes) */
  readonly text: readonly boolean[];
  /** data rows, not counting the header */
  readonly count: number;
  readonly rows: () => Iterable<readonly SheetValue[]>;
}

const VOCABULARY = KNOWN.vocabulary;
const TEXT_FIELDS = new Set(['id', 'subject', 'region', 'uscc', 'name', 'item', 'rule', 'source', 'tags']);
const columnsOf = (s: Section) => SHEETS[s].columns;
const unitOf = (key: FactKey): Unit => VOCABULARY.facts[key]!.unit;
const label = (table: Readonly<Record<string, string>>, word: string): string => (Object.hasOwn(table, word) ? table[word]! : word);

/** A wide column: one indicator in one year. */
interface WideColumn {
  readonly key: FactKey;
  readonly year: number;
}
const wideId = (key: string, year: number): string => `${key}@${year}`;

/** A fact a column can carry: nothing that needs its own row (item, rule), nothing that is not a number. */
const wideable = (f: DemoFact): boolean => f.item === undefined && f.rule === undefined && unitOf(f.key) !== 'date';

/** A subject's facts split: the first of each indicator and year that a column can carry, the rest. */
function split(facts: readonly DemoFact[]): { wide: Map<string, DemoFact>; long: DemoFact[] } {
  const wide = new Map<string, DemoFact>();
  const long: DemoFact[] = [];
  for (const f of facts) {
    const id = wideId(f.key, f.year);
    if (wideable(f) && !wide.has(id)) wide.set(id, f);
    else long.push(f);
  }
  return { wide, long };
}

/** The exact quantity of a demo value in its unit's smallest part (fen, millionths…). */
function scaled(value: DemoValue, unit: Unit): number {
  const p = parseQuantity(value, unit);
  if (!p.ok) throw new Error(`internal: the demo wrote ${JSON.stringify(value)} (${unit}): ${p.error}`);
  return p.value;
}

/** `units` / 10^scale as exact decimal text: -8200 millionths → "-0.0082". */
export function decimalText(units: number, scale: number): string {
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return (units < 0 ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
}

/**
 * A value cell of the long tables: as the demo wrote it, except text a spreadsheet would take for a
 * formula (a negative percentage, -0.82%), which is written as the same amount in the base unit
 * (-0.0082): exact, and a plain number that no spreadsheet runs.
 */
function valueCell(value: DemoValue, unit: Unit): SheetValue {
  if (typeof value === 'number' || spreadsheetText(value) === value) return value;
  return decimalText(scaled(value, unit), UNITS[unit].scale);
}

/** A parameter's unit: its key's (`amount` in 元), a weight's a ratio. */
const parameterUnit = (key: string): Unit => (Object.hasOwn(PARAMETER_KEYS, key) ? PARAMETER_KEYS[key as keyof typeof PARAMETER_KEYS].unit : 'ratio');

const subjectRow = (s: DemoSubject): SheetValue[] => [
  s.id,
  label(VOCABULARY.kinds, s.kind),
  s.name,
  s.region ?? null,
  s.uscc ?? null,
  s.tags?.length ? s.tags.map((t) => label(VOCABULARY.tags, t)).join('、') : null,
];

/** Facts columns: 主体编号, 年度, 指标, 值, 事项, 规则, 季度, 来源. */
const factRow = (f: DemoFact): SheetValue[] => [f.subject, f.year, VOCABULARY.facts[f.key]?.label ?? f.key, valueCell(f.value, unitOf(f.key)), f.item ?? null, f.rule ?? null, null, null];

function table(section: Section, count: number, rows: () => Iterable<readonly SheetValue[]>, extra: readonly string[] = []): SheetTable {
  const columns = columnsOf(section);
  return {
    section,
    header: [...columns.map((c) => c.zh), ...extra],
    text: [...columns.map((c) => TEXT_FIELDS.has(c.field)), ...extra.map(() => false)],
    count,
    rows,
  };
}

/** What a first pass over the enterprises learns: how many rows, and (wide) which columns. */
export interface Plan {
  readonly subjects: number;
  /** rows of the facts table */
  readonly facts: number;
  /** facts written as cells of the wide columns */
  readonly wideCells: number;
  readonly wide: readonly WideColumn[];
}

/** Every subject of the demo with its facts, in order: the fixed ones, then each enterprise. */
function* subjectsWithFacts(d: PreparedDemo, withSubject: boolean): Generator<{ subject?: DemoSubject; facts: readonly DemoFact[] }> {
  const fixed = new Map<string, DemoFact[]>(d.subjects.map((s) => [s.id, []]));
  const orphans: DemoFact[] = []; // facts of no fixed subject (none today): kept long, after the fixed subjects
  for (const f of d.facts) (fixed.get(f.subject) ?? orphans).push(f);
  for (const s of d.subjects) yield { subject: s, facts: fixed.get(s.id)! };
  if (orphans.length) yield { facts: orphans };
  for (let i = 0; i < d.options.enterprises; i++) {
    if (withSubject) yield d.factory.make(i);
    else yield { facts: d.factory.facts(i) };
  }
}

/** The long layout without the first pass, for a writer that needs no counts before it starts (CSV): `facts` is not known. */
export const uncounted = (d: PreparedDemo): Plan => ({ subjects: d.subjects.length + d.options.enterprises, facts: NaN, wideCells: 0, wide: [] });

export function plan(d: PreparedDemo, wide: boolean): Plan {
  let facts = 0;
  let wideCells = 0;
  const columns = new Map<string, WideColumn>();
  for (const { facts: all } of subjectsWithFacts(d, false)) {
    if (!wide) {
      facts += all.length;
      continue;
    }
    const parts = split(all);
    facts += parts.long.length;
    wideCells += parts.wide.size;
    for (const [id, f] of parts.wide) if (!columns.has(id)) columns.set(id, { key: f.key, year: f.year });
  }
  const order = Object.keys(VOCABULARY.facts);
  const sorted = [...columns.values()].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key) || a.year - b.year);
  return { subjects: d.subjects.length + d.options.enterprises, facts, wideCells, wide: sorted };
}

/** The demo's tables, long or (with `p.wide` columns) wide; history and parameters only when it has some. */
export function demoTables(d: PreparedDemo, p: Plan): SheetTable[] {
  const wideHeader = p.wide.map((c) => `${VOCABULARY.facts[c.key]!.label}(${c.year})`);
  const wideIndex = new Map(p.wide.map((c, i) => [wideId(c.key, c.year), i]));
  const wideCells = (facts: ReadonlyMap<string, DemoFact>): SheetValue[] => {
    const cells: SheetValue[] = new Array<SheetValue>(p.wide.length).fill(null);
    for (const [id, f] of facts) {
      const unit = unitOf(f.key);
      cells[wideIndex.get(id)!] = scaled(f.value, unit) / 10 ** UNITS[unit].scale; // the double nearest the exact amount
    }
    return cells;
  };
  const tables = [
    table('subjects', p.subjects, function* () {
      for (const { subject, facts } of subjectsWithFacts(d, true)) {
        if (subject === undefined) continue;
        yield p.wide.length ? [...subjectRow(subject), ...wideCells(split(facts).wide)] : subjectRow(subject);
      }
    }, wideHeader),
    table('facts', p.facts, function* () {
      if (p.wide.length) {
        for (const { facts } of subjectsWithFacts(d, false)) for (const f of split(facts).long) yield factRow(f);
        return;
      }
      for (const f of d.facts) yield factRow(f); // long: in the order the JSON file has them
      for (let i = 0; i < d.options.enterprises; i++) for (const f of d.factory.facts(i)) yield factRow(f);
    }),
    table('history', d.history.length, () => d.history.map((h) => [h.subject, h.rule, h.year, h.amount])),
    table('parameters', d.parameters.length, () => d.parameters.map((x) => [x.rule, x.year, x.key, valueCell(x.value, parameterUnit(x.key))])),
  ];
  return tables.filter((t) => t.count > 0 || t.section === 'subjects' || t.section === 'facts');
}
