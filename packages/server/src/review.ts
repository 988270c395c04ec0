/**
 * Review that fits the work (issue 16, point 4): what the review queue is filtered by (clause,
 * region, amount), the enterprise's name beside each application, the facts a decision used, and
 * the to-do counts of an account — what waits on it, each one count in SQL.
 */
import type { QueueFilters } from '@duixian/api';
import { formatValue } from '@duixian/engine';
import { byId, CORPUS, isWithin, region, ruleFactKeys, VOCABULARY } from '@duixian/corpus';
import type { Account, Application, ApplicationFilter, Store } from '@duixian/store';
import { levelOfRole, reviewState } from '@duixian/workflow';
import { ApiError } from './errors.js';
import { outsideJurisdiction } from './auth/guard.js';
import { ADMINS, regionsOf, regionsWithin, seesAll } from './auth/access.js';
import { amountOf } from './process.js';

/** The queue's filters beside state, year and clause (their schema: @duixian/api's QueueFilters). */
export type QueueQuery = QueueFilters;

/**
 * The regions and amounts a reader's queue is narrowed to: its jurisdiction, or the region asked
 * for inside it (an unknown region is a 422, one outside it a 403); amounts read as the API reads
 * money, the lower bound not above the upper.
 */
export function queueFilter(me: Account, q: QueueQuery): Pick<ApplicationFilter, 'regions' | 'minFen' | 'maxFen'> {
  const minFen = q.min === undefined ? undefined : amountOf(q.min, 'min');
  const maxFen = q.max === undefined ? undefined : amountOf(q.max, 'max');
  if (minFen !== undefined && maxFen !== undefined && minFen > maxFen) {
    throw new ApiError(422, 'invalid-range', '金额上限不能低于下限', 'The upper amount is below the lower one', [{ path: 'max', message: `${q.max} is below ${q.min}` }]);
  }
  return { ...regionFilter(me, q.region), ...(minFen === undefined ? {} : { minFen }), ...(maxFen === undefined ? {} : { maxFen }) };
}

function regionFilter(me: Account, code: string | undefined): { regions?: readonly string[] } {
  if (code === undefined) return regionsOf(me);
  if (!region(code)) throw new ApiError(422, 'unknown-region', `没有地区代码 ${code}`, `No region ${code}`, [{ path: 'region', message: `unknown region ${code}` }]);
  if (!seesAll(me) && !isWithin(code, me.region!)) throw outsideJurisdiction(`地区 ${code} `, `Region ${code}`);
  return { regions: regionsWithin(code) };
}

/** The names of subjects by id (one query for a page of applications). */
export async function subjectNames(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await store.db.selectFrom('subjects').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface UsedFact {
  readonly key: string;
  readonly year: number;
  readonly item: string | null;
  /** as people write it, with its unit: 6000万元, 27.6%, 12 */
  readonly value: string;
  readonly source: string | null;
}

/**
 * The stored facts of the application's subject that its rule reads, for its year and the year
 * before (a growth compares them): what the decision was made on, beside what the enterprise
 * filled in. None for a rule the corpus in force no longer has.
 */
export async function usedFacts(store: Store, a: Application): Promise<UsedFact[]> {
  const rule = byId(CORPUS).rules.get(a.rule);
  const keys = rule ? ruleFactKeys(rule) : [];
  if (!keys.length) return [];
  const rows = await store.db.selectFrom('facts').select(['key', 'year', 'item', 'value', 'source'])
    .where('subject_id', '=', a.subjectId).where('key', 'in', keys).where('year', 'in', [a.year - 1, a.year]).where('quarter', '=', 0)
    .orderBy('year', 'desc').orderBy('key').orderBy('item').execute();
  return rows.map((f) => {
    const unit = VOCABULARY.facts[f.key as keyof typeof VOCABULARY.facts]?.unit;
    return { key: f.key, year: f.year, item: f.item || null, value: unit ? formatValue(unit, Number(f.value)) : String(f.value), source: f.source || null };
  });
}

/** What waits on an account, by the menu item it is done in. */
export interface Todo {
  /** 审核: applications at its review level (an enterprise: its own returned for correction) */
  readonly approvals: number;
  /** 公示: approved awards its level decided, waiting for a notice; its notices past their last day with no objection open */
  readonly notices: number;
  /** 名单管理: entries of its jurisdiction waiting for a second pair of eyes (not its own proposals) */
  readonly lists: number;
  /** 齐鲁电商贷: applications in its bank's queue */
  readonly loans: number;
}

/** A `count(*) as n` row as a number (PostgreSQL answers a bigint as a string). */
const n = (row: { n: string | number | bigint }): number => Number(row.n);

export async function todoOf(store: Store, me: Account, today: string): Promise<Todo> {
  const none: Todo = { approvals: 0, notices: 0, lists: 0, loans: 0 };
  if (me.role === 'enterprise') {
    const returned = await store.db.selectFrom('applications as a').innerJoin('subjects as s', 's.id', 'a.subject_id').where('s.uscc', '=', me.uscc!).where('a.state', '=', 'returned')
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { ...none, approvals: n(returned) };
  }
  if (me.role === 'bank') {
    const queued = await store.db.selectFrom('loan_applications').where('bank', '=', me.bank!).where('region', 'in', [...regionsWithin(me.region!)]).where('state', '=', 'queued')
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { ...none, loans: n(queued) };
  }
  const level = levelOfRole(me.role);
  if (!ADMINS.includes(me.role) || !level) return none; // an auditor reads; nothing waits on it
  const regions = seesAll(me) ? undefined : [...regionsWithin(me.region!)];
  const [approvals, publish, finalize, lists] = await Promise.all([
    store.db.selectFrom('applications').where('state', '=', reviewState(level)).$if(regions !== undefined, (q) => q.where('region', 'in', regions!))
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    // the level that decides last publishes: a chain ends at the issuing level
    store.db.selectFrom('applications').where('state', '=', 'approved').where('chain', 'like', `%${level}`).$if(regions !== undefined, (q) => q.where('region', 'in', regions!))
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    store.db.selectFrom('notices as t').where('t.state', '=', 'running').where('t.ends', '<', today).$if(regions !== undefined, (q) => q.where('t.scope', '=', me.region!))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('objections as o').select('o.id').whereRef('o.notice_id', '=', 't.id').where('o.status', '=', 'open'))))
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    store.db.selectFrom('list_entries as e').where('e.state', '=', 'pending').$if(regions !== undefined, (q) => q.where('e.region', 'in', regions!))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('list_events as v').select('v.id').whereRef('v.entry_id', '=', 'e.id').where('v.by', '=', me.username).where('v.action', 'in', ['propose', 'import']))))
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { approvals: n(approvals), notices: n(publish) + n(finalize), lists: n(lists), loans: 0 };
}
