export type * from './types.js';

// ---- corpus: texts, measures, targets, not-computable figures, coverage (non-rule half) ----
export * from './coverage.js';
export { MEASURES, TARGETS, NOT_COMPUTABLE } from './documents.js';
export { TEXTS, DOCUMENT_IDS, textOf, isDocumentId, type DocumentId } from './texts.js';
// ---- end of the non-rule half ----

// ---- corpus: the rules, groups and validations the engine evaluates ----
export { CORPUS, KNOWN, RULE_IDS, RULE_PARAMETERS, VOCABULARY, knownOf, type CorpusKnown, byId, type CorpusIndex } from './rules.js';
// the corpus in use: the exports above follow it (the server adopts the version in force)
export { IN_USE, useCorpus, perCorpus } from './in-use.js';
export { checkCorpus, checkLoaded, caseProblems, type CorpusProblem, type CheckOptions } from './check.js';
export { targetProgress, type TargetProgress, type TargetStatus } from './progress.js';
export { cityReport, type CityReport, type Indicator } from './monitoring.js';
export { inputProblems } from './validate.js';
export {
  EVIDENCED_FACTS, STATISTICAL_FACTS, EVIDENCED_TAGS, REGISTER_TAGS, EVIDENCED_KINDS, ruleFactKeys, ruleTags, evidenceOf, applicationMode,
  APPLICATION_RULES, AUTOMATIC_RULES, type Evidence, type ApplicationMode,
} from './applications.js';
// ---- the corpus as folders of data: reading, validating, the documents' own cases ----
export { readCorpus, corpusFromFiles, corpusVersion, CorpusFileError, type FileProblem, type LoadedCorpus } from './load.js';
export { LOADED, CORPUS_DIR, BUILT_IN_CORPUS_DIR } from './builtin.js';
// the region table of that corpus (regions.yaml over the national table), for server, store, workflow and CLI
export { REGION_TABLE, REGIONS, region, isWithin, placeOf, cityOf, childrenOf, countiesOf, regionsOfLevel, regionByName } from './region-table.js';
export { FILE_SCHEMAS, schemaFiles, MeasureSchema, TargetSchema, NotComputableSchema, VocabularySchema, type FileKind } from './schema.js';
export { parseCases, runCase, casePasses, toDataset, type Case, type CaseOutcome } from './cases.js';
