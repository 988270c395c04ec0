/**
 * The HTTP API (Fastify): JSON in and out, errors with a code and a Chinese and English message,
 * the OpenAPI 3 document at /api/openapi.json and interactive docs at /api/docs. The corpus and
 * the posted-profile calculator are public; everything reading or writing stored data is behind
 * a session and checks the caller's role and jurisdiction.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CORPUS, LOADED, type LoadedCorpus } from '@duixian/corpus';
import type { Store } from '@duixian/store';
import { UPLOAD_LIMITS, type UploadLimits } from '@duixian/interchange';
import { errorHandler, notFound } from './errors.js';
import { servePages } from './pages.js';
import { deprecateAlias, documentedAs, rewriteUrl } from './versions.js';
import { asOpenApi30 } from './openapi30.js';
import { guardInput } from './input.js';
import type { LimiterOptions } from './auth/rate-limit.js';
import { signInLimiters } from './auth/shared-limit.js';
import { PublicLimiter, type PublicLimits } from './auth/public-limit.js';
import { YearData } from './year-data.js';
import { yearLoader } from './year-load.js';
import { corpusRoutes } from './routes/corpus.js';
import { matchRoutes } from './routes/match.js';
import { sessionRoutes } from './routes/session.js';
import { accountRoutes } from './routes/accounts.js';
import { importRoutes } from './routes/imports.js';
import { subjectRoutes } from './routes/subjects.js';
import { runRoutes } from './routes/runs.js';
import { jobRoutes } from './routes/jobs.js';
import { Jobs, MemoryJobBook } from './jobs.js';
import { PgJobBook } from './jobs-pg.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { auditRoutes } from './routes/audit.js';
import { applicationRoutes } from './routes/applications.js';
import { applyGuideRoutes } from './routes/apply-guide.js';
import { noticeRoutes, publicNoticeRoutes } from './routes/notices.js';
import { calendarRoutes } from './routes/calendar.js';
import { budgetRoutes } from './routes/budgets.js';
import { listRoutes } from './routes/lists.js';
import { loanRoutes } from './routes/loans.js';
import { taskRoutes } from './routes/tasks.js';
import { processContext, type ProcessOptions } from './process.js';
import { corpusDraftRoutes } from './routes/corpus-drafts.js';
import { Health } from '@duixian/api';
import { PlatformCorpus } from './platform-corpus.js';
import { operationRoutes } from './routes/operations.js';
import { oneLinePerRequest, requestIdOf, requestIds } from './request-id.js';
import { Metrics, metricsRoute, type MetricsOptions } from './metrics.js';

export interface AppOptions {
  readonly store: Store;
  readonly logger?: boolean;
  /** sign-in limits (tests shorten the window) */
  readonly loginLimits?: LimiterOptions;
  /** requests per address to the public endpoints (default 20 a second, a burst of 40; a load test raises it) */
  readonly publicLimits?: PublicLimits;
  /** behind a reverse proxy: take the client's address from X-Forwarded-For (for rate limiting) */
  readonly trustProxy?: boolean;
  /** the built pages (packages/web/dist), served at / (pages.ts: assets compressed and cached, every other non-API path answered by index.html) */
  readonly webRoot?: string;
  /** today, the working-day calendar and the shortest 公示 of the award process (tests move the date) */
  readonly process?: ProcessOptions;
  /** how large an uploaded dataset may be (UPLOAD_LIMITS where not given) */
  readonly uploads?: Partial<UploadLimits>;
  /** the corpus this process starts with (default: LOADED, from DUIXIAN_CORPUS or corpus/), kept in the store at start */
  readonly corpus?: LoadedCorpus;
  /** over PostgreSQL: how long a job's process may go unheard before its jobs read as failed (jobs-pg.ts; default 60 s) */
  readonly jobLeaseMs?: number;
  /** who may scrape GET /api/metrics (metrics.ts): a bearer token; none, this machine only */
  readonly metrics?: MetricsOptions;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false, genReqId: requestIdOf, requestIdHeader: false, logController: oneLinePerRequest(),
    bodyLimit: 20 * 1024 * 1024, trustProxy: opts.trustProxy ?? false, rewriteUrl,
  });
  app.setErrorHandler(errorHandler);
  requestIds(app);
  const metrics = new Metrics();
  metrics.observeRequests(app);
  guardInput(app); // before the routes: every route's input held to it
  deprecateAlias(app); // /api/… answers as /api/v1/… for one more release, saying so
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').header('x-frame-options', 'DENY');
    // the pages: scripts only from this server; Ant Design writes its styles inline
    if (!req.url.startsWith('/api/')) void reply.header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
  });
  if (opts.webRoot && existsSync(join(opts.webRoot, 'index.html'))) await servePages(app, opts.webRoot);
  else app.setNotFoundHandler(notFound);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'duixian 兑现 API', version: '0.1.0', description: '政策兑现：规则、测算、解释。Incentive policies as code. Sign in with POST /api/v1/session; send the returned csrf token as x-csrf-token on every write.' },
    },
    transform: documentedAs, // each operation under its /api/v1 address (versions.ts)
    transformObject: asOpenApi30, // what 3.0.3 says differently from JSON Schema (openapi30.ts)
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  const process = processContext(opts.process);
  const corpora = new PlatformCorpus(opts.store, opts.corpus ?? LOADED, process.today, (law) => app.log.info({ corpusHash: law.hash, corpusVersion: law.loaded.corpus.version }, 'the corpus in force'));
  await corpora.start();
  // every route reads the corpus in force (the province's publication from its effective date)
  app.addHook('onRequest', () => corpora.ensure());
  app.get('/api/health', {
    schema: { tags: ['系统'], summary: '存活：现行政策库版本与数据库类型', description: 'Liveness, the corpus version in force and the database backend', response: { 200: Health } },
  }, async () => ({ ok: true, corpus: CORPUS.version, database: opts.store.backend }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(operationRoutes(opts.store, corpora)); // outside the public limit: a load balancer asks often
  await app.register(metricsRoute(metrics, opts.metrics));
  const years = new YearData(opts.store, undefined, undefined, yearLoader(opts.store));
  const log = (err: unknown) => app.log.error(err);
  // over PostgreSQL the jobs are the fleet's (jobs-pg.ts); PGlite's one process keeps them in memory
  const jobs = new Jobs(opts.store.backend === 'postgres' ? new PgJobBook(opts.store.db, { leaseMs: opts.jobLeaseMs }, log) : new MemoryJobBook(), log);
  metrics.observeJobs(jobs);
  app.addHook('onClose', () => jobs.stop()); // a job still running when the server stops ends as failed, saying so
  const publicLimiter = new PublicLimiter(opts.publicLimits);
  await app.register(async (open) => {
    open.addHook('onRequest', publicLimiter.hook); // for the routes registered in here only
    await open.register(corpusRoutes);
    await open.register(matchRoutes);
    await open.register(publicNoticeRoutes(opts.store, process)); // 公示 is for everyone
  });
  await app.register(sessionRoutes(opts.store, ...signInLimiters(opts.store, opts.loginLimits))); // over PostgreSQL, counted for the fleet
  await app.register(accountRoutes(opts.store));
  await app.register(importRoutes(opts.store, years, jobs, { ...UPLOAD_LIMITS, ...opts.uploads }));
  await app.register(subjectRoutes(opts.store, years));
  await app.register(runRoutes(opts.store, years, jobs, corpora));
  await app.register(corpusDraftRoutes(opts.store, corpora, years, jobs));
  await app.register(jobRoutes(opts.store, jobs));
  await app.register(applicationRoutes(opts.store, years, process, corpora));
  await app.register(applyGuideRoutes(opts.store, process));
  await app.register(noticeRoutes(opts.store, process));
  await app.register(calendarRoutes(opts.store, process));
  await app.register(budgetRoutes(opts.store, years, process));
  await app.register(listRoutes(opts.store, years, process));
  await app.register(loanRoutes(opts.store, process));
  await app.register(taskRoutes(opts.store, process));
  await app.register(monitoringRoutes(opts.store, years));
  await app.register(auditRoutes(opts.store));
  return app;
}
