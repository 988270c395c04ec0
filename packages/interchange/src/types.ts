/** The public types of @duixian/interchange. */
import type { Dataset, RegionTable, Vocabulary } from '@duixian/engine';
import type { UploadLimits } from './limits.js';

/**
 * One thing wrong with an input. `path` locates it: a JSON path (`facts[12].value`,
 * `subjects[3].uscc`, `interpretations.I-pool`) or a sheet cell (`事实(facts)!D14`), in which
 * case the message starts with the row and column in words (`row 14, column 值(value): …`).
 */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** What the input may refer to: the corpus's rule ids, interpretation switches and words. */
export interface Known {
  readonly rules: ReadonlySet<string>;
  /** interpretation id → its allowed values (the default first) */
  readonly interpretations: Readonly<Record<string, readonly string[]>>;
  /** a document's own reading → the documents it belongs to: switched `@` another document, it is refused */
  readonly readingDocuments?: Readonly<Record<string, readonly string[]>>;
  /** rule id → the parameter keys it reads (corpus RULE_PARAMETERS): others are refused; unchecked when absent */
  readonly parameters?: ReadonlyMap<string, readonly string[]>;
  /** the corpus's words (corpus/vocabulary.yaml): the subject kinds, fact keys and tags an input may use */
  readonly vocabulary: Vocabulary;
  /** the corpus's region table (corpus/regions.yaml over the national one): where a subject may be; the engine's built-in table when absent */
  readonly regions?: RegionTable;
}

export interface ReadOptions {
  /** the evaluation year (`--year`): overrides the file's year */
  readonly year?: number;
  /** how large an .xlsx may be (limits.ts); UPLOAD_LIMITS where not given (FILE_LIMITS for readFile) */
  readonly limits?: Partial<UploadLimits>;
  /** called as a spreadsheet is read (.xlsx, CSV) every few thousand rows, with the rows read so far */
  readonly onProgress?: (rows: number) => void;
}

/** Top-level `meta` (this project's addition): labels demo data as synthetic. */
export interface Meta {
  readonly description?: string;
  readonly synthetic?: boolean;
  readonly generator?: string;
  readonly seed?: number;
}

/**
 * All or nothing: a file with any problem yields no dataset, so nothing is ever evaluated from a
 * partly valid file; `tooLarge` when it was refused for its size (limits.ts), unread. Warnings
 * (e.g. an exact duplicate fact, dropped) never block reading.
 */
export type ReadResult =
  | { ok: true; dataset: Dataset; warnings: Problem[]; meta?: Meta }
  | { ok: false; problems: Problem[]; tooLarge?: true };
