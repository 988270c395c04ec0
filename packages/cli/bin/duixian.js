#!/usr/bin/env node
// The `duixian` command. Sources are TypeScript in ../src, built to ../dist by `npm run build`
// (run automatically by `npm ci` through the root `prepare` script).
//
// `--corpus DIR` (anywhere on the line) evaluates with another corpus folder: it must be known
// before the corpus is read, which happens when the commands are imported, so it is taken here.
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
const at = argv.findIndex((a) => a === '--corpus' || a.startsWith('--corpus='));
if (at >= 0) {
  const flag = argv[at];
  const dir = flag === '--corpus' ? argv[at + 1] : flag.slice('--corpus='.length);
  argv.splice(at, flag === '--corpus' ? 2 : 1);
  if (!dir) {
    process.stderr.write('--corpus: missing DIR (a folder of document folders, like corpus/ in the repository)\n');
    process.exit(2);
  }
  process.env.DUIXIAN_CORPUS = resolve(dir);
}

let main;
try {
  ({ main } = await import('../dist/main.js'));
} catch (e) {
  if (e?.name !== 'CorpusFileError') throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
process.exitCode = await main(argv, { stdout: process.stdout, stderr: process.stderr });
