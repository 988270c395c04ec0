/**
 * 政策库 versions (issue 15 point 5): the province administrator uploads a document folder as a
 * .zip; it is read with the corpus in force (a new document, or a new version of one replacing
 * its folder), validated as `duixian check` validates (every file against its schema, the law's
 * words, the documents' own cases), kept as a draft only when nothing is wrong, and shown with
 * what it would cost on the year's stored data. Published with an effective date and a reason,
 * it is the corpus runs use from that date. Nobody else uploads or publishes.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CorpusVersions, Draft, DraftQuery, errorResponses, HashParams, Job, Publication, Published, type CorpusVersion as VersionView } from '@duixian/api';
import { compareEvaluations, evaluate, fenOf, yuanString, type Corpus, type Evaluation } from '@duixian/engine';
import { checkLoaded, corpusFromFiles, CorpusFileError, type CorpusProblem, type LoadedCorpus } from '@duixian/corpus';
import { keepCorpusVersion, listCorpusVersions, publishCorpusVersion, readCorpusVersion, type CorpusVersion, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard } from '../auth/guard.js';
import { processError } from '../process.js';
import type { YearData } from '../year-data.js';
import type { Jobs } from '../jobs.js';
import type { PlatformCorpus } from '../platform-corpus.js';
import { CORPUS_ZIP_LIMITS, readCorpusZip, type ZipLimits } from '../corpus-zip.js';

const PROVINCE_ONLY = ['province-admin'] as const;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** The corpus's files with each uploaded document's folder in place of the one of the same id. */
function withFolders(current: ReadonlyMap<string, string>, uploaded: ReadonlyMap<string, string>): Map<string, string> {
  const replaced = new Set([...uploaded.keys()].map((p) => p.split('/')[0]!));
  const files = new Map([...current].filter(([p]) => !replaced.has(p.split('/')[0]!)));
  for (const [p, text] of uploaded) files.set(p, text);
  return files;
}

const fileProblems = (e: CorpusFileError) => new ApiError(422, 'invalid-corpus-files',
  `政策文件有 ${e.problems.length} 处格式问题，未保存任何内容；请按 文件:行 字段 逐条修改后重新上传`,
  `${e.problems.length} problem(s) in the files; nothing was kept. Fix each at its file:line field and upload again`,
  e.problems.map((p) => ({ path: `${p.file}:${p.line}${p.field ? ` ${p.field}` : ''}`, message: p.message })));

const checkProblems = (problems: readonly CorpusProblem[]) => new ApiError(422, 'corpus-check-failed',
  `政策文件未通过校验（数字与原文、用语、案例），共 ${problems.length} 处，未保存任何内容`,
  `${problems.length} problem(s) found by the check (figures and words against the text, declared words, the document's cases); nothing was kept`,
  problems.map((p) => ({ path: p.where, message: p.message })));

/** A version with its times as ISO text. */
const versionView = (v: CorpusVersion): VersionView => ({ ...v, storedAt: v.storedAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null });

/** One document's awards in money, before (the corpus in force) and after (the draft), in yuan. */
export interface DocumentCost { readonly document: string; readonly title: string; readonly current: string; readonly draft: string; readonly delta: string }

function moneyByDocument(e: Evaluation): Map<string, number> {
  const fen = new Map<string, number>();
  for (const a of e.awards) if (a.type === 'money' && a.amount !== null) fen.set(a.document, (fen.get(a.document) ?? 0) + fenOf(a.amount));
  return fen;
}

/** What the draft would pay on the year's data, per document, against the corpus in force. */
function costOf(current: Corpus, draft: Corpus, before: Evaluation, after: Evaluation) {
  const [b, a] = [moneyByDocument(before), moneyByDocument(after)];
  const titles = new Map([...current.documents, ...draft.documents].map((d) => [d.id, d.title]));
  const documents: DocumentCost[] = [...titles].map(([document, title]) => {
    const [x, y] = [b.get(document) ?? 0, a.get(document) ?? 0];
    return { document, title, current: yuanString(x), draft: yuanString(y), delta: yuanString(y - x) };
  });
  const { total, byFunder } = compareEvaluations(before, after, () => undefined);
  return { documents, total, byFunder };
}

export function corpusDraftRoutes(store: Store, corpora: PlatformCorpus, years: YearData, jobs: Jobs, limits: ZipLimits = CORPUS_ZIP_LIMITS) {
  /** What `check` finds of the corpus in force, by hash: an upload answers for the problems it adds, not for those already there. */
  const baselines = new Map<string, Set<string>>();
  const key = (p: CorpusProblem) => `${p.where}\u0000${p.message}`;
  const baseline = (hash: string, loaded: LoadedCorpus): Set<string> => {
    let known = baselines.get(hash);
    if (!known) baselines.set(hash, known = new Set(checkLoaded(loaded).problems.map(key)));
    return known;
  };

  /** The year the simulation is of: the one asked, else the latest with stored facts; none without data. */
  async function yearOf(asked: number | undefined): Promise<number | undefined> {
    if (asked !== undefined) return asked;
    const r = await store.db.selectFrom('facts').select((eb) => eb.fn.max('year').as('year')).executeTakeFirst();
    return r?.year ?? undefined;
  }

  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer', bodyLimit: limits.zipBytes }, (_req, body, done) => done(null, body));

    app.get('/api/corpus/versions', {
      preHandler: guard(store, PROVINCE_ONLY),
      schema: {
        tags: ['政策库'], summary: '保存的每个政策库版本（内置、草案、已发布），新的在前，及今日生效的版本', description: 'Every corpus version kept (built-in, draft, published), newest first, and the one runs use today',
        response: { 200: CorpusVersions, ...errorResponses(401, 403) },
      },
    }, async () => ({ inForce: (await corpora.inForce()).hash, items: (await listCorpusVersions(store)).map(versionView) }));

    app.post('/api/corpus/drafts', {
      preHandler: guard(store, PROVINCE_ONLY),
      schema: {
        tags: ['政策库'], summary: '上传文件夹（.zip）：按现行政策库校验，保存为草案，并测算其在该年度数据上的资金',
        description: 'Upload a document folder (.zip of <document id>/…, Content-Type: application/zip): validated with the corpus in force, kept as a draft, and its cost on the year\'s data',
        querystring: DraftQuery, response: { 201: Draft, 202: Job, ...errorResponses(400, 401, 403, 413, 415, 422, 503) },
      },
    }, async (req, reply) => jobs.respond(req, reply, 'corpus-draft', 201, async (report): Promise<Draft> => {
      const me = accountOf(req);
      if (!(req.body instanceof Uint8Array)) throw new ApiError(415, 'not-a-zip', '请上传 .zip 文件（Content-Type: application/zip）', 'Send the .zip as the body, with Content-Type: application/zip');
      report({ phase: 'read' });
      const zip = readCorpusZip(req.body, limits);
      if (!zip.ok) {
        if (zip.tooLarge) throw new ApiError(413, 'too-large', '压缩包超出限制，未保存任何内容', 'The .zip is beyond what is read; nothing was kept', zip.problems);
        throw new ApiError(422, 'invalid-zip', `压缩包有 ${zip.problems.length} 处问题，未保存任何内容`, `${zip.problems.length} problem(s) in the .zip; nothing was kept`, zip.problems);
      }
      report({ phase: 'check' });
      const current = await corpora.inForce();
      const files = withFolders(current.loaded.files, zip.files);
      let draft: LoadedCorpus;
      try {
        draft = corpusFromFiles(files);
      } catch (e) {
        if (e instanceof CorpusFileError) throw fileProblems(e);
        throw e;
      }
      const known = baseline(current.hash, current.loaded);
      const added = checkLoaded(draft).problems.filter((p) => !known.has(key(p)));
      if (added.length) throw checkProblems(added);
      const kept = await keepCorpusVersion(store, { files, version: draft.corpus.version, state: 'draft', by: me.username });
      report({ phase: 'simulate' });
      const year = await yearOf(req.query.year);
      let simulation;
      if (year !== undefined) {
        const { dataset } = await years.current(year);
        const [before, after] = [evaluate(current.loaded.corpus, dataset, { year }), evaluate(draft.corpus, dataset, { year })];
        simulation = { year, against: current.hash, ...costOf(current.loaded.corpus, draft.corpus, before, after) };
      }
      const documents = [...new Set([...zip.files.keys()].map((p) => p.split('/')[0]!))];
      return {
        version: versionView((await readCorpusVersion(store, kept.hash))!), kept: kept.kept, documents,
        replaced: documents.filter((d) => current.loaded.corpus.documents.some((x) => x.id === d)), simulation: simulation ?? null,
      };
    }) as Promise<Draft | Job>);

    app.post('/api/corpus/drafts/:hash/publish', {
      preHandler: guard(store, PROVINCE_ONLY),
      schema: {
        tags: ['政策库'], summary: '发布草案：自生效日（北京时间）起测算使用；记录发布人与理由', description: 'Publish a draft: from its effective date (Beijing), runs use it; audited with who and why',
        params: HashParams, body: Publication, response: { 200: Published, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const me = accountOf(req);
      try {
        const version = await publishCorpusVersion(store, req.params.hash, { ...req.body, by: me.username });
        corpora.recheck(); // effective today: every page reads it from the next request
        return { version: versionView(version), inForce: (await corpora.inForce()).hash };
      } catch (e) {
        return processError(e);
      }
    });
  };
}
