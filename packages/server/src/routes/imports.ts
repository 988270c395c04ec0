/**
 * 数据导入 through the API: the interchange JSON, a CSV pair (multipart/form-data files named
 * subjects and facts, or {"csv": {"subjects": …, "facts": …}}) or the Excel template (the file's
 * bytes). A body is streamed to a temporary file as it arrives (upload-spool.ts) and read from
 * there in a worker, its progress reported in rows (`Prefer: respond-async`). Validated exactly as `duixian evaluate` validates,
 * then checked against the caller's jurisdiction; one transaction, all or nothing; every problem
 * is listed with its place (sheet, row and column, or JSON path).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, ImportAnswer, ImportLog, ImportQuery, Job, PageQuery } from '@duixian/api';
import { UPLOAD_LIMITS, type Problem, type UploadLimits } from '@duixian/interchange';
import { jsonValue, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard } from '../auth/guard.js';
import { ADMINS, READERS, regionsWithin, seesAll } from '../auth/access.js';
import { pageOf } from '../paging.js';
import type { YearData } from '../year-data.js';
import type { Jobs, Report } from '../jobs.js';
import { UploadReader } from '../uploads.js';
import type { Upload } from '../upload-read.js';
import { checkAndImport, type ImportAsk, type ImportOutcome } from '../upload-import.js';
import { spoolBody, spoolCsvParts, type Spooled } from '../upload-spool.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const invalid = (problems: readonly Problem[]) =>
  new ApiError(422, 'invalid-data', `数据有 ${problems.length} 处问题，未导入任何内容；请逐条修改后重新导入`, `${problems.length} problem(s); nothing was imported. Fix each and import again`, problems);

/** Refused for its size (limits.ts): 413, what and the limit and what to do in each detail. */
const tooLarge = (problems: readonly Problem[]) =>
  new ApiError(413, 'too-large', '文件超出导入限制（文件大小、解压后大小或单元格数），未导入任何内容；请拆分文件，或改用CSV导入', 'The file is beyond what an import reads (its size, inflated size or cells); nothing was imported. Split it, or import it as CSV', problems);

/** JSON bodies below this are parsed in place (about a millisecond a 100 KB); larger ones in the worker. */
const PARSE_IN_PLACE = 256 * 2 ** 10;

/** A body spooled to disk (upload-spool.ts), told from a parsed JSON body. */
const isSpooled = (body: unknown): body is Spooled => typeof body === 'object' && body !== null && 'spool' in body && 'files' in body;

function uploadOf(body: Spooled | { parsed: unknown }): Upload {
  if (!('spool' in body)) return { kind: 'object', body: body.parsed };
  if (body.kind === 'json') return { kind: 'json', path: body.path };
  // the hash of an .xlsx is that of its bytes; of a CSV pair, that of its files' hashes in the order of their names
  const files = [...body.files].sort((a, b) => a.path.localeCompare(b.path));
  const hash = files.length === 1 ? files[0]!.sha256 : createHash('sha256').update(files.map((f) => f.sha256).join('\n')).digest('hex');
  const names = Object.fromEntries(files.flatMap((f) => (f.sentAs ? [[basename(f.path), f.sentAs]] : [])));
  return { kind: 'file', path: body.path, hash, names };
}

/**
 * The request's body, taken by its handler: a spooled one is then the handler's to remove (when
 * the import or its job ends); one never taken (a refused request) is removed when the response is sent.
 */
const taken = new WeakSet<Spooled>();
function take(req: FastifyRequest): Spooled | { parsed: unknown } {
  if (!isSpooled(req.body)) return { parsed: req.body };
  taken.add(req.body);
  return req.body;
}

export function importRoutes(store: Store, years: YearData, jobs: Jobs, limits: UploadLimits = UPLOAD_LIMITS) {
  const reader = new UploadReader(limits);
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    // Bodies streamed to disk, for this route only (the rest of the API keeps its 20 MB in memory):
    // an .xlsx or JSON up to the file limit (as sent: an .xlsx compressed), a CSV pair up to its own
    app.addContentTypeParser([XLSX, 'application/octet-stream'], (req: FastifyRequest, payload: Readable) => spoolBody(payload, req.headers, limits.fileBytes, 'xlsx'));
    app.addContentTypeParser('multipart/form-data', (req: FastifyRequest, payload: Readable) => spoolCsvParts(payload, req.headers, limits.csvBytes));
    const json = app.getDefaultJsonParser('error', 'error'); // Fastify's own, as every other route has it
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', async (req: FastifyRequest, payload: Readable) => {
      const spooled = await spoolBody(payload, req.headers, limits.fileBytes, 'json');
      if ((await stat(spooled.path)).size >= PARSE_IN_PLACE) return spooled;
      const text = await readFile(spooled.path, 'utf8').finally(() => spooled.spool.remove());
      return new Promise((resolve, reject) => json(req, text, (e, body) => (e ? reject(e) : resolve(body))));
    });
    // a body no handler took (refused by its query, say) is removed with its request; a client gone, too
    const removeUntaken = async (req: FastifyRequest) => {
      if (isSpooled(req.body) && !taken.has(req.body)) await req.body.spool.remove();
    };
    app.addHook('onResponse', removeUntaken);
    app.addHook('onRequestAbort', removeUntaken);

    app.post<{ Querystring: ImportQuery }>('/api/imports', {
      // who may import is known from the headers: a body is not read, nor spooled, for anyone else
      onRequest: guard(store, ADMINS),
      schema: {
        tags: ['数据'], summary: '导入数据（JSON、CSV 两个文件或 .xlsx 模板）：全部导入或全部不导入',
        description: 'Import a dataset (JSON, CSV pair, or the .xlsx template): all or nothing. The body is the file: application/json, multipart/form-data (subjects, facts) or the .xlsx bytes',
        querystring: ImportQuery, response: { 200: ImportAnswer, 202: Job, ...errorResponses(400, 401, 403, 413, 422, 503) },
      },
    }, async (req, reply) => {
      const body = take(req);
      const removed = () => ('spool' in body ? body.spool.remove() : undefined);
      return jobs.respond(req, reply, 'import', 200, (report) => importBody(req, body, report).finally(removed)) as Promise<ImportAnswer | Job>;
    });
    const importBody = async (req: FastifyRequest<{ Querystring: ImportQuery }>, body: Spooled | { parsed: unknown }, report: Report) => {
      const ask: ImportAsk = { me: accountOf(req), reason: req.query.reason ?? '', name: req.query.name ?? '(upload)', dryRun: req.query.dryRun ?? false };
      report({ phase: 'read', done: 0 });
      const upload = uploadOf(body);
      // PostgreSQL: the worker that reads the file imports it too; the dataset never comes to this thread
      const outcome = store.place && upload.kind !== 'object'
        ? await reader.readAndImport(upload, req.query.year, { place: store.place, ask }, report)
        : await checkAndImport(await reader.read(upload, req.query.year, (rows) => report({ phase: 'read', done: rows })), store, ask, report);
      return answer(outcome);
    };
    /** The outcome as the response: its body, or the refusal with every problem. */
    const answer = (outcome: ImportOutcome) => {
      switch (outcome.kind) {
        case 'invalid': throw invalid(outcome.problems);
        case 'too-large': throw tooLarge(outcome.problems);
        case 'outside': {
          const n = outcome.problems.length;
          throw new ApiError(403, 'outside-jurisdiction', `数据中有 ${n} 处超出您的管辖范围，未导入任何内容`, `${n} part(s) of the data are outside your jurisdiction; nothing was imported`, outcome.problems);
        }
        case 'dry-run': return outcome.body;
        case 'imported': {
          const { importId } = outcome.body;
          if (importId !== null) {
            years.invalidate();
            // read the year now, not when someone next asks: it is held for matching and runs, and its snapshot kept
            const { year } = outcome;
            store.background(`reading ${year} after import ${importId}`, async () => void await years.current(year));
          }
          return outcome.body;
        }
      }
    };

    app.get('/api/imports', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['数据'], summary: '导入记录：辖区内账户的导入', description: 'The import log: by accounts inside your jurisdiction',
        querystring: PageQuery, response: { 200: ImportLog, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      let q = store.db.selectFrom('imports').leftJoin('accounts', 'accounts.username', 'imports.by');
      if (!seesAll(me)) q = q.where('accounts.region', 'in', regionsWithin(me.region!));
      const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q.select(['imports.id', 'imports.name', 'imports.by', 'imports.reason', 'imports.at', 'imports.counts', 'imports.file_hash'])
        .orderBy('imports.id', 'desc').limit(page.pageSize).offset(page.offset).execute();
      return { ...page.info(total), items: rows.map((r) => ({ id: String(r.id), name: r.name, by: r.by, reason: r.reason, at: r.at.toISOString(), fileHash: r.file_hash, counts: jsonValue<ImportLog['items'][number]['counts']>(r.counts) })) };
    });
  };
}
