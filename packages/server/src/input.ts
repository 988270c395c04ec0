/**
 * What every request's input is held to before any route sees it, so that bad input is a 400
 * naming the field, never a 500 from deep inside a handler or the database:
 *
 * - no text anywhere (query, path, body values and keys) holds a NUL character (U+0000):
 *   PostgreSQL cannot store one in text and fails the whole statement;
 * - every integer of a route's schema is bounded: one that says only `type: 'integer'` gets the
 *   range of the database's integer, so `page=99999999999999999999` (which JSON and the query
 *   string read as 1e20, a whole number to JSON Schema) is refused instead of reaching PostgreSQL.
 *
 * Both are hooks on the whole app (`guardInput`), not code in each route.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

/** A calendar year as every route takes it. */
export const YEAR = { type: 'integer', minimum: 2000, maximum: 2100 } as const;

/** The range of PostgreSQL's `integer`: a schema integer without bounds of its own gets these. */
const INTEGER_RANGE = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 } as const;

export function guardInput(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema) route.schema = boundIntegers(route.schema) as typeof route.schema;
  });
  app.addHook('preValidation', async (req) => refuseNul(req));
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

/** Uploaded bytes (an .xlsx, a PDF) are not text. */
const isBytes = (v: object): boolean => v instanceof Uint8Array || v instanceof ArrayBuffer;

/**
 * Where a NUL is in any text of `value` — a value or a key, at any depth — as `body.subjects[0].name`
 * (for a key: the object holding it); undefined if there is none. Without `named` it only says
 * whether there is one (`at`), building no paths: one look at each value of a large import. A walk
 * with its own stack, not recursion, so that no depth of nesting exhausts the call stack.
 */
function nulAt(value: unknown, at: string, named: boolean): string | undefined {
  const values: unknown[] = [value];
  const paths: string[] = [at];
  while (values.length) {
    const v = values.pop();
    const path = named ? paths.pop()! : at;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
      continue;
    }
    if (v === null || typeof v !== 'object' || isBytes(v)) continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        values.push(v[i]);
        if (named) paths.push(`${path}[${i}]`);
      }
      continue;
    }
    // for…in over a parsed body's own keys: no array of entries made per object of a large import
    for (const k in v) {
      if (k.includes('\u0000')) return path;
      values.push((v as Record<string, unknown>)[k]);
      if (named) paths.push(/^[\w-]+$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);
    }
  }
  return undefined;
}
