/**
 * 工作任务 over HTTP: every measure of the corpus that awards nothing is a task of its lead and
 * responsible departments (workflow's tasksFromCorpus). Each department reports its progress per
 * quarter, from the quarter of the document's 施行日期 to its end (or to now); a quarter's report
 * is due 10 working days after it ends (CHINA_2023_2024, or the server's calendar), and overdue
 * after that. Administrators and auditors read the tasks of their own government and those above
 * and inside it; a report is filed by an administrator of the issuing government's region or above
 * (a 济宁 task by the 济宁 city administrator or the province: the departments are the issuing
 * government's own bureaux, which a county administrator does not speak for). A second report for
 * the same task, quarter and department is refused unless sent as a correction.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, NewTaskReport, TaskList, TaskParams, TaskQuery, TaskReport as TaskReportView, TaskSummary } from '@duixian/api';
import { isWithin, perCorpus } from '@duixian/corpus';
import { fileTaskReport, taskReports, type Account, type Store, type TaskReport } from '@duixian/store';
import { departmentSummary, periodOf, taskStatus, tasksFromCorpus, type PeriodStatus, type Task } from '@duixian/workflow';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, overlappingRegions, READERS, seesAll } from '../auth/access.js';
import { documentOf, processError, type ProcessContext } from '../process.js';

/** The corpus in force's tasks, by id, and its documents (made again when another comes into force). */
const tasksInForce = perCorpus(({ measures, corpus }) => {
  const tasks = tasksFromCorpus({ measures, documents: corpus.documents });
  return { tasks, byId: new Map(tasks.map((t) => [t.id, t])), documents: new Map(corpus.documents.map((d) => [d.id, d])) };
});

/** A report as the API gives it: its moment as ISO 8601 text. */
const reportView = (r: TaskReport): TaskReportView => ({ ...r, at: r.at.toISOString() });

const departmentsOf = (t: Task) => [...new Set([...t.lead, ...t.responsible])];

/** The days a task reports on: from its document's 施行日期 to its end (none: to today). */
function span(t: Task): { since: string; until?: string } {
  const d = tasksInForce().documents.get(t.document)!;
  return { since: d.validFrom, ...(d.validTo ? { until: d.validTo } : {}) };
}

/** Tasks `me` reads: its own government's, those of the governments above it and inside it. */
const readable = (me: Account, t: Task) => seesAll(me) || (t.issuer !== null && overlappingRegions(me).includes(t.issuer));
/** Tasks `me` reports on: its own government's and those of the governments inside it. */
const reportable = (me: Account, t: Task) => seesAll(me) || (t.issuer !== null && ADMINS.includes(me.role) && isWithin(t.issuer, me.region!));

export function taskRoutes(store: Store, ctx: ProcessContext) {
  /** Each department's quarters of each task: filed, due or overdue, with the report where there is one. */
  async function statuses(tasks: readonly Task[]) {
    const today = ctx.today();
    const reports = await taskReports(store, tasks.map((t) => t.id));
    const byKey = new Map<string, TaskReport>(reports.map((r) => [`${r.task}\u0000${r.department}\u0000${r.period}`, r]));
    return new Map(tasks.map((t) => {
      const { since, until } = span(t);
      return [t.id, new Map(departmentsOf(t).map((dep) => {
        const filed = reports.filter((r) => r.task === t.id && r.department === dep);
        const periods = taskStatus(ctx.calendar, filed, since, today, until);
        return [dep, periods.map((p) => {
          const report = byKey.get(`${t.id}\u0000${dep}\u0000${p.period}`);
          return { ...p, report: report ? reportView(report) : null };
        })];
      }))];
    }));
  }

  /** The tasks `me` reads that the query asks for, with their departments' quarters. */
  async function chosen(me: Account, q: { document?: string; department?: string }) {
    if (q.document) documentOf(q.document, 'query.document');
    const tasks = tasksInForce().tasks.filter((t) => readable(me, t) && (!q.document || t.document === q.document) && (!q.department || departmentsOf(t).includes(q.department)));
    return { tasks, st: await statuses(tasks) };
  }

  const count = (ps: readonly PeriodStatus[], s: PeriodStatus['status']) => ps.filter((p) => p.status === s).length;

  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/tasks', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['任务'], summary: '工作任务 The tasks of your government, those above and inside it: each department\'s quarters (filed, due, overdue) with its reports',
        querystring: TaskQuery, response: { 200: TaskList, ...errorResponses(400, 401, 403, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const { tasks, st } = await chosen(me, req.query);
      const items = tasks.map((t) => {
        const deps = [...st.get(t.id)!].filter(([dep]) => !req.query.department || dep === req.query.department)
          .map(([department, periods]) => ({ department, lead: t.lead.includes(department), overdue: count(periods, 'overdue'), due: count(periods, 'due'), periods }));
        const d = tasksInForce().documents.get(t.document)!;
        return {
          ...t, documentNumber: d.number, validFrom: d.validFrom, validTo: d.validTo ?? null, canReport: reportable(me, t),
          overdue: deps.reduce((a, x) => a + x.overdue, 0), due: deps.reduce((a, x) => a + x.due, 0), departments: deps,
        };
      });
      return { today: ctx.today(), total: items.length, items };
    });

    app.get('/api/tasks/summary', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['任务'], summary: '部门汇总 Per department of each government: its tasks (lead and responsible), overdue and due quarters; most overdue first',
        querystring: TaskQuery, response: { 200: TaskSummary, ...errorResponses(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { tasks, st } = await chosen(accountOf(req), req.query);
      // one task per department, so that each department is counted on its own reports
      const split = tasks.flatMap((t) => departmentsOf(t).map((dep) => ({
        ...t, id: `${t.id}\u0000${dep}`, lead: t.lead.includes(dep) ? [dep] : [], responsible: t.lead.includes(dep) ? [] : [dep],
      })));
      const summary = departmentSummary(split, new Map(split.map((t) => {
        const [id, dep] = t.id.split('\u0000') as [string, string];
        return [t.id, st.get(id)!.get(dep)!];
      })));
      const rows = summary.map((r) => ({ ...r, items: r.items.map((i) => ({ ...i, task: i.task.split('\u0000')[0]! })) }))
        .filter((r) => !req.query.department || r.department === req.query.department);
      return { today: ctx.today(), items: rows };
    });

    app.post('/api/tasks/:id/reports', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['任务'],
        summary: '报送任务进展 Report a department\'s progress on a task for a quarter (an administrator of the issuing government\'s region or above); a second report for the same quarter and department only as a correction',
        description: '任务编号含斜杠，须编码 The task id contains a slash: send it encoded, e.g. /api/tasks/sd-2022-42%2Fart-9/reports',
        params: TaskParams, body: NewTaskReport,
        response: { 200: TaskReportView, 201: TaskReportView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const t = tasksInForce().byId.get(req.params.id);
      if (!t) throw new ApiError(404, 'not-found', `没有任务 ${req.params.id}`, `No task ${req.params.id}`);
      if (!reportable(me, t)) throw outsideJurisdiction(`${t.issuerName ?? ''}的任务 ${t.id} `, `Task ${t.id} of ${t.issuer ?? 'no government'}`);
      const b = req.body;
      if (!departmentsOf(t).includes(b.department)) {
        throw new ApiError(422, 'invalid-input', `${b.department} 不是该任务的牵头或责任单位：${departmentsOf(t).join('、')}`, `${b.department} is not a department of the task`, [{ path: 'department', message: `one of ${departmentsOf(t).join(', ')}` }]);
      }
      const today = ctx.today();
      const { since, until } = span(t);
      const last = until && periodOf(until) < periodOf(today) ? periodOf(until) : periodOf(today);
      if (b.period < periodOf(since) || b.period > last) {
        throw new ApiError(422, 'invalid-input', `季度应在 ${periodOf(since)} 至 ${last} 之间（文件施行期内，且已开始）`, `The quarter must be from ${periodOf(since)} to ${last}: within the document's term, and begun`, [{ path: 'period', message: `${periodOf(since)}–${last}` }]);
      }
      const r = await fileTaskReport(store, { task: t.id, period: b.period, department: b.department, progress: b.progress, correction: b.correction ?? false }, me.username, today).catch((e) => processError(e));
      return reply.status(b.correction ? 200 : 201).send(reportView(r));
    });
  };
}
