/**
 * The rule half of the corpus: the documents' rules, exclusive groups and validations, as the
 * Corpus the engine evaluates (read from the corpus folder, see load.ts). Its version is a hash of
 * that content, so a stored run can say exactly which reading of the documents produced it.
 * Every export follows the corpus in use (in-use.ts): read it when deciding, not at module load.
 */
import { declaredReadings, parametersRead, regionTableOf, valuesOf, type Corpus, type PolicyDocument, type RegionTable, type Rule, type Vocabulary } from '@duixian/engine';
import { follow } from './in-use.js';
import type { LoadedCorpus } from './load.js';

/**
 * What the input readers must know of the corpus (interchange's `Known`): its rule ids, the
 * parameters each reads, the reading switches, and its words (the kinds, fact keys and tags an input may use). One object for the CLI, the server's uploads, a
 * run's own parameters and the 政策计算器, so that none of them checks input by fewer rules.
 */
export interface CorpusKnown {
  readonly rules: ReadonlySet<string>;
  readonly interpretations: Readonly<Record<string, readonly string[]>>;
  readonly readingDocuments: Readonly<Record<string, readonly string[]>>;
  readonly parameters: ReadonlyMap<string, readonly string[]>;
  readonly vocabulary: Vocabulary;
  readonly regions: RegionTable;
}

export function knownOf(corpus: Corpus): CorpusKnown {
  const readings = declaredReadings(corpus);
  return {
    // every rule id, validations included (sd-2022-42/12.loan), for input checks
    rules: new Set([...corpus.rules.map((r) => r.id), ...corpus.validations.map((v) => v.id)]),
    // reading id → its values (the default first): the general readings and the documents' own
    interpretations: valuesOf(readings),
    // a document's own reading → the documents it belongs to (I-brand-item → jiyang-2021-80)
    readingDocuments: Object.fromEntries(Object.entries(readings).flatMap(([id, r]) => (r.documents ? [[id, r.documents]] : []))),
    // rule id → the parameter keys the rule reads (derived from its shapes)
    parameters: new Map(corpus.rules.map((r) => [r.id, parametersRead(r)])),
    vocabulary: corpus.vocabulary,
    // where a subject may be: the corpus's region table (regions.yaml) over the national one
    regions: regionTableOf(corpus),
  };
}

export let CORPUS: Corpus;
export let KNOWN: CorpusKnown;
export let RULE_IDS: ReadonlySet<string>;
export let RULE_PARAMETERS: ReadonlyMap<string, readonly string[]>;
/** The corpus's words: subject kinds, fact keys (label, unit) and tags (corpus/vocabulary.yaml). */
export let VOCABULARY: Vocabulary;

/** A corpus's rules and documents by id. */
export interface CorpusIndex {
  readonly rules: ReadonlyMap<string, Rule>;
  readonly documents: ReadonlyMap<string, PolicyDocument>;
}

const indexes = new WeakMap<Corpus, CorpusIndex>();

/** The rules and documents of `corpus` by id, made once per corpus (the one in force, or a stored run's own). */
export function byId(corpus: Corpus): CorpusIndex {
  let index = indexes.get(corpus);
  if (!index) indexes.set(corpus, (index = { rules: new Map(corpus.rules.map((r) => [r.id, r])), documents: new Map(corpus.documents.map((d) => [d.id, d])) }));
  return index;
}

follow((loaded: LoadedCorpus) => {
  CORPUS = loaded.corpus;
  KNOWN = knownOf(CORPUS);
  ({ rules: RULE_IDS, parameters: RULE_PARAMETERS, vocabulary: VOCABULARY } = KNOWN);
});
