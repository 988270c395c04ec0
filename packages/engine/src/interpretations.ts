/**
 * The readings of ambiguous text (policy-catalogue.md, "Interpretations"). The engine knows what
 * each general reading below means (it implements `I-tier-range=upper-inclusive`); which readings
 * a corpus offers, their questions and defaults are the corpus's (corpus/readings.yaml, and a
 * document's own readings in its folder), given to the engine as `Corpus.readings`. A run may
 * switch any reading by value name, for every document (`I-pool=largest-first`) or for one
 * (`I-tier-range@jiyang-2021-80=upper-inclusive`: the document's switch wins); every result
 * records the readings its rule used. Ids and value names are public interface.
 */
import type { Corpus } from './rule.js';

export const INTERPRETATIONS = {
  'I-bounds': { question: '以上/以下/达到/不低于/不少于 与 超过/高于/低于/不满/不足', values: ['civil-code'] },
  'I-guo': { question: '过亿元 / 过5000万元', values: ['strict', 'inclusive'] },
  'I-tier-range': { question: '“A至B”档次的端点', values: ['lower-inclusive', 'upper-inclusive'] },
  'I-per-unit': { question: '每实现1万元……2元', values: ['full-units', 'proportional'] },
  'I-money-rounding': { question: '不足一分的金额', values: ['floor'] },
  'I-rank-ties': { question: '名次并列', values: ['share', 'break'] },
  'I-rank-scope': { question: '“前N名且……”的排名范围', values: ['all', 'eligible'] },
  'I-rank-incomplete': { question: '全省各市/全市各县排名中部分成员没有排名所需数据', values: ['reported', 'missing'] },
  'I-exclusive': { question: '不重复奖励 / 就高不就低', values: ['highest'] },
  'I-vacancy': { question: '因不重复奖励而放弃的名次奖励', values: ['empty', 'move-up'] },
  'I-pool': { question: '超过补贴总额上限', values: ['pro-rata', 'largest-first'] },
  'I-avg': { question: '全省/全市平均增幅', values: ['published-total', 'member-mean'] },
  'I-growth': { question: '主体的增幅', values: ['published'] },
  'I-composite': { question: '未规定方法的综合评价', values: ['panel-or-minmax', 'weighted'] },
  'I-once': { question: '一次性', values: ['ever', 'per-year'] },
  'I-year-in-force': { question: '文件覆盖的考核年度', values: ['overlap', 'full'] },
  'I-split-year': { question: '考核年度内文件被修订（或数额调整）：由哪个版本决定该年度', values: ['year-end', 'year-start', 'pro-rata-days'] },
  'I-stack-levels': { question: '省、市、区县奖励叠加', values: ['allowed'] },
  'I-usd': { question: '美元门槛', values: ['year-rate'] },
  'I-blacklist': { question: '信用黑名单主体', values: ['no-money', 'ignore'] },
  'I-group-history': { question: '同组（济宁：同一文件）奖励已给予后又符合更高一项', values: ['top-up', 'none'] },
  'I-pool-period': { question: '补贴总额或每家最高额未写明期间', values: ['year', 'validity'] },
  'I-recipient-place': { question: '济南“在我市举办/开展”“面向全市服务”的支持对象：按注册地还是按活动所在地', values: ['location', 'activity'] },
} as const;

/** The general readings, whose meaning the engine implements. */
export type InterpretationId = keyof typeof INTERPRETATIONS;
/** Any reading's id: a general one, or a document's own that a shape names in data (exclusive, pick). */
export type ReadingId = InterpretationId | (string & {});
export type ReadingOf<I extends InterpretationId> = (typeof INTERPRETATIONS)[I]['values'][number];
/** The value of every reading for one document: the general ones typed, a document's own by id. */
export type Readings = { readonly [I in InterpretationId]: ReadingOf<I> } & { readonly [id: string]: string };

/** A reading as a corpus declares it: the question, the values (the first the default), what each means. */
export interface ReadingDeclaration {
  readonly question: string;
  readonly values: readonly string[];
  /** one line per value, in the order of `values` */
  readonly meanings?: readonly string[];
  /** a document's own reading (declared in its folder; an amended document and its new version share it): only their rules use it */
  readonly documents?: readonly string[];
}

/**
 * Readings the engine applies to every rule, beyond what a rule's shapes name (and so not listed
 * among an award's readings): comparison words, amounts in fen, the years a document covers,
 * the blacklist, stacking across levels, and which version decides a split year.
 */
export const EVERY_RULE_READINGS: readonly InterpretationId[] = ['I-bounds', 'I-money-rounding', 'I-year-in-force', 'I-blacklist', 'I-stack-levels', 'I-split-year'];

/** The engine's general readings with their values, for a corpus that declares none (a test's, built in code). */
export const ENGINE_READINGS: Readonly<Record<string, ReadingDeclaration>> = INTERPRETATIONS;

/** The readings a corpus offers: its declarations, else the engine's general ones. */
export const declaredReadings = (corpus: Pick<Corpus, 'readings'>): Readonly<Record<string, ReadingDeclaration>> => corpus.readings ?? ENGINE_READINGS;

/** The first value of each list is the default reading. */
export const DEFAULT_READINGS = defaultsOf(ENGINE_READINGS);

export function defaultsOf(declared: Readonly<Record<string, ReadingDeclaration>>): Readings {
  return Object.fromEntries(Object.entries(declared).map(([id, v]) => [id, v.values[0]])) as unknown as Readings;
}

export const isInterpretationId = (s: string): s is InterpretationId => Object.hasOwn(INTERPRETATIONS, s);

/** id → allowed values, for input validation (the engine's general readings). */
export const INTERPRETATION_VALUES: Readonly<Record<string, readonly string[]>> = valuesOf(ENGINE_READINGS);

/** id → allowed values of what a corpus declares. */
export function valuesOf(declared: Readonly<Record<string, ReadingDeclaration>>): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(Object.entries(declared).map(([id, v]) => [id, v.values]));
}

/** `I-tier-range@jiyang-2021-80` → the reading and the one document it is switched for (none: every document). */
export function splitSwitch(key: string): { id: string; document?: string } {
  const at = key.indexOf('@');
  return at < 0 ? { id: key } : { id: key.slice(0, at), document: key.slice(at + 1) };
}

/**
 * What is wrong with one switch (`id` or `id@document` set to `value`), in words naming it, or
 * undefined. `documents` are the ids a per-document switch may name.
 */
export function switchProblem(
  declared: Readonly<Record<string, ReadingDeclaration>>, documents: readonly string[], key: string, value: string,
): string | undefined {
  const { id, document } = splitSwitch(key);
  const reading = Object.hasOwn(declared, id) ? declared[id] : undefined;
  if (!reading) return `unknown interpretation ${id} (known: ${Object.keys(declared).join(', ')})`;
  if (document !== undefined && !documents.includes(document)) return `unknown document "${document}" in ${key} (documents: ${documents.join(', ')})`;
  if (document !== undefined && reading.documents !== undefined && !reading.documents.includes(document)) return `${id} is ${reading.documents.join(', ')}'s own reading: switch it for that document, or for every document without @`;
  if (!reading.values.includes(value)) return `${id}: unknown value "${value}" (one of ${reading.values.join(', ')})`;
  return undefined;
}

/** Every problem of a run's switches (CLI, API, an input file), by the switch's key, against a corpus's readings and documents. */
export function switchProblems(corpus: Pick<Corpus, 'readings' | 'documents'>, switches: Readonly<Record<string, string>>): { key: string; message: string }[] {
  const declared = declaredReadings(corpus);
  const documents = corpus.documents.map((d) => d.id);
  return Object.entries(switches).flatMap(([key, value]) => {
    const message = switchProblem(declared, documents, key, value);
    return message === undefined ? [] : [{ key, message }];
  });
}

/** The readings of a run: for every document, and where a switch names one document, for that document. */
export interface RunReadings {
  /** the readings of a document no per-document switch names */
  readonly all: Readings;
  /** document id → its readings, for the documents a per-document switch names */
  readonly byDocument: ReadonlyMap<string, Readings>;
  /** the switches away from the corpus's defaults, as given (`id` or `id@document` → value), in declaration order */
  readonly switched: Readonly<Record<string, string>>;
}

/** Resolve switches over the corpus's defaults; an unknown reading, document or value is an error naming it. */
export function resolveReadings(switches: Readonly<Record<string, string>>, corpus: Pick<Corpus, 'readings' | 'documents'> = { documents: [] }): RunReadings {
  const declared = declaredReadings(corpus);
  const documents = corpus.documents.map((d) => d.id);
  const defaults = defaultsOf(declared);
  const global: Record<string, string> = { ...defaults };
  const perDocument = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(switches)) {
    const problem = switchProblem(declared, documents, key, value);
    if (problem) throw new Error(problem);
    const { id, document } = splitSwitch(key);
    if (document === undefined) global[id] = value;
    else perDocument.set(document, { ...perDocument.get(document), [id]: value });
  }
  const all = global as unknown as Readings;
  const byDocument = new Map([...perDocument].sort(([a], [b]) => (a < b ? -1 : 1)).map(([doc, own]) => [doc, { ...all, ...own } as Readings]));
  return { all, byDocument, switched: switchedOf(declared, all, byDocument) };
}

/** The global switches in declaration order, then each document's that differ from the global reading. */
function switchedOf(declared: Readonly<Record<string, ReadingDeclaration>>, all: Readings, byDocument: ReadonlyMap<string, Readings>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, r] of Object.entries(declared)) if (all[id] !== r.values[0]) out[id] = all[id]!;
  for (const [doc, readings] of byDocument) {
    for (const id of Object.keys(declared)) if (readings[id] !== all[id]) out[`${id}@${doc}`] = readings[id]!;
  }
  return out;
}
