/**
 * What the award-process endpoints share: today's date in China (the working-day calendar and the
 * application windows are Beijing dates, whatever the server's time zone), the calendar in force
 * (the State Council's holidays plus the ones configured here), the shortest 公示 allowed, a
 * rule's review chain from its document's issuing level, and ProcessError as the API's JSON error.
 */
import { byId, CORPUS, region } from '@duixian/corpus';
import { parseQuantity } from '@duixian/engine';
import { DEFAULT_NOTICE_DAYS, ProcessError, ProcessProblems, type FieldProblem } from '@duixian/store';
import { CHINA_OFFICIAL, reviewChain, type Level, type WorkCalendar } from '@duixian/workflow';
import { ApiError } from './errors.js';

const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today as 'YYYY-MM-DD' in Beijing. */
export const beijingToday = (): string => beijing.format(new Date());

export interface ProcessOptions {
  /** today's date (tests move it); default: Beijing's */
  readonly today?: () => string;
  /** the working-day calendar; default: the State Council's holidays of every year chinese-days knows */
  readonly calendar?: WorkCalendar;
  /** the shortest 公示 in working days (DUIXIAN_NOTICE_MIN_DAYS); default 5 */
  readonly noticeMinDays?: number;
}

export interface ProcessContext {
  readonly today: () => string;
  readonly calendar: WorkCalendar;
  readonly noticeMinDays: number;
}

export const processContext = (o: ProcessOptions = {}): ProcessContext => ({
  today: o.today ?? beijingToday, calendar: o.calendar ?? CHINA_OFFICIAL, noticeMinDays: o.noticeMinDays ?? DEFAULT_NOTICE_DAYS,
});

/** The corpus in force's rules and documents by id (CORPUS follows the corpus in force). */
const rulesById = () => byId(CORPUS).rules;
const documentsById = () => byId(CORPUS).documents;

/** The level of a region code: the province, a city, or a county (区、县、市、功能区). */
export function levelOf(code: string): Level {
  const r = region(code);
  if (!r) throw new Error(`unknown region ${code}`);
  return r.level === 'province' ? 'province' : r.level === 'city' ? 'city' : 'county';
}

/** A rule and its document, or a 422 naming the field. */
export function ruleOf(id: string, field = 'rule') {
  const rule = rulesById().get(id);
  if (!rule) throw new ApiError(422, 'unknown-rule', `没有条款 ${id}`, `No rule ${id}`, [{ path: field, message: `unknown rule ${id}` }]);
  return { rule, document: documentsById().get(rule.document)! };
}

/**
 * A document of the corpus in force, or a 422 naming the field. (Not a schema enum: a route's schema
 * is compiled once, and the corpus in force changes when a publication comes into force.)
 */
export function documentOf(id: string, field = 'document') {
  const document = documentsById().get(id);
  if (!document) {
    const ids = [...documentsById().keys()].join(', ');
    throw new ApiError(422, 'unknown-document', `没有文件 ${id}，请从政策库的文件中选择`, `No document ${id}: give one of ${ids}`, [{ path: field, message: `unknown document ${id}: one of ${ids}` }]);
  }
  return document;
}

/** County first review → city review → the issuing level's final review. */
export const chainOf = (ruleId: string): Level[] => chainOfDocument(ruleOf(ruleId).document);

/** The review chain of a document's rules (of any corpus version: a stored run's own, for one). */
export const chainOfDocument = (document: { readonly issuer: string }): Level[] => reviewChain(levelOf(document.issuer));

const STATUS = { invalid: 422, conflict: 409, forbidden: 403, 'not-found': 404 } as const;

/** Where a problem is: its field, within its entry of a batch (`[2].validFrom`). */
const fieldPath = (p: FieldProblem) => (p.index === undefined ? p.field : `[${p.index}].${p.field}`);

/** No amount of these programmes comes near it: a larger one is a typing error (and stays a safe integer of fen). */
export const MAX_AMOUNT_FEN = 100_0000_0000_00; // 100亿元

/**
 * An amount the caller wrote ("50000", "5万元") in fen, or a 422 naming `field`: never negative,
 * never above MAX_AMOUNT_FEN, and above zero where `positive` (a payment).
 */
export function amountOf(raw: string, field: string, positive = false): number {
  const p = parseQuantity(raw, 'yuan');
  if (!p.ok) throw new ApiError(422, 'invalid-amount', `金额“${raw}”无法识别，请写成 500000 或 50万元`, `Cannot read the amount "${raw}"`, [{ path: field, message: p.error }]);
  const low = positive ? p.value <= 0 : p.value < 0;
  if (low || p.value > MAX_AMOUNT_FEN) {
    const zh = low ? `金额“${raw}”须${positive ? '大于零' : '不小于零'}` : `金额“${raw}”超过 100亿元，请核对`;
    const en = low ? `The amount "${raw}" must be ${positive ? 'above zero' : 'zero or more'}` : `The amount "${raw}" is above 10,000,000,000 yuan: check it`;
    throw new ApiError(422, 'invalid-amount', zh, en, [{ path: field, message: en }]);
  }
  return p.value;
}

/**
 * A store refusal as the API's error; anything else goes on. Several problems at once are a 422
 * (or a 403 for entries outside the caller's jurisdiction) listing each at `path(problem)`.
 */
export function processError(e: unknown, path: (p: FieldProblem) => string = fieldPath): never {
  if (e instanceof ProcessError) throw new ApiError(STATUS[e.kind], e.code, e.zh, e.en, e.field ? [{ path: e.field, message: e.en }] : undefined);
  if (e instanceof ProcessProblems) {
    const details = e.problems.map((p) => ({ path: path(p), message: p.message }));
    if (e.kind === 'forbidden') {
      throw new ApiError(403, 'outside-jurisdiction', `有 ${details.length} 处超出您的管辖范围，未做任何修改`, `${details.length} part(s) are outside your jurisdiction; nothing was changed`, details);
    }
    throw new ApiError(422, 'invalid-input', `有 ${details.length} 处问题，未做任何修改；请逐条修改后重新提交`, `${details.length} problem(s); nothing was changed. Fix each and send it again`, details);
  }
  throw e;
}
