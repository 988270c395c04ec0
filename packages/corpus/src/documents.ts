/** The non-rule half of the corpus: every document's articles, targets and not-computable figures. */
import { LOADED } from './builtin.js';

/** Every article of every document, in the corpus's order. */
export const MEASURES = LOADED.measures;
export const TARGETS = LOADED.targets;
export const NOT_COMPUTABLE = LOADED.notComputable;
