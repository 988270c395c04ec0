/**
 * The readings a corpus declares (解读口径): the general ones in readings.yaml at its root, a
 * document's own in its document.yaml (`readings:`). The engine implements what each general
 * reading's values mean; the corpus says which readings it offers, asks their questions and picks
 * their defaults (the first value). Checked when the corpus is read: every reading the engine
 * implements is declared, with values the engine knows; every reading a rule or a document's
 * shape names is declared, and a document's own reading is used by that document only.
 */
import { EVERY_RULE_READINGS, INTERPRETATIONS, ruleInterpretations, type Corpus, type ReadingDeclaration } from '@duixian/engine';
import type { FileProblem } from './load.js';

/** As written in YAML: id → the question and value → meaning (the first value the default). */
export type DeclaredReadings = Readonly<Record<string, { readonly question: string; readonly values: Readonly<Record<string, string>> }>>;

export const READINGS_FILE = 'readings.yaml';

const declaration = (r: DeclaredReadings[string], documents?: readonly string[]): ReadingDeclaration => ({
  question: r.question, values: Object.keys(r.values), meanings: Object.values(r.values), ...(documents ? { documents } : {}),
});

/** Two declarations of a document's reading say the same (a document and its amending version share it). */
const alike = (a: DeclaredReadings[string], b: DeclaredReadings[string]): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The corpus's readings: the general ones, then each document's own (in the documents' order); a
 * reading several documents declare alike (an amended document and its new version) is theirs.
 */
export function corpusReadings(general: DeclaredReadings, own: readonly { document: string; readings: DeclaredReadings | undefined }[]): Record<string, ReadingDeclaration> {
  const out: Record<string, ReadingDeclaration> = {};
  for (const [id, r] of Object.entries(general)) out[id] = declaration(r);
  const owners = new Map<string, string[]>();
  for (const d of own) for (const id of Object.keys(d.readings ?? {})) if (!Object.hasOwn(general, id)) owners.set(id, [...(owners.get(id) ?? []), d.document]);
  for (const d of own) for (const [id, r] of Object.entries(d.readings ?? {})) if (owners.has(id)) out[id] ??= declaration(r, owners.get(id));
  return out;
}

/** Where a reading id is declared, for a problem's file and line. */
type Locate = (id: string, document?: string) => { file: string; line: number };

/** Problems of the declarations themselves and of the readings the rules name. */
export function readingProblems(
  general: DeclaredReadings, own: readonly { document: string; readings: DeclaredReadings | undefined }[], corpus: Corpus, locate: Locate,
): FileProblem[] {
  const problems: FileProblem[] = [];
  const at = (id: string, document: string | undefined, field: string, message: string) => problems.push({ ...locate(id, document), field, message });
  for (const [id, engine] of Object.entries(INTERPRETATIONS)) {
    const r = general[id];
    if (!r) { at(id, undefined, id, `missing: the engine reads ${id} (${engine.question}); declare it with its values (${engine.values.join(', ')})`); continue; }
    for (const v of Object.keys(r.values)) {
      if (!(engine.values as readonly string[]).includes(v)) at(id, undefined, `${id}.values.${v}`, `the engine knows no value "${v}" of ${id}: one of ${engine.values.join(', ')}`);
    }
  }
  const first = new Map<string, { document: string; said: DeclaredReadings[string] }>();
  for (const d of own) {
    for (const [id, said] of Object.entries(d.readings ?? {})) {
      const before = first.get(id);
      if (Object.hasOwn(general, id)) at(id, d.document, `readings.${id}`, `${id} is already declared in ${READINGS_FILE}: give the document's own reading its own id`);
      else if (!before) first.set(id, { document: d.document, said });
      else if (!alike(before.said, said)) at(id, d.document, `readings.${id}`, `${id} is declared differently in ${before.document}/document.yaml: documents sharing a reading declare it alike`);
    }
  }
  const declared = corpusReadings(general, own);
  for (const rule of corpus.rules) {
    const doc = corpus.documents.find((x) => x.id === rule.document);
    for (const id of ruleInterpretations(rule, doc)) {
      const r = declared[id];
      if (!r) at(id, rule.document, rule.id, `${rule.id} uses the reading ${id}, which the corpus does not declare: declare it in readings.yaml or the document's readings`);
      else if (r.documents !== undefined && !r.documents.includes(rule.document)) at(id, rule.document, rule.id, `${rule.id} uses ${id}, ${r.documents.join(', ')}'s own reading: declare it in the document's readings too`);
    }
    const pick = 'costShare' in rule.award ? rule.award.costShare.pick : undefined;
    if (pick) valueProblem(declared, pick.reading, pick.appliedWhen, (m) => at(pick.reading, rule.document, `${rule.id} award.costShare.pick.appliedWhen`, m));
  }
  for (const doc of corpus.documents) {
    const x = doc.exclusive;
    if (x) valueProblem(declared, x.interpretation, x.documentWide, (m) => at(x.interpretation, doc.id, 'exclusive.documentWide', m));
  }
  return problems;
}

function valueProblem(declared: Readonly<Record<string, ReadingDeclaration>>, id: string, value: string, report: (message: string) => void): void {
  const r = declared[id];
  if (!r) report(`the reading ${id} is not declared: declare it in the document's readings`);
  else if (!r.values.includes(value)) report(`"${value}" is not a value of ${id}: one of ${r.values.join(', ')}`);
}

/** Declared readings no rule or document shape uses (`duixian check` lists them: a reading nothing reads is a question nobody asks). */
export function unusedReadings(corpus: Corpus): string[] {
  const used = new Set<string>(EVERY_RULE_READINGS);
  for (const rule of corpus.rules) for (const id of ruleInterpretations(rule, corpus.documents.find((d) => d.id === rule.document))) used.add(id);
  return Object.keys(corpus.readings ?? {}).filter((id) => !used.has(id));
}
