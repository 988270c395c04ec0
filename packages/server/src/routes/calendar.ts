/**
 * The working-day calendar as the administrators need to know it: which years it has the State
 * Council's holiday notice for, and the current or next year it lacks — a 公示 or review period
 * counted into such a year takes its holidays for working days, so the admin pages warn — and
 * the shortest 公示 this server allows.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CalendarInfo, errorResponses } from '@duixian/api';
import { missingYears } from '@duixian/workflow';
import type { Store } from '@duixian/store';
import { guard } from '../auth/guard.js';
import { ADMINS } from '../auth/access.js';
import type { ProcessContext } from '../process.js';

export function calendarRoutes(store: Store, ctx: ProcessContext) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/calendar', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['公示'], summary: '工作日历 The working-day calendar (administrators)',
        description: '有法定节假日数据的年度、缺少的本年或下年（公示期和评审期限可能算错），以及最短公示天数。The years it knows, the current or next year it lacks (notice periods and review deadlines may be counted wrong), the shortest 公示.',
        response: { 200: CalendarInfo, ...errorResponses(401, 403) },
      },
    }, async () => {
      const today = ctx.today();
      return { today, years: ctx.calendar.years ?? [], missing: missingYears(ctx.calendar, today), noticeMinDays: ctx.noticeMinDays };
    });
  };
}
