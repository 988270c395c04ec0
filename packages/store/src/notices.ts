/**
 * 公示: approved awards published as one list for N working days (default 5; weekends and the
 * configured holidays skipped, 调休 workdays counted). Objections are recorded against an entry
 * and resolved: upheld takes the entry off the list (its application is rejected and its amount
 * goes back to the budget), dismissed leaves it. After the last day, with no objection open, the
 * list becomes final and so does every entry still on it.
 *
 * What the public reads is kept as published: each entry's enterprise name, USCC, clause and
 * amount on the day, and the office, telephone and address that receive objections.
 */
import { articleLabel, yuanString } from '@duixian/engine';
import { byId, CORPUS } from '@duixian/corpus';
import { canFinalize, noticeEnd, transition, type WorkCalendar } from '@duixian/workflow';
import type { Store } from './db.js';
import type { Role } from './schema.js';
import { appendAudit } from './audit.js';
import { actIn, event, refusal } from './applications.js';
import { notFound, ProcessError } from './process-error.js';

export interface NewNotice {
  readonly title: string;
  /** the publishing level's region */
  readonly scope: string;
  readonly published: string;
  readonly days?: number;
  readonly applicationIds: readonly string[];
  /** where objections go (异议受理): every notice names them */
  readonly office: string;
  readonly phone: string;
  readonly address: string;
}

export interface Notice {
  readonly id: string;
  readonly title: string;
  readonly scope: string;
  readonly published: string;
  readonly days: number;
  readonly ends: string;
  readonly state: 'running' | 'final';
  readonly applicationIds: readonly string[];
  readonly entries: readonly NoticeEntry[];
  /** null on notices published before offices were asked for (migration 015) */
  readonly office: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly objections: readonly Objection[];
}

/** One award as the notice publishes it. */
export interface NoticeEntry {
  readonly applicationId: string;
  readonly rule: string;
  readonly subjectName: string;
  readonly uscc: string | null;
  /** 文号 article title: 济政字〔2022〕54号 第二条 国家级示范称号一次性奖励 */
  readonly clause: string;
  /** yuan, e.g. "100000.00"; null for an honour */
  readonly amount: string | null;
  /** false once an upheld objection took it off the list */
  readonly listed: boolean;
}

export interface Objection {
  readonly id: string;
  readonly applicationId: string;
  readonly text: string;
  readonly fromWhom: string;
  readonly status: 'open' | 'upheld' | 'dismissed';
  readonly resolution: string | null;
}

/** A clause as people cite it, from the corpus in use: 文号, article, title (the rule id if the corpus no longer has it). */
export function clauseOf(ruleId: string): string {
  const { rules, documents } = byId(CORPUS);
  const rule = rules.get(ruleId);
  if (!rule) return ruleId;
  return [documents.get(rule.document)?.number, articleLabel(rule.article), rule.title].filter(Boolean).join(' ');
}

/** Office, telephone and address: each required, and a telephone is dialled digits. */
function contactProblem(n: NewNotice): ProcessError | undefined {
  const blank = (['office', 'phone', 'address'] as const).find((k) => !n[k]?.trim());
  const zh = { office: '受理异议的单位', phone: '联系电话', address: '联系地址' } as const;
  const en = { office: 'the office receiving objections', phone: 'the telephone', address: 'the address' } as const;
  if (blank) return new ProcessError('invalid', 'notice-contact', `请填写${zh[blank]}：公示须写明异议向谁提出`, `Give ${en[blank]}: a notice says where objections go`, blank);
  if (!PHONE.test(n.phone.trim())) return new ProcessError('invalid', 'notice-contact', '联系电话应为电话号码，如 0537-2345678', 'The telephone is a number such as 0537-2345678', 'phone');
  return undefined;
}
/** 0537-2345678, (0531) 8612 3456, 12345, 0537-2345678转801: digits with the usual separators */
const PHONE = /^[+(（]?\d[\d\s()（）-]{3,24}(转\d{1,6})?$/;

/** The shortest 公示 unless configured otherwise (DUIXIAN_NOTICE_MIN_DAYS), and the longest. */
export const DEFAULT_NOTICE_DAYS = 5;
const MAX_NOTICE_DAYS = 30;

/**
 * Publish approved entries: each moves approved → on-notice through the state machine. A notice
 * starts today or later — a back-dated one would be over before anyone could object — and runs
 * at least `minDays` working days (that many when `days` is not given).
 */
export async function publishNotice(store: Store, n: NewNotice, role: Role, by: string, today: string, cal: WorkCalendar, minDays = DEFAULT_NOTICE_DAYS): Promise<Notice> {
  const days = n.days ?? minDays;
  if (!Number.isInteger(days) || days < minDays || days > MAX_NOTICE_DAYS) {
    throw new ProcessError('invalid', 'notice-days', `公示期应为 ${minDays} 至 ${MAX_NOTICE_DAYS} 个工作日`, `A notice runs ${minDays} to ${MAX_NOTICE_DAYS} working days`, 'days');
  }
  if (n.published < today) {
    throw new ProcessError('invalid', 'notice-backdated', `公示发布日期不能早于今天（${today}）；不填即从今天起公示`, `A notice cannot be published before today (${today}); leave the date out to publish today`, 'published');
  }
  if (!n.applicationIds.length) throw new ProcessError('invalid', 'notice-empty', '公示名单不能为空', 'A notice lists at least one award', 'applicationIds');
  const contact = contactProblem(n);
  if (contact) throw contact;
  const ends = noticeEnd(cal, n.published, days);
  const id = await store.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('notices').values({ title: n.title, scope: n.scope, published: n.published, days, ends, state: 'running', by, office: n.office.trim(), phone: n.phone.trim(), address: n.address.trim() })
      .returning('id').executeTakeFirstOrThrow();
    const noticeId = String(row.id);
    for (const appId of n.applicationIds) {
      const a = await tx.selectFrom('applications as a').leftJoin('subjects as s', 's.id', 'a.subject_id')
        .select(['a.id', 'a.state', 'a.chain', 'a.version', 'a.rule', 'a.approved_fen', 's.name', 's.uscc']).where('a.id', '=', appId).forUpdate(['a']).executeTakeFirst();
      if (!a) throw notFound(`申报 ${appId}`, `application ${appId}`);
      const t = transition({ state: a.state as never, action: 'publish', role, chain: a.chain.split(',') as never });
      if (!t.ok) {
        const e = refusal(t);
        throw new ProcessError(e.kind, e.code, `申报 ${appId}：${e.zh}`, `Application ${appId}: ${e.en}`, 'applications');
      }
      await tx.updateTable('applications').set({ state: t.to, version: a.version + 1 }).where('id', '=', appId).execute();
      await event(tx, appId, 'publish', a.state, t.to, null, [`公示 ${noticeId}`], null, by);
      await tx.insertInto('notice_entries').values({ notice_id: noticeId, application_id: appId, subject_name: a.name, uscc: a.uscc, clause: clauseOf(a.rule), amount_fen: a.approved_fen }).execute();
    }
    await appendAudit(tx, { actor: by, action: 'notice.publish', entity: `notices/${noticeId}`, after: { ...n, days, ends } });
    return noticeId;
  });
  return readNotice(store, id);
}

export async function readNotice(store: Store, id: string): Promise<Notice> {
  const n = await store.db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n) throw notFound(`公示 ${id}`, `notice ${id}`);
  const entries = await store.db.selectFrom('notice_entries as e').innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.application_id', 'e.subject_name', 'e.uscc', 'e.clause', 'e.amount_fen', 'a.rule', 'a.subject_id', 'a.state']).where('e.notice_id', '=', id).orderBy('e.application_id').execute();
  const objections = await store.db.selectFrom('objections').selectAll().where('notice_id', '=', id).orderBy('id').execute();
  return {
    id: String(n.id), title: n.title, scope: n.scope, published: n.published, days: n.days, ends: n.ends, state: n.state,
    office: n.office, phone: n.phone, address: n.address,
    applicationIds: entries.map((e) => String(e.application_id)),
    entries: entries.map((e) => ({
      applicationId: String(e.application_id), rule: e.rule, subjectName: e.subject_name ?? e.subject_id, uscc: e.uscc,
      clause: e.clause ?? clauseOf(e.rule), amount: e.amount_fen === null ? null : yuanString(BigInt(e.amount_fen)), listed: e.state !== 'rejected',
    })),
    objections: objections.map((o) => ({ id: String(o.id), applicationId: String(o.application_id), text: o.text, fromWhom: o.from_whom, status: o.status, resolution: o.resolution })),
  };
}

export async function listNotices(store: Store, scopes?: readonly string[]): Promise<Notice[]> {
  let q = store.db.selectFrom('notices').select('id').orderBy('id', 'desc');
  if (scopes) q = q.where('scope', 'in', scopes.length ? [...scopes] : ['-']);
  return Promise.all((await q.execute()).map((r) => readNotice(store, String(r.id))));
}

/** The notices out on `today` (published on or before it), newest first: a page of them, and how many there are. */
export async function publicNotices(store: Store, today: string, page: { limit: number; offset: number }): Promise<{ items: Notice[]; total: number }> {
  const out = store.db.selectFrom('notices').where('published', '<=', today);
  const { total } = await out.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow();
  const ids = await out.select('id').orderBy('published', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { items: await Promise.all(ids.map((r) => readNotice(store, String(r.id)))), total: Number(total) };
}

/** An objection to one entry of a running notice, as received (from whom: a name, or 匿名). */
export async function recordObjection(store: Store, noticeId: string, o: { applicationId: string; text: string; fromWhom: string }, by: string, today: string): Promise<Notice> {
  const n = await readNotice(store, noticeId);
  if (n.state !== 'running' || today > n.ends) throw new ProcessError('conflict', 'notice-closed', `公示已于 ${n.ends} 结束，不再受理异议`, `The notice ended on ${n.ends}: no more objections`);
  if (!n.applicationIds.includes(o.applicationId)) throw new ProcessError('invalid', 'not-on-notice', `申报 ${o.applicationId} 不在本次公示名单中`, `Application ${o.applicationId} is not on this notice`, 'applicationId');
  if (!o.text.trim()) throw new ProcessError('invalid', 'text-required', '请填写异议内容', 'Say what the objection is', 'text');
  await store.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('objections').values({ notice_id: noticeId, application_id: o.applicationId, text: o.text, from_whom: o.fromWhom || '匿名', by }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, { actor: by, action: 'objection.record', entity: `objections/${row.id}`, after: { noticeId, ...o } });
  });
  return readNotice(store, noticeId);
}

/** Resolve an objection: upheld takes the entry off the list (rejected, its amount released); dismissed leaves it. */
export async function resolveObjection(store: Store, objectionId: string, r: { upheld: boolean; resolution: string }, role: Role, by: string, today: string, cal: WorkCalendar): Promise<Notice> {
  if (!r.resolution.trim()) throw new ProcessError('invalid', 'resolution-required', '请写明处理意见', 'Give the resolution', 'resolution');
  const o = await store.db.selectFrom('objections').selectAll().where('id', '=', objectionId).executeTakeFirst();
  if (!o) throw notFound(`异议 ${objectionId}`, `objection ${objectionId}`);
  if (o.status !== 'open') throw new ProcessError('conflict', 'already-resolved', '该异议已处理', 'The objection is resolved already');
  await store.db.transaction().execute(async (tx) => {
    if (r.upheld) {
      const a = await tx.selectFrom('applications').select(['id', 'version']).where('id', '=', o.application_id).executeTakeFirstOrThrow();
      await actIn(tx, String(a.id), { action: 'uphold-objection', role, version: a.version, reasons: [`异议成立：${r.resolution}`] }, by, today, cal);
    }
    const done = await tx.updateTable('objections').set({ status: r.upheld ? 'upheld' : 'dismissed', resolution: r.resolution, resolved_by: by, resolved_at: new Date() })
      .where('id', '=', objectionId).where('status', '=', 'open').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new ProcessError('conflict', 'already-resolved', '该异议已处理', 'The objection is resolved already');
    await appendAudit(tx, { actor: by, action: 'objection.resolve', entity: `objections/${objectionId}`, before: { status: 'open' }, after: { status: r.upheld ? 'upheld' : 'dismissed', resolution: r.resolution } });
  });
  return readNotice(store, String(o.notice_id));
}

/** After the last day, with no objection open: the notice and each entry still on it become final. */
export async function finalizeNotice(store: Store, id: string, role: Role, by: string, today: string, cal: WorkCalendar): Promise<Notice> {
  const n = await readNotice(store, id);
  if (n.state === 'final') throw new ProcessError('conflict', 'already-final', '该公示已确定', 'The notice is final already');
  const check = canFinalize(cal, { published: n.published, days: n.days }, n.objections.map((o) => ({ id: o.id, status: o.status })), today);
  if (!check.ok) {
    throw new ProcessError('conflict', check.reasons[0]!.code, check.reasons.map((x) => x.zh).join('；'), check.reasons.map((x) => x.en).join('; '));
  }
  await store.db.transaction().execute(async (tx) => {
    const on = await tx.selectFrom('applications as a').innerJoin('notice_entries as e', 'e.application_id', 'a.id')
      .select(['a.id', 'a.state', 'a.chain', 'a.version']).where('e.notice_id', '=', id).where('a.state', '=', 'on-notice').forUpdate().execute();
    for (const a of on) {
      const t = transition({ state: 'on-notice', action: 'finalize', role, chain: a.chain.split(',') as never });
      if (!t.ok) throw refusal(t);
      await tx.updateTable('applications').set({ state: t.to, version: a.version + 1 }).where('id', '=', a.id).execute();
      await event(tx, String(a.id), 'finalize', 'on-notice', t.to, null, [`公示 ${id} 期满无异议`], null, by);
    }
    await tx.updateTable('notices').set({ state: 'final', finalized_by: by, finalized_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(tx, { actor: by, action: 'notice.finalize', entity: `notices/${id}`, before: { state: 'running' }, after: { state: 'final', entries: on.length } });
  });
  return readNotice(store, id);
}
