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
  if (e.validation) return { status: 400, body: body('bad-request', '请求格式不正确，请按接口文档填写', `The request does not match the API: ${e.message}`), internal: false };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: body('too-large', '文件或请求过大，请压缩或拆分后重试', `The request is too large: ${e.message}`), internal: false };
  if (e.statusCode && e.statusCode < 500) return { status: e.statusCode, body: body('bad-request', '请求无法处理', e.message ?? ''), internal: false };
  return { status: 500, body: body('internal', '服务器内部错误，请稍后重试；问题已记录', 'Internal error; it has been logged'), internal: true };
}

export function errorHandler(err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReply): void {
  const e = errorBody(err);
  if (e.internal) req.log.error(err);
  void reply.status(e.status).send(e.body);
}

export function notFound(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(body('not-found', `没有这个接口：${req.method} ${req.url}`, `No such endpoint: ${req.method} ${req.url}`));
}
