/**
 * 申报与评审 over HTTP. An enterprise user applies for a rule that needs evidence, inside the
 * rule's window, for its own subject: a draft with the facts filled in and attachments, then
 * submitted — the engine decides the amount on those facts, or says which condition fails. Awards
 * that need no application (免申即享) are put on the list from an official run. Reviewers act at
 * their level on applications inside their jurisdiction: approve (less than a 最高 ceiling, with a
 * reason, never more), return for correction with reasons, or reject; the state machine of
 * @duixian/workflow decides what may happen, the store keeps every step. Each approval decides the
 * application again on today's data, lists and awards granted (recheck.ts): what changed is shown
 * in the detail and must be acknowledged with a reason, or the application refused. A 金额待定
 * award gets its amount from its funder (POST /api/applications/:id/amount) before the final approval.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ActionBody, AmountBody, ApplicationDetail, ApplicationPage, ApplicationQuery, ApplicationView, AttachmentParams, Attachment, BATCH_MAX, BatchBody, BatchResult,
  Binary, Enlisted, errorResponses, FactsBody, IdParams, NewApplicationBody, Todo, WindowBody, WindowSet, type BatchRow,
} from '@duixian/api';
import { fenOf, kindLabel, yuanString, type HistoryEntry, type Rule, type SubjectKind } from '@duixian/engine';
import { applicationMode, byId, CORPUS, isWithin, placeOf } from '@duixian/corpus';
import {
  act, appendAudit, applicationEvents, createApplication, enlist, jsonValue, listApplications, readApplication, saveFacts, setAmount, setWindow,
  type Account, type Application, type AutomaticEntry, type FilledFact, type Store,
} from '@duixian/store';
import { availableActions, deadlineStatus, levelOfRole, reviewState } from '@duixian/workflow';
import { ApiError } from '../errors.js';
import { accountOf, decodedHeader, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, canSeeSubject, EVERYONE, regionsWithin, seesAll, SIGNED_IN } from '../auth/access.js';
import { pageOf } from '../paging.js';
import type { YearData } from '../year-data.js';
import { decide } from '../decide.js';
import { amountOf, chainOf, chainOfDocument, processError, ruleOf, type ProcessContext } from '../process.js';
import { acknowledged, changesOf, grantedBefore } from '../recheck.js';
import { answersFor } from './budgets.js';
import type { PlatformCorpus } from '../platform-corpus.js';
import { queueFilter, subjectNames, todoOf, usedFacts, type QueueQuery } from '../review.js';


/** Attachments: what may be uploaded (with the bytes each type starts with), and how much. */
export const ATTACHMENT_TYPES: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04], // a zip
};
export const ATTACHMENT_MAX_BYTES = 10 * 2 ** 20;

/** The steps the API offers on an application (publish, pay… are other operations'). */
const API_ACTIONS = ['save', 'submit', 'approve', 'return', 'reject', 'withdraw'] as const;

const yuan = (fen: number | null) => (fen === null ? null : yuanString(fen));

export function applicationRoutes(store: Store, years: YearData, ctx: ProcessContext, corpora: PlatformCorpus) {
  /**
   * The application as the API shows it: amounts in yuan, the enterprise's name, what the caller may
   * do next, the deadline's status. Field by field: what the store keeps beside (who created it) stays in.
   */
  const view = (a: Application, me: Account, subjectName: string | null): ApplicationView => ({
    id: a.id, subjectId: a.subjectId, subjectName, rule: a.rule, document: a.document, year: a.year, mode: a.mode, state: a.state, chain: [...a.chain],
    region: a.region, funder: a.funder, decided: yuan(a.decidedFen), approved: yuan(a.approvedFen), held: yuan(a.heldFen), ceiling: a.ceiling,
    amountPending: a.amountPending, runId: a.runId, facts: [...a.facts], explanation: a.explanation as ApplicationView['explanation'], reviewDue: a.reviewDue,
    deadline: a.reviewDue ? deadlineStatus(ctx.calendar, a.reviewDue, ctx.today()) : null, version: a.version,
    actions: availableActions(a.state, me.role, a.chain).filter((x): x is ApplicationView['actions'][number] => (API_ACTIONS as readonly string[]).includes(x)),
  });
  /** One application's answer: its view with the enterprise's name. */
  const answer = async (a: Application, me: Account): Promise<ApplicationView> => view(a, me, (await subjectNames(store, [a.subjectId])).get(a.subjectId) ?? null);

  /** The application, if `me` may see it: its own enterprise, or a reader whose jurisdiction holds its region. */
  async function visible(me: Account, id: string): Promise<Application> {
    const a = await readApplication(store, id).catch(processError);
    if (me.role === 'enterprise') {
      const s = await store.db.selectFrom('subjects').select(['id', 'uscc']).where('id', '=', a.subjectId).executeTakeFirst();
      if (!s || s.uscc !== me.uscc) throw outsideJurisdiction(`申报 ${id} `, `Application ${id}`);
    } else if (!seesAll(me) && !isWithin(a.region, me.region!)) throw outsideJurisdiction(`申报 ${id} `, `Application ${id}`);
    return a;
  }

  /**
   * One step on an application, as its actor asked: submit decides it on the facts filled in; an
   * approval decides it again on today's data and goes on only if nothing changed or the change is
   * acknowledged with a reason. The single action and each row of a batch come here.
   */
  async function step(me: Account, a: Application, b: ActionBody): Promise<Application> {
    const { rule } = ruleOf(a.rule);
    const decided = b.action === 'submit' ? decideOrProblems(await years.current(a.year), a.subjectId, a.rule, a.year, a.facts, false, await grantedBefore(store, a)) : undefined;
    const acknowledgement = b.action === 'approve' ? acknowledged(await changesOf(store, years, a), b.acknowledge) : undefined;
    return act(store, a.id, {
      action: b.action, role: me.role, version: b.version, ...(b.reasons ? { reasons: b.reasons } : {}),
      ...(b.amount !== undefined ? { approveFen: amountOf(b.amount, 'amount') } : {}), ...(decided ? { decided } : {}),
      ...poolOf(rule), ...(acknowledgement ? { acknowledged: acknowledgement } : {}),
    }, me.username, ctx.today(), ctx.calendar).catch(processError);
  }

  /** The ids waiting at the caller's review level that match the filter; more than a batch takes is refused, not cut. */
  async function waitingAt(me: Account, f: QueueQuery & { year?: number; rule?: string }): Promise<string[]> {
    const level = levelOfRole(me.role)!;
    const { total, items } = await listApplications(store, {
      ...queueFilter(me, f), states: [reviewState(level)], ...(f.year ? { year: f.year } : {}), ...(f.rule ? { rule: f.rule } : {}),
    }, { limit: BATCH_MAX, offset: 0 });
    if (total > BATCH_MAX) throw new ApiError(422, 'too-many', `筛选出 ${total} 项，超过一次最多 ${BATCH_MAX} 项，请缩小筛选范围`, `${total} match: at most ${BATCH_MAX} at once; narrow the filter`, [{ path: 'filter', message: `${total} > ${BATCH_MAX}` }]);
    return items.map((a) => a.id);
  }

  /**
   * One row of a batch approval: the single approval on the version read now, never acknowledging a
   * change (the batch's reason is not an answer to it: such a row is refused with its changes, for
   * the reviewer to open on its own). A refusal is the row's outcome, not the batch's.
   */
  async function approvedRow(me: Account, id: string, reason: string): Promise<Omit<BatchRow, 'subjectName'>> {
    let a: Application | undefined;
    try {
      a = await visible(me, id);
      const next = await step(me, a, { action: 'approve', version: a.version, reasons: [reason] });
      return { id, subjectId: a.subjectId, outcome: 'done', state: next.state };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const changes = e.code === 'decision-changed' && a ? await changesOf(store, years, a) : undefined;
      return { id, subjectId: a?.subjectId ?? null, outcome: 'refused', state: a?.state ?? null, error: { code: e.code, message: { zh: e.zh, en: e.en } }, ...(changes ? { changes } : {}) };
    }
  }

  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.addContentTypeParser(Object.keys(ATTACHMENT_TYPES), { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_req, body, done) => done(null, body));

    app.post('/api/windows', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['申报'], summary: '开放（或修改）申报窗口 Open (or change) the application window of a rule and year',
        description: '发文层级（或省级）设置条款某年度的申报起止日期（含）。The issuing level (or the province) sets the first and last day (inclusive) a rule of a year takes applications.',
        body: WindowBody, response: { 200: WindowSet, ...errorResponses(400, 401, 403, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const { document } = ruleOf(req.body.rule);
      // the issuing level opens its documents' windows; the province may act for any level, as everywhere
      if (!seesAll(me) && me.region !== document.issuer) throw outsideJurisdiction(`${document.number} 的申报窗口`, `The application window of ${document.id}`);
      await setWindow(store, req.body, me.username).catch(processError);
      return { ok: true as const, ...req.body };
    });

    app.get('/api/applications', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['申报'], summary: '申报列表 Applications and entries in your jurisdiction (an enterprise: its own)',
        description: '辖区内的申报与免申即享名单项（企业：本企业的），附企业名称和可进行的操作；可按状态、年度、条款、地区、金额筛选。With the enterprise\'s name and what you may do next; filtered by state, year, clause, region and amount.',
        querystring: ApplicationQuery, response: { 200: ApplicationPage, ...errorResponses(400, 401, 403, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      const own = me.role === 'enterprise' ? await store.db.selectFrom('subjects').select('id').where('uscc', '=', me.uscc!).executeTakeFirst() : undefined;
      if (me.role === 'enterprise' && !own) return { ...page.info(0), items: [] };
      const { total, items } = await listApplications(store, {
        ...(own ? { subjectId: own.id } : queueFilter(me, req.query)),
        ...(req.query.state ? { states: [req.query.state] } : {}), ...(req.query.year ? { year: req.query.year } : {}), ...(req.query.rule ? { rule: req.query.rule } : {}),
      }, { limit: page.pageSize, offset: page.offset });
      const names = await subjectNames(store, items.map((a) => a.subjectId));
      return { ...page.info(total), items: items.map((a) => view(a, me, names.get(a.subjectId) ?? null)) };
    });

    app.post('/api/applications', {
      preHandler: guard(store, ['enterprise']),
      schema: {
        tags: ['申报'], summary: '开始申报（草稿） Start an application (a draft) for your enterprise, inside the rule\'s window',
        description: '条款须依申请、本企业属于发文地区和支持对象、在申报窗口内；填了数据的先测算一次（数据不全的草稿可以保存）。The rule needs an application, your enterprise is inside its issuer\'s region and among its recipients, the window is open; facts given are decided once (an incomplete draft is kept).',
        body: NewApplicationBody, response: { 201: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const s = await store.db.selectFrom('subjects').select(['id', 'kind', 'region', 'uscc']).where('id', '=', req.body.subject).executeTakeFirst();
      if (!s) throw new ApiError(404, 'not-found', `没有主体 ${req.body.subject}`, `No subject ${req.body.subject}`);
      if (!canSeeSubject(me, s)) throw outsideJurisdiction(`主体 ${s.id} `, `Subject ${s.id}`);
      const { rule, document } = ruleOf(req.body.rule);
      if (applicationMode(rule) === 'automatic') {
        throw new ApiError(422, 'automatic-rule', '本项奖励“免申即享”，根据统计数据直接列入名单，无需申报', 'This award needs no application: it is listed from the statistics', [{ path: 'rule', message: 'automatic' }]);
      }
      const place = placeOf(s);
      if (!place || !isWithin(place, document.issuer)) throw new ApiError(422, 'outside-document', `${document.number} 只适用于本地企业`, `${document.id} applies inside its issuer's region only`, [{ path: 'rule', message: `${s.id} is not in ${document.issuer}` }]);
      // the clause supports its kinds of subject only (the 申报 page offers no other; see apply-guide.ts)
      if (!(rule.recipient.kinds as readonly string[]).includes(s.kind)) throw new ApiError(422, 'not-recipient', `本条款的支持对象不包括${kindLabel(CORPUS.vocabulary, s.kind as SubjectKind)}`, `${rule.id} does not support ${s.kind}`, [{ path: 'rule', message: `${rule.id} supports ${rule.recipient.kinds.join(', ')}` }]);
      const facts = req.body.facts ?? [];
      if (facts.length) decideOrProblems(await years.current(req.body.year), s.id, rule.id, req.body.year, facts, true);
      const created = await createApplication(store, {
        subjectId: s.id, rule: rule.id, document: document.id, year: req.body.year, chain: chainOf(rule.id), region: place, funder: document.funder, facts,
      }, me.username, ctx.today()).catch(processError);
      return reply.status(201).send(await answer(created, me));
    });

    app.get('/api/applications/:id', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['申报'], summary: '申报详情 One application: its facts, the engine\'s explanation, every step, its attachments',
        description: '另有：测算所用的已有数据，以及今天重新测算与列入时相比的变化（审核通过须确认）。Also the stored facts the decision read, and what deciding it again today changes (an approval must acknowledge it).',
        params: IdParams, response: { 200: ApplicationDetail, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const a = await visible(me, req.params.id);
      const attachments = await store.db.selectFrom('attachments').select(['id', 'name', 'type', 'size', 'sha256', 'by', 'at']).where('application_id', '=', a.id).orderBy('id').execute();
      const names = await subjectNames(store, [a.subjectId]);
      return {
        ...view(a, me, names.get(a.subjectId) ?? null), used: await usedFacts(store, a), changes: [...await changesOf(store, years, a)],
        events: (await applicationEvents(store, a.id)).map(({ amountFen, ...e }) => ({ ...e, reasons: [...e.reasons], amount: yuan(amountFen), at: e.at.toISOString() })),
        attachments: attachments.map((x) => ({ ...x, id: String(x.id), at: x.at.toISOString() })),
      };
    });

    app.post('/api/applications/:id/facts', {
      preHandler: guard(store, ['enterprise']),
      schema: {
        tags: ['申报'], summary: '保存填报数据 Save a draft\'s (or a returned application\'s) facts',
        description: '带上所见的版本；数据先测算一次，格式错误的不保存。With the version you saw; the facts are decided once, and malformed ones refused.',
        params: IdParams, body: FactsBody, response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const a = await visible(me, req.params.id);
      decideOrProblems(await years.current(a.year), a.subjectId, a.rule, a.year, req.body.facts, true);
      return answer(await saveFacts(store, a.id, req.body.version, req.body.facts, me.username).catch(processError), me);
    });

    app.post('/api/applications/:id/actions', {
      preHandler: guard(store, [...ADMINS, 'enterprise']),
      schema: {
        tags: ['申报'], summary: '办理一步 One step: submit or withdraw (the enterprise); approve, return for correction or reject (the reviewer of the current level)',
        description: '提交时按填报数据测算；审核通过时按今天的数据重新测算，有变化须写明理由确认（否则 409 decision-changed）。Submitting decides on the facts filled in; an approval decides again on today\'s data, and a change must be acknowledged with a reason (else 409 decision-changed).',
        params: IdParams, body: ActionBody, response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      return answer(await step(me, await visible(me, req.params.id), req.body), me);
    });

    app.post('/api/applications/batch', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['申报'], summary: `批量审核通过 Approve many at once with one reason (at most ${BATCH_MAX})`,
        description: '给出的申报，或本级待审中符合筛选条件的全部；每项按单独审核办理（层级、预算、版本、重新测算），分别记入审计；决定有变化的不通过，附变化。The ids given, or all waiting at your level that match the filter. Each row is the single approval (its level, budget, version, re-check against today\'s decision), audited on its own; a row whose decision changed is refused with its changes, not approved.',
        body: BatchBody, response: { 200: BatchResult, ...errorResponses(400, 401, 403, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const { reason } = req.body;
      if (!reason.trim()) throw new ApiError(422, 'reason-required', '批量审核须写明审核意见', 'A batch approval needs a reason', [{ path: 'reason', message: 'a reason is required' }]);
      const ids = req.body.ids ?? (req.body.filter ? await waitingAt(me, req.body.filter) : undefined);
      if (!ids) throw new ApiError(422, 'nothing-chosen', '请选择要审核的申报，或给出筛选条件', 'Give the ids, or a filter', [{ path: 'ids', message: 'ids or filter is required' }]);
      const items = [];
      for (const id of ids) items.push(await approvedRow(me, id, reason.trim()));
      const names = await subjectNames(store, items.flatMap((x) => (x.subjectId ? [x.subjectId] : [])));
      const done = items.filter((x) => x.outcome === 'done').length;
      return { total: items.length, done, refused: items.length - done, items: items.map((x) => ({ ...x, subjectName: x.subjectId ? names.get(x.subjectId) ?? null : null })) };
    });

    app.get('/api/todo', {
      preHandler: guard(store, SIGNED_IN),
      schema: {
        tags: ['申报'], summary: '待办 What waits on you',
        description: '本级待审的申报、待公示和待确定的公示、待复核的名单项、本行的贷款申请。Applications at your review level, awards to publish and notices to finalize, list entries to review, your bank\'s queue.',
        response: { 200: Todo, ...errorResponses(401, 403) },
      },
    }, async (req) => todoOf(store, accountOf(req), ctx.today()));

    app.post('/api/applications/:id/amount', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['申报'], summary: '金额待定：设定金额 The funder\'s level (or the province) sets the amount of a pending award in review',
        description: '写明理由，不超过条款的最高限额和预算。With a reason, within the text\'s ceiling and the budget.',
        params: IdParams, body: AmountBody, response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const a = await visible(me, req.params.id);
      if (!answersFor(me, a.funder)) throw outsideJurisdiction(`资金来源 ${a.funder} `, `Funder ${a.funder}`);
      const { rule } = ruleOf(a.rule);
      const cap = ceilingOf(rule);
      const next = await setAmount(store, a.id, {
        version: req.body.version, fen: amountOf(req.body.amount, 'amount'), reason: req.body.reason, ...(cap === undefined ? {} : { capFen: cap }), ...poolOf(rule),
      }, me.username).catch(processError);
      return answer(next, me);
    });

    app.post('/api/applications/:id/attachments', {
      preHandler: guard(store, ['enterprise']),
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: ['申报'], summary: '上传证明材料 Attach evidence (PDF, PNG, JPEG or .xlsx, at most 10 MB)',
        description: '请求体为文件本身，请求头 x-file-name（URL 编码的文件名）和 x-content-sha256（文件的 SHA-256）；只有草稿或待补正的申报可以上传。The bytes as the body, headers x-file-name and x-content-sha256; a draft or a returned application only.',
        params: IdParams, response: { 201: Attachment, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const a = await visible(me, req.params.id);
      if (!['draft', 'returned'].includes(a.state)) throw new ApiError(409, 'not-editable', '只有草稿或待补正的申报可以上传附件', 'Attachments can be added to a draft or a returned application only');
      const file = attachmentOf(req);
      const row = await store.db.transaction().execute(async (tx) => {
        const r = await tx.insertInto('attachments').values({ application_id: a.id, ...file, by: me.username }).returning(['id', 'at']).executeTakeFirstOrThrow();
        await appendAudit(tx, { actor: me.username, action: 'attachment.add', entity: `applications/${a.id}/attachments/${r.id}`, after: { name: file.name, type: file.type, size: file.size, sha256: file.sha256 } });
        return r;
      });
      return reply.status(201).send({ id: String(row.id), name: file.name, type: file.type, size: file.size, sha256: file.sha256 });
    });

    app.get('/api/applications/:id/attachments/:file', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['申报'], summary: '下载证明材料 Download an attachment', description: '文件本身，类型为上传时的类型。The file as uploaded, with its type.',
        params: AttachmentParams, response: { 200: { content: Object.fromEntries(Object.keys(ATTACHMENT_TYPES).map((t) => [t, { schema: Binary('文件 the file') }])) }, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req, reply) => {
      const a = await visible(accountOf(req), req.params.id);
      const f = await store.db.selectFrom('attachments').select(['name', 'type', 'content']).where('application_id', '=', a.id).where('id', '=', req.params.file).executeTakeFirst();
      if (!f) throw new ApiError(404, 'not-found', '没有这个附件', 'No such attachment');
      void reply.header('content-type', f.type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      return Buffer.from(f.content);
    });

    app.post('/api/runs/:id/enlist', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['申报'], summary: '免申即享：列入待审名单 The awards of an official run that need no application, onto the review list',
        description: '正式测算中本辖区内免申即享的奖励逐项列入审核；已列入的不重复。The awards of an official run inside your jurisdiction that need no application go to review; those listed already are not listed twice.',
        params: IdParams, response: { 200: Enlisted, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const run = await store.db.selectFrom('runs').select(['id', 'year', 'kind', 'corpus_hash']).where('id', '=', req.params.id)
        .select((eb) => eb.exists(eb.selectFrom('run_promotions').select('run_id').whereRef('run_promotions.run_id', '=', 'runs.id')).as('promoted')).executeTakeFirst();
      if (!run) throw new ApiError(404, 'not-found', `没有测算 ${req.params.id}`, `No run ${req.params.id}`);
      if (run.kind !== 'official' && !run.promoted) throw new ApiError(409, 'not-official', '只能从正式测算生成名单', 'Only an official run lists awards');
      let q = store.db.selectFrom('run_rows as r').innerJoin('subjects as s', 's.id', 'r.subject_id').select(['r.row', 's.id', 's.region']).where('r.run_id', '=', run.id).where('r.section', '=', 'award');
      if (!seesAll(me)) q = q.where('s.region', 'in', regionsWithin(me.region!));
      // the run's rules as it decided them: a later publication may have changed or removed them
      const law = await corpora.ofRun(run.corpus_hash);
      const { rules, documents } = byId(law.corpus);
      const entries: AutomaticEntry[] = [];
      for (const r of await q.orderBy('r.seq').execute()) {
        const row = jsonValue<{ rule: string; type: string; amount: string | null; ceiling: boolean; funder: string; explanation?: unknown }>(r.row);
        const rule = rules.get(row.rule) ?? ruleOf(row.rule).rule; // unknown-rule: a run kept without its version whose rule is gone
        const document = documents.get(rule.document)!;
        if (applicationMode(rule, law) !== 'automatic' || (row.type !== 'money' && row.type !== 'honor')) continue;
        entries.push({
          subjectId: r.id, rule: rule.id, document: document.id, year: run.year, chain: chainOfDocument(document), region: r.region ?? r.id, runId: String(run.id),
          decided: { fen: row.amount === null ? null : fenOf(row.amount), ceiling: row.ceiling, funder: row.funder, explanation: row.explanation ?? null },
        });
      }
      return enlist(store, entries, me.username, ctx.today(), ctx.calendar).catch(processError);
    });
  };
}

/** The rule's pool (奖补资金池) for the store's check, when it has one. */
const poolOf = (rule: Rule) => (rule.pool ? { poolFen: fenOf(rule.pool.cap) } : {});

/** The most the rule's text allows for one award (最高…), when it says. */
const ceilingOf = (rule: Rule): number | undefined => ('cap' in rule.award && rule.award.cap ? fenOf(rule.award.cap) : undefined);

/**
 * The engine's decision on the facts (with the awards `granted` already), or a 422 saying which
 * condition fails (a draft may be incomplete: `draft` allows missing facts).
 */
function decideOrProblems(view: Awaited<ReturnType<YearData['current']>>, subjectId: string, rule: string, year: number, facts: readonly FilledFact[], draft: boolean, granted: readonly HistoryEntry[] = []) {
  try {
    return decide(view, subjectId, rule, year, facts, false, granted);
  } catch (e) {
    if (draft && e instanceof ApiError && (e.code === 'undecidable' || e.code === 'not-eligible')) return undefined;
    throw e;
  }
}

/** The uploaded file, checked: an allowed type whose bytes start as that type does, and the checksum the client sent. */
function attachmentOf(req: FastifyRequest) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const magic = ATTACHMENT_TYPES[type];
  const content = req.body as Buffer;
  if (!magic || !Buffer.isBuffer(content)) throw new ApiError(415, 'attachment-type', '附件只能是 PDF、PNG、JPEG 或 Excel（.xlsx）文件', `Attachments are PDF, PNG, JPEG or .xlsx (not ${type || 'unknown'})`);
  if (!magic.every((b, k) => content[k] === b)) throw new ApiError(415, 'attachment-type', `文件内容不是声明的类型（${type}），请上传原始文件`, `The file's content is not ${type}`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const sent = String(req.headers['x-content-sha256'] ?? '').toLowerCase();
  if (sent !== sha256) throw new ApiError(422, 'checksum-mismatch', '文件校验值不符，上传可能不完整，请重新上传', `The SHA-256 sent (${sent || 'none'}) is not the file's (${sha256}): upload it again`, [{ path: 'x-content-sha256', message: 'mismatch' }]);
  const name = decodedHeader(String(req.headers['x-file-name'] ?? 'attachment'), 'x-file-name').slice(0, 200);
  return { name, type, size: content.length, sha256, content };
}
