/**
 * Migration 016's per-statement check that a fact's or tag's subject exists, planned for its size.
 * Its `limit 1` anti-join let the planner look each new row's subject up in subjects' index, one
 * at a time: right for a few rows, but the import of a million enterprises inserts 2.1M tags in one
 * statement, into a subjects table just filled in the same transaction (never analysed, mostly
 * outside shared buffers): 9.4 s of index probes for the tags, 3.8 s for the 2.26M facts
 * (auto_explain, bench/results.md). Above BIG rows the check now reads subjects once into a hash
 * (1.5 s at a million); below, it stays the index lookup a single fact needs.
 */
import { sql, type Kysely } from 'kysely';

/** rows of one statement from which a hash of all subjects is cheaper than looking each up */
const BIG = 100_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  // enable_nestloop is set for the one query and put back (set_config(…, true) would otherwise hold to the transaction's end)
  await sql`create or replace function duixian_subject_exists() returns trigger language plpgsql as $$
    declare
      missing text;
      nestloop text;
    begin
      if (select count(*) from new_rows) >= ${sql.lit(BIG)} then
        nestloop := current_setting('enable_nestloop');
        perform set_config('enable_nestloop', 'off', true);
        select n.subject_id into missing from new_rows n
          where not exists (select 1 from subjects s where s.id = n.subject_id);
        perform set_config('enable_nestloop', nestloop, true);
      else
        select n.subject_id into missing from new_rows n
          where not exists (select 1 from subjects s where s.id = n.subject_id) limit 1;
      end if;
      if missing is not null then
        raise exception using errcode = 'foreign_key_violation',
          message = format('duixian: %s.subject_id %L names no subject', tg_table_name, missing);
      end if;
      return null;
    end $$`.execute(db);
}
