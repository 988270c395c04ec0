/**
 * The rule half of the corpus: the five documents' rules, exclusive groups and validations,
 * assembled into the Corpus the engine evaluates. Its version is a hash of that content, so a
 * stored run can say exactly which reading of the documents produced it.
 */
import { createHash } from 'node:crypto';
import { INTERPRETATION_VALUES, parametersRead, type Corpus, type ExclusiveGroup, type PolicyDocument, type Rule, type Validation } from '@duixian/engine';
import * as sd from './documents/sd-2022-42.rules.js';
import * as jining from './documents/jining-2022-54.rules.js';
import * as dongying from './documents/dongying-2020-9.rules.js';
import * as jiyang from './documents/jiyang-2021-80.rules.js';
import * as jinan from './documents/jinan-2021-cbec.rules.js';

interface DocumentModule {
  readonly document: PolicyDocument;
  readonly rules: readonly Rule[];
  readonly groups?: readonly ExclusiveGroup[];
  readonly validations?: readonly Validation[];
}

/** In the catalogue's order: province, then 济宁, 东营, 济阳, 济南. */
const MODULES: readonly DocumentModule[] = [sd, jining, dongying, jiyang, jinan];

const content = {
  documents: MODULES.map((m) => m.document),
  rules: MODULES.flatMap((m) => m.rules),
  groups: MODULES.flatMap((m) => m.groups ?? []),
  validations: MODULES.flatMap((m) => m.validations ?? []),
};

export const CORPUS: Corpus = Object.freeze({
  version: createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12),
  ...content,
});

/** Every rule id of the corpus, including validations (sd-2022-42/12.loan), for input checks. */
export const RULE_IDS: ReadonlySet<string> = new Set([...CORPUS.rules.map((r) => r.id), ...CORPUS.validations.map((v) => v.id)]);

/** rule id → the parameter keys the rule reads (derived from its shapes), for input checks. */
export const RULE_PARAMETERS: ReadonlyMap<string, readonly string[]> = new Map(CORPUS.rules.map((r) => [r.id, parametersRead(r)]));

/**
 * What the input readers must know of the corpus (interchange's `Known`): its rule ids, the
 * parameters each reads, the reading switches. One object for the CLI, the server's uploads, a
 * run's own parameters and the 政策计算器, so that none of them checks input by fewer rules.
 */
export const KNOWN = { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, parameters: RULE_PARAMETERS } as const;
