/**
 * A document folder uploaded as a .zip (`<document id>/document.yaml`, `…/rules.yaml`, `…/cases/x.yaml`)
 * → its files as text, by path. The zip's directory is read as the .xlsx check reads it
 * (@duixian/interchange); every size is held to a limit BEFORE an entry is inflated (what the
 * directory declares) and WHILE it is (zlib's maxOutputLength), so a crafted zip cannot make the
 * server inflate more than it agreed to.
 */
import { inflateRawSync } from 'node:zlib';
import { centralDirectory, dataStart, type ZipEntry } from '@duixian/interchange';

export interface ZipLimits {
  /** bytes of the .zip as sent */
  readonly zipBytes: number;
  /** bytes of all its files inflated */
  readonly inflatedBytes: number;
  readonly entries: number;
}

const MB = 2 ** 20;
/** A document folder is some hundred KB (the largest of the five, with its cases, ~200 KB): room to spare. */
export const CORPUS_ZIP_LIMITS: ZipLimits = { zipBytes: 8 * MB, inflatedBytes: 32 * MB, entries: 2000 };

export interface ZipProblem { readonly path: string; readonly message: string }
export type ZipRead = { readonly ok: true; readonly files: Map<string, string> } | { readonly ok: false; readonly tooLarge?: boolean; readonly problems: ZipProblem[] };

const refused = (path: string, message: string, tooLarge = false): ZipRead => ({ ok: false, ...(tooLarge ? { tooLarge } : {}), problems: [{ path, message }] });
const NOT_A_ZIP = 'not a .zip file: compress the document\'s folder (右键“压缩”), with the folder itself at the top';

/** The files a corpus reads: a document's .yaml files, its text.txt, and its cases/*.yaml. */
const CORPUS_FILE = /^[a-z0-9][a-z0-9-]*\/(?:[a-z-]+\.yaml|text\.txt|cases\/[^/]+\.yaml)$/;
/** What archivers add on their own: skipped. */
const NOISE = /(?:^|\/)(?:__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(?:\/|$)|\/$/;

export function readCorpusZip(bytes: Uint8Array, limits: ZipLimits = CORPUS_ZIP_LIMITS): ZipRead {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (zip.length > limits.zipBytes) return refused('(file)', `the .zip is ${zip.length} bytes; at most ${limits.zipBytes} are read (文件过大)`, true);
  const entries = centralDirectory(zip);
  if (entries === undefined) return refused('(file)', NOT_A_ZIP);
  if (entries.length > limits.entries) return refused('(file)', `the .zip holds ${entries.length} entries; a document folder has at most ${limits.entries}`, true);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.inflatedBytes) return refused('(file)', `the .zip inflates to ${declared} bytes, as its directory declares; at most ${limits.inflatedBytes} are read (文件过大)`, true);
  const files = new Map<string, string>();
  const problems: ZipProblem[] = [];
  for (const e of entries) {
    if (NOISE.test(e.name)) continue;
    if (!CORPUS_FILE.test(e.name)) {
      problems.push({ path: e.name, message: 'not a file of a document folder: a folder named for the document id holding document.yaml, rules.yaml, measures.yaml, targets.yaml, not-computable.yaml, text.txt and cases/*.yaml (文件不属于政策文件目录)' });
      continue;
    }
    const text = entryText(zip, e);
    if (typeof text === 'string') files.set(e.name, text);
    else problems.push({ path: e.name, message: text.problem });
  }
  if (problems.length) return { ok: false, problems };
  if (files.size === 0) return refused('(file)', 'the .zip holds no document folder: put the document\'s files in a folder named for its id, and compress that folder');
  return { ok: true, files };
}

/** An entry's bytes inflated to at most what the directory declared, as UTF-8 text without NUL. */
function entryText(zip: Buffer, e: ZipEntry): string | { problem: string } {
  const start = dataStart(zip, e);
  if (start === undefined || start + e.compressed > zip.length) return { problem: 'the entry is damaged: compress the folder again' };
  const data = zip.subarray(start, start + e.compressed);
  let raw: Buffer;
  try {
    if (e.method === 0) raw = data;
    else if (e.method === 8) raw = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
    else return { problem: `compressed with method ${e.method}: use an ordinary zip (deflate)` };
  } catch {
    return { problem: 'the entry inflates beyond the size the zip declares, or is damaged: compress the folder again (文件已损坏)' };
  }
  if (raw.length !== e.size) return { problem: 'the entry inflates to another size than the zip declares: compress the folder again (文件已损坏)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { problem: 'not UTF-8 text: save the file as UTF-8 (请以UTF-8编码保存)' };
  }
  return text.includes('\u0000') ? { problem: 'holds a NUL character (U+0000), which no text may hold; delete it' } : text;
}
