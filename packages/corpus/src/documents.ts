/** The non-rule half of the corpus: every document's articles, targets and not-computable figures (of the corpus in use, see in-use.ts). */
import { follow } from './in-use.js';
import type { LoadedCorpus } from './load.js';

/** Every article of every document, in the corpus's order. */
export let MEASURES: LoadedCorpus['measures'];
export let TARGETS: LoadedCorpus['targets'];
export let NOT_COMPUTABLE: LoadedCorpus['notComputable'];

follow((loaded) => {
  ({ measures: MEASURES, targets: TARGETS, notComputable: NOT_COMPUTABLE } = loaded);
});
