/**
 * What an uploaded dataset comes to once read: checked (the corpus's rules, then the caller's
 * jurisdiction) and imported, or refused with its problems. The same function runs on PostgreSQL
 * in the reading worker, over a connection of its own (upload-worker.ts), so that the main thread
 * never holds a million subjects and facts as objects nor builds the import's statements; and on
 * the main thread for PGlite (one process holds its database) and for a small JSON body.
 * It answers with plain data (no ApiError): a worker's answer crosses as a structured clone, and
 * the route (routes/imports.ts) turns it into the response.
 */
import { inputProblems } from '@duixian/corpus';
import type { Problem } from '@duixian/interchange';
import { importRead, type Account, type ImportResult, type Store } from '@duixian/store';
import { canSeeSubject, importProblems, seesAll } from './auth/access.js';
import type { Report } from './jobs.js';
import type { UploadRead } from './upload-read.js';

/** Who imports and how: the account as plain data, and the request's query. */
export interface ImportAsk {
  readonly me: Account;
  readonly reason: string;
  readonly name: string;
  readonly dryRun: boolean;
}

export type ImportOutcome =
  | { readonly kind: 'invalid' | 'too-large' | 'outside'; readonly problems: readonly Problem[] }
  | { readonly kind: 'dry-run'; readonly body: DryRun }
  | { readonly kind: 'imported'; readonly body: ImportResult & { readonly warnings: readonly Problem[] }; readonly year: number };

export interface DryRun {
  readonly dryRun: true;
  readonly year: number;
  readonly rows: { subjects: number; facts: number; history: number; parameters: number; interpretations: number };
  readonly warnings: readonly Problem[];
}

/** Subject ids a statement looks up at a time. */
const LOOKUP = 5000;

export async function checkAndImport({ result: r, hash }: UploadRead, store: Store, ask: ImportAsk, report: Report): Promise<ImportOutcome> {
  const { me } = ask;
  report({ phase: 'check' });
  if (!r.ok) return { kind: r.tooLarge ? 'too-large' : 'invalid', problems: r.problems };
  const ds = r.dataset;
  const problems = inputProblems(ds);
  if (problems.length) return { kind: 'invalid', problems };
  const outside = importProblems(me, ds, seesAll(me) ? new Map() : await storedRegions(store, ds.subjects.map((s) => s.id)));
  if (outside.length) return { kind: 'outside', problems: outside };
  if (ask.dryRun) {
    const rows = { subjects: ds.subjects.length, facts: ds.facts.length, history: ds.history.length, parameters: ds.parameters.length, interpretations: Object.keys(ds.interpretations).length };
    return { kind: 'dry-run', body: { dryRun: true, year: ds.year, rows, warnings: r.warnings } };
  }
  report({ phase: 'write', done: 0, total: ds.facts.length });
  const done = await importRead(r, store, {
    by: me.username, reason: ask.reason, name: ask.name, fileHash: hash,
    maySee: (holder) => canSeeSubject(me, holder),
    onProgress: (facts, total) => report({ phase: 'write', done: facts, total }),
  });
  if (!done.ok) return { kind: 'invalid', problems: done.problems };
  return { kind: 'imported', body: { ...done.result, warnings: done.warnings }, year: ds.year };
}

/** Where the stored subjects of these ids are: an administrator imports none held outside their jurisdiction. */
async function storedRegions(store: Store, ids: readonly string[]): Promise<Map<string, { region: string | null }>> {
  const stored = new Map<string, { region: string | null }>();
  for (let k = 0; k < ids.length; k += LOOKUP) {
    for (const s of await store.db.selectFrom('subjects').select(['id', 'region']).where('id', 'in', ids.slice(k, k + LOOKUP)).execute()) stored.set(s.id, s);
  }
  return stored;
}
