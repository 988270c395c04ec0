/**
 * 白名单与信用黑名单 in the database, with dynamic management (动态管理): an administrator proposes
 * an entry (one, or many by import: all or nothing), an administrator of the entry's region or
 * above — not the one who proposed it — approves it (active) or refuses it with a reason, and an
 * active entry is removed (移出) with a reason. Every change is a list event and an audit entry,
 * in the transaction of the change. An entry is in force on a day when it is active and the day
 * lies within its validity (workflow's activeOn); an active blacklist entry in force on any day of
 * a year makes its stored subject `creditBlacklisted` when that year's data is loaded (load.ts),
 * so the engine withholds its awards (I-blacklist).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { usccProblem } from '@duixian/engine';
import { isWithin, placeOf, region } from '@duixian/corpus';
import { blacklistedDuring, isIsoDate, isWhitelistCategory, WHITELIST_CATEGORIES, type WhitelistCategory } from '@duixian/workflow';
import type { Store } from './db.js';
import type { Database } from './schema.js';
import { appendAudit } from './audit.js';
import { sameEyes } from './four-eyes.js';
import { notFound, ProcessError, ProcessProblems, type FieldProblem } from './process-error.js';

type Tx = Transaction<Database>;

export type ListName = 'white' | 'black';
export type EntryState = 'pending' | 'active' | 'refused' | 'removed';

/** An entry as proposed or imported: list and category in English or as the pages write them in Chinese. */
export interface EntryInput {
  readonly list: string;
  readonly category?: string | null;
  /** a stored subject's id; else the entry is matched to a stored subject by its USCC, when one has it */
  readonly subject?: string | null;
  readonly name?: string | null;
  readonly uscc?: string | null;
  /** the region code; taken from the subject when one is given */
  readonly region?: string | null;
  readonly reason?: string | null;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
}

export type EntryField = keyof EntryInput;

/** One problem of the k-th entry given (an import names its row from it). */
export interface EntryProblem extends FieldProblem {
  readonly index: number;
  readonly field: EntryField;
}

export interface ListEntry {
  readonly id: string;
  readonly list: ListName;
  readonly category: WhitelistCategory | null;
  readonly subjectId: string | null;
  readonly name: string;
  readonly uscc: string | null;
  readonly region: string;
  readonly reason: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly removedOn: string | null;
  readonly state: EntryState;
  readonly version: number;
}

export interface ListEvent {
  readonly action: 'propose' | 'import' | 'approve' | 'refuse' | 'remove';
  readonly reason: string;
  readonly by: string;
  readonly at: Date;
}

const LIST_NAMES: Readonly<Record<string, ListName>> = { white: 'white', black: 'black', 白名单: 'white', 黑名单: 'black', 信用黑名单: 'black' };
const CATEGORY_BY_LABEL = new Map<string, WhitelistCategory>(Object.entries(WHITELIST_CATEGORIES).map(([k, label]) => [label, k as WhitelistCategory]));
const CATEGORIES_TEXT = Object.entries(WHITELIST_CATEGORIES).map(([k, label]) => `${k}（${label}）`).join('、');

const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');

/** An entry's fields checked on their own, and the entry as it would be stored (subject links still to resolve). */
interface Checked {
  list: ListName;
  category: WhitelistCategory | null;
  subjectId: string | null;
  name: string;
  uscc: string | null;
  region: string;
  reason: string;
  validFrom: string;
  validTo: string | null;
}

/** The problems of one entry's own fields (no database needed); `index` is passed through. */
export function entryProblems(e: EntryInput, index = 0): EntryProblem[] {
  return checkFields(e, index).problems;
}

function checkFields(e: EntryInput, index: number): { entry: Checked; problems: EntryProblem[] } {
  const out: EntryProblem[] = [];
  const problem = (field: EntryField, message: string) => out.push({ index, field, message });
  const list = LIST_NAMES[text(e.list)];
  if (!list) problem('list', '名单须为 white（白名单）或 black（信用黑名单） (list must be white or black)');
  const rawCategory = text(e.category);
  const category = rawCategory === '' ? null : isWhitelistCategory(rawCategory) ? rawCategory : CATEGORY_BY_LABEL.get(rawCategory) ?? null;
  if (list === 'white' && !category) {
    problem('category', rawCategory ? `类别“${rawCategory}”不是白名单类别，应为 ${CATEGORIES_TEXT} (category must be one of ${Object.keys(WHITELIST_CATEGORIES).join(', ')})` : `白名单须填写类别：${CATEGORIES_TEXT} (a whitelist entry needs a category)`);
  }
  if (list === 'black' && rawCategory) problem('category', '信用黑名单不分类别，请留空 (a blacklist entry has no category: leave it empty)');
  const subjectId = text(e.subject) || null;
  const name = text(e.name);
  const uscc = text(e.uscc).toUpperCase() || null;
  // without a stored subject (by id, or by USCC: resolve() tells) the name and region must be given
  if (!name && !subjectId && !uscc) problem('name', '请填写名称，或填写已入库主体的编号 (give the name, or the id of a stored subject)');
  if (name.length > 200) problem('name', '名称不超过200字 (at most 200 characters)');
  if (uscc && usccProblem(uscc)) problem('uscc', `统一社会信用代码 ${uscc} 无效（应为18位，末位为校验码） (not a valid USCC)`);
  if (list === 'black' && !subjectId && !uscc) problem('uscc', '信用黑名单须写明主体：填写统一社会信用代码或已入库主体的编号 (a blacklist entry names its subject: a USCC or a stored subject id)');
  const regionCode = text(e.region);
  if (regionCode && !(region(regionCode) && isWithin(regionCode, '370000'))) problem('region', `地区 ${regionCode} 不是山东省内的统计用区划代码（如 370811） (not a Shandong region code)`);
  if (!regionCode && !subjectId && !uscc) problem('region', '请填写地区（6位区划代码），或填写已入库主体的编号 (give the region code, or a stored subject id)');
  const reason = text(e.reason);
  if (list === 'black' && !reason) problem('reason', '请写明列入信用黑名单的理由（如 失信被执行人，文号） (a blacklist entry needs its reason)');
  if (reason.length > 1000) problem('reason', '理由不超过1000字 (at most 1000 characters)');
  const validFrom = text(e.validFrom);
  if (!isIsoDate(validFrom)) problem('validFrom', `生效日期${validFrom ? ` ${validFrom} ` : ''}须为 YYYY-MM-DD 格式的日期 (validFrom must be a date YYYY-MM-DD)`);
  const validTo = text(e.validTo) || null;
  if (validTo !== null && !isIsoDate(validTo)) problem('validTo', `失效日期 ${validTo} 须为 YYYY-MM-DD 格式的日期，或留空表示长期有效 (validTo must be a date, or empty)`);
  else if (validTo !== null && isIsoDate(validFrom) && validTo < validFrom) problem('validTo', `失效日期 ${validTo} 早于生效日期 ${validFrom} (validTo is before validFrom)`);
  return { entry: { list: list ?? 'white', category: list === 'white' ? category : null, subjectId, name, uscc, region: regionCode, reason, validFrom, validTo }, problems: out };
}

/** Two validities overlap (null: open-ended). */
const overlap = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

const LISTS_LOCK = 0x6c697374;

export interface Proposal {
  readonly by: string;
  /** the process's date (the event's day) */
  readonly today: string;
  /** one entry proposed, or an import */
  readonly action: 'propose' | 'import';
  /** whether the proposer's jurisdiction holds a region */
  readonly within: (region: string) => boolean;
}

/**
 * Propose entries (pending): every entry checked — its fields, its subject against the store, no
 * other pending or active entry of the same list for the same subject (or USCC) with an
 * overlapping validity — then every region against the proposer's jurisdiction. Any problem and
 * nothing is written (ProcessProblems: invalid first, then forbidden, each naming its entry).
 */
export async function proposeEntries(store: Store, inputs: readonly EntryInput[], p: Proposal): Promise<ListEntry[]> {
  const checked = inputs.map((e, k) => checkFields(e, k));
  const invalid = checked.flatMap((c) => c.problems);
  if (invalid.length) throw new ProcessProblems('invalid', invalid);
  return store.db.transaction().execute(async (tx) => {
    // one proposer at a time checks for overlaps: two imports of the same subject cannot both pass
    await sql`select pg_advisory_xact_lock(${LISTS_LOCK})`.execute(tx);
    const entries = checked.map((c) => c.entry);
    const problems = await resolve(tx, entries);
    if (problems.length) throw new ProcessProblems('invalid', problems);
    const outside = entries.flatMap((e, index) => (p.within(e.region) ? [] : [{ index, field: 'region' as const, message: `${e.name}：地区 ${e.region} 不在您的管辖范围内，请由该地区或上级管理员提出 (region ${e.region} is outside your jurisdiction)` }]));
    if (outside.length) throw new ProcessProblems('forbidden', outside);
    const ids: string[] = [];
    for (const e of entries) {
      const row = await tx.insertInto('list_entries').values({
        list: e.list, category: e.category, subject_id: e.subjectId, name: e.name, uscc: e.uscc, region: e.region, reason: e.reason,
        valid_from: e.validFrom, valid_to: e.validTo, state: 'pending',
      }).returning('id').executeTakeFirstOrThrow();
      const id = String(row.id);
      ids.push(id);
      await tx.insertInto('list_events').values({ entry_id: id, action: p.action, reason: e.reason, by: p.by }).execute();
      await appendAudit(tx, { actor: p.by, action: `list.${p.action}`, entity: `list_entries/${id}`, after: { ...e, state: 'pending', day: p.today } });
    }
    return Promise.all(ids.map(async (id) => entryOf((await selectEntry(tx, id))!)));
  });
}

/** Link each entry to its stored subject (by id, else by USCC), fill name and region from it, and find conflicts. */
async function resolve(tx: Tx, entries: Checked[]): Promise<EntryProblem[]> {
  const out: EntryProblem[] = [];
  const ids = [...new Set(entries.flatMap((e) => (e.subjectId ? [e.subjectId] : [])))];
  const usccs = [...new Set(entries.flatMap((e) => (e.uscc ? [e.uscc] : [])))];
  const subjects = [
    ...(ids.length ? await tx.selectFrom('subjects').select(['id', 'name', 'region', 'uscc']).where('id', 'in', ids).execute() : []),
    ...(usccs.length ? await tx.selectFrom('subjects').select(['id', 'name', 'region', 'uscc']).where('uscc', 'in', usccs).execute() : []),
  ];
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const byUscc = new Map(subjects.flatMap((s) => (s.uscc ? [[s.uscc, s] as const] : [])));
  entries.forEach((e, index) => {
    const problem = (field: EntryField, message: string) => out.push({ index, field, message });
    const s = e.subjectId ? byId.get(e.subjectId) : e.uscc ? byUscc.get(e.uscc) : undefined;
    if (e.subjectId && !s) return problem('subject', `库中没有主体 ${e.subjectId}，请先导入该主体或改填统一社会信用代码 (no stored subject ${e.subjectId})`);
    if (!s) {
      if (!e.name) problem('name', `库中没有信用代码为 ${e.uscc} 的主体，请填写名称 (no stored subject has this USCC: give the name)`);
      if (!e.region) problem('region', `库中没有信用代码为 ${e.uscc} 的主体，请填写地区 (no stored subject has this USCC: give the region)`);
      return;
    }
    const place = placeOf(s);
    if (e.uscc && s.uscc && e.uscc !== s.uscc) problem('uscc', `主体 ${s.id} 的统一社会信用代码为 ${s.uscc}，与所填 ${e.uscc} 不符 (the subject's USCC is ${s.uscc})`);
    if (e.region && place && e.region !== place) problem('region', `主体 ${s.id} 位于 ${place}，与所填地区 ${e.region} 不符；可留空 (the subject lies in ${place})`);
    if (!place && !e.region) problem('region', `主体 ${s.id} 没有所在地区，请填写地区 (the subject has no region: give one)`);
    e.subjectId = s.id;
    e.uscc ??= s.uscc;
    e.name ||= s.name;
    e.region ||= place ?? '';
  });
  // another live entry of the same list for the same subject, in force at the same time: in the store, or earlier in this batch
  const keys = (e: Checked) => [...(e.subjectId ? [`s:${e.subjectId}`] : []), ...(e.uscc ? [`u:${e.uscc}`] : [])];
  const named = { subjects: entries.flatMap((e) => (e.subjectId ? [e.subjectId] : [])), usccs: entries.flatMap((e) => (e.uscc ? [e.uscc] : [])) };
  const live = named.subjects.length + named.usccs.length === 0 ? [] : await tx.selectFrom('list_entries').select(['id', 'list', 'subject_id', 'uscc', 'valid_from', 'valid_to', 'state'])
    .where('state', 'in', ['pending', 'active'])
    .where((eb) => eb.or([
      ...(named.subjects.length ? [eb('subject_id', 'in', named.subjects)] : []),
      ...(named.usccs.length ? [eb('uscc', 'in', named.usccs)] : []),
    ])).execute();
  const seen = live.map((r) => ({ id: `${String(r.id)}（${r.state === 'pending' ? '待审核' : '在册'}）`, list: r.list, keys: [...(r.subject_id ? [`s:${r.subject_id}`] : []), ...(r.uscc ? [`u:${r.uscc}`] : [])], validFrom: r.valid_from, validTo: r.valid_to }));
  entries.forEach((e, index) => {
    const k = keys(e);
    const clash = seen.find((o) => o.list === e.list && o.keys.some((x) => k.includes(x)) && overlap(o, e));
    if (clash) {
      out.push({ index, field: e.subjectId ? 'subject' : 'uscc', message: `${e.name} 已有有效期重叠的${e.list === 'white' ? '白名单' : '信用黑名单'}条目 ${clash.id}；请先审核或移出该条目 (entry ${clash.id} of the same list overlaps)` });
    }
    seen.push({ id: `第${index + 1}条`, list: e.list, keys: k, validFrom: e.validFrom, validTo: e.validTo });
  });
  return out.sort((a, b) => a.index - b.index);
}

const selectEntry = (db: Tx | Store['db'], id: string, lock = false) => {
  const q = db.selectFrom('list_entries').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

type EntryRow = NonNullable<Awaited<ReturnType<typeof selectEntry>>>;
const entryOf = (r: EntryRow): ListEntry => ({
  id: String(r.id), list: r.list, category: r.category as WhitelistCategory | null, subjectId: r.subject_id, name: r.name, uscc: r.uscc, region: r.region,
  reason: r.reason, validFrom: r.valid_from, validTo: r.valid_to, removedOn: r.removed_on, state: r.state, version: r.version,
});

export async function readEntry(store: Store, id: string): Promise<ListEntry & { events: ListEvent[] }> {
  const r = await selectEntry(store.db, id);
  if (!r) throw notFound(`名单条目 ${id}`, `list entry ${id}`);
  const events = await store.db.selectFrom('list_events').select(['action', 'reason', 'by', 'at']).where('entry_id', '=', id).orderBy('id').execute();
  return { ...entryOf(r), events: events.map((e) => ({ ...e, action: e.action as ListEvent['action'] })) };
}

/** The entry locked for this transaction, if the caller saw its current version and it is in `state`. */
async function lockedIn(tx: Tx, id: string, version: number, state: EntryState, zh: string, en: string): Promise<ListEntry> {
  const r = await selectEntry(tx, id, true);
  if (!r) throw notFound(`名单条目 ${id}`, `list entry ${id}`);
  const e = entryOf(r);
  if (e.version !== version) throw new ProcessError('conflict', 'stale', '该条目已被他人更新，请刷新后再操作', `The entry changed since you read it (version ${e.version}, you sent ${version}): reload it`);
  if (e.state !== state) throw new ProcessError('conflict', 'not-allowed', `${zh}（当前状态：${e.state}）`, `${en} (it is ${e.state})`);
  return e;
}

async function change(tx: Tx, e: ListEntry, to: EntryState, action: ListEvent['action'], reason: string, by: string, today: string): Promise<ListEntry> {
  await tx.updateTable('list_entries').set({ state: to, version: e.version + 1, ...(to === 'removed' ? { removed_on: today } : {}) }).where('id', '=', e.id).execute();
  await tx.insertInto('list_events').values({ entry_id: e.id, action, reason, by }).execute();
  await appendAudit(tx, { actor: by, action: `list.${action}`, entity: `list_entries/${e.id}`, before: { state: e.state }, after: { state: to, reason, day: today } });
  return entryOf((await selectEntry(tx, e.id))!);
}

/** Approve (active) or refuse (with a reason) a pending entry: by a second pair of eyes (four-eyes.ts). */
export async function reviewEntry(store: Store, id: string, r: { approve: boolean; reason?: string; version: number }, by: string, today: string): Promise<ListEntry> {
  const reason = text(r.reason);
  if (!r.approve && !reason) throw new ProcessError('invalid', 'reason-required', '不予列入须写明理由', 'A refusal needs its reason', 'reason');
  return store.db.transaction().execute(async (tx) => {
    const e = await lockedIn(tx, id, r.version, 'pending', '只有待审核的条目可以审核', 'Only a pending entry can be reviewed');
    const first = await tx.selectFrom('list_events').select('by').where('entry_id', '=', id).orderBy('id').limit(1).executeTakeFirst();
    const same = first && (await sameEyes(tx, first.by, by));
    if (same) throw same;
    return change(tx, e, r.approve ? 'active' : 'refused', r.approve ? 'approve' : 'refuse', reason, by, today);
  });
}

/** Take an active entry off its list (移出), with the reason; it is no longer in force from `today`. */
export async function removeEntry(store: Store, id: string, r: { reason: string; version: number }, by: string, today: string): Promise<ListEntry> {
  const reason = text(r.reason);
  if (!reason) throw new ProcessError('invalid', 'reason-required', '移出名单须写明理由', 'A removal needs its reason', 'reason');
  return store.db.transaction().execute(async (tx) => {
    const e = await lockedIn(tx, id, r.version, 'active', '只有在册的条目可以移出', 'Only an active entry can be removed');
    return change(tx, e, 'removed', 'remove', reason, by, today);
  });
}

export interface EntryFilter {
  /** regions the caller sees (undefined: all) */
  readonly regions?: readonly string[];
  /** an enterprise: its own entries (by USCC, or by its stored subject), decided ones only */
  readonly uscc?: string;
  readonly list?: ListName;
  readonly category?: WhitelistCategory;
  readonly state?: EntryState;
  /** in force on this day: active, and the day within its validity */
  readonly activeOn?: string;
  readonly subjectId?: string;
}

export async function listEntries(store: Store, f: EntryFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: ListEntry[] }> {
  let q = store.db.selectFrom('list_entries');
  if (f.regions) q = q.where('region', 'in', f.regions.length ? [...f.regions] : ['-']);
  if (f.uscc !== undefined) {
    const uscc = f.uscc;
    q = q.where('state', 'in', ['active', 'removed'])
      .where((eb) => eb.or([eb('uscc', '=', uscc), eb('subject_id', 'in', eb.selectFrom('subjects').select('subjects.id').where('subjects.uscc', '=', uscc))]));
  }
  if (f.list) q = q.where('list', '=', f.list);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.activeOn) {
    const d = f.activeOn;
    q = q.where('state', '=', 'active').where('valid_from', '<=', d).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', d)]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map(entryOf) };
}

/**
 * The stored subjects on the credit blacklist during `year` (an active entry in force on at least
 * one day of it, naming the subject or its USCC), each with the entries that put it there — read with the year's data, in its
 * transaction, and hashed into its digest.
 */
export async function blacklistedIn(tx: Kysely<Database>, year: number): Promise<{ subject: string; entries: { id: string; validFrom: string; validTo: string | null }[] }[]> {
  // an entry names its subject by id, or by a USCC that a subject stored since may carry
  const rows = await tx.selectFrom('list_entries as e').leftJoin('subjects as s', (j) => j.onRef('s.uscc', '=', 'e.uscc').on('e.subject_id', 'is', null))
    .select((eb) => ['e.id', 'e.valid_from', 'e.valid_to', eb.fn.coalesce('e.subject_id', 's.id').as('subject')])
    .where('e.list', '=', 'black').where('e.state', '=', 'active')
    .orderBy('subject').orderBy('e.id').execute();
  const by = new Map<string, { id: string; validFrom: string; validTo: string | null }[]>();
  for (const r of rows) {
    const e = { id: String(r.id), validFrom: r.valid_from, validTo: r.valid_to };
    if (r.subject === null || !blacklistedDuring([e], year)) continue;
    const list = by.get(r.subject);
    if (list) list.push(e);
    else by.set(r.subject, [e]);
  }
  return [...by].map(([subject, entries]) => ({ subject, entries }));
}
