/**
 * The HTTP API (Fastify): JSON in and out, errors with a code and a Chinese and English message,
 * the OpenAPI 3 document at /api/openapi.json and interactive docs at /api/docs.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CORPUS } from '@duixian/corpus';
import { errorHandler, notFound } from './errors.js';
import { corpusRoutes } from './routes/corpus.js';
import { matchRoutes } from './routes/match.js';

export interface AppOptions {
  readonly logger?: boolean;
}

export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 20 * 1024 * 1024 });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFound);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'duixian 兑现 API', version: '0.1.0', description: '政策兑现：规则、测算、解释。Incentive policies as code.' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/health', { schema: { tags: ['系统'], summary: 'Liveness and the corpus version' } }, async () => ({ ok: true, corpus: CORPUS.version }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(corpusRoutes);
  await app.register(matchRoutes);
  return app;
}
