/**
 * @duixian/api: the HTTP API's shapes, one module per area. The server declares each route's body,
 * query, parameters and responses with these schemas (validation, serialisation and the OpenAPI
 * document come from them); the pages import the types only (`import type`), so nothing of this
 * package enters their bundle.
 */
export { ErrorBody, FieldProblem, errorResponses } from './errors.js';
export { Readiness } from './operations.js';
export * from './common.js';
export * from './paging.js';
export * from './jobs.js';
export * from './match.js';
export * from './runs.js';
export * from './lists.js';
export * from './loans.js';
export * from './notices.js';
export * from './tasks.js';
export * from './applications.js';
export * from './apply-guide.js';
export * from './budgets.js';
export * from './calendar.js';
export * from './session.js';
export * from './accounts.js';
export * from './imports.js';
export * from './subjects.js';
export * from './audit.js';
export * from './monitoring.js';
export * from './corpus.js';
export * from './corpus-drafts.js';
export * from './system.js';
