/**
 * A file into the store: read and validated by @duixian/interchange exactly as `evaluate` reads
 * it; on any problem nothing is written and every problem comes back with its place (sheet, row
 * and column, or JSON path).
 */
import { createHash } from 'node:crypto';
import { readFile as readBytes } from 'node:fs/promises';
import type { Dataset } from '@duixian/engine';
import { readFile, type Known, type Problem, type ReadResult } from '@duixian/interchange';
import type { Store } from './db.js';
import { importDataset, UsccTaken, type ImportOptions, type ImportResult } from './import.js';

export interface ReadAndImportOptions extends Omit<ImportOptions, 'fileHash' | 'name'> {
  /** further checks beyond the reader's (the CLI's corpus validations); problems block the import */
  readonly validate?: (ds: Dataset) => readonly Problem[];
}

export type ReadAndImportResult = { ok: true; result: ImportResult; warnings: Problem[] } | { ok: false; problems: Problem[] };

export async function readAndImport(path: string, known: Known, store: Store, opts: ReadAndImportOptions): Promise<ReadAndImportResult> {
  const r = await readFile(path, known);
  return importRead(r, store, { ...opts, ...(r.ok ? { fileHash: await fileHash(path) } : {}), name: path });
}

/**
 * What any reader gave (readObject for a JSON body, readXlsx for uploaded bytes: the API's case)
 * into the store, or its problems with nothing written.
 */
export async function importRead(r: ReadResult, store: Store, opts: ReadAndImportOptions & Pick<ImportOptions, 'fileHash' | 'name'>): Promise<ReadAndImportResult> {
  if (!r.ok) return { ok: false, problems: r.problems };
  const problems = opts.validate?.(r.dataset) ?? [];
  if (problems.length) return { ok: false, problems: [...problems] };
  const { validate: _, ...importOpts } = opts;
  try {
    return { ok: true, result: await importDataset(store, r.dataset, importOpts), warnings: r.warnings };
  } catch (e) {
    if (e instanceof UsccTaken) return { ok: false, problems: [...e.problems] };
    throw e;
  }
}

/** sha256 of the file; for a CSV dataset, of every part there (NAME.subjects.csv, NAME.facts.csv, …) in order. */
export async function fileHash(path: string): Promise<string> {
  const h = createHash('sha256');
  const m = /^(.*)\.(subjects|facts|history|parameters|interpretations)\.csv$/i.exec(path);
  const parts = m ? ['subjects', 'facts', 'history', 'parameters', 'interpretations'].map((p) => `${m[1]}.${p}.csv`) : [path];
  for (const p of parts) {
    try {
      h.update(p.slice(m ? m[1]!.length : 0)).update(await readBytes(p));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return h.digest('hex');
}
