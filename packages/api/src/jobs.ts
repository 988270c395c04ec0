/**
 * Long requests as jobs: a request with `Prefer: respond-async` is answered at once with 202 and
 * the job; GET /api/jobs/:id follows it to its end, when it carries the status and body the
 * request would have had (a result, or the error).
 */
import { Type, type Static } from '@sinclair/typebox';
import { ErrorBody } from './errors.js';
import { Timestamp } from './common.js';

export const JobProgress = Type.Object({
  phase: Type.String({ description: '阶段 the phase: queued, read, load, evaluate, store, check, write, simulate…', examples: ['evaluate'] }),
  done: Type.Optional(Type.Number({ description: '已完成 how far (rows, chunks, facts)' })),
  total: Type.Optional(Type.Number({ description: '共计 out of' })),
}, { description: '进度 How far the job is' });
export type JobProgress = Static<typeof JobProgress>;

export const Job = Type.Object({
  id: Type.String({ description: '任务编号 the job id (a UUID)' }),
  kind: Type.String({ description: '任务类型 what it does: run, rerun, import, corpus-draft', examples: ['run'] }),
  state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], { description: '状态 running, done or failed' }),
  progress: JobProgress,
  started: Timestamp('开始时间 when it started'),
  ended: Type.Optional(Timestamp('结束时间 when it ended')),
  status: Type.Optional(Type.Integer({ description: '结束时的 HTTP 状态 the status the request would have had' })),
  // the body of the request's own 2xx answer: see that operation's schema
  result: Type.Optional(Type.Unknown({ description: '结果：原请求的应答 the answer the request would have had (see its operation)' })),
  error: Type.Optional(ErrorBody.properties.error),
}, {
  description: '后台任务 A job: its phase and progress, then its status and result or error',
  examples: [{ id: '0b9f3c1e-7d44-4a7e-9a55-2f0c6f0b8e21', kind: 'run', state: 'running', progress: { phase: 'evaluate', done: 1200, total: 5000 }, started: '2026-03-01T08:00:00.000Z' }],
});
export type Job = Static<typeof Job>;

export const JobParams = Type.Object({ id: Type.String({ maxLength: 64, description: '任务编号 the job id' }) });
