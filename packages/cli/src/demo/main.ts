#!/usr/bin/env node
/**
 * Write the synthetic demo dataset:
 *   node packages/cli/dist/demo/main.js OUT.json [--enterprises N] [--seed S] [--year Y]
 * Exit code 2 on bad arguments (message on stderr), 1 on a write failure.
 */
import { writeDemoFile } from './write.js';
import { DEFAULTS, type DemoOptions } from './types.js';

const USAGE = 'usage: main.js OUT.json [--enterprises N] [--seed S] [--year Y]';

function parseArgs(argv: readonly string[]): { out: string; opts: DemoOptions } {
  let out: string | undefined;
  const opts: DemoOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(enterprises|seed|year)(?:=(.*))?$/.exec(a);
    if (m) {
      const raw = m[2] ?? argv[++i];
      if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`--${m[1]} needs a non-negative integer, got ${raw ?? 'nothing'}`);
      opts[m[1] as 'enterprises' | 'seed' | 'year'] = Number(raw);
    } else if (a === '-h' || a === '--help') {
      throw new Error(USAGE);
    } else if (a.startsWith('-')) {
      throw new Error(`unknown option ${a}`);
    } else if (out === undefined) {
      out = a;
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  if (out === undefined) throw new Error('missing the output file');
  return { out, opts };
}

async function main(): Promise<number> {
  let args: { out: string; opts: DemoOptions };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  try {
    const r = await writeDemoFile(args.out, args.opts);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const o = { ...DEFAULTS, ...args.opts };
    process.stdout.write(
      `wrote ${args.out}: ${r.subjects} subjects, ${r.facts} facts, ${r.bytes} bytes ` +
        `(${o.enterprises} enterprises, seed ${o.seed}, year ${o.year}) in ${seconds.toFixed(1)} s\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof RangeError ? '' : 'cannot write the demo: '}${(e as Error).message}\n`);
    return e instanceof RangeError ? 2 : 1;
  }
}

process.exitCode = await main();
