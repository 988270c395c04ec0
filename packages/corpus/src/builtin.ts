/**
 * The corpus this process uses: the folder named by DUIXIAN_CORPUS (the CLI's --corpus sets it), else
 * the built-in one, `corpus/` at the repository's root. Read once, on first import; a changed file
 * takes effect at the next start, with no rebuild.
 */
import { fileURLToPath } from 'node:url';
import { readCorpus, type LoadedCorpus } from './load.js';

/** `corpus/` beside `packages/` (this module runs from packages/corpus/src or packages/corpus/dist). */
export const BUILT_IN_CORPUS_DIR = fileURLToPath(new URL('../../../corpus/', import.meta.url));

export const CORPUS_DIR: string = process.env['DUIXIAN_CORPUS'] || BUILT_IN_CORPUS_DIR;

export const LOADED: LoadedCorpus = readCorpus(CORPUS_DIR);
