/**
 * Operations: what a load balancer and a monitoring system ask of each server process.
 */
import { Type, type Static } from '@sinclair/typebox';

const Check = Type.Literal('ok');

export const Readiness = Type.Object({
  ready: Type.Literal(true),
  checks: Type.Object({
    database: Check,
    migrations: Check,
    corpus: Check,
  }, { description: '每项检查 each check: the database answers, its migrations are current, the corpus in force is loaded' }),
}, {
  description: '可以接收请求 Ready for traffic (a check that fails answers 503 not-ready, its details naming the check)',
  examples: [{ ready: true, checks: { database: 'ok', migrations: 'ok', corpus: 'ok' } }],
});
export type Readiness = Static<typeof Readiness>;
