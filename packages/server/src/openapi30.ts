/**
 * The OpenAPI document as version 3.0.3 means it. Our schemas are TypeBox's, that is JSON Schema,
 * and @fastify/swagger converts them only in part:
 * - `examples` is a list in JSON Schema; a 3.0 Schema Object has only `example` (one value), and
 *   the list is converted at a body's top only, not inside it (a property's examples), which makes
 *   the document invalid. Every schema's `examples` list becomes its first `example`. (A Media
 *   Type's or Parameter's `examples` is a map of Example Objects, not a list: left as it is.)
 * - a nullable enumeration (`Nullable(StringEnum(…))`, anyOf with null) becomes `nullable: true`
 *   beside an `enum` without null, which by 3.0.3 (its clarification of nullable) still refuses
 *   null — yet the server answers null. null joins the enum.
 * - a query field with a default (a page, its size, a format) is required in the route's schema,
 *   because the server fills it in before validating, and so is listed as a required parameter:
 *   a client need not send it. A parameter with a default is not required.
 */
import type { SwaggerTransformObject } from '@fastify/swagger';

export const asOpenApi30: SwaggerTransformObject = (document) =>
  as30('openapiObject' in document ? document.openapiObject : document.swaggerObject) as ReturnType<SwaggerTransformObject>;

function as30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(as30);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' && Array.isArray(value)) {
      if (value.length > 0 && !('example' in node)) out.example = value[0];
    } else out[key] = as30(value);
  }
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.in === 'query' && out.required === true && (out.schema as { default?: unknown } | undefined)?.default !== undefined) out.required = false;
  return out;
}
