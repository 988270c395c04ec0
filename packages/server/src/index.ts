export { buildApp, type AppOptions } from './app.js';
export { ApiError, type ErrorBody } from './errors.js';
export { SESSION_COOKIE, CSRF_HEADER } from './auth/guard.js';
export { ADMINS, READERS, EVERYONE, PROVINCE } from './auth/access.js';
