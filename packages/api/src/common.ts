/** Small shapes every area uses: null where the store has none, a moment, an enumeration, done. */
import { Type, type ArrayOptions, type Static, type TSchema } from '@sinclair/typebox';

/** A value or null (JSON null where the store has none). */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A moment as ISO 8601 text (UTC). */
export const Timestamp = (description: string) => Type.String({ format: 'date-time', description });

/**
 * One of a few strings, as a JSON Schema `enum` (TypeBox's unions of literals become `anyOf`, whose
 * validation messages say less: "must be equal to one of the allowed values" names the choice).
 */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string; default?: NoInfer<T>; examples?: NoInfer<T>[] } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** `{ ok: true }`: done, nothing else to say. */
export const Ok = Type.Object({ ok: Type.Literal(true) }, { description: '完成 Done' });

/**
 * An array whose type is `readonly T[]`: the engine and the store hand out readonly lists, which a
 * handler then returns as they are (TypeBox's own arrays are mutable, and a readonly list is not one).
 */
export const List = <T extends TSchema>(item: T, options: ArrayOptions = {}) => Type.Unsafe<readonly Static<T>[]>(Type.Array(item, options));

/** A file sent as it is (a template, an attachment): OpenAPI's binary string. */
export const Binary = (description: string): TSchema => Type.String({ format: 'binary', description });
