/**
 * The tables as Kysely sees them (the migrations in migrations/ create them). Values are bigint
 * columns holding the engine's scaled integers (fen, millionths; quantity.ts): never a float.
 * A bigint comes back as a string from `pg` and as a number from PGlite, hence `Int`.
 */
import type { ColumnType } from 'kysely';

/** bigint read as string (pg) or number (PGlite); written as a string or number */
type Int = ColumnType<string | number, string | number, string | number>;
/** a bigserial key: generated on insert */
type Serial = ColumnType<string | number, string | number | undefined, string | number>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AuditLogTable {
  seq: Int;
  at: Stamp;
  actor: string;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
  /** the HTTP request it was written for (x-request-id; migration 020), null outside one */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RunsTable {
  id: Serial;
  kind: 'official' | 'simulation';
  year: number;
  options: unknown;
  readings: unknown;
  input_hash: string;
  result_hash: string;
  corpus_version: string;
  engine_version: string;
  totals: unknown;
  pools: unknown;
  /** the engine's `incomplete` section, or null (I-rank-incomplete) */
  incomplete: unknown;
  /** the corpus version (corpus_versions.hash) it was decided with; null for runs made before versions were kept */
  corpus_hash: ColumnType<string | null, string | null | undefined, string | null>;
  by: string;
  at: Stamp;
}

/** Every corpus the platform has used or been given, by the hash of its files (migration 013). */
export interface CorpusVersionsTable {
  hash: string;
  version: string;
  files: ColumnType<unknown, string, never>;
  state: 'built-in' | 'draft' | 'published';
  stored_by: string;
  stored_at: Stamp;
  effective: ColumnType<string | null, string | null | undefined, string | null>;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RunRowsTable {
  run_id: Int;
  seq: number;
  section: 'award' | 'withheld' | 'missing';
  subject_id: string;
  rule: string;
  row: unknown;
}

/** One row: how many statements have written subjects, subject_tags or facts (migration 008). */
export interface RowsVersionTable {
  id: number;
  version: Int;
}

/** A job of a server process over PostgreSQL (migration 018; the server's jobs.ts). */
export interface JobsTable {
  id: string;
  kind: string;
  owner: string;
  state: 'running' | 'done' | 'failed';
  progress: unknown;
  status: number | null;
  result: unknown;
  error: unknown;
  started: Stamp;
  ended: Date | string | null;
  process: string;
  lease_until: Date | string;
}

/** A sign-in attempt counted against one key until its window ends (migration 019; the server's auth/shared-limit.ts). */
export interface LoginAttemptsTable {
  id: Serial;
  key: string;
  expires: Date | string;
}

/** A year's subjects, tags and facts at one rows_version, in parts (snapshot.ts). */
export interface YearSnapshotsTable {
  year: number;
  version: Int;
  part: number;
  data: Uint8Array;
  made_at: Stamp;
}

export interface RunPromotionsTable {
  run_id: Int;
  by: string;
  reason: string;
  at: Stamp;
}

export interface SubjectsTable {
  id: string;
  kind: string;
  name: string;
  region: string | null;
  uscc: string | null;
  import_id: Int; // the import that last changed the row
}

/** Tag history: a tag holds from valid_from until valid_to (null: still holds). */
export interface SubjectTagsTable {
  id: Serial;
  subject_id: string;
  tag: string;
  valid_from: Stamp;
  valid_to: Date | null;
  added_by: Int;
  removed_by: Int | null;
}

/**
 * A fact's identity is (subject, year, quarter, key, item, rule); absent parts are stored as
 * 0 / '' (NOT NULL), so the unique constraint sees them and no NULL ever makes two rows distinct.
 */
export interface FactsTable {
  id: Serial;
  subject_id: string;
  year: number;
  quarter: number; // 0 = the whole year
  key: string;
  item: string; // '' = none
  rule: string; // '' = none
  value: Int;
  source: string; // '' = not given
  import_id: Int;
}

export interface FactRevisionsTable {
  id: Serial;
  fact_id: Int;
  old_value: Int;
  new_value: Int;
  old_source: string;
  new_source: string;
  changed_by: string;
  changed_at: Stamp;
  reason: string;
  import_id: Int;
}

export interface ParametersTable {
  rule: string;
  year: number;
  key: string;
  value: Int;
  import_id: Int;
}

export interface AwardHistoryTable {
  subject_id: string;
  rule: string;
  year: number;
  amount: Int | null; // fen; null for a non-money award
  import_id: Int;
}

export interface InterpretationsTable {
  year: number;
  id: string;
  value: string;
  import_id: Int;
}

/** Changes to anything other than a fact (subject fields, parameters, history, readings): old → new as JSON. */
export interface RevisionsTable {
  id: Serial;
  entity: string; // 'subject' | 'parameter' | 'history' | 'interpretation'
  entity_key: string;
  old: ColumnType<unknown, string, string>;
  new: ColumnType<unknown, string, string>;
  changed_by: string;
  changed_at: Stamp;
  reason: string;
  import_id: Int;
}

export interface ImportsTable {
  id: Serial;
  file_hash: string;
  name: string;
  by: string;
  reason: string;
  at: Stamp;
  counts: ColumnType<unknown, string, string>;
}

/** bank: a partner bank's staff (齐鲁电商贷), who see their bank's queue of loan applications and nothing else */
export type Role = 'province-admin' | 'city-admin' | 'county-admin' | 'enterprise' | 'auditor' | 'bank';

export interface AccountsTable {
  id: Serial;
  username: string;
  role: Role;
  region: string | null;
  uscc: string | null;
  /** the partner bank a bank account works for (role bank only) */
  bank: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: string;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Stamp;
}

export interface SessionsTable {
  token_hash: string;
  account_id: Int;
  csrf: string;
  created_at: Stamp;
  expires_at: Stamp;
}

/** Dates (公示, windows, payments) as 'YYYY-MM-DD' text: no time zone ever shifts a day. */
type Day = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface ApplicationWindowsTable {
  rule: string;
  year: number;
  opens: Day;
  closes: Day;
  set_by: string;
  set_at: Stamp;
}

export interface ApplicationsTable {
  id: Serial;
  subject_id: string;
  rule: string;
  document: string;
  year: number;
  mode: 'application' | 'automatic';
  state: string;
  chain: string;
  region: string;
  funder: string;
  decided_fen: Int | null;
  ceiling: ColumnType<boolean, boolean | undefined, boolean>;
  approved_fen: Int | null;
  /** what the application holds of its budget: reserved in review, committed once approved (migration 012) */
  held_fen: ColumnType<string | number | null, string | number | null | undefined, string | number | null>;
  /** 金额待定: the funder sets the amount before the final approval */
  amount_pending: ColumnType<boolean, boolean | undefined, boolean>;
  run_id: Int | null;
  facts: Json;
  explanation: ColumnType<unknown, string | null | undefined, string | null>;
  review_due: Day | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface ApplicationEventsTable {
  id: Serial;
  application_id: Int;
  action: string;
  from_state: string | null;
  to_state: string;
  level: string | null;
  reasons: Json;
  amount_fen: Int | null;
  by: string;
  at: Stamp;
}

export interface AttachmentsTable {
  id: Serial;
  application_id: Int;
  name: string;
  type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  by: string;
  at: Stamp;
}

export interface NoticesTable {
  id: Serial;
  title: string;
  scope: string;
  published: Day;
  days: number;
  ends: Day;
  state: 'running' | 'final';
  by: string;
  at: Stamp;
  finalized_by: string | null;
  finalized_at: Date | null;
  /** where objections go: the office, its telephone and address (null on notices before migration 015) */
  office: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  address: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An entry as published: the subject's name and USCC, the clause and the amount on the day (migration 015). */
export interface NoticeEntriesTable {
  notice_id: Int;
  application_id: Int;
  subject_name: ColumnType<string | null, string | null | undefined, string | null>;
  uscc: ColumnType<string | null, string | null | undefined, string | null>;
  clause: ColumnType<string | null, string | null | undefined, string | null>;
  amount_fen: ColumnType<string | number | null, string | number | null | undefined, string | number | null>;
}

export interface ObjectionsTable {
  id: Serial;
  notice_id: Int;
  application_id: Int;
  text: string;
  from_whom: string;
  by: string;
  at: Stamp;
  status: ColumnType<'open' | 'upheld' | 'dismissed', 'open' | undefined, 'upheld' | 'dismissed'>;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface BudgetsTable {
  document: string;
  funder: string;
  year: number;
  total_fen: Int;
  committed_fen: ColumnType<string | number, string | number | undefined, string | number>;
  /** amounts approved by a first level and not yet by the last (migration 012) */
  reserved_fen: ColumnType<string | number, string | number | undefined, string | number>;
  set_by: string;
  set_at: Stamp;
}

export interface DisbursementsTable {
  id: Serial;
  application_id: Int;
  order_no: string;
  paid_on: Day;
  amount_fen: Int;
  by: string;
  at: Stamp;
}

export interface ListEntriesTable {
  id: Serial;
  list: 'white' | 'black';
  category: string | null;
  subject_id: string | null;
  name: string;
  uscc: string | null;
  region: string;
  reason: string;
  valid_from: Day;
  valid_to: Day | null;
  state: 'pending' | 'active' | 'refused' | 'removed';
  version: ColumnType<number, number | undefined, number>;
  /** the day it was taken off the list (state removed) */
  removed_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ListEventsTable {
  id: Serial;
  entry_id: Int;
  action: string;
  reason: string;
  by: string;
  at: Stamp;
}

export interface LoanApplicationsTable {
  id: Serial;
  subject_id: string;
  region: string;
  bank: string;
  amount_fen: Int;
  term_months: number;
  purpose: string;
  consent: boolean;
  consent_at: Date | null;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
  state: 'queued' | 'accepted' | 'declined' | 'withdrawn';
  by: string;
  at: Stamp;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 齐鲁电商贷's partner banks, kept by the province (migration 014) */
export interface BanksTable {
  id: Serial;
  name: string;
  contact: ColumnType<string, string | undefined, string>;
  phone: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: Stamp;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** the regions a partner bank serves: a city or county, or the province (all of it) */
export interface BankRegionsTable {
  bank_id: number;
  region: string;
}

export interface TaskReportsTable {
  task: string;
  period: string;
  department: string;
  progress: string;
  by: string;
  at: Stamp;
  reported_on: ColumnType<string | null, string | null | undefined, string | null>;
  corrections: ColumnType<number, number | undefined, number>;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  subjects: SubjectsTable;
  subject_tags: SubjectTagsTable;
  facts: FactsTable;
  fact_revisions: FactRevisionsTable;
  parameters: ParametersTable;
  award_history: AwardHistoryTable;
  interpretations: InterpretationsTable;
  revisions: RevisionsTable;
  imports: ImportsTable;
  runs: RunsTable;
  corpus_versions: CorpusVersionsTable;
  audit_log: AuditLogTable;
  run_rows: RunRowsTable;
  run_promotions: RunPromotionsTable;
  application_windows: ApplicationWindowsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  attachments: AttachmentsTable;
  notices: NoticesTable;
  notice_entries: NoticeEntriesTable;
  objections: ObjectionsTable;
  budgets: BudgetsTable;
  disbursements: DisbursementsTable;
  list_entries: ListEntriesTable;
  list_events: ListEventsTable;
  loan_applications: LoanApplicationsTable;
  banks: BanksTable;
  bank_regions: BankRegionsTable;
  task_reports: TaskReportsTable;
  rows_version: RowsVersionTable;
  year_snapshots: YearSnapshotsTable;
  jobs: JobsTable;
  login_attempts: LoginAttemptsTable;
}
