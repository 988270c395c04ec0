/**
 * Errors as the API gives them: a stable code and a message in Chinese and English, never a
 * stack trace. Anything unexpected is logged on the server and answered with `internal`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(en);
  }
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: { readonly zh: string; readonly en: string }; readonly details?: unknown };
}

const body = (code: string, zh: string, en: string, details?: unknown): ErrorBody => ({
  error: { code, message: { zh, en }, ...(details === undefined ? {} : { details }) },
});

/** The status and JSON body an error is answered with (in a response, or a job's end). */
export function errorBody(err: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (err instanceof ApiError) return { status: err.status, body: body(err.code, err.zh, err.en, err.details), internal: false };
  const e = err as Partial<FastifyError>;
  if (e.validation) {
    const details = validationDetails(e.validationContext, e.validation as readonly ValidationProblem[]);
    return { status: 400, body: body('bad-request', `请求格式不正确（${details.map((d) => d.path).join('、')}），请按接口文档填写`, `The request does not match the API: ${e.message}`, details), internal: false };
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: body('too-large', '文件或请求过大，请压缩或拆分后重试', `The request is too large: ${e.message}`), internal: false };
  if (e.statusCode && e.statusCode < 500) return { status: e.statusCode, body: body('bad-request', '请求无法处理', e.message ?? ''), internal: false };
  return { status: 500, body: body('internal', '服务器内部错误，请稍后重试；问题已记录', 'Internal error; it has been logged'), internal: true };
}

/** One problem as the schema validator (ajv) reports it. */
interface ValidationProblem {
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Where the request is wrong, named as the other errors name fields: `query.page`, `body.subjects[0].name`. */
function validationDetails(context: string | undefined, problems: readonly ValidationProblem[]): { path: string; message: string }[] {
  const part = context === 'querystring' ? 'query' : context ?? 'request';
  return problems.map((v) => {
    const { missingProperty: missing, additionalProperty: extra } = v.params;
    const field = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : undefined;
    const steps = [...v.instancePath.split('/').slice(1), ...(field === undefined ? [] : [field])];
    const path = part + steps.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
    return { path, message: typeof extra === 'string' ? 'is not a field of this request: remove it' : v.message ?? 'invalid' };
  });
}

export function errorHandler(err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReply): void {
  const e = errorBody(err);
  if (e.internal) req.log.error(err);
  void reply.status(e.status).send(e.body);
}

export function notFound(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(body('not-found', `没有这个接口：${req.method} ${req.originalUrl}`, `No such endpoint: ${req.method} ${req.originalUrl}`));
}
