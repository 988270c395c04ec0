/**
 * 测算 runs: the year's evaluation from the database, stored immutably; the policy simulator (a run
 * with draft changes, marked 模拟, official only when promoted); the award list (公示) with filters,
 * totals and .xlsx/CSV export; and the comparison of two runs. A run belongs to the jurisdiction of
 * the account that made it. Readers see the runs of their own region, of the regions inside it and
 * of those above it — and in any run only the rows of subjects inside their jurisdiction.
 * Enterprise users see their own rows of official runs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AwardList, AwardsQuery, CompareParams, Comparison, errorResponses, Job, NewRun, Promotion, Rerun, Run, RunCreated, RunDetail, RunList, RunParams,
  PageQuery, type Run as RunView,
} from '@duixian/api';
import { compareEvaluations, DraftError, fenOf, switchProblems, type AwardRow, type Change, type Corpus, type Subject, type SubjectKind } from '@duixian/engine';
import { byId, CORPUS, DOCUMENT_IDS, isWithin, KNOWN, REGION_TABLE } from '@duixian/corpus';
import { awardTotals, filterAwards, noticeCsv, noticeXlsx, readObject, type AwardFilter, type NoticeContext } from '@duixian/interchange';
import { createRun, deviationsOf, jsonValue, promoteRun, rerun, type Account, type Deviation, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import type { YearData } from '../year-data.js';
import type { Jobs } from '../jobs.js';
import type { PlatformCorpus } from '../platform-corpus.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, EVERYONE, overlappingRegions, overlaps, PROVINCE, READERS, seesAll } from '../auth/access.js';
import { pageOf } from '../paging.js';
import { subjectsInScope } from '../scope.js';
import { XLSX } from './imports.js';

interface RunRecord {
  readonly id: string;
  readonly kind: 'official' | 'simulation';
  readonly promoted: boolean;
  readonly year: number;
  readonly by: string;
  readonly at: Date;
  /** the jurisdiction of the account that made it (the province for runs made outside the API) */
  readonly scope: string;
  readonly inputHash: string;
  readonly resultHash: string;
  readonly corpusVersion: string;
  /** the corpus version it was decided with (corpus_versions.hash; POST /api/runs/:id/rerun reads it again), null before versions were kept */
  readonly corpusHash: string | null;
  readonly engineVersion: string;
  readonly options: unknown;
  readonly readings: unknown;
  /** the figures it was given that are not the law's (draft changes, its own parameters and readings) */
  readonly deviations: Deviation[];
  /** ranked rules whose peer set had members without the figure (I-rank-incomplete), with those members */
  readonly incomplete?: { rule: string; lacking: string[] }[];
}

const isOfficial = (r: RunRecord) => r.kind === 'official' || r.promoted;


type Section = AwardsQuery['section'];
type Sort = NonNullable<AwardsQuery['sort']>;

/** The list in the order asked for (the run's order otherwise); amounts compared exactly, unpriced awards last. */
function sortRows(rows: AwardRow[], sort: Sort | undefined): AwardRow[] {
  if (!sort) return rows;
  const fen = (r: AwardRow) => (r.amount === null ? null : fenOf(r.amount));
  const by: Record<Sort, (a: AwardRow, b: AwardRow) => number> = {
    amount: (a, b) => (fen(a) ?? Infinity) - (fen(b) ?? Infinity),
    '-amount': (a, b) => (fen(b) ?? -Infinity) - (fen(a) ?? -Infinity),
    subject: (a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
    rule: (a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  };
  return [...rows].sort((a, b) => by[sort](a, b) || 0);
}

export function runRoutes(store: Store, years: YearData, jobs: Jobs, corpora: PlatformCorpus) {
  /** Runs with what a reader sees of them: the creator's jurisdiction, and whether a promotion made them official. */
  const runs = () => store.db.selectFrom('runs').leftJoin('accounts', 'accounts.username', 'runs.by')
    .select(['runs.id', 'kind', 'year', 'by', 'at', 'input_hash', 'result_hash', 'corpus_version', 'corpus_hash', 'engine_version', 'options', 'readings', 'incomplete', 'accounts.region'])
    .select((eb) => eb.exists(eb.selectFrom('run_promotions').select('run_id').whereRef('run_promotions.run_id', '=', 'runs.id')).as('promoted'));

  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof runs>['executeTakeFirst']>>>;
  const toRecord = (r: Row): RunRecord => ({
    id: String(r.id), kind: r.kind, promoted: Boolean(r.promoted), year: r.year, by: r.by, at: r.at, scope: r.region ?? PROVINCE,
    inputHash: r.input_hash, resultHash: r.result_hash, corpusVersion: r.corpus_version, corpusHash: r.corpus_hash, engineVersion: r.engine_version,
    options: jsonValue(r.options), readings: jsonValue(r.readings), deviations: deviationsOf(jsonValue(r.options)),
    ...(r.incomplete === null ? {} : { incomplete: jsonValue(r.incomplete) }),
  });

  async function record(id: string): Promise<RunRecord | undefined> {
    const r = await runs().where('runs.id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  /** The run if `me` may read it (404 when there is none, 403 outside the jurisdiction). */
  async function readable(me: Account, id: string): Promise<RunRecord> {
    const run = await record(id);
    if (!run) throw new ApiError(404, 'not-found', `没有测算 ${id}`, `No run ${id}`);
    const ok = me.role === 'enterprise' ? isOfficial(run) : overlaps(run.scope, me.region!);
    if (!ok) throw outsideJurisdiction(`测算 ${id} `, `Run ${id}`);
    return run;
  }

  /** A run's rows whose subjects `me` may see (everything for the province: rows of unstored subjects too). */
  const rowsInScope = (me: Account, id: string) => {
    const q = store.db.selectFrom('run_rows as r').where('r.run_id', '=', id);
    return seesAll(me) ? q : q.where('r.subject_id', 'in', subjectsInScope(store.db, me).select('id'));
  };

  /** The rows of a run's section whose subjects `me` may see, with those subjects. */
  async function visibleRows(me: Account, id: string, section: Section): Promise<{ rows: AwardRow[]; subjects: Map<string, Subject> }> {
    const q = rowsInScope(me, id).leftJoin('subjects as s', 's.id', 'r.subject_id')
      .select(['r.row', 's.id', 's.kind', 's.name', 's.region', 's.uscc']).where('r.section', '=', section);
    const rows: AwardRow[] = [];
    const subjects = new Map<string, Subject>();
    for (const r of await q.orderBy('r.seq').execute()) {
      rows.push(jsonValue<AwardRow>(r.row));
      if (r.id !== null && !subjects.has(r.id)) {
        subjects.set(r.id, { id: r.id, kind: r.kind as SubjectKind, name: r.name!, tags: [], ...(r.region ? { region: r.region } : {}), ...(r.uscc ? { uscc: r.uscc } : {}) });
      }
    }
    return { rows, subjects };
  }

  const view = (r: RunRecord): RunView => ({ ...r, at: r.at.toISOString(), official: isOfficial(r), simulation: r.kind === 'simulation' });
  /**
   * The corpus a stored run was decided with, so that a later publication changing or removing its
   * rules does not rename its awards; the one in force for runs stored before versions were kept.
   */
  const lawOf = async (run: RunRecord): Promise<Corpus> => (await corpora.ofRun(run.corpusHash)).corpus;
  const context = (law: Corpus, subjects: Map<string, Subject>): NoticeContext => ({ subjects, ...byId(law), regions: REGION_TABLE });

  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/api/runs', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['测算'], summary: '测算：从数据库评估一个年度并保存；有修改或 simulation:true 即为模拟',
        description: 'Evaluate a year from the database and store the run; changes (draft amounts, thresholds, caps) or simulation:true make it a simulation. With Prefer: respond-async, 202 and the job.',
        body: NewRun,
        response: { 201: RunCreated, 202: Job, ...errorResponses(400, 401, 403, 422, 503) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const b = req.body;
      // a reading for every document (I-pool) or for one (I-tier-range@jiyang-2021-80), as the corpus declares them
      const problems = switchProblems(CORPUS, b.interpretations ?? {}).map((w) => ({ path: `interpretations.${w.key}`, message: w.message }));
      // documents of the corpus in force (not a schema enum: that is compiled once, at start)
      (b.documents ?? []).forEach((d, i) => DOCUMENT_IDS.includes(d) || problems.push({ path: `documents[${i}]`, message: `unknown document ${d}: one of ${DOCUMENT_IDS.join(', ')}` }));
      // the run's own parameters are read exactly as an imported file's parameters sheet is
      const read = readObject({ format: 'duixian/v1', year: b.year, subjects: [], facts: [], parameters: (b.parameters ?? []).map((p) => ({ ...p, year: b.year })) }, KNOWN);
      if (!read.ok) problems.push(...read.problems);
      if (problems.length) throw new ApiError(422, 'invalid-run', '测算参数有误', 'The run request has problems', problems);
      const parameters = read.ok ? read.dataset.parameters : [];
      // the law's figures are the province's to set: anyone else's changed figures are a simulation
      const ownFigures = parameters.length > 0 || Object.keys(b.interpretations ?? {}).length > 0 || (b.changes?.length ?? 0) > 0;
      const simulation = b.simulation === true || (ownFigures && me.role !== 'province-admin');
      // a simulation tries a change: one without any would only repeat the law's run, kept for good under another name
      if (b.simulation === true && !ownFigures) {
        throw new ApiError(422, 'nothing-changed', '模拟须至少修改一项金额、门槛或上限，或选择一个不同的口径', 'A simulation needs a change: draft changes, parameters or readings', [{ path: 'changes', message: 'give changes, parameters or interpretations to simulate' }]);
      }
      return jobs.respond(req, reply, 'run', 201, async (report): Promise<RunCreated> => {
        try {
          report({ phase: 'load' });
          const data = await years.current(b.year, (done, total) => report({ phase: 'load', done, total }));
          const law = await corpora.inForce(); // the province's publication in force today, else the process's own
          const run = await createRun(store, law.loaded.corpus, {
            year: b.year, by: me.username, data, onProgress: report, corpusHash: law.hash, ...(b.documents ? { documents: b.documents } : {}), ...(b.interpretations ? { interpretations: b.interpretations } : {}),
            ...(b.changes ? { changes: b.changes as readonly Change[] } : {}) /* keys checked by the engine: DraftError */, ...(simulation ? { simulation: true } : {}), ...(parameters.length ? { parameters } : {}),
          });
          return { ...run, deviations: [...run.deviations], official: run.kind === 'official', simulation: run.kind === 'simulation' };
        } catch (e) {
          if (e instanceof DraftError) throw new ApiError(422, 'invalid-draft', '模拟修改无法应用，请逐条修改', 'The draft changes cannot be applied', e.problems.map((message) => ({ path: 'changes', message })));
          throw e;
        }
      }) as Promise<RunCreated | Job>;
    });

    app.get('/api/runs', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['测算'], summary: '测算列表：本辖区、下级与上级的测算，新的在前', description: 'Runs of your jurisdiction, inside it and above it, newest first',
        querystring: PageQuery, response: { 200: RunList, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      let listed = runs();
      if (!seesAll(me)) listed = listed.where((eb) => eb.fn.coalesce('accounts.region', eb.val(PROVINCE)), 'in', overlappingRegions(me));
      const total = Number((await listed.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await listed.orderBy('runs.id', 'desc').limit(page.pageSize).offset(page.offset).execute();
      return { ...page.info(total), items: rows.map((r) => view(toRecord(r))) };
    });

    app.get('/api/runs/:id', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['测算'], summary: '一次测算：输入、哈希与您可见的条数', description: 'One run: what it was given, its hashes, and the counts you may see',
        params: RunParams, response: { 200: RunDetail, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const run = await readable(me, req.params.id);
      const counts: Record<Section, number> = { award: 0, withheld: 0, missing: 0 };
      const bySection = await rowsInScope(me, run.id).select(['r.section', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('r.section').execute();
      for (const c of bySection) counts[c.section] = Number(c.n);
      return { ...view(run), counts };
    });

    app.get('/api/runs/:id/awards', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['测算'], summary: '公示名单（或不予发放、缺数据），可筛选、合计；format=csv|xlsx 导出',
        description: '公示: the award list (or withheld / missing rows) with filters and totals; format=csv|xlsx exports it (a file, not JSON)',
        params: RunParams, querystring: AwardsQuery, response: { 200: AwardList, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const run = await readable(me, req.params.id);
      const { section = 'award', format = 'json', sort, page: _p, pageSize: _s, ...filter } = req.query;
      const { rows, subjects } = await visibleRows(me, run.id, section);
      const ctx = context(await lawOf(run), subjects);
      const chosen = sortRows(filterAwards(rows, ctx, filter as AwardFilter), sort);
      if (format !== 'json') return exportList(reply, run, chosen, ctx, format);
      const page = pageOf(req.query);
      return { run: view(run), ...page.info(chosen.length), ...(section === 'award' ? { totals: awardTotals(chosen, ctx) } : {}), items: page.slice(chosen) };
    });

    app.get('/api/runs/:id/compare/:other', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['测算'], summary: '比较两次测算：谁增加、谁减少、多少；按出资方和市合计', description: 'Who gains, who loses and by how much, from run :id to run :other; totals by funder and city',
        params: CompareParams, response: { 200: Comparison, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const [a, b] = [await readable(me, req.params.id), await readable(me, req.params.other)];
      const [before, after] = [await visibleRows(me, a.id, 'award'), await visibleRows(me, b.id, 'award')];
      const subjects = new Map([...before.subjects, ...after.subjects]);
      const cmp = compareEvaluations({ awards: before.rows }, { awards: after.rows }, (s) => { const x = subjects.get(s); return x && (x.region ?? s); }, REGION_TABLE);
      // who gains and who loses by name, as the pages show them (the id stays for the machines)
      const named = <C extends { subject: string }>(c: C) => ({ ...c, subjectName: subjects.get(c.subject)?.name ?? null });
      return { before: view(a), after: view(b), ...cmp, gainers: cmp.gainers.map(named), losers: cmp.losers.map(named) };
    });

    app.post('/api/runs/:id/rerun', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['测算'], summary: '复算：按原政策库版本、用现存数据再算一次，不写入', description: 'Decide a stored run again, with its own corpus version, on the data stored now; nothing is written. Same data, same hashes',
        params: RunParams, response: { 200: Rerun, 202: Job, ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const run = await readable(me, req.params.id);
      const hash = run.corpusHash;
      if (hash === null) {
        throw new ApiError(409, 'corpus-not-kept', `测算 ${run.id} 早于政策库版本留存，无法按其原政策库复算`, `Run ${run.id} was made before corpus versions were kept: its corpus cannot be read again`);
      }
      return jobs.respond(req, reply, 'rerun', 200, async (report): Promise<Rerun> => {
        report({ phase: 'load' });
        const law = (await corpora.version(hash))!; // kept before the run was stored (a foreign key)
        const again = await rerun(store, run.id, law.corpus, await years.current(run.year));
        const same = again.inputHash === run.inputHash && again.resultHash === run.resultHash;
        return { run: run.id, corpusHash: hash, stored: { inputHash: run.inputHash, resultHash: run.resultHash }, rerun: { inputHash: again.inputHash, resultHash: again.resultHash }, same };
      }) as Promise<Rerun | Job>;
    });

    app.post('/api/runs/:id/promote', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['测算'], summary: '将模拟确认为正式结果（使用非政策文件数字的，仅省级）',
        description: 'Make a simulation official (recorded on its own; the run never changes); one with figures other than the law\'s: the province only',
        params: RunParams, body: Promotion, response: { 200: Run, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const run = await readable(me, req.params.id);
      if (!isWithin(run.scope, me.region!)) throw outsideJurisdiction(`测算 ${run.id} 的发起地区 `, `The region of run ${run.id}`);
      if (isOfficial(run)) throw new ApiError(409, 'already-official', `测算 ${run.id} 已是正式结果`, `Run ${run.id} is already official`);
      if (run.deviations.length && me.role !== 'province-admin') {
        throw new ApiError(403, 'province-only', `测算 ${run.id} 使用了与政策文件不同的数字或口径（${run.deviations.length} 处），只有省级管理员可以将其确定为正式结果`,
          `Run ${run.id} uses ${run.deviations.length} figure(s) or reading(s) other than the law's; only the province administrator may make it official`, run.deviations.map((d) => ({ path: d.kind, message: describeDeviation(d) })));
      }
      await promoteRun(store, run.id, me.username, req.body.reason);
      return view((await record(run.id))!);
    });
  };
}

const describeDeviation = (d: Deviation): string =>
  d.kind === 'reading' ? `${d.id}=${d.value}` : d.kind === 'change' ? `${d.rule} ${d.key} → ${d.value}` : `${d.rule} ${d.year} ${d.key} = ${d.value}`;

async function exportList(reply: FastifyReply, run: RunRecord, rows: AwardRow[], ctx: NoticeContext, format: 'csv' | 'xlsx') {
  const title = `${run.year}年度政策兑现拟奖励名单（测算 ${run.id}${isOfficial(run) ? '' : '，模拟'}）`;
  const name = `duixian-run-${run.id}-${run.year}.${format}`;
  void reply.header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`公示名单-${name}`)}`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(noticeCsv(rows, ctx));
  return reply.type(XLSX).send(Buffer.from(await noticeXlsx({ year: run.year }, rows, ctx, title)));
}

