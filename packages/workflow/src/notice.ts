/**
 * Public notice (公示): the approved list is published for a period of working days (公示期,
 * 5 个工作日 unless set otherwise); anyone may object (异议). The result can be fixed (确定) only
 * after the period's last day has passed and every objection has been heard — upheld (异议成立:
 * that application is rejected) or dismissed (异议不成立).
 */
import { noticeEnd, type WorkCalendar } from './calendar.js';

export interface Objection {
  readonly id: string;
  readonly status: 'open' | 'upheld' | 'dismissed';
}

export interface Notice {
  readonly published: string;
  /** working days of the 公示 period; 5 when absent */
  readonly days?: number;
}

export interface FinalizeProblem {
  readonly code: 'notice-running' | 'objection-open';
  readonly zh: string;
  readonly en: string;
  /** the open objection, for objection-open */
  readonly objection?: string;
}

export type FinalizeCheck = { readonly ok: true } | { readonly ok: false; readonly reasons: readonly FinalizeProblem[] };

/** May the result be fixed on `today`? Every reason it may not, not just the first. */
export function canFinalize(cal: WorkCalendar, notice: Notice, objections: readonly Objection[], today: string): FinalizeCheck {
  const end = noticeEnd(cal, notice.published, notice.days ?? 5);
  const reasons: FinalizeProblem[] = [];
  if (!(today > end)) {
    reasons.push({
      code: 'notice-running',
      zh: `公示期至 ${end} 结束，期满后方可确定结果`,
      en: `the public notice runs until ${end}; the result can be fixed only after that day`,
    });
  }
  for (const o of objections) {
    if (o.status !== 'open') continue;
    reasons.push({
      code: 'objection-open',
      objection: o.id,
      zh: `异议 ${o.id} 尚未处理，须先认定成立或不成立`,
      en: `objection ${o.id} is still open: uphold or dismiss it first`,
    });
  }
  return reasons.length ? { ok: false, reasons } : { ok: true };
}
