/**
 * Operations (issue 18): GET /api/ready for the load balancer. /api/health (app.ts) is liveness —
 * the process answers, nothing asked of the database — while readiness asks whether this process
 * should be sent requests: the database answers within a second, every migration this code knows
 * is applied, the corpus in force is loaded. Both are public and outside the public rate limit.
 */
import type { FastifyInstance } from 'fastify';
import { errorResponses, Readiness } from '@duixian/api';
import { databaseAnswers, pendingMigrations, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import type { PlatformCorpus } from '../platform-corpus.js';

/** how long the database may take to answer `select 1` before the process is not ready */
const DATABASE_TIMEOUT_MS = 1000;

type Check = 'database' | 'migrations' | 'corpus';

export function operationRoutes(store: Store, corpora: PlatformCorpus) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/ready', {
      schema: {
        tags: ['系统'], summary: 'Readiness: the database answers, migrations are current, the corpus in force is loaded (503 names the check that failed)',
        response: { 200: Readiness, ...errorResponses(503) },
      },
    }, async () => {
      const failed = await failedChecks(store, corpora);
      if (failed.length) {
        throw new ApiError(503, 'not-ready', `暂不能接收请求：${failed.map((f) => f.path).join('、')} 检查未通过`, `Not ready: the ${failed.map((f) => f.path).join(', ')} check failed`, failed);
      }
      return { ready: true, checks: { database: 'ok', migrations: 'ok', corpus: 'ok' } };
    });
  };
}

/** Each check that does not pass, with why. The migrations are only asked of a database that answers. */
async function failedChecks(store: Store, corpora: PlatformCorpus): Promise<{ path: Check; message: string }[]> {
  const failed: { path: Check; message: string }[] = [];
  if (!corpora.inUse) failed.push({ path: 'corpus', message: 'the corpus in force is not loaded' });
  const db = await databaseAnswers(store, DATABASE_TIMEOUT_MS);
  if (!db.ok) return [{ path: 'database', message: db.problem }, ...failed];
  const pending = await pendingMigrations(store).catch((e: unknown) => [`(cannot tell: ${e instanceof Error ? e.message : String(e)})`]);
  if (pending.length) failed.unshift({ path: 'migrations', message: `not applied: ${pending.join(', ')}` });
  return failed;
}
