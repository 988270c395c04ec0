/**
 * The award process as the pages see it (issue 5): an application or 免申即享 entry as the API
 * answers it, the names and colours of its states, and a file's SHA-256 computed in the browser
 * (the server refuses an attachment whose checksum does not match: a broken upload never counts).
 */
import type { ApplicationDetail, ApplicationState, ApplicationView, Change } from '@duixian/api';
import { ApiFailure, isAdmin, type Account } from './api';

// the API's answers, as @duixian/api declares them (types only: nothing of it enters the bundle)
export type { ApplicationDetail, ApplicationState, ApplicationView, BatchResult, Change, UsedFact } from '@duixian/api';

/** States in the order an award passes through them (the state column sorts in this order). */
export const STATES: Record<ApplicationState, { zh: string; en: string; color: string }> = {
  draft: { zh: '草稿', en: 'Draft', color: 'default' },
  returned: { zh: '待补正', en: 'Returned for correction', color: 'orange' },
  'county-review': { zh: '待县级初审', en: 'County review', color: 'blue' },
  'city-review': { zh: '待市级审核', en: 'City review', color: 'blue' },
  'province-review': { zh: '待省级终审', en: 'Province review', color: 'blue' },
  approved: { zh: '审核通过待公示', en: 'Approved', color: 'cyan' },
  'on-notice': { zh: '公示中', en: 'On public notice', color: 'purple' },
  final: { zh: '已确定', en: 'Final', color: 'green' },
  paid: { zh: '已拨付', en: 'Paid', color: 'green' },
  rejected: { zh: '不予支持', en: 'Rejected', color: 'red' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', color: 'default' },
};
export const STATE_ORDER = Object.keys(STATES) as ApplicationState[];

export const ACTIONS: Record<string, { zh: string; en: string }> = {
  create: { zh: '创建', en: 'Created' }, save: { zh: '保存', en: 'Saved' }, submit: { zh: '提交', en: 'Submit' }, enlist: { zh: '免申即享列入', en: 'Listed' },
  approve: { zh: '审核通过', en: 'Approve' }, return: { zh: '退回补正', en: 'Return' }, reject: { zh: '不予支持', en: 'Reject' }, withdraw: { zh: '撤回', en: 'Withdraw' },
  'set-amount': { zh: '设定金额', en: 'Amount set' },
  publish: { zh: '公示', en: 'Published' }, 'uphold-objection': { zh: '异议成立', en: 'Objection upheld' }, finalize: { zh: '公示期满确定', en: 'Final' }, pay: { zh: '拨付完毕', en: 'Paid' },
};

export const DEADLINES = {
  ok: { zh: '期限内', en: 'In time', color: 'default' },
  'due-soon': { zh: '即将到期', en: 'Due soon', color: 'orange' },
  overdue: { zh: '已超期', en: 'Overdue', color: 'red' },
} as const;

/** The reviewing level of an account's role: the state it reviews in. */
export const reviewStateOf = (role: string): ApplicationState | undefined =>
  role === 'county-admin' ? 'county-review' : role === 'city-admin' ? 'city-review' : role === 'province-admin' ? 'province-review' : undefined;

const LEVEL_OF_STATE: Partial<Record<ApplicationState, string>> = { 'county-review': 'county', 'city-review': 'city', 'province-review': 'province' };

/**
 * Why approving is not possible yet, or undefined: the server would refuse an approval that does
 * not acknowledge the changes with a reason (409 decision-changed), and a final approval of a
 * 金额待定 award whose amount is not set (amount-not-set); the page says so before the click.
 */
export function approvalBlocked(a: ApplicationDetail, acknowledgeReason: string): { zh: string; en: string } | undefined {
  if (a.changes.length && !acknowledgeReason.trim()) {
    return { zh: '与列入名单时相比有变化：须先填写确认理由', en: 'The decision changed since queueing: give a reason acknowledging it first' };
  }
  const lastLevel = LEVEL_OF_STATE[a.state] === a.chain[a.chain.length - 1];
  if (a.amountPending && a.decided === null && lastLevel) {
    return { zh: '金额待定：须由资金承担方先设定金额，才能终审通过', en: 'The amount is pending: its funder must set it before the final approval' };
  }
  return undefined;
}

/** What an approval or a payment sends beside its body: the acknowledgement, only when something changed. */
export const acknowledging = (changes: readonly Change[], reason: string): { acknowledge?: { reason: string } } =>
  changes.length ? { acknowledge: { reason: reason.trim() } } : {};

/** A step the server refused because the decision changed since queueing: show the changes and ask for a reason. */
export const decisionChanged = (e: unknown): e is ApiFailure => e instanceof ApiFailure && e.status === 409 && e.code === 'decision-changed';

/**
 * Whether to offer the 金额待定 amount form: to administrators while the award is in review. Which
 * level may set it (the funder's, or the province) is the server's to decide: its 403 says so.
 */
export const amountSettable = (a: ApplicationView, account: Account): boolean => a.amountPending && isAdmin(account) && LEVEL_OF_STATE[a.state] !== undefined;

/** SHA-256 of a file, hex: what the server checks the upload against. */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
