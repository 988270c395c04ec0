/**
 * The API as the pages use it: JSON over fetch with the session cookie, the CSRF token sent on
 * every write, and failures as ApiFailure carrying the server's code and its Chinese and English
 * message (what to do next), plus the per-row problems when there are any.
 */
import type { FieldProblem as Problem, Job as ApiJob, JobProgress, Page, SessionAccount as Account } from '@duixian/api';

export type { FieldProblem as Problem } from '@duixian/api';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details: readonly Problem[] = [],
  ) {
    super(en);
  }
}

let csrf = '';
export const setCsrf = (token: string): void => {
  csrf = token;
};

/**
 * The address of an API path in the version these pages are built for: the pages name operations
 * as /api/x, the server's unversioned alias (kept one release, then gone); they are sent to
 * /api/v1/x. Links the browser follows itself (downloads) go through it too.
 */
export const apiPath = (path: string): string => path.replace(/^\/api(?:\/v1)?(?=[/?]|$)/, '/api/v1');

export function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : json(body));
}

/** A request with a body already encoded (a file's bytes, a JSON text). */
export async function send<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: { body: BodyInit; type: string }, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...extra };
  // FormData: the browser sets multipart/form-data with its boundary
  if (body && !(body.body instanceof FormData)) headers['content-type'] = body.type;
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(apiPath(path), { method, headers, credentials: 'same-origin', ...(body ? { body: body.body } : {}) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : {};
  if (!r.ok) {
    const e = json.error ?? {};
    throw new ApiFailure(r.status, e.code ?? 'error', e.message?.zh ?? `请求失败（${r.status}）`, e.message?.en ?? `Request failed (${r.status})`, Array.isArray(e.details) ? e.details : []);
  }
  return json as T;
}

/** How far a long request is, as the server reports it (see the server's jobs.ts). */
export type { JobProgress } from '@duixian/api';

/** A job whose result, once done, is the answer `T` of the request that started it. */
type Job<T> = Omit<ApiJob, 'result'> & { readonly result?: T };

const POLL_MS = 400;

/**
 * A long request (a run, an import) as a job: started with `Prefer: respond-async`, then followed
 * until it ends, telling `onProgress` what the server is doing; its result, or its failure thrown.
 */
export async function sendAsJob<T>(method: 'POST', path: string, body: { body: BodyInit; type: string }, onProgress: (p: JobProgress) => void): Promise<T> {
  let job = await send<Job<T>>(method, path, body, { prefer: 'respond-async' });
  while (job.state === 'running') {
    onProgress(job.progress);
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await send<Job<T>>('GET', `/api/jobs/${job.id}`);
  }
  if (job.state === 'failed') {
    const e = job.error!;
    throw new ApiFailure(job.status ?? 500, e.code, e.message.zh, e.message.en, Array.isArray(e.details) ? e.details : []);
  }
  return job.result as T;
}

export const json = (value: unknown): { body: string; type: string } => ({ body: JSON.stringify(value), type: 'application/json' });

// the signed-in account as GET /api/session gives it
export type { Role, SessionAccount as Account } from '@duixian/api';

export const isAdmin = (a: Account): boolean => a.role.endsWith('-admin');
/** bureau staff: administrators and auditors (not enterprises, not a partner bank's staff) */
export const isReader = (a: Account): boolean => isAdmin(a) || a.role === 'auditor';

// what the 政策计算器 and the runs answer with (the engine's explanation steps, a rule's match, an award)
export type { AwardRow, Match, Run as RunSummary, Step } from '@duixian/api';

export type { Page } from '@duixian/api';

/** The largest page the API gives (see the server's paging.ts). */
export const MAX_PAGE_SIZE = 500;

/**
 * Every item of a paged list, fetched page by page. For the short lists the API pages but cannot
 * sort (runs, accounts, imports): held whole, the table sorts all of it, not one page.
 */
export async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const r = await api<Page<T>>('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=${MAX_PAGE_SIZE}`);
    items.push(...r.items);
    if (r.items.length === 0 || items.length >= r.total) return items;
  }
}

/** A rejection handler that shows an API failure (through `set`) and lets anything else surface. */
export const showFailure = (set: (e: ApiFailure) => void) => (e: unknown): void => {
  if (e instanceof ApiFailure) set(e);
  else throw e;
};
