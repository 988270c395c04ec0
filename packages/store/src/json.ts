/**
 * A json or jsonb column's value as the drivers hand it back: parsed already (node-postgres,
 * PGlite), or the text of it where a query made it text. Either way the value, of the type the
 * caller says the column holds (the database does not check its shape).
 */
export const jsonValue = <T = unknown>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
