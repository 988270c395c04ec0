/**
 * The working-day calendar as the administrators need to know it: which years it has the State
 * Council's holiday notice for, and the current or next year it lacks — a 公示 or review period
 * counted into such a year takes its holidays for working days, so the admin pages warn — and
 * the shortest 公示 this server allows.
 */
import type { FastifyInstance } from 'fastify';
import { missingYears } from '@duixian/workflow';
import type { Store } from '@duixian/store';
import { guard } from '../auth/guard.js';
import { ADMINS } from '../auth/access.js';
import type { ProcessContext } from '../process.js';

export function calendarRoutes(store: Store, ctx: ProcessContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/calendar', {
      preHandler: guard(store, ADMINS),
      schema: { tags: ['公示'], summary: 'The working-day calendar: the years it knows, the current or next year it lacks, the shortest 公示 (administrators)' },
    }, async () => {
      const today = ctx.today();
      return { today, years: ctx.calendar.years ?? [], missing: missingYears(ctx.calendar, today), noticeMinDays: ctx.noticeMinDays };
    });
  };
}
