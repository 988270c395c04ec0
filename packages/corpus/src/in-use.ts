/**
 * The corpus in use: the one this process started with (LOADED) until `useCorpus` adopts another —
 * the server does when a published version comes into force. The corpus's module exports (CORPUS,
 * MEASURES, TARGETS, TEXTS, KNOWN …) are `export let` bindings that follow it: ES modules give
 * importers live bindings, so whoever reads `CORPUS` when it decides sees the corpus in use then.
 * Why one process-wide corpus rather than a corpus passed to every function: the law is read in
 * dozens of places (routes, the award process, the input readers), and a day's law is the same for
 * every request of a server; a run keeps the Corpus object it started with, so a switch never
 * changes a decision half made. Anything derived from the corpus is derived per corpus (`perCorpus`).
 */
import { LOADED } from './builtin.js';
import type { LoadedCorpus } from './load.js';

export let IN_USE: LoadedCorpus = LOADED;

/** The modules whose exports follow the corpus in use, each re-pointing its own bindings. */
const followers: ((loaded: LoadedCorpus) => void)[] = [];

/** `adopt` is called now and whenever another corpus comes into use. */
export function follow(adopt: (loaded: LoadedCorpus) => void): void {
  followers.push(adopt);
  adopt(IN_USE);
}

/** Re-point every export of @duixian/corpus to `loaded` (nothing happens when it is in use already). */
export function useCorpus(loaded: LoadedCorpus): void {
  if (loaded === IN_USE) return;
  IN_USE = loaded;
  for (const adopt of followers) adopt(loaded);
}

/**
 * A value derived from the corpus (an index of rules by id, a list of document ids), made once per
 * corpus and made again when another comes into use.
 */
export function perCorpus<T>(derive: (loaded: LoadedCorpus) => T): () => T {
  const made = new WeakMap<LoadedCorpus, T>();
  return () => {
    let value = made.get(IN_USE);
    if (value === undefined) made.set(IN_USE, (value = derive(IN_USE)));
    return value;
  };
}
