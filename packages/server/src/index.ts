export { buildApp, type AppOptions } from './app.js';
export { ApiError, type ErrorBody } from './errors.js';
export { LoginLimiter, OldPasswordLimiter, LOGIN_LIMITS, OLD_PASSWORD_LIMITS, type Attempt, type LimiterOptions } from './auth/rate-limit.js';
export { PublicLimiter, PUBLIC_LIMITS, publicLimitsOf, type PublicLimits } from './auth/public-limit.js';
export { SESSION_COOKIE, CSRF_HEADER } from './auth/guard.js';
export { ADMINS, READERS, EVERYONE, PROVINCE } from './auth/access.js';
