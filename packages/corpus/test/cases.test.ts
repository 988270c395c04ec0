/** Runs every document's YAML cases (corpus/<document>/cases/*.yaml) against the corpus and engine (see src/cases.ts). */
import { describe, expect, it } from 'vitest';
import { CORPUS, LOADED, parseCases, runCase } from '@duixian/corpus';

for (const [document, files] of Object.entries(LOADED.caseFiles)) {
  for (const [file, source] of Object.entries(files)) {
    describe(`${document}/cases/${file}`, () => {
      for (const c of parseCases(source)) {
        it(c.name, () => {
          const o = runCase(CORPUS, c);
          expect(o.actual).toEqual(o.expected);
        });
      }
    });
  }
}
