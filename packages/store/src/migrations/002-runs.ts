/**
 * Evaluation runs: immutable once written. A trigger refuses UPDATE and DELETE on both tables, so
 * not even a careless query can change what a run decided; a simulation becomes official only
 * through a row in run_promotions (append-only as well).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('official', 'simulation')`))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull()) // documents, interpretations, draft changes
    .addColumn('readings', 'jsonb', (c) => c.notNull()) // the switched readings the run used
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('result_hash', 'text', (c) => c.notNull())
    .addColumn('corpus_version', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('totals', 'jsonb', (c) => c.notNull())
    .addColumn('pools', 'jsonb', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.createTable('run_rows')
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // the output's order
    .addColumn('section', 'text', (c) => c.notNull().check(sql`section in ('award', 'withheld', 'missing')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('row', 'jsonb', (c) => c.notNull()) // the interchange row, with its explanation
    .addPrimaryKeyConstraint('run_rows_pk', ['run_id', 'seq'])
    .execute();
  await db.schema.createIndex('run_rows_subject').on('run_rows').columns(['run_id', 'subject_id']).execute();

  await db.schema.createTable('run_promotions')
    .addColumn('run_id', 'bigint', (c) => c.primaryKey().references('runs.id'))
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`create function duixian_immutable() returns trigger language plpgsql as $$
    begin raise exception 'duixian: % rows are immutable (% refused)', tg_table_name, tg_op; end $$`.execute(db);
  for (const t of ['runs', 'run_rows', 'run_promotions']) {
    await sql`create trigger ${sql.raw(`${t}_immutable`)} before update or delete on ${sql.table(t)}
      for each row execute function duixian_immutable()`.execute(db);
  }
}
