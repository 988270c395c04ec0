/**
 * The subjects an account may see, as a query: the one place the jurisdiction rule of
 * auth/access.ts becomes SQL. Lists start from it; run rows are filtered by it.
 */
import type { Kysely } from 'kysely';
import type { Account, Database } from '@duixian/store';
import { regionsWithin, seesAll } from './auth/access.js';

export function subjectsInScope(db: Kysely<Database>, me: Account) {
  const q = db.selectFrom('subjects');
  if (me.role === 'enterprise') return q.where('uscc', '=', me.uscc!);
  if (seesAll(me)) return q;
  const inside = regionsWithin(me.region!);
  return q.where((eb) => eb.or([eb('region', 'in', inside), eb('id', 'in', inside)])); // a region subject lies in itself
}
