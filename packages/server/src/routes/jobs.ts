/** A long request's progress and, once it ends, its response (see jobs.ts). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, Job, JobParams } from '@duixian/api';
import type { Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard } from '../auth/guard.js';
import { EVERYONE } from '../auth/access.js';
import type { Jobs } from '../jobs.js';

export function jobRoutes(store: Store, jobs: Jobs) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/jobs/:id', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['系统'], summary: '后台任务（Prefer: respond-async）：阶段与进度，结束后的状态与结果或错误',
        description: 'A job started with Prefer: respond-async: its phase and progress, then its status and result or error',
        params: JobParams, response: { 200: Job, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const job = await jobs.get(req.params.id, accountOf(req).id);
      if (!job) throw new ApiError(404, 'not-found', '没有这个任务（任务结束一小时后不再保留）', 'No such job (jobs are kept for an hour after they end)');
      return job;
    });
  };
}
