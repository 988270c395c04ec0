export { buildApp, type AppOptions } from './app.js';
export { ApiError, type ErrorBody } from './errors.js';
