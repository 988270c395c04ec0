/**
 * A list of records as the validator sees it: a length known up front (tables are sized once) and
 * one pass in order. A plain array is one; a JSON file too large to parse at once is another
 * (json-chunks.ts), whose records exist only a chunk at a time.
 */
export interface Elements {
  readonly length: number;
  forEach(visit: (item: unknown, index: number) => void): void;
}

/** An array as Elements. A hole is visited as undefined (Array.prototype.forEach would skip it). */
export function arrayElements(items: readonly unknown[]): Elements {
  return {
    length: items.length,
    forEach(visit) {
      for (let i = 0; i < items.length; i++) visit(items[i], i);
    },
  };
}

/** Elements as an array, for the small sections (history, parameters, interpretations). */
export function toArray(list: Elements): unknown[] {
  const out: unknown[] = [];
  list.forEach((item) => out.push(item));
  return out;
}
