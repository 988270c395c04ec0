/** `history`, `parameters` and `interpretations`: what the administrator adds to the data. */
import { parameterUnit, readsParameter, splitSwitch, type HistoryEntry, type Parameter, type Unit } from '@duixian/engine';
import { Checker, describe } from './check.js';
import { quantity } from './quantity.js';

const HISTORY_KEYS = new Set(['subject', 'rule', 'year', 'amount']);
const PARAMETER_KEYS = new Set(['rule', 'year', 'key', 'value']);

export function readHistory(c: Checker, list: readonly unknown[], subjectIndex: ReadonlyMap<string, number>, subjectsUnreliable = false): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!c.record('history', i, r, HISTORY_KEYS)) continue;
    let subject: string | undefined;
    if (typeof r.subject === 'string' && (subjectsUnreliable || subjectIndex.has(r.subject))) subject = r.subject;
    else c.problem('history', i, 'subject', typeof r.subject === 'string' ? `unknown subject ${JSON.stringify(r.subject)}: add it to subjects or correct the id` : `must be a subject id (text), not ${describe(r.subject)}`);
    const rule = c.rule('history', i, 'rule', r.rule, true);
    const year = c.year('history', i, 'year', r.year);
    const amount = amountOf(c, i, r.amount);
    if (subject !== undefined && rule !== undefined && year !== undefined && amount !== undefined) out.push({ subject, rule, year, amount });
  }
  return out;
}

/** Money in fen, or null for a non-money award (absent means null too: an empty cell). */
function amountOf(c: Checker, i: number, v: unknown): number | null | undefined {
  if (v === null || v === undefined) return null;
  const p = quantity(v, 'yuan');
  if (!p.ok) {
    c.problem('history', i, 'amount', `${p.error}; or null for an award without money`);
    return undefined;
  }
  if (p.value < 0) {
    c.problem('history', i, 'amount', `${describe(v)} is negative: an amount of money cannot be below zero`);
    return undefined;
  }
  return p.value;
}

/** 100亿元 in fen: no amount of these programmes comes near it (and fen stay safe integers). */
const MAX_YUAN_FEN = 100_0000_0000_00;
/** a ratio in millionths: 100% */
const WHOLE = 1_000_000;

/**
 * Why a parameter's value is not one the law could mean, or undefined: money is never negative (a
 * negative amount would make every award of the rule a charge), a share or rate lies in 0–100%,
 * a count (前N名) is at least 1.
 */
function outOfRange(key: string, unit: Unit, v: number): string | undefined {
  if (unit === 'yuan' && (v < 0 || v > MAX_YUAN_FEN)) return `${key} must be an amount from 0 to 100亿元, not ${v < 0 ? 'a negative one' : 'more'} (金额须在0至100亿元之间)`;
  if (unit === 'ratio' && (v < 0 || v > WHOLE)) return `${key} must be a share from 0% to 100% (比例须在0%至100%之间)`;
  if (unit === 'count' && v < 1) return `${key} must be a whole number of at least 1 (名次数至少为1)`;
  return undefined;
}

export function readParameters(c: Checker, list: readonly unknown[]): Parameter[] {
  const out: Parameter[] = [];
  const seen = new Map<string, number>(); // rule, year, key → position in out
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!c.record('parameters', i, r, PARAMETER_KEYS)) continue;
    const rule = c.rule('parameters', i, 'rule', r.rule, true);
    const year = c.year('parameters', i, 'year', r.year);
    const key = typeof r.key === 'string' ? r.key : undefined;
    const unit = key === undefined ? undefined : parameterUnit(key);
    if (unit === undefined) {
      c.problem('parameters', i, 'key', `${key === undefined ? `must be a parameter name, not ${describe(r.key)}` : `unknown parameter ${JSON.stringify(key)}`}: use amount, topN, cityShare, rate, cap, threshold or weight.<factKey>`);
    }
    if (unit !== undefined && rule !== undefined && !readByRule(c, i, rule, key!)) continue;
    let value: number | undefined;
    if (unit !== undefined) {
      const p = r.value === undefined ? { ok: false as const, error: 'missing: every parameter needs a value' } : quantity(r.value, unit);
      const wrong = p.ok ? outOfRange(key!, unit, p.value) : p.error;
      if (wrong === undefined && p.ok) value = p.value;
      else c.problem('parameters', i, 'value', wrong!);
    }
    if (rule === undefined || year === undefined || key === undefined || value === undefined) continue;
    const id = `${rule}\u0001${year}\u0001${key}`;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, out.length);
      out.push({ rule, year, key, value });
    } else if (out[first]!.value !== value) {
      c.problem('parameters', i, 'value', `${key} of ${rule} for ${year} is set twice with different values; keep one`);
    }
  }
  return out;
}

/** A parameter the rule reads; else a problem at its key listing what the rule does read. */
function readByRule(c: Checker, i: number, rule: string, key: string): boolean {
  const read = c.known.parameters?.get(rule);
  if (!read || readsParameter(read, key)) return true;
  const what = read.length ? `reads only ${read.join(', ')}` : 'reads no parameter';
  c.problem('parameters', i, 'key', `"${key}" would be used by nothing: ${rule} ${what}; remove this row or set a parameter the rule reads (该条款不读取此参数)`);
  return false;
}

/**
 * Each switch must be a known interpretation id set to one of its allowed values; `id@document`
 * switches it for that document only (a document of the corpus: one its rule ids name).
 */
export function readInterpretations(c: Checker, entries: readonly (readonly [unknown, unknown])[]): Record<string, string> {
  const out: Record<string, string> = {};
  const known = c.known.interpretations;
  const documents = new Set([...c.known.rules].map((r) => r.split('/')[0]!));
  const seen = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const { id, document } = typeof key === 'string' ? splitSwitch(key) : { id: key, document: undefined };
    if (typeof id !== 'string' || !Object.hasOwn(known, id)) {
      c.problem('interpretations', i, 'id', `unknown interpretation ${describe(id)}: the ids are ${Object.keys(known).join(', ')}`);
      continue;
    }
    if (document !== undefined && !documents.has(document)) {
      c.problem('interpretations', i, 'id', `unknown document "${document}" in ${String(key)}: write ${id}@DOCUMENT with one of ${[...documents].sort().join(', ')}, or ${id} for every document`);
      continue;
    }
    const owners = c.known.readingDocuments?.[id];
    if (document !== undefined && owners && !owners.includes(document)) {
      c.problem('interpretations', i, 'id', `${id} is ${owners.join(', ')}'s own reading: switch it for that document, or for every document without @`);
      continue;
    }
    const allowed = known[id]!;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      c.problem('interpretations', i, 'value', `${describe(value)} is not a reading of ${id}: choose ${allowed.map((a) => JSON.stringify(a)).join(' or ')}`);
      continue;
    }
    const switched = key as string;
    const first = seen.get(switched);
    if (first !== undefined && out[switched] !== value) {
      c.problem('interpretations', i, 'id', `${switched} is set twice (also ${c.loc.ref('interpretations', first)}) to different values; keep one`);
      continue;
    }
    seen.set(switched, i);
    out[switched] = value;
  }
  return out;
}

