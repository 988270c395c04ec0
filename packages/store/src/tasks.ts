/**
 * 任务进展 in the database: one progress report per task, quarter and department. Which tasks,
 * quarters and departments there are is the corpus's (workflow's tasksFromCorpus, checked by the
 * caller); here a report is filed once — a second one for the same quarter and department is a
 * conflict unless it is a correction, which replaces the text and keeps the old one in the audit
 * log — and every filing is an audit entry in its transaction.
 */
import type { Store } from './db.js';
import { appendAudit } from './audit.js';
import { ProcessError } from './process-error.js';

export interface TaskReport {
  readonly task: string;
  /** the quarter, '2023Q3' */
  readonly period: string;
  readonly department: string;
  readonly progress: string;
  readonly by: string;
  readonly at: Date;
  /** the process's date it was filed (or last corrected) */
  readonly reportedOn: string | null;
  readonly corrections: number;
}

export interface NewTaskReport {
  readonly task: string;
  readonly period: string;
  readonly department: string;
  readonly progress: string;
  /** replace the report already filed for this task, quarter and department */
  readonly correction?: boolean;
}

export const PROGRESS_MAX = 5000;

/** File (or correct) a report. */
export async function fileTaskReport(store: Store, r: NewTaskReport, by: string, today: string): Promise<TaskReport> {
  const progress = r.progress.trim();
  if (!progress) throw new ProcessError('invalid', 'progress-required', '请填写本季度工作进展', 'Say what progress was made this quarter', 'progress');
  if (progress.length > PROGRESS_MAX) throw new ProcessError('invalid', 'progress-too-long', `进展不超过${PROGRESS_MAX}字`, `At most ${PROGRESS_MAX} characters`, 'progress');
  const entity = `task_reports/${r.task}/${r.period}/${r.department}`;
  return store.db.transaction().execute(async (tx) => {
    const one = () => tx.selectFrom('task_reports').selectAll().where('task', '=', r.task).where('period', '=', r.period).where('department', '=', r.department);
    const before = await one().forUpdate().executeTakeFirst();
    if (before && !r.correction) {
      throw new ProcessError('conflict', 'already-reported', `${r.department} ${r.period} 的进展已于 ${before.reported_on ?? ''} 报送；如需修改，请以“更正”提交`, `${r.department} has reported ${r.period} already: send it as a correction to change it`);
    }
    if (!before && r.correction) {
      throw new ProcessError('conflict', 'nothing-to-correct', `${r.department} ${r.period} 尚未报送进展，无可更正；请直接报送`, `${r.department} has not reported ${r.period}: report it, there is nothing to correct`, 'correction');
    }
    if (before) {
      await tx.updateTable('task_reports').set({ progress, by, at: new Date(), reported_on: today, corrections: before.corrections + 1 })
        .where('task', '=', r.task).where('period', '=', r.period).where('department', '=', r.department).execute();
      await appendAudit(tx, { actor: by, action: 'task.correct', entity, before: { progress: before.progress, by: before.by, reportedOn: before.reported_on }, after: { progress, reportedOn: today } });
    } else {
      // two first reports at once: the second finds the first's row and is refused like any second one
      const row = await tx.insertInto('task_reports').values({ task: r.task, period: r.period, department: r.department, progress, by, reported_on: today })
        .onConflict((oc) => oc.columns(['task', 'period', 'department']).doNothing()).returning('task').executeTakeFirst();
      if (!row) throw new ProcessError('conflict', 'already-reported', `${r.department} ${r.period} 的进展刚刚已由他人报送，请刷新后查看`, `${r.department} has just reported ${r.period}: reload`);
      await appendAudit(tx, { actor: by, action: 'task.report', entity, after: { progress, reportedOn: today } });
    }
    const after = await one().executeTakeFirstOrThrow();
    return reportOf(after);
  });
}

type Row = { task: string; period: string; department: string; progress: string; by: string; at: Date; reported_on: string | null; corrections: number };
const reportOf = (r: Row): TaskReport => ({ task: r.task, period: r.period, department: r.department, progress: r.progress, by: r.by, at: r.at, reportedOn: r.reported_on, corrections: r.corrections });

/** The reports of some tasks (all when `tasks` is undefined), by task, quarter and department. */
export async function taskReports(store: Store, tasks?: readonly string[]): Promise<TaskReport[]> {
  let q = store.db.selectFrom('task_reports').selectAll();
  if (tasks) q = q.where('task', 'in', tasks.length ? [...tasks] : ['']);
  return (await q.orderBy('task').orderBy('period').orderBy('department').execute()).map(reportOf);
}
