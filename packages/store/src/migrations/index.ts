/** The migrations in order; Kysely's Migrator runs those not yet run, in name order, on open. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-runs.js';
import * as m003 from './003-audit.js';
import * as m004 from './004-accounts.js';
import * as m005 from './005-provenance-keys.js';
import * as m006 from './006-process.js';
import * as m007 from './007-lists-loans-tasks.js';
import * as m008 from './008-snapshots.js';
import * as m009 from './009-one-subject-per-uscc.js';
import * as m011 from './011-run-incomplete.js';
import * as m012 from './012-reservations.js';
import * as m013 from './013-corpus-versions.js';
import * as m014 from './014-banks.js';
import * as m015 from './015-notice-content.js';
import * as m016 from './016-subject-keys-per-statement.js';
import * as m017 from './017-subject-check-by-hash.js';
import * as m018 from './018-jobs.js';
import * as m019 from './019-rate-limits.js';
import * as m020 from './020-audit-request-id.js';

const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-runs': m002,
  '003-audit': m003,
  '004-accounts': m004,
  '005-provenance-keys': m005,
  '006-process': m006,
  '007-lists-loans-tasks': m007,
  '008-snapshots': m008,
  '009-one-subject-per-uscc': m009,
  '011-run-incomplete': m011,
  '012-reservations': m012,
  '013-corpus-versions': m013,
  '014-banks': m014,
  '015-notice-content': m015,
  '016-subject-keys-per-statement': m016,
  '017-subject-check-by-hash': m017,
  '018-jobs': m018,
  '019-rate-limits': m019,
  '020-audit-request-id': m020,
};

export const migrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };
