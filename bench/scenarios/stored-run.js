// One evaluation run in a fresh process on a store that exists already (bench/scenarios/store.js
// makes it): node bench/scenarios/stored-run.js PLACE_JSON YEAR. Prints one JSON line: the total
// and each part's milliseconds, where the year came from (a snapshot or the rows), the hashes.
import { CORPUS } from '@duixian/corpus';
import { createRun, openStore } from '@duixian/store';
import { now } from './common.js';

const [placeJson, year] = process.argv.slice(2);
const store = await openStore(JSON.parse(placeJson));
try {
  const phases = {};
  const t = now();
  const run = await createRun(store, CORPUS, { year: Number(year), by: 'bench', onPhase: (p, d) => (phases[p] = Math.round(d)) });
  const totalMs = Math.round(now() - t);
  process.stdout.write(`${JSON.stringify({ totalMs, ...Object.fromEntries(Object.entries(phases).map(([p, d]) => [`${p}Ms`, d])), awards: run.awards, withheld: run.withheld, inputHash: run.inputHash, resultHash: run.resultHash })}\n`);
} finally {
  await store.close();
}
