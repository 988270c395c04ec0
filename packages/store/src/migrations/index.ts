/** The migrations in order; Kysely's Migrator runs those not yet run, in name order, on open. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';

const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
};

export const migrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };
