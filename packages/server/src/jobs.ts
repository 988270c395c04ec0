/**
 * Long requests (an evaluation run, an import of a million facts) as jobs the pages can follow.
 * A request with `Prefer: respond-async` (RFC 7240) is answered at once with 202, the job's id and
 * `Location: /api/jobs/:id`; the job reports its phase and how far it is (chunks read, facts
 * written, rows stored), and ends with the response the request would have had — its status and
 * body, or the same JSON error. Without the header the request is answered when the work is done,
 * as before. Jobs live in this process's memory for an hour after they end; only the account that
 * started one can see it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, type ErrorBody } from './errors.js';
import { accountOf } from './auth/guard.js';

/** What a job is doing: a phase (`load`, `evaluate`, `store`, `check`, `write`…) and, when countable, how far. */
export interface Progress {
  readonly phase: string;
  readonly done?: number;
  readonly total?: number;
}

export type Report = (p: Progress) => void;

interface Job {
  readonly id: string;
  readonly kind: string;
  readonly owner: string;
  readonly started: Date;
  state: 'running' | 'done' | 'failed';
  progress: Progress;
  ended?: Date;
  status?: number;
  result?: unknown;
  error?: ErrorBody['error'];
}

const KEEP_MS = 3600_000;
const MAX_JOBS = 1000;

export const wantsAsync = (req: FastifyRequest): boolean => /\brespond-async\b/i.test(String(req.headers.prefer ?? ''));

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly log: (err: unknown) => void) {}

  /**
   * Do `work` for the request: at once when the caller waits (its result with `status`), or as a
   * job (202 and the job) when it asked for `Prefer: respond-async`.
   */
  async respond(req: FastifyRequest, reply: FastifyReply, kind: string, status: number, work: (report: Report) => Promise<unknown>): Promise<unknown> {
    if (!wantsAsync(req)) {
      const result = await work(() => {});
      void reply.status(status);
      return result;
    }
    const job = this.start(accountOf(req).id, kind, status, work);
    void reply.status(202).header('location', `/api/jobs/${job.id}`).header('preference-applied', 'respond-async');
    return this.view(job);
  }

  /** The job as its owner sees it; undefined for anyone else (a 404: ids are not to be guessed at, nor confirmed). */
  get(id: string, owner: string): ReturnType<Jobs['view']> | undefined {
    const job = this.jobs.get(id);
    return job && job.owner === owner ? this.view(job) : undefined;
  }

  private start(owner: string, kind: string, status: number, work: (report: Report) => Promise<unknown>): Job {
    this.forgetOld();
    const job: Job = { id: randomUUID(), kind, owner, started: new Date(), state: 'running', progress: { phase: 'queued' } };
    this.jobs.set(job.id, job);
    const report: Report = (p) => {
      if (job.state === 'running') job.progress = p;
    };
    // after this request's response: the work must not hold the reply up
    setImmediate(() => {
      work(report).then(
        (result) => Object.assign(job, { state: 'done', status, result, ended: new Date() }),
        (err: unknown) => {
          const e = errorBody(err);
          if (e.internal) this.log(err);
          Object.assign(job, { state: 'failed', status: e.status, error: e.body.error, ended: new Date() });
        },
      );
    });
    return job;
  }

  private view(job: Job) {
    return {
      id: job.id, kind: job.kind, state: job.state, progress: job.progress, started: job.started.toISOString(),
      ...(job.ended ? { ended: job.ended.toISOString(), status: job.status } : {}),
      ...(job.state === 'done' ? { result: job.result } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.ended && now - job.ended.getTime() > KEEP_MS) this.jobs.delete(id);
    if (this.jobs.size >= MAX_JOBS) {
      throw new ApiError(503, 'too-many-jobs', '后台任务过多，请稍后再试', 'Too many jobs are held; try again later');
    }
  }
}
