/**
 * Jobs kept in PostgreSQL (migration 018), for a fleet of server processes over one database: any
 * process answers for a job started on another. The process running a job holds a lease on it,
 * renewed by a heartbeat while the job runs; progress is written at most every PROGRESS_MS.
 * A job whose lease lapsed (its process was killed, its machine lost) is marked failed by whoever
 * reads it or by any process's sweep — never left running for ever. Times are the database's, so
 * the processes' clocks need not agree.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { jsonValue, type Database } from '@duixian/store';
import type { ErrorBody } from './errors.js';
import { TOO_MANY_JOBS, type JobBook, type JobView, type Outcome, type Progress } from './jobs.js';

type Row = Selectable<Database['jobs']>;

/** The error of a job whose process stopped without ending it. */
export const LOST: ErrorBody['error'] = {
  code: 'job-lost',
  message: { zh: '运行此任务的服务器进程已停止，请重新提交同一请求', en: 'The server process running this job stopped; start it again (send the same request)' },
};

export interface PgJobOptions {
  /** how long a job's process is believed alive without a heartbeat (default 60 s: longer than any pause of a busy process) */
  readonly leaseMs?: number;
  /** the least time between two progress writes of a job */
  readonly progressMs?: number;
}

const KEEP = '1 hour';
const MAX_RUNNING = 1000;

/** A running job of this process: its latest progress and whether a write of it is due or under way. */
interface Running {
  latest: Progress;
  writtenAt: number;
  timer?: NodeJS.Timeout;
  writing?: Promise<void>;
}

export class PgJobBook implements JobBook {
  /** this process among the fleet */
  readonly process = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, Running>();
  private readonly leaseMs: number;
  private readonly progressMs: number;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly db: Kysely<Database>, o: PgJobOptions = {}, private readonly log: (err: unknown) => void = () => {}) {
    this.leaseMs = o.leaseMs ?? 60_000;
    this.progressMs = o.progressMs ?? 500;
    this.heartbeat = setInterval(() => void this.beat().catch(this.log), this.leaseMs / 4).unref();
  }

  private lease() {
    return sql<Date>`now() + ${this.leaseMs} * interval '1 millisecond'`;
  }

  async open(owner: string, kind: string): Promise<JobView> {
    if (this.running.size >= MAX_RUNNING) throw TOO_MANY_JOBS();
    const progress: Progress = { phase: 'queued' };
    const row = await this.db.insertInto('jobs').values({
      id: randomUUID(), kind, owner, state: 'running', progress: JSON.stringify(progress), process: this.process, lease_until: this.lease(),
    }).returningAll().executeTakeFirstOrThrow();
    this.running.set(row.id, { latest: progress, writtenAt: Date.now() });
    return viewOf(row);
  }

  progress(id: string, p: Progress): void {
    const job = this.running.get(id);
    if (!job) return;
    job.latest = p;
    if (job.timer || job.writing) return; // a write is due already; it takes the latest
    job.timer = setTimeout(() => this.write(id, job), Math.max(0, job.writtenAt + this.progressMs - Date.now()));
  }

  private write(id: string, job: Running): void {
    job.timer = undefined;
    const p = job.latest;
    job.writtenAt = Date.now();
    job.writing = this.db.updateTable('jobs').set({ progress: JSON.stringify(p), lease_until: this.lease() })
      .where('id', '=', id).where('state', '=', 'running').execute()
      .then(() => {}, this.log)
      .finally(() => {
        job.writing = undefined;
        if (job.latest !== p && this.running.get(id) === job) this.progress(id, job.latest);
      });
  }

  async end(id: string, outcome: Outcome): Promise<void> {
    const job = this.running.get(id);
    if (job) {
      clearTimeout(job.timer);
      this.running.delete(id);
      await job.writing;
    }
    // a job already failed (its lease lapsed, the server stopped) stays so: its owner was told, and may have started it again
    await this.db.updateTable('jobs').set({
      ...(job ? { progress: JSON.stringify(job.latest) } : {}), // the last report, whether or not its write was due yet
      state: outcome.state, status: outcome.status, ended: sql`now()`,
      ...(outcome.state === 'done' ? { result: JSON.stringify(outcome.result ?? null) } : { error: JSON.stringify(outcome.error) }),
    }).where('id', '=', id).where('state', '=', 'running').execute();
  }

  async get(id: string, owner: string): Promise<JobView | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll()
      .select(sql<boolean>`state = 'running' and lease_until < now()`.as('lapsed'))
      .where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
    if (!row?.lapsed) return row && viewOf(row);
    await this.failLapsed(sql`id = ${id}`);
    return this.get(id, owner);
  }

  async stop(error: ErrorBody['error']): Promise<void> {
    clearInterval(this.heartbeat);
    for (const job of this.running.values()) clearTimeout(job.timer);
    this.running.clear();
    await this.db.updateTable('jobs').set({ state: 'failed', status: 503, error: JSON.stringify(error), ended: sql`now()` })
      .where('process', '=', this.process).where('state', '=', 'running').execute();
  }

  /** Renew this process's leases; end other processes' lapsed jobs; forget jobs ended over an hour ago. */
  private async beat(): Promise<void> {
    if (this.running.size) {
      await this.db.updateTable('jobs').set({ lease_until: this.lease() }).where('process', '=', this.process).where('state', '=', 'running').execute();
    }
    await this.failLapsed(sql`true`);
    await this.db.deleteFrom('jobs').where('ended', '<', sql<Date>`now() - interval ${sql.lit(KEEP)}`).execute();
  }

  private async failLapsed(which: ReturnType<typeof sql>): Promise<void> {
    await this.db.updateTable('jobs').set({ state: 'failed', status: 503, error: JSON.stringify(LOST), ended: sql`now()` })
      .where('state', '=', 'running').where(sql<boolean>`lease_until < now()`).where(sql<boolean>`${which}`).execute();
  }
}

function viewOf(row: Row): JobView {
  const stamp = (d: Date | string | null) => (d === null ? undefined : new Date(d).toISOString());
  return {
    id: row.id, kind: row.kind, state: row.state, progress: jsonValue<Progress>(row.progress), started: stamp(row.started)!,
    ...(row.ended !== null ? { ended: stamp(row.ended), status: row.status ?? undefined } : {}),
    ...(row.state === 'done' ? { result: jsonValue(row.result) } : {}),
    ...(row.error !== null ? { error: jsonValue<ErrorBody['error']>(row.error) } : {}),
  };
}
