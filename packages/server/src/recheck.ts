/**
 * Every decision re-checked when money moves (issue 14): at each review level and at payment, an
 * application is decided again on the year's data and lists as they are now (an active blacklist
 * entry tags its subject as the year is loaded), with every award the platform has granted —
 * its approved and paid applications — as history beside the stored one, so that once-only rules,
 * exclusive groups, document-wide exclusivity and pools count them. What is worse than the
 * decision the application was queued with is a change: shown to the reviewer in the detail, and
 * blocking the step until the reviewer acknowledges it with a reason (kept in the step's history
 * and the audit log) or refuses the application.
 */
import { yuanString, type HistoryEntry } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { type Acknowledgement, type Application, type Change, type Store } from '@duixian/store';
import { GRANTED_STATES } from '@duixian/workflow';
import { ApiError } from './errors.js';
import { decision, type Outcome } from './decide.js';
import type { YearData } from './year-data.js';

/** Where money is about to move: a review level's approval, or a payment of a final award. */
const RECHECKED = ['county-review', 'city-review', 'province-review', 'final'];

/**
 * Awards the platform granted that may bear on `app`: of its document (groups, exclusivity and
 * pools stay inside one document), the subject's of its year and before (once-only rules), and
 * everyone's of its year (pools). Not `app` itself.
 */
export async function grantedBefore(store: Store, app: Application): Promise<HistoryEntry[]> {
  const rows = await store.db.selectFrom('applications').select(['subject_id', 'rule', 'year', 'approved_fen'])
    .where('state', 'in', [...GRANTED_STATES]).where('document', '=', app.document).where('id', '!=', app.id).where('year', '<=', app.year)
    .where((eb) => eb.or([eb('subject_id', '=', app.subjectId), eb('year', '=', app.year)]))
    .orderBy('id').execute();
  return rows.map((r) => ({ subject: r.subject_id, rule: r.rule, year: r.year, amount: r.approved_fen === null ? null : Number(r.approved_fen) }));
}

/**
 * The application's rule is not in the corpus in force (a publication changed or repealed it): the
 * engine cannot decide it again, and an approval is refused as unknown-rule; the reviewer sees why.
 */
const RULE_WITHDRAWN = (rule: string): Change => ({
  code: 'rule-withdrawn',
  zh: `本条（${rule}）已不在现行政策库中：已发布的新版本修改或废止了该条，不能按现行政策批准，可不予支持`,
  en: `The rule ${rule} is not in the corpus in force: a published version changed or repealed it; it cannot be approved under the corpus in force, and may be refused`,
});

/** What changed since `app` was queued, decided now; none outside review and payment. */
export async function changesOf(store: Store, years: YearData, app: Application): Promise<Change[]> {
  if (!RECHECKED.includes(app.state)) return [];
  if (!CORPUS.rules.some((r) => r.id === app.rule)) return [RULE_WITHDRAWN(app.rule)]; // a publication changed or repealed it
  const view = await years.current(app.year);
  if (!view.subject(app.subjectId)) {
    return [{ code: 'not-eligible', zh: `${app.year}年度数据中已没有该主体`, en: `The subject is no longer in the data of ${app.year}` }];
  }
  const granted = await grantedBefore(store, app);
  return changed(app, decision(view, app.subjectId, app.rule, app.year, app.facts, false, granted), granted);
}

/** The decision now against the one queued: only what would pay less (or nothing) is a change. */
function changed(app: Application, now: Outcome, granted: readonly HistoryEntry[]): Change[] {
  switch (now.kind) {
    case 'award': {
      const queued = app.approvedFen ?? app.decidedFen;
      // a pending award's amount is its funder's, not the engine's
      if (app.amountPending || now.decided.fen === null || queued === null || now.decided.fen >= queued) return [];
      return [{
        code: 'amount-changed', zh: `按当前数据核定金额为 ${yuanString(now.decided.fen)} 元，低于列入审核时的 ${yuanString(queued)} 元`,
        en: `Decided on today's data, the amount is ${yuanString(now.decided.fen)} yuan, less than the ${yuanString(queued)} yuan queued`,
      }];
    }
    case 'withheld':
      return [withheld(app, now, granted)];
    case 'missing':
      return [{ code: 'facts-missing', zh: `按当前数据还缺少：${now.facts.join('、')}`, en: `On today's data, facts are missing: ${now.facts.join(', ')}` }];
    case 'not-eligible': {
      const validity = now.failing.find((s) => s.kind === 'validity');
      if (validity) return [{ code: 'expired', zh: `不在政策有效期内：${validity.text}`, en: `Not in force: ${validity.text}` }];
      const texts = now.failing.map((s) => s.text);
      return [{ code: 'not-eligible', zh: `按当前数据条件不再满足：${texts.join('；')}`, en: `On today's data the conditions no longer hold: ${texts.join('; ')}` }];
    }
  }
}

function withheld(app: Application, w: Extract<Outcome, { kind: 'withheld' }>, granted: readonly HistoryEntry[]): Change {
  const kept = w.keptRule ? `（${w.keptRule}）` : '';
  switch (w.reason) {
    case 'blacklist':
      return { code: 'blacklisted', zh: '该主体已列入信用黑名单，按现行规定不予奖励', en: 'The subject is on the credit blacklist now: no award' };
    case 'once': {
      const years = granted.filter((h) => h.subject === app.subjectId && h.rule === app.rule).map((h) => h.year);
      const when = years.length ? `已于${years.join('、')}年` : '已';
      return { code: 'once-granted', zh: `该主体${when}获得本项一次性奖励，不再重复给予`, en: `The subject has had this once-only award already${years.length ? ` (${years.join(', ')})` : ''}` };
    }
    case 'exclusive-history':
      return { code: 'exclusive-granted', zh: `该主体已享受同组奖励${kept}，不重复享受`, en: `The subject has had an award of the same group already${w.keptRule ? ` (${w.keptRule})` : ''}` };
    case 'exclusive':
    case 'document-exclusive':
      return { code: 'exclusive-higher', zh: `该主体按就高原则享受同组更高的奖励${kept}，本项不再给予`, en: `A higher award of the same group is kept${w.keptRule ? ` (${w.keptRule})` : ''}: not this one` };
    case 'pool':
      return { code: 'pool-exhausted', zh: '本条资金池已用尽（已核定及拨付的奖励已达总额）', en: 'The rule\'s pool is used up by the awards granted' };
    default:
      return { code: 'withheld', zh: `按当前数据不予奖励：${w.reason}`, en: `Withheld on today's data: ${w.reason}` };
  }
}

/**
 * The acknowledgement a step needs to go on despite `changes`: none when nothing changed; a 409
 * listing them when the reviewer has not acknowledged them; a 422 when the reason is blank.
 */
export function acknowledged(changes: readonly Change[], given: { reason: string } | undefined): Acknowledgement | undefined {
  if (!changes.length) return undefined;
  if (!given) {
    throw new ApiError(409, 'decision-changed',
      `自列入审核以来情况有变：${changes.map((c) => c.zh).join('；')}。请写明理由确认后再办理（acknowledge.reason），或不予支持`,
      `The decision changed since the application was queued: ${changes.map((c) => c.en).join('; ')}. Acknowledge it with a reason (acknowledge.reason), or refuse the application`,
      changes.map((c) => ({ path: 'acknowledge', message: `${c.code}: ${c.en}` })));
  }
  if (!given.reason.trim()) {
    throw new ApiError(422, 'reason-required', '确认变化须写明理由', 'Acknowledging the changes needs a reason', [{ path: 'acknowledge.reason', message: 'a reason is required' }]);
  }
  return { reason: given.reason, changes };
}
