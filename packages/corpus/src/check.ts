/**
 * `duixian check`: the corpus against itself and the texts. Structural problems (an unknown
 * rule in a group, a figure that does not parse), the law's own words (every encoded figure and
 * comparison word stated in the rule's cites, every `text` and cite verbatim in the document),
 * declared words (fact keys, tags, subject kinds), and coverage: every figure in a document's
 * text is linked to a rule or target, or marked not computable.
 */
import type { Corpus } from '@duixian/engine';
import { coverage } from './coverage.js';
import { ENGINE_VOCABULARY, undeclaredWords, unitOf, type Vocabulary } from './declared.js';
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
}

export function checkCorpus(corpus: Corpus, options: CheckOptions = {}): { problems: CorpusProblem[]; report: ReturnType<typeof coverage> } {
  const { texts = TEXTS, vocabulary = ENGINE_VOCABULARY } = options;
  const problems: CorpusProblem[] = [...structureProblems(corpus), ...lawProblems(corpus, texts, vocabulary), ...undeclaredWords(corpus, vocabulary)];
  const report = coverage({
    texts, measures: MEASURES, targets: TARGETS, notComputable: NOT_COMPUTABLE,
    ruleCites: [...corpus.rules, ...corpus.validations].map((r) => ({ rule: r.id, document: r.document, cites: r.cites })),
  });
  return { problems, report };
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
