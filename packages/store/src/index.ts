/**
 * @duixian/store: subjects, facts (with every revision), parameters, award history and the import
 * log, in PostgreSQL (DATABASE_URL) or the embedded PGlite; imports all or nothing.
 */
export { openStore, storeOptionsFromEnv, type Store, type StoreOptions } from './db.js';
export { jsonValue } from './json.js';
export type { Database } from './schema.js';
export { importDataset, UsccTaken, type Counts, type ImportOptions, type ImportResult } from './import.js';
export { readAndImport, importRead, fileHash, type ReadAndImportOptions, type ReadAndImportResult } from './read.js';
export { keepYear, loadDataset, loadWithDigest, factRevisions, type FactRevision, type Loaded } from './load.js';
export { createRun, readRun, promoteRun, compareRuns, deviationsOf, rerun, runRequest, type Deviation, type RerunOptions, type RunOptions, type RunProgress, type RunSummary, type StoredRun } from './runs.js';
export {
  corpusFilesHash, keepCorpusVersion, readCorpusVersion, listCorpusVersions, corpusVersionFiles, corpusInForce, publishCorpusVersion,
  type CorpusState, type CorpusVersion, type NewCorpusVersion, type Publication,
} from './corpus-versions.js';
export { appendAudit, verifyAudit, canonical, currentRequestId, duringRequest, type AuditEntry, type AuditCheck } from './audit.js';
export { databaseAnswers, pendingMigrations } from './readiness.js';
export {
  ROLES, BANK_NAME, AccountError, MIN_PASSWORD, accountProblem, passwordProblem, strongPassword, canonicalUsername, usernameProblem, createAccount, ensureFirstAdmin, authenticate,
  openSession, sessionOf, closeSession, changePassword, listAccounts, readAccount, setAccountDisabled, resetPassword, type Account, type ListedAccount, type NewAccount, type Session,
} from './accounts.js';
export { generatePassword, hashPassword, hashesRunning, HASHES_AT_ONCE, verifyPassword } from './passwords.js';
export type { Role } from './schema.js';
export { ProcessError } from './process-error.js';
export {
  act, actIn, applicationEvents, createApplication, enlist, listApplications, readApplication, saveFacts, setAmount, setWindow, windowOf,
  type Acknowledgement, type Act, type AmountSetting, type Application, type ApplicationEvent, type ApplicationFilter, type AutomaticEntry, type Change, type Decided, type FilledFact, type NewApplication, type Placed, type Window,
} from './applications.js';
export { DEFAULT_NOTICE_DAYS, finalizeNotice, listNotices, publicNotices, publishNotice, readNotice, recordObjection, resolveObjection, type NewNotice, type Notice, type NoticeEntry, type Objection } from './notices.js';
export { listBudgets, listDisbursements, recordDisbursement, setBudget, type Budget, type BudgetKey, type DisbursementRow, type Payment } from './budgets.js';
export { ProcessProblems, type FieldProblem } from './process-error.js';
export {
  blacklistedIn, entryProblems, listEntries, proposeEntries, readEntry, removeEntry, reviewEntry,
  type EntryField, type EntryFilter, type EntryInput, type EntryProblem, type EntryState, type ListEntry, type ListEvent, type ListName, type Proposal,
} from './lists.js';
export {
  applyForLoan, decideLoan, listLoans, loanProblems, noBankServes, readLoan, withdrawLoan, SUMMARY_KEYS,
  type Loan, type LoanFilter, type LoanInput, type LoanState, type LoanSummary,
} from './loans.js';
export { bankProblems, banksServing, createBank, listBanks, placeName, updateBank, type Bank, type BankInput } from './banks.js';
export { fileTaskReport, taskReports, PROGRESS_MAX, type NewTaskReport, type TaskReport } from './tasks.js';
