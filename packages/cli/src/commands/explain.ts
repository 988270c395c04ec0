/** duixian explain FILE --subject ID --rule RULE: the trace of one decision, awarded or not, and how far it is. */
import { renderExplanation, Run } from '@duixian/engine';
import { CORPUS, RULE_IDS } from '@duixian/corpus';
import { BadInput, EXIT, type Streams } from '../io.js';
import { loadDataset } from '../load.js';
import { fileArg, fileSwitches, interpretationOptions, yearOption, type Args } from '../main.js';

export async function explainCommand(a: Args, io: Streams): Promise<number> {
  const file = fileArg(a, 'explain');
  const { subject, rule } = a.values;
  const problems = [
    ...(subject ? [] : [{ path: '--subject', message: 'missing: the subject id to explain, e.g. --subject E1' }]),
    ...(rule ? [] : [{ path: '--rule', message: 'missing: the rule id, e.g. --rule sd-2022-42/2.traffic' }]),
    ...(rule && !RULE_IDS.has(rule) ? [{ path: '--rule', message: `unknown rule "${rule}"` }] : []),
  ];
  if (problems.length) throw new BadInput(problems);
  const year = yearOption(a);
  const interpretations = interpretationOptions(a, CORPUS);
  const dataset = await loadDataset(file, year);
  fileSwitches(dataset.interpretations, CORPUS);
  if (!dataset.subjects.some((s) => s.id === subject)) throw new BadInput([{ path: '--subject', message: `no subject "${subject}" in ${file}` }]);
  const run = new Run(CORPUS, dataset, { year: year ?? dataset.year, interpretations });
  const e = run.explain(subject!, rule!);
  io.stdout.write(a.values.json ? JSON.stringify(e, null, 2) + '\n' : renderExplanation(e) + '\n');
  return EXIT.ok;
}
