/**
 * duixian demo: the synthetic Shandong dataset (clearly labelled, deterministic). Without --out
 * it evaluates the demo for the year and prints the award table (what `npm start` shows);
 * with --out FILE it writes the dataset in the format of FILE's extension — interchange JSON, an
 * .xlsx workbook (long, or --wide) or the CSV pair — streamed, for a million enterprises.
 */
import { evaluate } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { generateDemo } from '../demo/index.js';
import { demoFormat, writeDemoAs } from '../demo/formats.js';
import { BadInput, EXIT, type Streams } from '../io.js';
import { KNOWN } from '../known.js';
import { yearOption, type Args } from '../main.js';
import { awardTable } from '../table.js';

export async function demoCommand(a: Args, io: Streams): Promise<number> {
  const year = yearOption(a) ?? 2023;
  const opts = { year, ...count(a, 'enterprises'), ...count(a, 'seed') };
  const wide = a.values.wide === true;
  if (a.values.out) {
    const format = demoFormat(a.values.out, wide);
    if ('problem' in format) throw new BadInput([{ path: '--out', message: format.problem }]);
    const r = await writeDemoAs(a.values.out, format.format, opts, wide);
    io.stdout.write(`wrote ${r.files.join(', ')}: ${r.subjects} subjects, ${r.facts} facts, ${r.bytes} bytes (synthetic data)\n`);
    return EXIT.ok;
  }
  if (wide) throw new BadInput([{ path: '--wide', message: 'a layout of the file written: give --out FILE.xlsx' }]);
  const read = readObject(generateDemo(opts), KNOWN, { year });
  if (!read.ok) throw new Error(`internal: the demo generator wrote invalid data:\n${read.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  const result = evaluate(CORPUS, read.dataset, { year });
  io.stdout.write(a.values.json ? JSON.stringify(result, null, 2) + '\n' : `合成演示数据（非真实统计） · ${read.dataset.subjects.length} 个主体\n` + awardTable(result, read.dataset));
  return EXIT.ok;
}

function count(a: Args, name: 'enterprises' | 'seed'): Record<string, number> {
  const v = a.values[name];
  if (v === undefined) return {};
  if (!/^\d+$/.test(v)) throw new BadInput([{ path: `--${name}`, message: `"${v}" is not a whole number` }]);
  return { [name]: Number(v) };
}
