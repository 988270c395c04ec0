/**
 * An answer checked against the schema its route declares in @duixian/api, with ajv (the validator
 * Fastify itself uses; TypeBox's own Value.Check does not know the plain JSON Schema enums the API
 * writes with Type.Unsafe). Every mismatch is named in the failure.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ErrorBody } from '@duixian/api';

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const compiled = new Map<TSchema, ValidateFunction>();

/** The mismatches of `value` against `schema`, one line each (none: it conforms). */
export function mismatches(schema: TSchema, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate(value) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The answer's body, once its status is `status` and the body conforms to `schema`. */
export function conforms(r: LightMyRequestResponse, status: number, schema: TSchema): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(r.statusCode, r.body.slice(0, 500)).toBe(status);
  const body: unknown = r.json();
  expect(mismatches(schema, body), r.body.slice(0, 500)).toEqual([]);
  return body;
}

/** An error answer: its status, the error shape, and its code. */
export function refused(r: LightMyRequestResponse, status: number, code: string): ErrorBody {
  const body = conforms(r, status, ErrorBody) as ErrorBody;
  expect(body.error.code).toBe(code);
  return body;
}
