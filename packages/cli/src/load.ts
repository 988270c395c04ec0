/**
 * Read a dataset file for a command, or fail with every problem, including the corpus's input
 * validations (齐鲁电商贷 单户贷款额度为10万元至1000万元): an out-of-range application is refused
 * with the article's words, never silently evaluated.
 */
import type { Dataset } from '@duixian/engine';
import { inputProblems } from '@duixian/corpus';
import { readFile } from '@duixian/interchange';
import { BadInput } from './io.js';
import { KNOWN } from './known.js';

export async function loadDataset(path: string, year?: number): Promise<Dataset> {
  const r = await readFile(path, KNOWN, year === undefined ? {} : { year });
  if (!r.ok) throw new BadInput(r.problems);
  const problems = inputProblems(r.dataset);
  if (problems.length) throw new BadInput(problems);
  return r.dataset;
}
