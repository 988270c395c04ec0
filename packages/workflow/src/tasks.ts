/**
 * Tracked tasks (工作任务): every article of the corpus's documents that awards nothing the engine can
 * compute (forums, whitelists, training, land, finance, organisation …) is still a duty of its lead
 * department (牵头单位) and its responsible departments (责任单位/参与单位). Progress is reported by
 * quarter — the province's documents work in quarters (鲁政字〔2022〕42号 第十三条：每季度反馈各市电商
 * 主要监测数据) — and a quarter's report is due 10 working days after the quarter ends (our setting;
 * the texts fix no day). A department is listed per issuing government: 济宁's, 东营's and 济南's
 * “市商务局” are three different bureaux.
 */
import { CORPUS, MEASURES, type Measure } from '@duixian/corpus';
import { addWorkingDays, dayNumber, type WorkCalendar } from './calendar.js';

export interface Task {
  readonly id: string; // `${document}/${anchor}`, e.g. "sd-2022-42/art-9"
  readonly document: string;
  readonly article: string;
  readonly title: string;
  readonly lead: readonly string[];
  readonly responsible: readonly string[];
  /** the issuing government's region code and name (370000 山东省 …); null when the document is unknown */
  readonly issuer: string | null;
  readonly issuerName: string | null;
}

export interface TaskSource {
  readonly measures: readonly Measure[];
  /** the documents, for the issuer of each task; the corpus's when absent */
  readonly documents?: readonly { readonly id: string; readonly issuer: string; readonly issuerName: string }[];
}

/** The non-computable measures (no rule) as tasks, in document order. */
export function tasksFromCorpus(corpus: TaskSource = { measures: MEASURES, documents: CORPUS.documents }): Task[] {
  const docs = corpus.documents ?? CORPUS.documents;
  return corpus.measures
    .filter((m) => m.rules.length === 0 || m.alsoTask)
    .map((m) => {
      const d = docs.find((x) => x.id === m.document);
      return {
        id: `${m.document}/${m.anchor}`,
        document: m.document,
        article: m.article,
        title: m.title,
        lead: m.lead,
        responsible: m.responsible,
        issuer: d?.issuer ?? null,
        issuerName: d?.issuerName ?? null,
      };
    });
}

// ---- quarters (季度) ----

const PERIOD = /^(\d{4})Q([1-4])$/;

const parsePeriod = (p: string): { year: number; q: number } => {
  const m = PERIOD.exec(p);
  if (!m) throw new RangeError(`not a quarter 'YYYYQn': ${JSON.stringify(p)}`);
  return { year: Number(m[1]), q: Number(m[2]) };
};
const periodName = (year: number, q: number): string => `${String(year).padStart(4, '0')}Q${q}`;

/** The quarter of a date: '2023-11-05' → '2023Q4'. */
export function periodOf(date: string): string {
  dayNumber(date); // validates
  return periodName(Number(date.slice(0, 4)), Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1);
}

/** The quarter after (n = 1) or before (n = −1) a quarter. */
export function shiftPeriod(period: string, n: number): string {
  const { year, q } = parsePeriod(period);
  const k = year * 4 + (q - 1) + n;
  return periodName(Math.floor(k / 4), (k % 4) + 1);
}

/** The last day of a quarter. */
export function periodEnd(period: string): string {
  const { year, q } = parsePeriod(period);
  return `${String(year).padStart(4, '0')}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
}

/** A quarter's report is due 10 working days after the quarter's last day. */
export function reportDue(cal: WorkCalendar, period: string): string {
  return addWorkingDays(cal, periodEnd(period), 10);
}

export type ReportStatus = 'filed' | 'due' | 'overdue';

export interface PeriodStatus {
  readonly period: string;
  readonly due: string;
  readonly status: ReportStatus;
}

/**
 * A task's reports, one row per quarter that has ended: from the quarter of `since` (the task's
 * start, e.g. the document's 施行日期) to the quarter before today's, and not past the quarter of
 * `until` when given (the document's end). Filed when a report names the quarter, else overdue
 * once the due day has passed, else due.
 */
export function taskStatus(
  cal: WorkCalendar,
  reports: readonly { readonly period: string }[],
  since: string,
  today: string,
  until?: string,
): PeriodStatus[] {
  let last = shiftPeriod(periodOf(today), -1);
  if (until !== undefined && periodOf(until) < last) last = periodOf(until);
  const filed = new Set(reports.map((r) => r.period));
  const out: PeriodStatus[] = [];
  // 'YYYYQn' strings of four-digit years order as the quarters do
  for (let p = periodOf(since); p <= last; p = shiftPeriod(p, 1)) {
    const due = reportDue(cal, p);
    out.push({ period: p, due, status: filed.has(p) ? 'filed' : today > due ? 'overdue' : 'due' });
  }
  return out;
}

export interface DepartmentSummary {
  readonly issuer: string | null;
  readonly issuerName: string | null;
  readonly department: string;
  /** tasks the department leads or shares */
  readonly tasks: number;
  /** of which it is the lead department (牵头单位) */
  readonly leadTasks: number;
  /** quarters not reported, past their due day, over all its tasks */
  readonly overdue: number;
  /** quarters not reported, still within their due day */
  readonly due: number;
  readonly items: readonly { readonly task: string; readonly lead: boolean; readonly overdue: number; readonly due: number }[];
}

/**
 * Per department of each issuing government: its tasks (lead and responsible both count, lead
 * marked) and their overdue and due quarters; most overdue first, then by issuer and name.
 */
export function departmentSummary(
  tasks: readonly Task[],
  statuses: ReadonlyMap<string, readonly PeriodStatus[]> | Readonly<Record<string, readonly PeriodStatus[]>>,
): DepartmentSummary[] {
  const of = (id: string): readonly PeriodStatus[] =>
    (statuses instanceof Map ? statuses.get(id) : Object.hasOwn(statuses, id) ? (statuses as Record<string, readonly PeriodStatus[]>)[id] : undefined) ?? [];
  const rows = new Map<string, { issuer: string | null; issuerName: string | null; department: string; items: DepartmentSummary['items'][number][] }>();
  for (const t of tasks) {
    const st = of(t.id);
    const overdue = st.filter((s) => s.status === 'overdue').length;
    const due = st.filter((s) => s.status === 'due').length;
    const lead = new Set(t.lead);
    for (const department of new Set([...t.lead, ...t.responsible])) {
      const key = `${t.issuer ?? t.document}\u0000${department}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { issuer: t.issuer, issuerName: t.issuerName, department, items: [] }));
      row.items.push({ task: t.id, lead: lead.has(department), overdue, due });
    }
  }
  const sum = (xs: readonly { overdue: number; due: number }[], k: 'overdue' | 'due'): number => xs.reduce((a, x) => a + x[k], 0);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows.values()]
    .map((r) => ({
      ...r,
      tasks: r.items.length,
      leadTasks: r.items.filter((i) => i.lead).length,
      overdue: sum(r.items, 'overdue'),
      due: sum(r.items, 'due'),
    }))
    .sort((a, b) => b.overdue - a.overdue || cmp(a.issuer ?? '', b.issuer ?? '') || cmp(a.department, b.department));
}
