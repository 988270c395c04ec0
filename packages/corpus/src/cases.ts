/**
 * YAML test cases that read like the law's examples. A case names the rules it is about,
 * the subjects and their facts in the documents' own units, and the exact outcome expected
 * for those rules: every award, every withheld award and every missing-data row.
 *
 *   - name: 实物商品网络零售额恰好1亿元（以上，含本数）
 *     year: 2023
 *     rules: [sd-2022-42/2.traffic]
 *     subjects: { E1: enterprise@370102 }          # id: kind@region [tag, …]
 *     facts: { E1: { physicalGoodsOnlineRetail: 1亿元 } }
 *     awards: [ E1 sd-2022-42/2.traffic 20000.00 ]  # subject rule amount|type [rank N]
 *
 * Facts: `KEY: value` for the case's year, `KEY@2022: value` for another year,
 * `KEY: { 5月大赛: 70000, … }` for itemised facts, `panelScore@RULE: 91.5` for rule-scoped ones.
 *
 * A document's cases live in its folder (corpus/<document>/cases/*.yaml); the tests and
 * `duixian check` run them all.
 */
import { parse } from 'yaml';
import { evaluate, isFactKey, isSubjectKind, isTag, parameterUnit, parseQuantity, type Corpus, type Dataset, type Fact, type Subject, type Vocabulary } from '@duixian/engine';

export interface Case {
  name: string;
  year: number;
  rules: string[];
  subjects: Record<string, string>;
  facts?: Record<string, Record<string, unknown>>;
  history?: string[]; // "E1 RULE 2022", or with the amount granted: "E1 RULE 2022 20万元"
  parameters?: string[]; // "RULE amount 50万元"
  interpretations?: Record<string, string>;
  awards?: string[];
  withheld?: string[]; // "E1 RULE reason [keptRule]"
  missing?: string[]; // "E1 RULE fact@year,…"
  /** ranked rules whose peer set lacks figures (I-rank-incomplete): "RULE 370700,370800"; compared only when given */
  incomplete?: string[];
}

const fail = (c: Case, msg: string): never => {
  throw new Error(`case "${c.name}": ${msg}`);
};

function value(c: Case, words: Vocabulary, key: string, raw: unknown): number {
  if (!isFactKey(words, key)) fail(c, `unknown fact key ${key}: the corpus's vocabulary.yaml does not declare it`);
  const p = parseQuantity(typeof raw === 'number' ? raw : String(raw), words.facts[key]!.unit);
  if (!p.ok) fail(c, `${key}: ${p.error}`);
  return (p as { value: number }).value;
}

/** A case's subjects and facts as a dataset, in the words `words` (the corpus's vocabulary) declares. */
export function toDataset(c: Case, words: Vocabulary): Dataset {
  const subjects: Subject[] = [];
  for (const [id, spec] of Object.entries(c.subjects)) {
    const [head, ...tags] = spec.trim().split(/\s+/);
    const [kind, region] = head!.split('@');
    if (!isSubjectKind(words, kind!)) fail(c, `unknown kind ${kind}`);
    for (const t of tags) if (!isTag(words, t)) fail(c, `unknown tag ${t}`);
    subjects.push({ id, kind: kind as Subject['kind'], name: id, ...(region ? { region } : {}), tags: tags as Subject['tags'] });
  }
  const facts: Fact[] = [];
  for (const [subject, map] of Object.entries(c.facts ?? {})) {
    if (!c.subjects[subject]) fail(c, `facts for unknown subject ${subject}`);
    for (const [k, raw] of Object.entries(map)) {
      const [key, at] = k.split('@') as [string, string | undefined];
      const ruleScoped = at !== undefined && at.includes('/');
      const year = at !== undefined && !ruleScoped ? Number(at) : c.year;
      if (raw !== null && typeof raw === 'object') {
        for (const [item, v] of Object.entries(raw)) facts.push({ subject, year, key: key as Fact['key'], value: value(c, words, key, v), item });
      } else {
        facts.push({ subject, year, key: key as Fact['key'], value: value(c, words, key, raw), ...(ruleScoped ? { rule: at } : {}) });
      }
    }
  }
  const history = (c.history ?? []).map((h) => {
    const [subject, rule, year, granted] = h.split(/\s+/);
    const amount = granted === undefined ? null : parseQuantity(granted, 'yuan');
    if (amount && !amount.ok) fail(c, `history "${h}": ${amount.error}`);
    return { subject: subject!, rule: rule!, year: Number(year), amount: amount ? (amount as { value: number }).value : null };
  });
  const parameters = (c.parameters ?? []).map((p) => {
    const [rule, key, raw] = p.split(/\s+/) as [string, string, string];
    const unit = parameterUnit(key) ?? fail(c, `unknown parameter ${key}`);
    const v = parseQuantity(raw, unit);
    if (!v.ok) fail(c, v.error);
    return { rule, year: c.year, key, value: (v as { value: number }).value };
  });
  return { year: c.year, subjects, facts, history, parameters, interpretations: c.interpretations ?? {} };
}

/** What a case expects and what the engine decided, for its rules only, each as sorted lines. */
export interface CaseOutcome {
  readonly name: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
  readonly actual: Readonly<Record<string, readonly string[]>>;
}

/** Parse one case file (a YAML list of cases). */
export const parseCases = (source: string): Case[] => parse(source) as Case[];

/** Decide one case with the corpus and compare, line by line, with what it expects. */
export function runCase(corpus: Corpus, c: Case): CaseOutcome {
  const out = evaluate(corpus, toDataset(c, corpus.vocabulary), { year: c.year });
  const mine = <T extends { rule: string }>(rows: readonly T[]) => rows.filter((r) => c.rules.includes(r.rule));
  const sorted = (xs: readonly string[]) => xs.map(norm).sort();
  const actual: Record<string, string[]> = {
    awards: sorted(mine(out.awards).map((a) => [a.subject, a.rule, a.type === 'money' ? a.amount : a.type, ...(a.rank !== null ? ['rank', String(a.rank)] : [])].join(' '))),
    withheld: sorted(mine(out.withheld).map((w) => [w.subject, w.rule, w.reason, ...(w.keptRule ? [w.keptRule] : [])].join(' '))),
    missing: sorted(mine(out.missing).map((m) => [m.subject, m.rule, m.facts.join(',')].join(' '))),
  };
  const expected: Record<string, string[]> = { awards: sorted(c.awards ?? []), withheld: sorted(c.withheld ?? []), missing: sorted(c.missing ?? []) };
  if (c.incomplete) { // compared only when the case gives it
    actual['incomplete'] = sorted(mine(out.incomplete ?? []).map((r) => [r.rule, r.lacking.join(',')].join(' ')));
    expected['incomplete'] = sorted(c.incomplete);
  }
  return { name: c.name, expected, actual };
}

/** A case passes when every list it compares is the same, line for line. */
export const casePasses = (o: CaseOutcome): boolean => JSON.stringify(o.expected) === JSON.stringify(o.actual);

function norm(s: string): string {
  return s.trim().split(/\s+/).join(' ');
}
