export type * from './types.js';

// ---- corpus: texts, measures, targets, not-computable figures, coverage (non-rule half) ----
export * from './coverage.js';
export { MEASURES, TARGETS, NOT_COMPUTABLE } from './documents/index.js';
export { TEXTS, DOCUMENT_IDS, textOf, isDocumentId, type DocumentId } from './texts.js';
// ---- end of the non-rule half ----

// ---- corpus: the rules, groups and validations the engine evaluates ----
export { CORPUS, KNOWN, RULE_IDS, RULE_PARAMETERS } from './rules.js';
export { checkCorpus, type CorpusProblem } from './check.js';
export { targetProgress, type TargetProgress, type TargetStatus } from './progress.js';
export { cityReport, type CityReport, type Indicator } from './monitoring.js';
export { inputProblems } from './validate.js';
export {
  EVIDENCED_FACTS, STATISTICAL_FACTS, EVIDENCED_TAGS, REGISTER_TAGS, EVIDENCED_KINDS, ruleFactKeys, ruleTags, evidenceOf, applicationMode,
  APPLICATION_RULES, AUTOMATIC_RULES, type Evidence, type ApplicationMode,
} from './applications.js';
