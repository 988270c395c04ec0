/**
 * duixian import FILE: the file into the database (DATABASE_URL, else the embedded one in
 * DUIXIAN_DATA_DIR, default ./data). Validated exactly as `evaluate` validates; all or nothing;
 * a changed value becomes a revision recorded with --by and --reason; the same file again changes nothing.
 */
import { userInfo } from 'node:os';
import type { ImportResult } from '@duixian/store';
import { EXIT, type Streams } from '../io.js';
import { loadDataset } from '../load.js';
import { openDatabase } from '../database.js';
import { fileArg, type Args } from '../main.js';

export async function importCommand(a: Args, io: Streams): Promise<number> {
  const file = fileArg(a, 'import');
  let dataset: Awaited<ReturnType<typeof loadDataset>> | undefined = await loadDataset(file); // throws BadInput (exit 2) before the database is touched
  const year = dataset.year;
  const store = await openDatabase(io);
  if (!store) return EXIT.failed;
  const { fileHash, importDataset, keepYear } = await import('@duixian/store');
  try {
    const by = a.values.by ?? currentUser();
    const result = await importDataset(store, dataset, { by, reason: a.values.reason ?? '', fileHash: await fileHash(file), name: file });
    dataset = undefined; // the file's million subjects need not be held while the stored ones are read
    io.stdout.write(report(file, result));
    if (result.importId !== null) {
      // committed already: what follows only spares the next run reading a million rows
      const t = Date.now();
      const kept = await keepYear(store, year);
      io.stdout.write(`  年度快照 year snapshot:      ${year} ${kept === 'kept' ? 'kept' : 'already kept'} for runs (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

function report(file: string, r: ImportResult): string {
  const c = (x: { added: number; changed: number; unchanged: number }) => `${x.added} added, ${x.changed} changed, ${x.unchanged} unchanged`;
  return [
    r.importId === null ? `${file}: nothing changed; the database already holds all of it (no import recorded)` : `${file}: imported (import ${r.importId})`,
    `  主体 subjects:               ${c(r.subjects)}`,
    `  事实 facts:                  ${r.facts.added} added, ${r.facts.revised} revised, ${r.facts.unchanged} unchanged`,
    `  历史奖励 history:            ${c(r.history)}`,
    `  参数 parameters:             ${c(r.parameters)}`,
    `  解释口径 interpretations:    ${c(r.interpretations)}`,
  ].join('\n') + '\n';
}
