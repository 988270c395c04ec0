/**
 * Long requests (an evaluation run, an import of a million facts) as jobs the pages can follow.
 * A request with `Prefer: respond-async` (RFC 7240) is answered at once with 202, the job's id and
 * `Location: /api/v1/jobs/:id`; the job reports its phase and how far it is (chunks read, facts
 * written, rows stored), and ends with the response the request would have had — its status and
 * body, or the same JSON error. Without the header the request is answered when the work is done,
 * as before. Only the account that started a job can see it; jobs are kept for an hour after they end.
 *
 * Where jobs are kept is a JobBook: in this process's memory on PGlite (one process holds its
 * directory), in the database on PostgreSQL (jobs-pg.ts), so that any server process over it
 * answers for a job started on another, and a job whose process stopped reads as failed.
 * A failed job is retried by sending the same request again (an upload cannot be kept to replay).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, type ErrorBody } from './errors.js';
import { accountOf } from './auth/guard.js';
import { API_V1 } from './versions.js';

/** What a job is doing: a phase (`load`, `evaluate`, `store`, `check`, `write`…) and, when countable, how far. */
export interface Progress {
  readonly phase: string;
  readonly done?: number;
  readonly total?: number;
}

export type Report = (p: Progress) => void;

/** A job as its owner sees it (GET /api/jobs/:id). */
export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly progress: Progress;
  readonly started: string;
  readonly ended?: string;
  readonly status?: number;
  readonly result?: unknown;
  readonly error?: ErrorBody['error'];
}

/** How a job ended: the response the request would have had. */
export type Outcome = { readonly state: 'done'; readonly status: number; readonly result: unknown }
  | { readonly state: 'failed'; readonly status: number; readonly error: ErrorBody['error'] };

/** Where jobs are kept. */
export interface JobBook {
  /** a new running job of `owner` (throws a 503 ApiError when too many are held) */
  open(owner: string, kind: string): Promise<JobView>;
  /** how far a running job is (kept at once or soon: a book may write at most so often) */
  progress(id: string, p: Progress): void;
  /** the job's end, unless it was ended already (failed at a shutdown) */
  end(id: string, outcome: Outcome): Promise<void>;
  /** the job as its owner sees it; undefined for anyone else (a 404: ids are not to be guessed at, nor confirmed) */
  get(id: string, owner: string): Promise<JobView | undefined>;
  /** every job this process is still running ended as failed with `error` (a shutdown) */
  stop(error: ErrorBody['error']): Promise<void>;
}

export const TOO_MANY_JOBS = () => new ApiError(503, 'too-many-jobs', '后台任务过多，请稍后再试', 'Too many jobs are held; try again later');

/** The error of the jobs still running when their server is stopped (SIGTERM). */
export const STOPPED: ErrorBody['error'] = {
  code: 'server-stopped',
  message: { zh: '服务器在此任务进行中停止，请重新提交同一请求', en: 'The server was stopped during this job; start it again (send the same request)' },
};

export const wantsAsync = (req: FastifyRequest): boolean => /\brespond-async\b/i.test(String(req.headers.prefer ?? ''));

export class Jobs {
  constructor(private readonly book: JobBook, private readonly log: (err: unknown) => void) {}

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
    const job = await this.book.open(accountOf(req).id, kind);
    // after this request's response: the work must not hold the reply up
    setImmediate(() => void this.run(job.id, status, work));
    void reply.status(202).header('location', `${API_V1}/jobs/${job.id}`).header('preference-applied', 'respond-async');
    return job;
  }

  get(id: string, owner: string): Promise<JobView | undefined> {
    return this.book.get(id, owner);
  }

  /** At a shutdown: the jobs still running here end as failed, saying so (the work itself is abandoned). */
  stop(): Promise<void> {
    return this.book.stop(STOPPED).catch(this.log); // a database already gone must not stop the shutdown
  }

  private async run(id: string, status: number, work: (report: Report) => Promise<unknown>): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = { state: 'done', status, result: await work((p) => this.book.progress(id, p)) };
    } catch (err) {
      const e = errorBody(err);
      if (e.internal) this.log(err);
      outcome = { state: 'failed', status: e.status, error: e.body.error };
    }
    await this.book.end(id, outcome).catch(this.log);
  }
}

const KEEP_MS = 3600_000;
const MAX_JOBS = 1000;

interface HeldJob {
  view: JobView;
  readonly owner: string;
}

/** Jobs in this process's memory, for an hour after they end (PGlite: one process). */
export class MemoryJobBook implements JobBook {
  private readonly jobs = new Map<string, HeldJob>();

  async open(owner: string, kind: string): Promise<JobView> {
    this.forgetOld();
    const view: JobView = { id: randomUUID(), kind, state: 'running', progress: { phase: 'queued' }, started: new Date().toISOString() };
    this.jobs.set(view.id, { view, owner });
    return view;
  }

  progress(id: string, p: Progress): void {
    const job = this.jobs.get(id);
    if (job?.view.state === 'running') job.view = { ...job.view, progress: p };
  }

  async end(id: string, outcome: Outcome): Promise<void> {
    const job = this.jobs.get(id);
    if (job?.view.state === 'running') job.view = { ...job.view, ...outcome, ended: new Date().toISOString() };
  }

  async get(id: string, owner: string): Promise<JobView | undefined> {
    const job = this.jobs.get(id);
    return job && job.owner === owner ? job.view : undefined;
  }

  async stop(error: ErrorBody['error']): Promise<void> {
    for (const job of this.jobs.values()) if (job.view.state === 'running') await this.end(job.view.id, { state: 'failed', status: 503, error });
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.view.ended && now - Date.parse(job.view.ended) > KEEP_MS) this.jobs.delete(id);
    if (this.jobs.size >= MAX_JOBS) throw TOO_MANY_JOBS();
  }
}
