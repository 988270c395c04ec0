/** Finding a NUL character (U+0000) in parsed input: PostgreSQL stores none in text. No imports, so the reading worker loads it at no cost. */

/** Uploaded bytes (an .xlsx, a PDF) are not text. */
const isBytes = (v: object): boolean => v instanceof Uint8Array || v instanceof ArrayBuffer;

/**
 * Where a NUL is in any text of `value` — a value or a key, at any depth — as `body.subjects[0].name`
 * (for a key: the object holding it); undefined if there is none. Without `named` it only says
 * whether there is one (`at`), building no paths: one look at each value of a large import. A walk
 * with its own stack, not recursion, so that no depth of nesting exhausts the call stack.
 */
export function nulAt(value: unknown, at: string, named: boolean): string | undefined {
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
      if (named) paths.push(/^[\w-]+$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`);
    }
  }
  return undefined;
}
