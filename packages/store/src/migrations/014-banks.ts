/**
 * 齐鲁电商贷's partner banks as data (issue 16): before, a bank was only a name on its staff's
 * accounts and served wherever one of them sat; now the province keeps each bank — its name, the
 * regions it serves (several), its contact person and phone — and an enterprise chooses among the
 * banks serving its region. Staff accounts and loan applications still name their bank by name
 * (a rename updates both); the banks already named are kept, serving the regions of their enabled
 * staff, so that nothing routed before changes.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('banks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz')
    .execute();
  await db.schema.createTable('bank_regions')
    .addColumn('bank_id', 'integer', (c) => c.notNull().references('banks.id').onDelete('cascade'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bank_regions_pk', ['bank_id', 'region'])
    .execute();
  await db.schema.createIndex('bank_regions_region').on('bank_regions').column('region').execute();
  await sql`insert into banks (name, created_by)
    select bank, 'migration' from accounts where role = 'bank' and bank is not null
    union select bank, 'migration' from loan_applications`.execute(db);
  await sql`insert into bank_regions (bank_id, region)
    select distinct b.id, a.region from accounts a join banks b on b.name = a.bank
    where a.role = 'bank' and not a.disabled and a.region is not null`.execute(db);
}
