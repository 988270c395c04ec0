/** The demo dataset as interchange format v1 JSON (shared/spec/interchange-format.md) plus `meta`. */
import type { FactKey, SubjectKind, Tag } from '@duixian/engine';

export interface DemoOptions {
  /** PRNG seed (a non-negative safe integer); default 20231 */
  seed?: number;
  /** number of generated enterprises (besides the planted showcase subjects); default 5000 */
  enterprises?: number;
  /** the evaluation year; default 2023 */
  year?: number;
}

export interface ResolvedOptions {
  readonly seed: number;
  readonly enterprises: number;
  readonly year: number;
}

export interface DemoSubject {
  id: string;
  kind: SubjectKind;
  name: string;
  region?: string;
  uscc?: string;
  tags?: Tag[];
}

export type DemoValue = string | number;

export interface DemoFact {
  subject: string;
  year: number;
  key: FactKey;
  item?: string;
  rule?: string;
  value: DemoValue;
}

export interface DemoHistory {
  subject: string;
  rule: string;
  year: number;
  amount: string | null;
}

export interface DemoParameter {
  rule: string;
  year: number;
  key: string;
  value: DemoValue;
}

export interface DemoMeta {
  description: string;
  synthetic: true;
  generator: string;
  seed: number;
}

export interface DemoDataset {
  format: 'duixian/v1';
  year: number;
  meta: DemoMeta;
  subjects: DemoSubject[];
  facts: DemoFact[];
  history: DemoHistory[];
  parameters: DemoParameter[];
}

export const DEFAULTS: ResolvedOptions = { seed: 20231, enterprises: 5000, year: 2023 };

export function resolveOptions(opts: DemoOptions = {}): ResolvedOptions {
  const seed = opts.seed ?? DEFAULTS.seed;
  const enterprises = opts.enterprises ?? DEFAULTS.enterprises;
  const year = opts.year ?? DEFAULTS.year;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  if (!Number.isSafeInteger(enterprises) || enterprises < 0 || enterprises > 20_000_000) {
    throw new RangeError(`enterprises must be an integer from 0 to 20000000, got ${enterprises}`);
  }
  if (!Number.isSafeInteger(year) || year < 2000 || year > 2100) throw new RangeError(`year must be a year such as 2023, got ${year}`);
  return { seed, enterprises, year };
}
