/**
 * The application (申报) and its review (三级审核): an enterprise fills in and submits an
 * application; the county reviews it first (县级初审), then the city (市级审核), then the issuing
 * level decides (终审); an approved list is published for public notice (公示), objections are
 * heard, and the result is fixed (确定) and paid (拨付). An entry the platform finds eligible from
 * statistics (免申即享) skips the application and starts at the first review.
 *
 * The state machine is the table TRANSITIONS below: nothing moves that is not a row of it.
 * Jurisdiction (which county or city may review which enterprise) is the server's check, not this one.
 * Amounts follow the catalogue: "给予X" is exactly X, "最高给予X" is a ceiling a reviewer may lower.
 */
import { formatYuan, yuanString } from '@duixian/engine';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from './calendar.js';
import { isReviewChain, levelOfRole, LEVEL_NAMES, ROLE_NAMES, type Level, type Role } from './levels.js';

export type ApplicationState =
  | 'draft'
  | 'county-review'
  | 'city-review'
  | 'province-review'
  | 'returned'
  | 'rejected'
  | 'approved'
  | 'on-notice'
  | 'final'
  | 'paid'
  | 'withdrawn';

type Names<K extends string> = Readonly<Record<K, { readonly zh: string; readonly en: string }>>;

export const STATE_NAMES: Names<ApplicationState> = {
  draft: { zh: '草稿', en: 'draft' },
  'county-review': { zh: '待县级初审', en: 'awaiting county review' },
  'city-review': { zh: '待市级审核', en: 'awaiting city review' },
  'province-review': { zh: '待省级终审', en: 'awaiting province review' },
  returned: { zh: '待补正', en: 'returned for correction' },
  rejected: { zh: '不予支持', en: 'rejected' },
  approved: { zh: '审核通过待公示', en: 'approved, awaiting public notice' },
  'on-notice': { zh: '公示中', en: 'on public notice' },
  final: { zh: '已确定', en: 'final' },
  paid: { zh: '已拨付', en: 'paid' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

export const APPLICATION_STATES = Object.keys(STATE_NAMES) as readonly ApplicationState[];

/** An award granted: approved by its last level, on notice, final or paid (what never pays twice counts). */
export const GRANTED_STATES: readonly ApplicationState[] = ['approved', 'on-notice', 'final', 'paid'];

export type ApplicationAction =
  | 'save'
  | 'submit'
  | 'approve'
  | 'return'
  | 'reject'
  | 'withdraw'
  | 'publish'
  | 'uphold-objection'
  | 'finalize'
  | 'pay';

export const ACTION_NAMES: Names<ApplicationAction> = {
  save: { zh: '保存', en: 'save' },
  submit: { zh: '提交', en: 'submit' },
  approve: { zh: '审核通过', en: 'approve' },
  return: { zh: '退回补正', en: 'return for correction' },
  reject: { zh: '不予支持', en: 'reject' },
  withdraw: { zh: '撤回', en: 'withdraw' },
  publish: { zh: '发布公示', en: 'publish for public notice' },
  'uphold-objection': { zh: '异议成立', en: 'uphold an objection' },
  finalize: { zh: '确定结果', en: 'finalize' },
  pay: { zh: '拨付', en: 'pay' },
};

export const APPLICATION_ACTIONS = Object.keys(ACTION_NAMES) as readonly ApplicationAction[];

/** Who may take a row's action: the enterprise, an administrator of one level, or of the issuing level. */
/** `funding-admin`: the level whose finance pays the award (本级财政), or the province for any */
export type Actor = 'enterprise' | 'county-admin' | 'city-admin' | 'province-admin' | 'issuing-admin' | 'funding-admin';

/** A row's destination: a state, or one that depends on the review chain. */
export type Destination = ApplicationState | 'first-in-chain' | 'next-in-chain';

export interface TransitionRow {
  readonly from: ApplicationState;
  readonly action: ApplicationAction;
  readonly to: Destination;
  readonly by: Actor;
  /** the action must give at least one non-empty reason (退回、不予支持须写明理由) */
  readonly reason?: 'required';
}

/** Every move of an application. Review rows apply only when their level is in the chain. */
export const TRANSITIONS: readonly TransitionRow[] = Object.freeze([
  { from: 'draft', action: 'save', to: 'draft', by: 'enterprise' },
  { from: 'returned', action: 'save', to: 'returned', by: 'enterprise' },
  { from: 'draft', action: 'submit', to: 'first-in-chain', by: 'enterprise' },
  { from: 'returned', action: 'submit', to: 'first-in-chain', by: 'enterprise' },
  { from: 'draft', action: 'withdraw', to: 'withdrawn', by: 'enterprise' },
  { from: 'returned', action: 'withdraw', to: 'withdrawn', by: 'enterprise' },
  { from: 'county-review', action: 'withdraw', to: 'withdrawn', by: 'enterprise' },

  { from: 'county-review', action: 'approve', to: 'next-in-chain', by: 'county-admin' },
  { from: 'county-review', action: 'return', to: 'returned', by: 'county-admin', reason: 'required' },
  { from: 'county-review', action: 'reject', to: 'rejected', by: 'county-admin', reason: 'required' },
  { from: 'city-review', action: 'approve', to: 'next-in-chain', by: 'city-admin' },
  { from: 'city-review', action: 'return', to: 'returned', by: 'city-admin', reason: 'required' },
  { from: 'city-review', action: 'reject', to: 'rejected', by: 'city-admin', reason: 'required' },
  { from: 'province-review', action: 'approve', to: 'next-in-chain', by: 'province-admin' },
  { from: 'province-review', action: 'return', to: 'returned', by: 'province-admin', reason: 'required' },
  { from: 'province-review', action: 'reject', to: 'rejected', by: 'province-admin', reason: 'required' },

  { from: 'approved', action: 'publish', to: 'on-notice', by: 'issuing-admin' },
  { from: 'on-notice', action: 'uphold-objection', to: 'rejected', by: 'issuing-admin' },
  { from: 'on-notice', action: 'finalize', to: 'final', by: 'issuing-admin' },
  { from: 'final', action: 'pay', to: 'paid', by: 'funding-admin' },
] satisfies TransitionRow[]);

/** The review state of a level, and the level of a review state. */
export const reviewState = (l: Level): ApplicationState => `${l}-review`;
export function levelOfState(s: ApplicationState): Level | undefined {
  return s === 'county-review' ? 'county' : s === 'city-review' ? 'city' : s === 'province-review' ? 'province' : undefined;
}

const checkChain = (chain: readonly Level[]): void => {
  if (!isReviewChain(chain)) throw new RangeError(`not a review chain: ${JSON.stringify(chain)}`);
};

/** Where an entry starts: an application as a draft; a 免申即享 entry at the chain's first review. */
export function initialState(kind: 'application' | 'automatic', chain: readonly Level[]): ApplicationState {
  checkChain(chain);
  return kind === 'application' ? 'draft' : reviewState(chain[0]!);
}

/** The rows that apply under a chain (a review state of a level outside the chain has none). */
function rowFor(state: ApplicationState, action: ApplicationAction, chain: readonly Level[]): TransitionRow | undefined {
  const level = levelOfState(state);
  if (level !== undefined && !chain.includes(level)) return undefined;
  return TRANSITIONS.find((r) => r.from === state && r.action === action);
}

function destination(row: TransitionRow, chain: readonly Level[]): ApplicationState {
  if (row.to === 'first-in-chain') return reviewState(chain[0]!);
  if (row.to !== 'next-in-chain') return row.to;
  const next = chain[chain.indexOf(levelOfState(row.from)!) + 1];
  return next === undefined ? 'approved' : reviewState(next);
}

export type TransitionRefusal = 'not-allowed' | 'wrong-level' | 'reason-required' | 'not-your-role';

/** A refusal, with what is wrong in Chinese and English. */
export interface Refusal<C extends string> {
  readonly ok: false;
  readonly code: C;
  readonly zh: string;
  readonly en: string;
}
const refuse = <C extends string>(code: C, zh: string, en: string): Refusal<C> => ({ ok: false, code, zh, en });

export type TransitionResult = { readonly ok: true; readonly to: ApplicationState } | Refusal<TransitionRefusal>;

export interface TransitionInput {
  readonly state: ApplicationState;
  readonly action: ApplicationAction;
  readonly role: Role;
  /** the review chain of the rule's issuing level (reviewChain) */
  readonly chain: readonly Level[];
  readonly reasons?: readonly string[];
  /** the level of the award's funder (a payment): a county pays what its finance funds; the issuing level when not given */
  readonly funder?: Level;
}

/**
 * One step of the state machine. Refusals, in the order they are checked: the action does not
 * exist from this state under this chain (not-allowed); the role never takes this action
 * (not-your-role); an administrator of another level (wrong-level); no reason given (reason-required).
 * A chain that is not one of reviewChain's is a programming error (RangeError).
 */
export function transition(input: TransitionInput): TransitionResult {
  const { state, action, role, chain } = input;
  checkChain(chain);
  const row = rowFor(state, action, chain);
  const a = ACTION_NAMES[action];
  const s = STATE_NAMES[state];
  if (!row) return refuse('not-allowed', `“${s.zh}”状态下不能${a.zh}`, `cannot ${a.en} an application that is ${s.en}`);
  const roleLevel = levelOfRole(role);
  const r = ROLE_NAMES[role] ?? { zh: role, en: role };
  if (row.by === 'enterprise' ? role !== 'enterprise' : roleLevel === undefined) {
    return refuse('not-your-role', `${r.zh}不能${a.zh}`, `a(n) ${r.en} cannot ${a.en}`);
  }
  if (row.by !== 'enterprise') {
    const issuing = chain[chain.length - 1]!;
    const needed: Level = row.by === 'issuing-admin' ? issuing : row.by === 'funding-admin' ? input.funder ?? issuing : levelOfRole(row.by)!;
    if (roleLevel !== needed && !(row.by === 'funding-admin' && roleLevel === 'province')) {
      const n = LEVEL_NAMES[needed];
      const why = row.by === 'issuing-admin' ? { zh: '（发文层级）', en: ' (the issuing level)' } : row.by === 'funding-admin' ? { zh: '（出资层级）', en: ' (the funding level)' } : { zh: '', en: '' };
      return refuse('wrong-level', `此时只能由${n.zh}${why.zh}管理员${a.zh}，${r.zh}不能操作`, `only a ${n.en}${why.en} administrator can ${a.en} now, not a(n) ${r.en}`);
    }
  }
  if (row.reason === 'required' && !(input.reasons ?? []).some((x) => x.trim() !== '')) {
    return refuse('reason-required', `${a.zh}须写明理由`, `${a.en} needs a reason`);
  }
  return { ok: true, to: destination(row, chain) };
}

/** The actions `role` may take on an application in `state` (a reason is assumed where one is needed). */
export function availableActions(state: ApplicationState, role: Role, chain: readonly Level[]): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((action) => transition({ state, action, role, chain, reasons: ['—'] }).ok);
}

/** No action leaves these states. */
export const TERMINAL_STATES: readonly ApplicationState[] = APPLICATION_STATES.filter((s) => !TRANSITIONS.some((r) => r.from === s));

// ---- amounts ----

export type AmountRefusal = 'more-than-decided' | 'fixed-amount' | 'reason-required' | 'negative' | 'not-fen';

export type AmountResult = { readonly ok: true; readonly fen: number } | Refusal<AmountRefusal>;

export interface AmountInput {
  /** the amount the engine decided, in fen (the ceiling of a 最高 award) */
  readonly decidedFen: number;
  /** true for 最高给予X: a reviewer may approve less, never more */
  readonly ceiling: boolean;
  /** the amount the reviewer approves; the decided amount when absent */
  readonly approveFen?: number;
  /** why less than the ceiling is approved */
  readonly reason?: string;
}

/**
 * The amount a reviewer approves. A fixed amount (给予X) cannot be changed; under a ceiling
 * (最高给予X) less may be approved with a reason, more never. Refusals in order: not a whole
 * number of fen, negative, fixed amount changed, more than decided, less without a reason.
 */
export function approvedAmount(input: AmountInput): AmountResult {
  const { decidedFen, ceiling, approveFen } = input;
  if (!Number.isSafeInteger(decidedFen) || decidedFen < 0) throw new RangeError(`decided amount must be whole fen ≥ 0, got ${decidedFen}`);
  if (approveFen === undefined) return { ok: true, fen: decidedFen };
  const no = refuse<AmountRefusal>;
  if (!Number.isSafeInteger(approveFen)) return no('not-fen', `核定金额须精确到分（整数分），收到 ${approveFen}`, `the approved amount must be a whole number of fen, got ${approveFen}`);
  if (approveFen < 0) return no('negative', '核定金额不能为负数', 'the approved amount cannot be negative');
  if (!ceiling && approveFen !== decidedFen) {
    return no('fixed-amount', `该项为定额奖励（给予${formatYuan(decidedFen)}），不能调整金额`, `this is a fixed award of ${yuanString(decidedFen)} yuan and cannot be changed`);
  }
  if (approveFen > decidedFen) {
    return no('more-than-decided', `核定金额 ${formatYuan(approveFen)} 超过最高额度 ${formatYuan(decidedFen)}`, `${yuanString(approveFen)} yuan is more than the ceiling of ${yuanString(decidedFen)} yuan`);
  }
  if (approveFen < decidedFen && !(input.reason ?? '').trim()) {
    return no('reason-required', `核定金额低于最高额度 ${formatYuan(decidedFen)}，须写明理由`, `approving less than the ceiling of ${yuanString(decidedFen)} yuan needs a reason`);
  }
  return { ok: true, fen: approveFen };
}

// ---- review deadlines (审核时限) ----

/** The last day to review an application that arrived on `arrived`: `days` working days later. */
export function reviewDue(cal: WorkCalendar, arrived: string, days = 10): string {
  return addWorkingDays(cal, arrived, days);
}

export type DeadlineStatus = 'ok' | 'due-soon' | 'overdue';

/** overdue after the due day; due-soon when at most 2 working days remain after today (the due day itself included). */
export function deadlineStatus(cal: WorkCalendar, due: string, today: string): DeadlineStatus {
  const left = workingDaysBetween(cal, today, due); // validates both dates
  if (today > due) return 'overdue'; // ISO dates compare as strings
  return left <= 2 ? 'due-soon' : 'ok';
}
