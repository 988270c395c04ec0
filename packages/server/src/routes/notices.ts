/**
 * 公示 over HTTP: the issuing level publishes approved awards for N working days; objections
 * are recorded (by staff, as received) and resolved; after the last day, with none open, the
 * list becomes final. Everyone signed in may read the notices of their jurisdiction — a notice
 * is public by nature — and an enterprise sees those that list it. The public, signed in or not,
 * reads every notice from its first day (GET /api/public/notices): who gets what under which clause,
 * and where to object — nothing of the review behind it.
 */
import type { FastifyInstance } from 'fastify';
import { isWithin, region } from '@duixian/corpus';
import { finalizeNotice, listNotices, publicNotices, publishNotice, readNotice, recordObjection, resolveObjection, type Account, type Notice, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, EVERYONE, overlappingRegions, seesAll } from '../auth/access.js';
import { processError, type ProcessContext } from '../process.js';
import { pageOf, PAGE_PROPERTIES, type PageQuery } from '../paging.js';

const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } } } as const;

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

  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Body: { title: string; applications: string[]; published?: string; days?: number; office?: string; phone?: string; address?: string } }>('/api/notices', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'],
        summary: 'Publish approved awards for N working days (at least the configured minimum, default 5), from today or a later date, naming the office, telephone and address that receive objections (each required: a 422 names the one missing): the issuing level, for entries inside its jurisdiction',
        body: {
          type: 'object', required: ['title', 'applications'], additionalProperties: false,
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 200 }, applications: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'string', pattern: '^[0-9]{1,18}$' } },
            published: { type: 'string', format: 'date' }, days: { type: 'integer', minimum: 1, maximum: 30 },
            // required, but checked by the store: a missing one is told in words (请填写联系电话), not as a schema path
            office: { type: 'string', maxLength: 200 }, phone: { type: 'string', maxLength: 40 }, address: { type: 'string', maxLength: 200 },
          },
        },
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
      void reply.status(201);
      return n;
    });

    app.get('/api/notices', {
      preHandler: guard(store, EVERYONE), schema: { tags: ['公示'], summary: 'Notices published by your region, inside it or above it' },
    }, async (req) => {
      const me = accountOf(req);
      const items = await listNotices(store, me.role === 'enterprise' ? undefined : seesAll(me) ? undefined : overlappingRegions(me));
      if (me.role !== 'enterprise') return { items };
      // an enterprise: the notices that list it
      const ids = new Set((await listing(me).execute()).map((m) => String(m.notice_id)));
      return { items: items.filter((n) => ids.has(n.id)).map(asPublished) };
    });

    app.get<{ Params: { id: string } }>('/api/notices/:id', {
      preHandler: guard(store, EVERYONE), schema: { tags: ['公示'], summary: 'One notice: its entries, period and objections', params: ID },
    }, async (req) => {
      const me = accountOf(req);
      const n = await readNotice(store, req.params.id).catch(processError);
      const readable = me.role === 'enterprise'
        ? (await listing(me).where('e.notice_id', '=', n.id).executeTakeFirst()) !== undefined
        : seesAll(me) || overlappingRegions(me).includes(n.scope);
      if (!readable) throw outsideJurisdiction(`公示 ${n.id} `, `Notice ${n.id}`);
      return me.role === 'enterprise' ? asPublished(n) : n;
    });

    app.post<{ Params: { id: string }; Body: { application: string; text: string; fromWhom?: string } }>('/api/notices/:id/objections', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'], summary: 'Record an objection received during the notice (by the publishing level)', params: ID,
        body: { type: 'object', required: ['application', 'text'], additionalProperties: false, properties: { application: { type: 'string' }, text: { type: 'string', minLength: 1, maxLength: 2000 }, fromWhom: { type: 'string', maxLength: 200 } } },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      await own(me, req.params.id);
      const n = await recordObjection(store, req.params.id, { applicationId: req.body.application, text: req.body.text, fromWhom: req.body.fromWhom ?? '匿名' }, me.username, ctx.today()).catch(processError);
      void reply.status(201);
      return n;
    });

    app.post<{ Params: { id: string }; Body: { upheld: boolean; resolution: string } }>('/api/objections/:id/resolve', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'], summary: 'Resolve an objection: upheld takes the entry off the list (rejected, its amount back in the budget); dismissed leaves it', params: ID,
        body: { type: 'object', required: ['upheld', 'resolution'], additionalProperties: false, properties: { upheld: { type: 'boolean' }, resolution: { type: 'string', minLength: 1, maxLength: 2000 } } },
      },
    }, async (req) => {
      const me = accountOf(req);
      const o = await store.db.selectFrom('objections').select('notice_id').where('id', '=', req.params.id).executeTakeFirst();
      if (!o) throw new ApiError(404, 'not-found', `没有异议 ${req.params.id}`, `No objection ${req.params.id}`);
      await own(me, String(o.notice_id));
      return resolveObjection(store, req.params.id, req.body, me.role, me.username, ctx.today(), ctx.calendar).catch(processError);
    });

    app.post<{ Params: { id: string } }>('/api/notices/:id/finalize', {
      preHandler: guard(store, ADMINS),
      schema: { tags: ['公示'], summary: 'After the last day of the notice, with no objection open: the list and its entries become final', params: ID },
    }, async (req) => {
      const me = accountOf(req);
      await own(me, req.params.id);
      return finalizeNotice(store, req.params.id, me.role, me.username, ctx.today(), ctx.calendar).catch(processError);
    });
  };
}

/** A notice as the public reads it: the publisher by name, the period, where to object, and who is on the list (no review, no ids of ours). */
export interface PublicNotice {
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly published: string;
  readonly days: number;
  readonly ends: string;
  readonly state: Notice['state'];
  readonly office: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly entries: readonly { subjectName: string; uscc: string | null; clause: string; amount: string | null }[];
}

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
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: PageQuery }>('/api/public/notices', {
      schema: {
        tags: ['公示'], summary: 'Every notice from its first day, for the public (no sign-in), newest first, a page at a time: title, publisher, period, where to object, and each award on the list (enterprise, USCC, clause, amount)',
        querystring: { type: 'object', additionalProperties: false, properties: { page: PAGE_PROPERTIES.page, pageSize: { type: 'integer', minimum: 1, maximum: 20, default: 10 } } },
      },
    }, async (req) => {
      const page = pageOf(req.query);
      const { items, total } = await publicNotices(store, ctx.today(), { limit: page.pageSize, offset: page.offset });
      return { ...page.info(total), items: items.map(publicView) };
    });
  };
}
