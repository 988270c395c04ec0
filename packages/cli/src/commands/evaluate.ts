/** duixian evaluate FILE: the year's awards, as a Chinese table grouped by funder or as interchange JSON. */
import { evaluate } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { EXIT, BadInput, type Streams } from '../io.js';
import { loadDataset } from '../load.js';
import { fileArg, fileSwitches, interpretationOptions, yearOption, type Args } from '../main.js';
import { awardTable } from '../table.js';

export async function evaluateCommand(a: Args, io: Streams): Promise<number> {
  const file = fileArg(a, 'evaluate');
  const year = yearOption(a);
  const interpretations = interpretationOptions(a, CORPUS);
  const documents = a.values.document;
  const unknownDocs = (documents ?? []).filter((d) => !CORPUS.documents.some((x) => x.id === d));
  if (unknownDocs.length) throw new BadInput(unknownDocs.map((d) => ({ path: `--document ${d}`, message: `unknown document (known: ${CORPUS.documents.map((x) => x.id).join(', ')})` })));
  const dataset = await loadDataset(file, year);
  fileSwitches(dataset.interpretations, CORPUS);
  const result = evaluate(CORPUS, dataset, { year: year ?? dataset.year, interpretations, explain: a.values.explain === true, ...(documents ? { documents } : {}) });
  io.stdout.write(a.values.json ? JSON.stringify(result, null, 2) + '\n' : awardTable(result, dataset));
  return EXIT.ok;
}
