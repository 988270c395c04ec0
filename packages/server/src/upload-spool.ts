/**
 * An uploaded dataset's body goes to disk as it arrives, never whole into memory: a private
 * temporary directory (os.tmpdir(), mode 0700) per request, one file per part, counted against
 * the limit as the bytes pass. Past the limit the rest of the body is drained unread, the
 * directory removed and the request refused (413); a client that goes away mid-body leaves
 * nothing behind either. The reading worker then reads the files by path (upload-read.ts).
 *
 * The files are named so that `readFile` of @duixian/interchange tells the format by the name:
 * `upload.xlsx`, `upload.json`, `upload.subjects.csv` + `upload.facts.csv` (…).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Busboy from 'busboy';
import { ApiError } from './errors.js';

/** The parts of a CSV dataset a multipart upload may carry, as form-data file fields of these names. */
export const CSV_PARTS = ['subjects', 'facts', 'history', 'parameters', 'interpretations'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];

/** The body was larger than `limit` bytes: nothing of it is kept. */
export class OverLimit extends Error {
  constructor(readonly limit: number) {
    super(`the body is larger than ${limit} bytes`);
  }
}

/** One file written: where, its sha256, and the name the client gave it (multipart) if any. */
export interface SpooledFile {
  readonly path: string;
  readonly sha256: string;
  readonly sentAs?: string;
}

/** A private directory holding one request's body; `remove` (safe to call again) deletes it. */
export class Spool {
  /** bytes written so far, all files together */
  private received = 0;
  private gone?: Promise<void>;

  private constructor(readonly dir: string, readonly limit: number) {}

  static async open(limit: number): Promise<Spool> {
    return new Spool(await mkdtemp(join(tmpdir(), 'duixian-upload-')), limit);
  }

  remove(): Promise<void> {
    return (this.gone ??= rm(this.dir, { recursive: true, force: true }));
  }

  /**
   * `source` written to the file `name` here until it ends. Rejects with OverLimit when the bytes
   * (of all this spool's files) pass the limit, or with the source's error when it fails (the
   * client gone): the source is then left unread (the caller drains or discards it).
   */
  write(source: Readable, name: string, sentAs?: string): Promise<SpooledFile> {
    const path = join(this.dir, name);
    const hash = createHash('sha256');
    return new Promise((resolve, reject) => {
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        source.removeListener('data', onData);
        out.destroy();
        reject(e);
      };
      const onData = (chunk: Buffer) => {
        this.received += chunk.length;
        if (this.received > this.limit) return fail(new OverLimit(this.limit));
        hash.update(chunk);
        // a disk slower than the network: stop reading until the file catches up
        if (!out.write(chunk)) {
          source.pause();
          out.once('drain', () => source.resume());
        }
      };
      let ended = false;
      source.on('data', onData);
      source.once('end', () => { ended = true; if (!failed) out.end(); });
      source.on('error', fail);
      source.once('close', () => { if (!ended) fail(new Error('the upload was cut off before its end')); });
      out.once('error', fail);
      out.once('finish', () => { if (!failed) resolve({ path, sha256: hash.digest('hex'), ...(sentAs === undefined ? {} : { sentAs }) }); });
    });
  }
}

/** A body spooled: its files, and what the reader is given (the .xlsx, the .json, or the CSV pair's subjects file). */
export interface Spooled {
  readonly spool: Spool;
  readonly kind: 'xlsx' | 'json' | 'csv';
  /** the path `readFile` reads (for a CSV pair, its subjects file: the rest are found beside it) */
  readonly path: string;
  readonly files: readonly SpooledFile[];
}

const tooLarge = (limit: number) => new ApiError(413, 'too-large',
  `上传内容超过 ${limit.toLocaleString('en-US')} 字节，未导入任何内容；请拆分文件后分别导入`,
  `The upload is larger than ${limit.toLocaleString('en-US')} bytes; nothing was imported. Split the file and import the parts`,
  [{ path: '(body)', message: `at most ${limit.toLocaleString('en-US')} bytes are read: split the file into several (文件过大：请拆分)` }]);

/** What a failed spooling is answered with: 413 past the limit; a cut-off body is a 400 (the client is gone and will not see it). */
const refusal = (e: unknown) => (e instanceof OverLimit ? tooLarge(e.limit) : e instanceof ApiError ? e : new ApiError(400, 'upload-cut-off', '上传中断，未导入任何内容', 'The upload was cut off; nothing was imported'));

/** Refused at once when the client declares more than the limit (Content-Length), before a byte is read. */
function declaredOver(headers: IncomingHttpHeaders, limit: number): ApiError | undefined {
  const declared = Number(headers['content-length']);
  return Number.isFinite(declared) && declared > limit ? tooLarge(limit) : undefined;
}

/** The whole body into one file `name` of a new spool. */
export async function spoolBody(payload: Readable, headers: IncomingHttpHeaders, limit: number, kind: 'xlsx' | 'json'): Promise<Spooled> {
  const over = declaredOver(headers, limit);
  if (over) throw over;
  const spool = await Spool.open(limit);
  try {
    const file = await spool.write(payload, `upload.${kind}`);
    return { spool, kind, path: file.path, files: [file] };
  } catch (e) {
    await spool.remove();
    throw refusal(e);
  }
}

const partProblem = (path: string, en: string, zh: string) => new ApiError(400, 'bad-upload', zh, en, [{ path, message: en }]);

/**
 * A multipart/form-data body of CSV files, each in a field named for its part (subjects, facts,
 * and optionally history, parameters, interpretations), each written to `upload.<part>.csv` as
 * it arrives. A field of another name, a part given twice, text fields, or a missing subjects
 * file: 400 naming the field; nothing is kept.
 */
export async function spoolCsvParts(payload: Readable, headers: IncomingHttpHeaders, limit: number): Promise<Spooled> {
  const over = declaredOver(headers, limit);
  if (over) throw over;
  const spool = await Spool.open(limit);
  try {
    const files = await new Promise<SpooledFile[]>((resolve, reject) => {
      let failed = false;
      const written: Promise<SpooledFile>[] = [];
      const seen = new Set<string>();
      // file names as browsers send them: UTF-8 (县里.facts.csv), not busboy's default latin1
      const bb = Busboy({ headers, defParamCharset: 'utf8', limits: { fields: 0, files: CSV_PARTS.length } });
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        payload.unpipe(bb);
        payload.resume(); // the rest of the body is read and dropped, so the refusal can be answered
        bb.destroy();
        reject(e);
      };
      bb.on('file', (field, stream, info) => {
        stream.on('error', () => {}); // a part cut short fails the whole body, below
        if (failed) return void stream.resume();
        const part = CSV_PARTS.find((p) => p === field);
        if (!part || seen.has(part)) {
          stream.resume();
          return fail(part
            ? partProblem(field, `the ${part} file was given twice`, `${part} 文件重复`)
            : partProblem(field, `a CSV upload's files are named subjects, facts, history, parameters or interpretations, not ${field}`, `CSV 文件字段名须为 subjects、facts、history、parameters 或 interpretations`));
        }
        seen.add(part);
        const w = spool.write(stream, `upload.${part}.csv`, info.filename);
        w.catch(fail);
        written.push(w);
      });
      bb.on('field', (field) => fail(partProblem(field, 'send each CSV file as a file part, not as a text field', '请以文件形式上传 CSV')));
      bb.on('fieldsLimit', () => fail(partProblem('(body)', 'send each CSV file as a file part, not as a text field', '请以文件形式上传 CSV')));
      bb.on('filesLimit', () => fail(partProblem('(body)', `at most ${CSV_PARTS.length} files`, `最多 ${CSV_PARTS.length} 个文件`)));
      bb.on('error', fail);
      bb.on('close', () => {
        if (failed) return;
        Promise.all(written).then((all) => {
          // a bureau's wide subjects file carries its facts itself: whether facts are missing is the reader's to say
          if (!seen.has('subjects')) fail(partProblem('subjects', 'a CSV import needs its subjects file (and a facts file, unless the subjects file carries indicator columns such as 网络零售额(2023))', 'CSV 导入需上传 subjects 文件（以及 facts 文件；主体文件带指标列如 网络零售额(2023) 时可不传）'));
          else resolve(all);
        }, fail);
      });
      payload.once('error', fail);
      payload.once('close', () => { if (!payload.readableEnded) fail(new Error('cut off')); });
      payload.pipe(bb);
    });
    return { spool, kind: 'csv', path: files.find((f) => f.path.endsWith('upload.subjects.csv'))!.path, files };
  } catch (e) {
    await spool.remove();
    throw refusal(e);
  }
}
