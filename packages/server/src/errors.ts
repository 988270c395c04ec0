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

export function errorHandler(err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ApiError) {
    void reply.status(err.status).send(body(err.code, err.zh, err.en, err.details));
    return;
  }
  if (err.validation) {
    void reply.status(400).send(body('bad-request', '请求格式不正确，请按接口文档填写', `The request does not match the API: ${err.message}`));
    return;
  }
  if (err.statusCode && err.statusCode < 500) {
    void reply.status(err.statusCode).send(body('bad-request', '请求无法处理', err.message));
    return;
  }
  req.log.error(err);
  void reply.status(500).send(body('internal', '服务器内部错误，请稍后重试；问题已记录', 'Internal error; it has been logged'));
}

export function notFound(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(body('not-found', `没有这个接口：${req.method} ${req.url}`, `No such endpoint: ${req.method} ${req.url}`));
}
