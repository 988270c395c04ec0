/**
 * Request ids (issue 18): each request is known by an id — the caller's x-request-id when it is
 * sane (a proxy's or an integrator's, so their logs and ours meet), else a UUID made here. The id
 * is on the one log line written per request, in the response's x-request-id header, and in every
 * audit entry written while the request is answered (store: duringRequest).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyInstance } from 'fastify';
import { duringRequest } from '@duixian/store';

export const REQUEST_ID_HEADER = 'x-request-id';

/** At most 128 letters, digits and . _ : - : nothing that could forge a log line or a header. */
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the caller's id when sane, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && SANE.test(sent) ? sent : randomUUID();
}

/** Fastify's own two lines per request (received, completed) off: requestIds writes one. */
export const oneLinePerRequest = (): LogController => new LogController({ disableRequestLogging: true });

/** The id echoed, given to the audit log, and the request's one log line. */
export function requestIds(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
  });
  // after the body is read (its stream's events run outside any context of ours), so that the handler and what it starts run inside
  app.addHook('preHandler', (req, _reply, done) => duringRequest(req.id, done));
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: req.routeOptions.url ?? null, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
}
