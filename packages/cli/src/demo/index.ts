/** Synthetic demo dataset (interchange format v1, clearly labelled synthetic) for Shandong. */
export type { DemoDataset, DemoFact, DemoHistory, DemoMeta, DemoOptions, DemoParameter, DemoSubject } from './types.js';
export { DEFAULTS } from './types.js';
export { generateDemo, prepareDemo, DEMO_DESCRIPTION } from './generate.js';
export { serializeDemo, writeDemoFile } from './write.js';
export { SHOWCASE } from './planted.js';
