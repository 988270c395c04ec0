/**
 * An uploaded dataset's body → what the readers make of it, and the hash recorded with the import.
 * The same function runs in the reading worker (upload-worker.ts) and, for a small JSON body
 * already parsed, in place (uploads.ts). It imports no more than the readers, so a worker starts fast.
 */
import { createHash } from 'node:crypto';
import { nulAt } from './nul.js';
import { readCsv, readObject, readXlsx, type Known, type ReadOptions, type ReadResult } from '@duixian/interchange';

/** A body as the import route received it: the .xlsx's bytes, JSON text not yet parsed, or JSON parsed. */
export type Upload =
  | { readonly kind: 'xlsx'; readonly bytes: Uint8Array }
  | { readonly kind: 'json'; readonly bytes: Uint8Array }
  | { readonly kind: 'object'; readonly body: unknown };

export interface UploadRead {
  readonly result: ReadResult;
  /** sha256 of the .xlsx's bytes, or of the JSON as parsed and written again (so every JSON of the same data has one) */
  readonly hash: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const failed = (path: string, message: string): ReadResult => ({ ok: false, problems: [{ path, message }] });

export async function readUpload(upload: Upload, known: Known, opts: ReadOptions): Promise<UploadRead> {
  if (upload.kind === 'xlsx') return { result: await readXlsx(upload.bytes, known, opts), hash: sha256(upload.bytes) };
  let body = upload.kind === 'object' ? upload.body : undefined;
  let text = '';
  if (upload.kind === 'json') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(upload.bytes);
      body = JSON.parse(text);
    } catch (e) {
      return { result: failed('(body)', `not valid UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`), hash: sha256(upload.bytes) };
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
