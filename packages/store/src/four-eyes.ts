/**
 * 四眼原则: a proposal (a blacklist or whitelist entry) is approved by a second person, not by a
 * second account of the same person. An administrator can create accounts, so "another account"
 * is not enough: the approver may be neither the proposer, nor any account the proposer created
 * (directly or through accounts it created in turn), nor — while the proposer's account is new
 * (created less than VOUCHING_DAYS ago) — the account that created it: whoever made an account
 * knew its one-time password and could act as it until its owner has long taken it over.
 * The province, another administrator of the same level, or an older superior approves instead.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { ProcessError } from './process-error.js';

/** How long an account's creator is not a second pair of eyes for it. */
export const VOUCHING_DAYS = 30;

/** The refusal when `approver` would review `proposer`'s proposal with the same pair of eyes, or undefined. */
export async function sameEyes(tx: Transaction<Database>, proposer: string, approver: string): Promise<ProcessError | undefined> {
  if (proposer === approver) {
    return new ProcessError('forbidden', 'own-proposal', '不能审核自己提出的条目，请由本级或上级其他管理员审核', 'You proposed this entry: another administrator of its region or above reviews it');
  }
  // the accounts the proposer made, and the ones they made, …
  const made = await sql<{ username: string }>`
    with recursive made(username) as (
      select username from accounts where created_by = ${proposer}
      union select a.username from accounts a join made m on a.created_by = m.username
    ) select username from made where username = ${approver}`.execute(tx);
  if (made.rows.length) {
    return new ProcessError('forbidden', 'proposer-created-approver', `您的账户由提出人 ${proposer}（或其创建的账户）创建，不能审核其提出的条目，请由其他管理员审核`,
      `Your account was created by the proposer ${proposer} (or by an account it created): another administrator reviews this`);
  }
  // the proposer's makers, up the chain while each account on it is still new
  const makers = await sql<{ username: string }>`
    with recursive makers(username, created_by, created_at) as (
      select username, created_by, created_at from accounts where username = ${proposer}
      union select a.username, a.created_by, a.created_at from accounts a join makers m on a.username = m.created_by
        where m.created_at > now() - make_interval(days => ${VOUCHING_DAYS})
    ) select username from makers where created_by = ${approver} and created_at > now() - make_interval(days => ${VOUCHING_DAYS})`.execute(tx);
  if (makers.rows.length) {
    return new ProcessError('forbidden', 'approver-created-proposer', `提出人的账户由您在 ${VOUCHING_DAYS} 日内创建，不能由您审核，请由其他管理员审核`,
      `You created the proposer's account less than ${VOUCHING_DAYS} days ago: another administrator reviews this`);
  }
  return undefined;
}
