/** What the input readers must know of the corpus: its rule ids, the parameters each reads, the interpretation switches. */
import { INTERPRETATION_VALUES } from '@duixian/engine';
import { RULE_IDS, RULE_PARAMETERS } from '@duixian/corpus';
import type { Known } from '@duixian/interchange';

export const KNOWN: Known = { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, parameters: RULE_PARAMETERS };
