/** Helpers for tests that read an edited copy of the built-in corpus's files. */
import { CorpusFileError, LOADED, corpusFromFiles, type FileProblem } from '@duixian/corpus';

/** The built-in corpus's files with one of them edited. */
export const withFile = (path: string, edit: (s: string) => string): Map<string, string> => {
  const files = new Map(LOADED.files);
  const source = files.get(path);
  if (source === undefined) throw new Error(`no ${path}`);
  files.set(path, edit(source));
  return files;
};

/** What the loader refuses in these files (none: it loads them). */
export const problemsOf = (files: ReadonlyMap<string, string>): FileProblem[] => {
  try {
    corpusFromFiles(files);
  } catch (e) {
    if (e instanceof CorpusFileError) return [...e.problems];
    throw e;
  }
  return [];
};
