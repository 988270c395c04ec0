/**
 * The rule half of the corpus: the documents' rules, exclusive groups and validations, as the
 * Corpus the engine evaluates (read from the corpus folder, see load.ts). Its version is a hash of
 * that content, so a stored run can say exactly which reading of the documents produced it.
 */
import { declaredReadings, parametersRead, valuesOf, type Corpus } from '@duixian/engine';
import { LOADED } from './builtin.js';

export const CORPUS: Corpus = LOADED.corpus;

/** Every rule id of the corpus, including validations (sd-2022-42/12.loan), for input checks. */
export const RULE_IDS: ReadonlySet<string> = new Set([...CORPUS.rules.map((r) => r.id), ...CORPUS.validations.map((v) => v.id)]);

/** rule id → the parameter keys the rule reads (derived from its shapes), for input checks. */
export const RULE_PARAMETERS: ReadonlyMap<string, readonly string[]> = new Map(CORPUS.rules.map((r) => [r.id, parametersRead(r)]));

/** reading id → its values (the default first): the general readings and the documents' own. */
export const READING_VALUES: Readonly<Record<string, readonly string[]>> = valuesOf(declaredReadings(CORPUS));

/** a document's own reading → the documents it belongs to (I-brand-item → jiyang-2021-80). */
export const READING_DOCUMENTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(declaredReadings(CORPUS)).flatMap(([id, r]) => (r.documents ? [[id, r.documents]] : [])),
);

/**
 * What the input readers must know of the corpus (interchange's `Known`): its rule ids, the
 * parameters each reads, the reading switches, and its words (the kinds, fact keys and tags an input may use). One object for the CLI, the server's uploads, a
 * run's own parameters and the 政策计算器, so that none of them checks input by fewer rules.
 */
export const KNOWN = { rules: RULE_IDS, interpretations: READING_VALUES, readingDocuments: READING_DOCUMENTS, parameters: RULE_PARAMETERS, vocabulary: CORPUS.vocabulary } as const;

/** The corpus's words: subject kinds, fact keys (label, unit) and tags (corpus/vocabulary.yaml). */
export const VOCABULARY = CORPUS.vocabulary;
