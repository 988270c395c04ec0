/**
 * 公示 over HTTP: the issuing level publishes approved awards for N working days; objections
 * are recorded (by staff, as received) and resolved; after the last day, with none open, the
 * list becomes final. Everyone signed in may read the notices of their jurisdiction — a notice
 * is public by nature — and an enterprise sees those that list it. The public, signed in or not,
 * reads every notice from its first day (GET /api/public/notices): who gets what under which clause,
 * and where to object — nothing of the review behind it.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  errorResponses, NewNotice, NewObjection, Notice as NoticeView, NoticeList, NoticeParams, ObjectionParams, ObjectionResolution, PublicNoticePage, PublicNoticeQuery,
  type PublicNotice,
} from '@duixian/api';
import { isWithin, region } from '@duixian/corpus';
import { finalizeNotice, listNotices, publicNotices, publishNotice, readNotice, recordObjection, resolveObjection, type Account, type Notice, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, EVERYONE, overlappingRegions, seesAll } from '../auth/access.js';
import { processError, type ProcessContext } from '../process.js';
import { pageOf } from '../paging.js';

export function noticeRoutes(store: Store, ctx: ProcessContext) {
  /** A notice `me` may act on: published by its own region (the province may act on any). */
  async function own(me: Account, id: string) {
    const n = await readNotice(store, id).catch(processError);
    if (!seesAll(me) && n.scope !== me.region) throw outsideJurisdiction(`公示 ${id} `, `Notice ${id}`);
    return n;
  }

  /**
   * An enterprise reads the list as the public does — without the entries an upheld objection took
   * off — and not who objected to whom: that is for the office handling it.
   */
  const asPublished = (n: Notice): Notice => {
    const entries = n.entries.filter((e) => e.listed);
    return { ...n, entries, applicationIds: entries.map((e) => e.applicationId), objections: [] };
  };

  /** The notices that list an enterprise user's own subject (what it may read). */
  const listing = (me: Account) => store.db.selectFrom('notice_entries as e').innerJoin('applications as a', 'a.id', 'e.application_id')
    .innerJoin('subjects as s', 's.id', 'a.subject_id').select('e.notice_id').where('s.uscc', '=', me.uscc!);

  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/api/notices', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'],
        summary: '发布公示 Publish approved awards for N working days (at least the configured minimum, default 5), from today or a later date, naming the office, telephone and address that receive objections (each required: a 422 names the one missing): the issuing level, for entries inside its jurisdiction',
        body: NewNotice, response: { 201: NoticeView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const outside = await store.db.selectFrom('applications').select(['id', 'region']).where('id', 'in', req.body.applications).execute();
      const missing = req.body.applications.filter((id) => !outside.some((a) => String(a.id) === id));
      if (missing.length) throw new ApiError(404, 'not-found', `没有申报 ${missing.join('、')}`, `No application ${missing.join(', ')}`);
      const foreign = outside.filter((a) => !seesAll(me) && !isWithin(a.region, me.region!));
      if (foreign.length) throw outsideJurisdiction(`申报 ${foreign.map((a) => a.id).join('、')} `, `Applications ${foreign.map((a) => a.id).join(', ')}`);
      const today = ctx.today();
      const { title, office = '', phone = '', address = '' } = req.body;
      const notice = { title, scope: me.region!, published: req.body.published ?? today, ...(req.body.days ? { days: req.body.days } : {}), applicationIds: req.body.applications, office, phone, address };
      const n = await publishNotice(store, notice, me.role, me.username, today, ctx.calendar, ctx.noticeMinDays).catch(processError);
      return reply.status(201).send(n);
    });

    app.get('/api/notices', {
      preHandler: guard(store, EVERYONE),
      schema: { tags: ['公示'], summary: '公示 Notices published by your region, inside it or above it (an enterprise: those that list it)', response: { 200: NoticeList, ...errorResponses(400, 401, 403) } },
    }, async (req) => {
      const me = accountOf(req);
      const items = await listNotices(store, me.role === 'enterprise' ? undefined : seesAll(me) ? undefined : overlappingRegions(me));
      if (me.role !== 'enterprise') return { items };
      // an enterprise: the notices that list it
      const ids = new Set((await listing(me).execute()).map((m) => String(m.notice_id)));
      return { items: items.filter((n) => ids.has(n.id)).map(asPublished) };
    });

    app.get('/api/notices/:id', {
      preHandler: guard(store, EVERYONE),
      schema: { tags: ['公示'], summary: '一则公示 One notice: its entries, period and objections', params: NoticeParams, response: { 200: NoticeView, ...errorResponses(400, 401, 403, 404) } },
    }, async (req) => {
      const me = accountOf(req);
      const n = await readNotice(store, req.params.id).catch(processError);
      const readable = me.role === 'enterprise'
        ? (await listing(me).where('e.notice_id', '=', n.id).executeTakeFirst()) !== undefined
        : seesAll(me) || overlappingRegions(me).includes(n.scope);
      if (!readable) throw outsideJurisdiction(`公示 ${n.id} `, `Notice ${n.id}`);
      return me.role === 'enterprise' ? asPublished(n) : n;
    });

    app.post('/api/notices/:id/objections', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'], summary: '登记异议 Record an objection received during the notice (by the publishing level)',
        params: NoticeParams, body: NewObjection, response: { 201: NoticeView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      await own(me, req.params.id);
      const n = await recordObjection(store, req.params.id, { applicationId: req.body.application, text: req.body.text, fromWhom: req.body.fromWhom ?? '匿名' }, me.username, ctx.today()).catch(processError);
      return reply.status(201).send(n);
    });

    app.post('/api/objections/:id/resolve', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'], summary: '处理异议 Resolve an objection: upheld takes the entry off the list (rejected, its amount back in the budget); dismissed leaves it',
        params: ObjectionParams, body: ObjectionResolution, response: { 200: NoticeView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const o = await store.db.selectFrom('objections').select('notice_id').where('id', '=', req.params.id).executeTakeFirst();
      if (!o) throw new ApiError(404, 'not-found', `没有异议 ${req.params.id}`, `No objection ${req.params.id}`);
      await own(me, String(o.notice_id));
      return resolveObjection(store, req.params.id, req.body, me.role, me.username, ctx.today(), ctx.calendar).catch(processError);
    });

    app.post('/api/notices/:id/finalize', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'], summary: '公示期满确定名单 After the last day of the notice, with no objection open: the list and its entries become final',
        params: NoticeParams, response: { 200: NoticeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const me = accountOf(req);
      await own(me, req.params.id);
      return finalizeNotice(store, req.params.id, me.role, me.username, ctx.today(), ctx.calendar).catch(processError);
    });
  };
}

/** A notice as the public reads it: the publisher by name, the period, where to object, and who is on the list (no review, no ids of ours). */
export function publicView(n: Notice): PublicNotice {
  return {
    id: n.id, title: n.title, publisher: region(n.scope)?.name ?? n.scope, published: n.published, days: n.days, ends: n.ends, state: n.state,
    office: n.office, phone: n.phone, address: n.address,
    // an entry an upheld objection took off is no longer published
    entries: n.entries.filter((e) => e.listed).map((e) => ({ subjectName: e.subjectName, uscc: e.uscc, clause: e.clause, amount: e.amount })),
  };
}

/**
 * 公示 for everyone, without signing in: the notices whose first day has come (one dated later is
 * not public yet), newest first, ten to a page (a notice may list thousands of awards). Registered
 * among the open routes, behind their per-address limit.
 */
export function publicNoticeRoutes(store: Store, ctx: ProcessContext) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/public/notices', {
      schema: {
        tags: ['公示'], summary: '公示（无需登录） Every notice from its first day, for the public (no sign-in), newest first, a page at a time: title, publisher, period, where to object, and each award on the list (enterprise, USCC, clause, amount)',
        querystring: PublicNoticeQuery, response: { 200: PublicNoticePage, ...errorResponses(400, 429) },
      },
    }, async (req) => {
      const page = pageOf(req.query);
      const { items, total } = await publicNotices(store, ctx.today(), { limit: page.pageSize, offset: page.offset });
      return { ...page.info(total), items: items.map(publicView) };
    });
  };
}
