/**
 * The award process as the pages see it (issue 5): an application or 免申即享 entry as the API
 * answers it, the names and colours of its states, and a file's SHA-256 computed in the browser
 * (the server refuses an attachment whose checksum does not match: a broken upload never counts).
 */
import type { Step } from './api';

export type ApplicationState =
  | 'draft' | 'county-review' | 'city-review' | 'province-review' | 'returned' | 'rejected'
  | 'approved' | 'on-notice' | 'final' | 'paid' | 'withdrawn';

export interface ApplicationView {
  readonly id: string;
  readonly subjectId: string;
  readonly rule: string;
  readonly document: string;
  readonly year: number;
  readonly mode: 'application' | 'automatic';
  readonly state: ApplicationState;
  readonly chain: readonly string[];
  readonly region: string;
  readonly funder: string;
  readonly decided: string | null;
  readonly approved: string | null;
  readonly ceiling: boolean;
  readonly facts: readonly { key: string; item?: string; value: string }[];
  readonly explanation: { readonly summary?: string; readonly steps?: readonly Step[]; readonly text?: string } | null;
  readonly reviewDue: string | null;
  readonly deadline: 'ok' | 'due-soon' | 'overdue' | null;
  readonly version: number;
  readonly actions: readonly string[];
  readonly runId: string | null;
}

export interface ApplicationDetail extends ApplicationView {
  readonly events: readonly { action: string; from: string | null; to: string; level: string | null; reasons: readonly string[]; amount: string | null; by: string; at: string }[];
  readonly attachments: readonly { id: string; name: string; type: string; size: number; sha256: string }[];
}

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

/** SHA-256 of a file, hex: what the server checks the upload against. */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
