// duixian over a dataset file: load+validate, evaluate (all rules, or the like-for-like set), output.
// usage: node bench/scenarios/duixian.js FILE all|same
import { evaluate } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { readFile } from '@duixian/interchange';
import { KNOWN } from '../../packages/cli/dist/known.js';
import { now, report, SAME_RULES } from './common.js';

const [file, which = 'all'] = process.argv.slice(2);
let t = now();
const read = await readFile(file, KNOWN, {});
if (!read.ok) throw new Error(read.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('\n'));
const load = now() - t;
t = now();
const result = evaluate(CORPUS, read.dataset, which === 'same' ? { rules: SAME_RULES } : {});
const evaluateMs = now() - t;
t = now();
const json = JSON.stringify(result, null, 2);
const output = now() - t;
report({
  scenario: `duixian-${which}`, subjects: read.dataset.subjects.length, facts: read.dataset.facts.length,
  loadMs: Math.round(load), evaluateMs: Math.round(evaluateMs), outputMs: Math.round(output),
  awards: result.awards.length, outputBytes: json.length,
});
