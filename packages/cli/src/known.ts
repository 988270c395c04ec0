/** What the input readers must know of the corpus: the corpus's own KNOWN (rule ids, the parameters each reads, the readings). */
import { KNOWN as CORPUS_KNOWN } from '@duixian/corpus';
import type { Known } from '@duixian/interchange';

export const KNOWN: Known = CORPUS_KNOWN;
