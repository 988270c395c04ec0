/**
 * 目标监测 and 监测通报: every target of the corpus with its actual value, progress and projection
 * (the documents whose issuer's region overlaps your jurisdiction), and the province's quarterly
 * report per city (鲁政字〔2022〕42号 十三) for the cities overlapping it. Ranks stay the ranks among
 * all sixteen cities: a city's place is meaningful only among all of them.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, Monitoring, MonitoringQuery, Targets, TargetsQuery } from '@duixian/api';
import { CORPUS, TARGETS, cityReport, targetProgress } from '@duixian/corpus';
import type { Store } from '@duixian/store';
import { accountOf, guard } from '../auth/guard.js';
import { overlaps, READERS, seesAll } from '../auth/access.js';
import type { YearData } from '../year-data.js';

export function monitoringRoutes(store: Store, years: YearData) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/targets', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['目标监测'], summary: '各项目标的实际值、完成进度与预计能否完成', description: 'Each target with its actual value, progress and on-track/off-track by projection',
        querystring: TargetsQuery, response: { 200: Targets, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const issuer = new Map(CORPUS.documents.map((d) => [d.id, d.issuer]));
      const mine = TARGETS.filter((t) => seesAll(me) || overlaps(issuer.get(t.document)!, me.region!));
      const { regions } = await years.get(req.query.year);
      return { year: req.query.year, items: targetProgress(mine, regions, req.query.year) };
    });

    app.get('/api/monitoring', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['目标监测'], summary: '监测通报：各市主要指标、增速与在全省的名次', description: 'The quarterly monitoring report per city: main indicators, growth, rank among the cities',
        querystring: MonitoringQuery, response: { 200: Monitoring, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const { regions } = await years.get(req.query.year);
      const cities = cityReport(regions, req.query.year, req.query.quarter as 1 | 2 | 3 | 4 | undefined).filter((c) => seesAll(me) || overlaps(c.city, me.region!));
      return { year: req.query.year, quarter: req.query.quarter ?? null, cities };
    });
  };
}
