/**
 * An uploaded dataset → what the readers make of it, and the hash recorded with the import.
 * The same function runs in the reading worker (upload-worker.ts) and, for a small JSON body
 * already parsed, in place (uploads.ts). It imports no more than the readers, so a worker starts fast.
 */
import { createHash } from 'node:crypto';
import { readFile as readBytes } from 'node:fs/promises';
import { basename } from 'node:path';
import { nulAt } from './nul.js';
import { readFile, readObject, readCsv, type Known, type Problem, type ReadOptions, type ReadResult } from '@duixian/interchange';

/**
 * A body as the import route received it: JSON parsed in place (small), JSON text spooled to disk
 * (large), or an .xlsx or CSV pair spooled to disk (upload-spool.ts), read by `readFile` from
 * its path; `hash` was computed as its bytes arrived, `names` are the names the client gave the
 * spooled files (its problems name them, not the temporary files).
 */
export type Upload =
  | { readonly kind: 'object'; readonly body: unknown }
  | { readonly kind: 'json'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string; readonly hash: string; readonly names: Readonly<Record<string, string>> };

export interface UploadRead {
  readonly result: ReadResult;
  /** sha256 of the .xlsx's bytes (of a CSV pair: of its files' hashes), or of the JSON as parsed and written again (so every JSON of the same data has one) */
  readonly hash: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const failed = (path: string, message: string): ReadResult => ({ ok: false, problems: [{ path, message }] });

export async function readUpload(upload: Upload, known: Known, opts: ReadOptions): Promise<UploadRead> {
  if (upload.kind === 'file') return { result: await readSpooled(upload, known, opts), hash: upload.hash };
  let body = upload.kind === 'object' ? upload.body : undefined;
  let text = '';
  if (upload.kind === 'json') {
    const bytes = await readBytes(upload.path);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      body = JSON.parse(text);
    } catch (e) {
      return { result: failed('(body)', `not valid UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`), hash: sha256(bytes) };
    }
  }
  // a NUL (\u0000 in JSON) no text may hold: PostgreSQL would refuse the whole import; the request
  // guard (input.ts) never saw this body, parsed only here, so the same check is made here
  const nul = /\\u0000/i.test(text) ? nulAt(body, '', true) : undefined;
  if (nul !== undefined) return { result: failed(nul || '(body)', 'holds a NUL character (U+0000), which no text may hold; delete it'), hash: sha256(JSON.stringify(body)) };
  return { result: readParsed(body, known, opts), hash: sha256(JSON.stringify(body)) };
}

/** The interchange JSON, or a CSV pair sent as {"csv": {"subjects": …, "facts": …}}. */
function readParsed(body: unknown, known: Known, opts: ReadOptions): ReadResult {
  const csv = (body as { csv?: unknown } | null)?.csv;
  if (csv === undefined) return readObject(body, known, opts);
  const c = csv as Record<string, unknown>;
  if (typeof c.subjects !== 'string' || typeof c.facts !== 'string') return failed('csv', 'give the text of both files: {"csv": {"subjects": "…", "facts": "…"}}');
  return readCsv(c as never, known, opts);
}

/** An .xlsx or CSV pair from disk (the readers refuse a NUL in a cell themselves); its problems name the files as the client did. */
async function readSpooled(upload: Extract<Upload, { kind: 'file' }>, known: Known, opts: ReadOptions): Promise<ReadResult> {
  const r = await readFile(upload.path, known, opts);
  const named = (p: Problem): Problem => ({ ...p, path: nameAsSent(p.path, upload.path, upload.names) });
  return r.ok ? { ...r, warnings: r.warnings.map(named) } : { ...r, problems: r.problems.map(named) };
}

/** A problem's path with the temporary file's path or name replaced by the one the client sent (or `(file)`). */
function nameAsSent(path: string, spooled: string, names: Readonly<Record<string, string>>): string {
  if (path === spooled) return names[basename(spooled)] ?? '(file)';
  const dir = spooled.slice(0, spooled.length - basename(spooled).length);
  const local = path.startsWith(dir) ? path.slice(dir.length) : path;
  const file = /^upload\.[a-z.]+/.exec(local)?.[0];
  // a part not sent (a facts file left out) is named by its field: facts
  return file === undefined ? local : (names[file] ?? file.replace(/^upload\.|\.csv$/g, '')) + local.slice(file.length);
}
