/**
 * The first schema. Plain PostgreSQL only (text, integer, bigint, boolean, timestamptz, jsonb) so
 * that it runs unchanged on PostgreSQL, PGlite and the compatible servers (KingbaseES, openGauss, Citus).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('imports')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_file_hash').on('imports').column('file_hash').execute();

  await db.schema.createTable('subjects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('uscc', 'text')
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .execute();

  await db.schema.createTable('subject_tags')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('valid_to', 'timestamptz')
    .addColumn('added_by', 'bigint', (c) => c.notNull().references('imports.id'))
    .addColumn('removed_by', 'bigint', (c) => c.references('imports.id'))
    .execute();
  // at most one open interval per subject and tag
  await sql`create unique index subject_tags_current on subject_tags (subject_id, tag) where valid_to is null`.execute(db);

  await db.schema.createTable('facts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull().defaultTo(0).check(sql`quarter between 0 and 4`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rule', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .addUniqueConstraint('facts_identity', ['subject_id', 'year', 'quarter', 'key', 'item', 'rule'])
    .execute();
  await db.schema.createIndex('facts_year').on('facts').column('year').execute();

  await db.schema.createTable('fact_revisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('fact_id', 'bigint', (c) => c.notNull().references('facts.id'))
    .addColumn('old_value', 'bigint', (c) => c.notNull())
    .addColumn('new_value', 'bigint', (c) => c.notNull())
    .addColumn('old_source', 'text', (c) => c.notNull())
    .addColumn('new_source', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .execute();
  await db.schema.createIndex('fact_revisions_fact').on('fact_revisions').column('fact_id').execute();

  await db.schema.createTable('parameters')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .addPrimaryKeyConstraint('parameters_pk', ['rule', 'year', 'key'])
    .execute();

  await db.schema.createTable('award_history')
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .addPrimaryKeyConstraint('award_history_pk', ['subject_id', 'rule', 'year'])
    .execute();

  await db.schema.createTable('interpretations')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .addPrimaryKeyConstraint('interpretations_pk', ['year', 'id'])
    .execute();

  await db.schema.createTable('revisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('old', 'jsonb')
    .addColumn('new', 'jsonb')
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['revisions', 'interpretations', 'award_history', 'parameters', 'fact_revisions', 'facts', 'subject_tags', 'subjects', 'imports']) {
    await db.schema.dropTable(t).execute();
  }
}
