/**
 * What every request's input is held to before any route sees it, so that bad input is a 400
 * naming the field, never a 500 from deep inside a handler or the database:
 *
 * - no text anywhere (query, path, body values and keys) holds a NUL character (U+0000):
 *   PostgreSQL cannot store one in text and fails the whole statement;
 * - every integer of a route's input (body, query, path, headers) is bounded: one that says only `type: 'integer'` gets the
 *   range of the database's integer, so `page=99999999999999999999` (which JSON and the query
 *   string read as 1e20, a whole number to JSON Schema) is refused instead of reaching PostgreSQL.
 *
 * Both are hooks on the whole app (`guardInput`), not code in each route.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import { nulAt } from './nul.js';

/** The range of PostgreSQL's `integer`: a schema integer without bounds of its own gets these. */
const INTEGER_RANGE = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 } as const;

export function guardInput(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema) route.schema = { ...route.schema, ...boundInput(route.schema as Record<string, unknown>) };
  });
  app.addHook('preValidation', async (req) => refuseNul(req));
}

/**
 * The input parts of a route's schema with their integers bounded. Not its responses: an answer may
 * hold any whole number (a sum in fen passes 2^31), and a serialiser choosing between the branches of
 * `anyOf` (a nullable object) would find an answer outside the bounds matching none of them.
 */
function boundInput(schema: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(['body', 'querystring', 'query', 'params', 'headers'].filter((k) => schema[k] !== undefined).map((k) => [k, boundIntegers(schema[k])]));
}

/** A copy of `schema` in which every integer without a minimum or maximum has the database's. */
function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = boundIntegers(v);
  const type = out.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INTEGER_RANGE.minimum;
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INTEGER_RANGE.maximum;
  }
  return out;
}

function refuseNul(req: FastifyRequest): void {
  for (const [part, value] of [['query', req.query], ['params', req.params], ['body', req.body]] as const) {
    if (nulAt(value, part, false) === undefined) continue;
    const path = nulAt(value, part, true)!;
    const en = `${path} holds a NUL character (U+0000), which no text may hold: remove it`;
    throw new ApiError(400, 'nul-character', `${path} 含有空字符（U+0000），请删除后重新提交`, en, [{ path, message: en }]);
  }
}
