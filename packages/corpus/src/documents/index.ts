/** The non-rule half of the corpus: measures, targets and not-computable figures of the five documents. */
import type { Measure, NotComputable, Target } from '../types.js';
import { SD_2022_42_MEASURES } from './sd-2022-42.measures.js';
import { JINING_2022_54_MEASURES } from './jining-2022-54.measures.js';
import { DONGYING_2020_9_MEASURES } from './dongying-2020-9.measures.js';
import { JIYANG_2021_80_MEASURES } from './jiyang-2021-80.measures.js';
import { JINAN_2021_CBEC_MEASURES } from './jinan-2021-cbec.measures.js';
import { SD_2022_42_TARGETS } from './sd-2022-42.targets.js';
import { JINING_2022_54_TARGETS } from './jining-2022-54.targets.js';
import { DONGYING_2020_9_TARGETS } from './dongying-2020-9.targets.js';
import { JIYANG_2021_80_TARGETS } from './jiyang-2021-80.targets.js';
import { JINAN_2021_CBEC_TARGETS } from './jinan-2021-cbec.targets.js';
import { SD_2022_42_NOT_COMPUTABLE } from './sd-2022-42.not-computable.js';
import { JINING_2022_54_NOT_COMPUTABLE } from './jining-2022-54.not-computable.js';
import { DONGYING_2020_9_NOT_COMPUTABLE } from './dongying-2020-9.not-computable.js';
import { JIYANG_2021_80_NOT_COMPUTABLE } from './jiyang-2021-80.not-computable.js';
import { JINAN_2021_CBEC_NOT_COMPUTABLE } from './jinan-2021-cbec.not-computable.js';

/** Every article of every document, in document order (sd, jining, dongying, jiyang, jinan). */
export const MEASURES: readonly Measure[] = Object.freeze([
  ...SD_2022_42_MEASURES, ...JINING_2022_54_MEASURES, ...DONGYING_2020_9_MEASURES,
  ...JIYANG_2021_80_MEASURES, ...JINAN_2021_CBEC_MEASURES,
]);

export const TARGETS: readonly Target[] = Object.freeze([
  ...SD_2022_42_TARGETS, ...JINING_2022_54_TARGETS, ...DONGYING_2020_9_TARGETS,
  ...JIYANG_2021_80_TARGETS, ...JINAN_2021_CBEC_TARGETS,
]);

export const NOT_COMPUTABLE: readonly NotComputable[] = Object.freeze([
  ...SD_2022_42_NOT_COMPUTABLE, ...JINING_2022_54_NOT_COMPUTABLE, ...DONGYING_2020_9_NOT_COMPUTABLE,
  ...JIYANG_2021_80_NOT_COMPUTABLE, ...JINAN_2021_CBEC_NOT_COMPUTABLE,
]);
