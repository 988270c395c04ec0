/**
 * The API's version in its address. Integrators call /api/v1/...; the routes are registered once,
 * under their unversioned names (/api/runs…), and a request to /api/v1/x is answered by the route
 * of /api/x (`toRoute`, Fastify's rewriteUrl: req.url is the route's address, req.originalUrl the
 * one asked for). So there is one route table, and the OpenAPI document names every operation by
 * its v1 address (`documentedAs`, @fastify/swagger's transform).
 *
 * The unversioned /api/x is the alias of the release before: it answers the same for one more
 * release, with `Deprecation: true` and `Link: </api/v1/x>; rel="successor-version"` so that a
 * client sees it should move (docs/api-changelog.md). Not deprecated, because load balancers,
 * Prometheus and people's bookmarks are set up with them once: the probes, the scrape, the
 * document and its viewer (UNVERSIONED), answered at both addresses for good.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const API_V1 = '/api/v1';

const V1 = /^\/api\/v1(?=[/?#]|$)/;
const API = /^\/api(?=[/?#]|$)/;
const UNVERSIONED = /^\/api\/(?:health|ready|metrics|openapi\.json|docs)(?=[/?#]|$)/;

/** The route's address of a request's URL: /api/v1/x → /api/x; anything else as it is. */
export const toRoute = (url: string): string => url.replace(V1, '/api');

/** The v1 address of an API path: /api/x → /api/v1/x (the document's and Location's addresses). */
export const v1 = (path: string): string => (V1.test(path) ? path : path.replace(API, API_V1));

/** @fastify/swagger's transform: the operation under its v1 address, its schema as declared. */
export const documentedAs = <S>({ schema, url }: { schema: S; url: string }): { schema: S; url: string } => ({ schema, url: v1(url) });

/** For the Fastify constructor: requests to /api/v1/x are routed to /api/x. */
export const rewriteUrl = (req: { url?: string }): string => toRoute(req.url ?? '/');

/** Every answer to the unversioned alias (errors too) says it is deprecated and where its successor is. */
export function deprecateAlias(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply) => {
    if (!isAlias(req)) return;
    void reply.header('deprecation', 'true').header('link', `<${successor(req.originalUrl)}>; rel="successor-version"`);
  });
}

function isAlias(req: FastifyRequest): boolean {
  const asked = req.originalUrl;
  return API.test(asked) && !V1.test(asked) && !UNVERSIONED.test(asked);
}

/** The v1 path of the address asked for, without its query, safe inside a Link header's <…>. */
function successor(asked: string): string {
  const path = v1(asked.replace(/[?#].*$/s, ''));
  return path.replace(/[^\x21-\x7e]|[<>]/gu, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
