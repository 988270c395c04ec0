/**
 * `duixian check`: the corpus against itself and the texts. Structural problems (an unknown
 * rule in a group, a figure that does not parse), the law's own words (every encoded figure and
 * comparison word stated in the rule's cites, every `text` and cite verbatim in the document),
 * declared words (fact keys, tags, subject kinds), and coverage: every figure in a document's
 * text is linked to a rule or target, or marked not computable.
 */
import { versionProblems, type Corpus } from '@duixian/engine';
import { casePasses, parseCases, runCase, type Case } from './cases.js';
import type { LoadedCorpus } from './load.js';
import { unusedReadings } from './readings.js';
import type { Measure, NotComputable, Target } from './types.js';
import { coverage } from './coverage.js';
import { unclassifiedWords, undeclaredWords, unitOf, type Vocabulary } from './declared.js';
import { MEASURES, NOT_COMPUTABLE, TARGETS } from './documents.js';
import { ruleFigures, validationFigures } from './encoded-figures.js';
import { benchmarkWordsNotInText, figuresNotCited } from './figures-in-cites.js';
import { TEXTS } from './texts.js';
import { citesOutsideText, notVerbatim, quotesOf } from './verbatim.js';

export interface CorpusProblem { readonly where: string; readonly message: string }

export interface CheckOptions {
  /** the documents' texts by document id (default: the built-in corpus's) */
  readonly texts?: Readonly<Record<string, string>>;
  /** the declared fact keys, tags and subject kinds (default: the engine's) */
  readonly vocabulary?: Vocabulary;
  /** the half beside the rules (default: the built-in corpus's) */
  readonly measures?: readonly Measure[];
  readonly targets?: readonly Target[];
  readonly notComputable?: readonly NotComputable[];
}

/**
 * Everything `duixian check` verifies of a corpus read from its folder: its rules against themselves
 * and the texts, the coverage of every figure, and every case of every document.
 */
export function checkLoaded(loaded: LoadedCorpus): { problems: CorpusProblem[]; report: ReturnType<typeof coverage> } {
  const { problems, report } = checkCorpus(loaded.corpus, { texts: loaded.texts, measures: loaded.measures, targets: loaded.targets, notComputable: loaded.notComputable });
  return { problems: [...problems, ...unclassifiedWords(loaded), ...caseProblems(loaded)], report };
}

/** A case of a document's folder whose expectations the corpus does not meet: where, and the lines that differ. */
export function caseProblems(loaded: LoadedCorpus): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const [document, files] of Object.entries(loaded.caseFiles)) {
    for (const [file, source] of Object.entries(files)) {
      const where = `${document}/cases/${file}`;
      let cases: Case[];
      try {
        cases = parseCases(source);
      } catch (e) {
        problems.push({ where, message: `not a list of cases: ${(e as Error).message.split('\n')[0]}` });
        continue;
      }
      if (!Array.isArray(cases)) problems.push({ where, message: 'not a list of cases: each entry starts with "- name:"' });
      else for (const c of cases) problems.push(...caseDifferences(where, loaded, c));
    }
  }
  return problems;
}

function caseDifferences(where: string, loaded: LoadedCorpus, c: Case): CorpusProblem[] {
  let outcome;
  try {
    outcome = runCase(loaded.corpus, c);
  } catch (e) {
    return [{ where: `${where} "${c.name}"`, message: (e as Error).message }];
  }
  if (casePasses(outcome)) return [];
  return Object.keys(outcome.expected).flatMap((list) => {
    const expected = outcome.expected[list] ?? [];
    const actual = outcome.actual[list] ?? [];
    return [
      ...expected.filter((l) => !actual.includes(l)).map((l) => ({ where: `${where} "${c.name}"`, message: `${list}: expected "${l}", not decided — 案例预期的结果未得出` })),
      ...actual.filter((l) => !expected.includes(l)).map((l) => ({ where: `${where} "${c.name}"`, message: `${list}: decided "${l}", not expected — 得出了案例未预期的结果` })),
    ];
  });
}

export function checkCorpus(corpus: Corpus, options: CheckOptions = {}): { problems: CorpusProblem[]; report: ReturnType<typeof coverage> } {
  const { texts = TEXTS, vocabulary = corpus.vocabulary, measures = MEASURES, targets = TARGETS, notComputable = NOT_COMPUTABLE } = options;
  const versions = versionProblems(corpus).map((p) => ({ where: p.slice(0, p.indexOf(':')), message: p.slice(p.indexOf(':') + 2) }));
  const problems: CorpusProblem[] = [...structureProblems(corpus), ...versions, ...lawProblems(corpus, texts, vocabulary), ...undeclaredWords(corpus, vocabulary), ...unusedReadingProblems(corpus)];
  const report = coverage({
    texts, measures, targets, notComputable,
    ruleCites: [...corpus.rules, ...corpus.validations].map((r) => ({ rule: r.id, document: r.document, cites: r.cites })),
  });
  return { problems, report };
}

/** A declared reading no rule or document shape uses: a question the corpus asks that nothing answers by. */
function unusedReadingProblems(corpus: Corpus): CorpusProblem[] {
  return unusedReadings(corpus).map((id) => {
    const owners = corpus.readings?.[id]?.documents;
    const where = owners ? owners.map((d) => `${d}/document.yaml`).join(', ') : 'readings.yaml';
    return { where, message: `${id} is declared but no rule uses it: remove it, or name it in the rule that depends on it (interpretations: [${id}])` };
  });
}

/** Ids, documents, groups and references between rules. */
function structureProblems(corpus: Corpus): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const ids = new Set<string>();
  for (const r of corpus.rules) {
    if (ids.has(r.id)) problems.push({ where: r.id, message: 'duplicate rule id' });
    ids.add(r.id);
    if (!corpus.documents.some((d) => d.id === r.document)) problems.push({ where: r.id, message: `unknown document ${r.document}` });
    if (!r.id.startsWith(`${r.document}/`)) problems.push({ where: r.id, message: 'rule id does not start with its document id' });
    for (const c of r.conditions) {
      if ('awardedBefore' in c && !corpus.rules.some((x) => x.id === c.awardedBefore)) problems.push({ where: r.id, message: `awardedBefore names unknown rule ${c.awardedBefore}` });
    }
    if (r.exclusiveGroup && !corpus.groups.some((g) => g.id === r.exclusiveGroup && g.rules.includes(r.id))) {
      problems.push({ where: r.id, message: `exclusiveGroup ${r.exclusiveGroup} does not list this rule` });
    }
  }
  for (const g of corpus.groups) {
    for (const id of g.rules) if (!ids.has(id)) problems.push({ where: g.id, message: `group lists unknown rule ${id}` });
  }
  return problems;
}

/** The law's own words: figures and comparison words in the cites, quotes verbatim. */
function lawProblems(corpus: Corpus, texts: Readonly<Record<string, string>>, vocabulary: Vocabulary): CorpusProblem[] {
  const unit = unitOf(vocabulary);
  const figures = [
    ...corpus.rules.flatMap((r) => [...figuresNotCited(r, ruleFigures(r, unit)), ...benchmarkWordsNotInText(r)]),
    ...corpus.validations.flatMap((v) => figuresNotCited(v, validationFigures(v, unit))),
  ];
  return [...figures, ...notVerbatim(quotesOf(corpus), texts), ...citesOutsideText([...corpus.rules, ...corpus.validations], texts)];
}
