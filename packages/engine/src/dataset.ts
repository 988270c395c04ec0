/**
 * A validated dataset: what the engine evaluates. Produced from interchange format v1
 * (JSON, .xlsx, .csv) by @duixian/interchange, which guarantees every invariant noted here.
 * A server holds the same year as columns (columns.ts: ColumnarDataset), which runs take too.
 */
import type { FactKey, SubjectKind, Tag } from './vocabulary.js';

export interface Subject {
  readonly id: string; // unique; a region subject's id is its NBS code, the country is "CN"
  readonly kind: SubjectKind;
  readonly name: string;
  readonly region?: string; // 6-digit NBS statistical division code present in the region table
  readonly uscc?: string; // 18 characters, check character verified (GB 32100-2015)
  readonly tags: readonly Tag[];
}

export interface Fact {
  readonly subject: string; // a known subject id
  /**
   * Position of the subject in `Dataset.subjects`, when the reader knows it (it maps ids while
   * validating): saves the engine one id lookup per fact on a million-subject dataset.
   */
  readonly subjectIndex?: number;
  readonly year: number;
  readonly key: FactKey;
  /** exact value as a safe integer at the key's unit scale (see quantity.ts): money in fen */
  readonly value: number;
  readonly item?: string; // distinguishes several facts of one key in one year
  readonly rule?: string; // scopes the fact to one rule (panel scores)
  readonly quarter?: 1 | 2 | 3 | 4;
  readonly source?: string; // 统计局 / 第三方数据 / 企业自报
}

/** A row object while it is being filled in (the rows' types are readonly). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface HistoryEntry {
  readonly subject: string;
  readonly rule: string;
  readonly year: number;
  readonly amount: number | null; // fen; null for non-money awards
}

/** Per-rule settings an administrator sets: `amount` for pending rules (fen), `topN`, `cityShare`… */
export interface Parameter {
  readonly rule: string;
  readonly year: number;
  readonly key: string;
  readonly value: number; // scaled per PARAMETER_KEYS unit
}

export interface Dataset {
  readonly year: number;
  readonly subjects: readonly Subject[];
  readonly facts: readonly Fact[];
  readonly history: readonly HistoryEntry[];
  readonly parameters: readonly Parameter[];
  /** switches away from default readings, e.g. { "I-pool": "largest-first" } */
  readonly interpretations: Readonly<Record<string, string>>;
}
