/**
 * 主体与数据: the subjects inside your jurisdiction (an enterprise user: its own), one subject with
 * its tags' history, facts by year and quarter with their source and award history, every revision
 * of its facts, and 政策计算器 for a stored subject.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, FactRevisions, MatchAnswer, SubjectDetail, SubjectList, SubjectMatchQuery, SubjectParams, SubjectsQuery } from '@duixian/api';
import { matchSubject } from '@duixian/engine';
import { factRevisions, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { canSeeSubject, EVERYONE, regionsWithin } from '../auth/access.js';
import { pageOf } from '../paging.js';
import type { YearData } from '../year-data.js';
import { subjectsInScope } from '../scope.js';

export function subjectRoutes(store: Store, years: YearData) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    const everyone = guard(store, EVERYONE);

    /** The stored subject, if the caller may see it; else 404 or 403. */
    async function visible(req: Parameters<typeof accountOf>[0], id: string) {
      const s = await store.db.selectFrom('subjects').select(['id', 'kind', 'name', 'region', 'uscc']).where('id', '=', id).executeTakeFirst();
      if (!s) throw new ApiError(404, 'not-found', `没有主体 ${id}`, `No subject ${id}`);
      if (!canSeeSubject(accountOf(req), s)) throw outsideJurisdiction(`主体 ${id} `, `Subject ${id}`);
      return s;
    }

    app.get('/api/subjects', {
      preHandler: everyone,
      schema: {
        tags: ['数据'], summary: '辖区内的主体（按类型、地区、名称/编号/信用代码筛选）', description: 'Subjects inside your jurisdiction (filters: kind, region, q = name, id or USCC)',
        querystring: SubjectsQuery, response: { 200: SubjectList, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      let q = subjectsInScope(store.db, me);
      if (req.query.kind) q = q.where('kind', '=', req.query.kind);
      if (req.query.region) q = q.where('region', 'in', regionsWithin(req.query.region).length ? regionsWithin(req.query.region) : [req.query.region]);
      if (req.query.q) {
        const like = `%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb('name', 'like', like), eb('id', '=', req.query.q!), eb('uscc', '=', req.query.q!)]));
      }
      const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const sort = req.query.sort ?? 'id';
      const column = sort.replace('-', '') as 'id' | 'name' | 'region';
      let ordered = q.select(['id', 'kind', 'name', 'region', 'uscc']).orderBy(column, sort.startsWith('-') ? 'desc' : 'asc');
      if (column !== 'id') ordered = ordered.orderBy('id'); // ties in a stable order, so pages do not overlap
      const items = await ordered.limit(page.pageSize).offset(page.offset).execute();
      return { ...page.info(total), items };
    });

    app.get('/api/subjects/:id', {
      preHandler: everyone,
      schema: {
        tags: ['数据'], summary: '一个主体：标签及其历史、数据及来源、获奖历史', description: 'One subject: tags with their history, facts with sources, award history',
        params: SubjectParams, response: { 200: SubjectDetail, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const s = await visible(req, req.params.id);
      const [tags, facts, history] = await Promise.all([
        store.db.selectFrom('subject_tags').select(['tag', 'valid_from', 'valid_to']).where('subject_id', '=', s.id).orderBy('id').execute(),
        store.db.selectFrom('facts').select(['year', 'quarter', 'key', 'item', 'rule', 'value', 'source']).where('subject_id', '=', s.id)
          .orderBy('year').orderBy('quarter').orderBy('key').orderBy('item').orderBy('rule').execute(),
        store.db.selectFrom('award_history').select(['rule', 'year', 'amount']).where('subject_id', '=', s.id).orderBy('year').orderBy('rule').execute(),
      ]);
      return {
        subject: s,
        tags: tags.map((t) => ({ tag: t.tag, from: t.valid_from.toISOString(), to: t.valid_to?.toISOString() ?? null })),
        facts: facts.map((f) => ({ year: f.year, quarter: f.quarter || null, key: f.key, item: f.item || null, rule: f.rule || null, value: Number(f.value), source: f.source || null })),
        history: history.map((h) => ({ rule: h.rule, year: h.year, amount: h.amount === null ? null : Number(h.amount) })),
      };
    });

    app.get('/api/subjects/:id/revisions', {
      preHandler: everyone,
      schema: {
        tags: ['数据'], summary: '数据的每次修改：谁、何时、旧值→新值、原因', description: 'Every change of the subject\'s facts: who, when, old → new, why',
        params: SubjectParams, response: { 200: FactRevisions, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const s = await visible(req, req.params.id);
      return { items: (await factRevisions(store, s.id)).map((r) => ({ ...r, at: r.at.toISOString() })) };
    });

    app.get('/api/subjects/:id/match', {
      preHandler: everyone,
      schema: {
        tags: ['政策计算器'], summary: '政策计算器：库中主体可能适用的每条规则——符合及金额、未满足的条件及差距、缺少的数据',
        description: 'Every rule that could apply to a stored subject: eligible with amount, or the failing condition and gap, or the missing facts',
        params: SubjectParams, querystring: SubjectMatchQuery, response: { 200: MatchAnswer, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      // the year's data in memory answers who the subject is; the database only when it is not there
      const view = await years.get(req.query.year);
      const held = view.subject(req.params.id);
      if (!held) await visible(req, req.params.id);
      else if (!canSeeSubject(accountOf(req), held)) throw outsideJurisdiction(`主体 ${held.id} `, `Subject ${held.id}`);
      const id = held?.id ?? req.params.id;
      return { year: req.query.year, subject: id, matches: matchSubject(view.run, id) };
    });
  };
}
