/**
 * 工作任务: the measures that award nothing, as tasks of their lead and responsible departments;
 * each department's quarters (filed, due, overdue) with its reports; the summary per department.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum, Timestamp } from './common.js';

export const REPORT_STATUSES = ['filed', 'due', 'overdue'] as const;
/** store's PROGRESS_MAX (the server's test checks they agree) */
export const PROGRESS_MAX = 5000;

export const TaskQuery = Type.Object({
  document: Type.Optional(Type.String({ maxLength: 200, description: '现行政策库中的文件（GET /api/documents） a document of the corpus in force' })),
  department: Type.Optional(Type.String({ maxLength: 200, description: '部门 a department' })),
});
export type TaskQuery = Static<typeof TaskQuery>;

export const TaskParams = Type.Object({
  id: Type.String({ maxLength: 100, description: '任务编号，含斜杠须编码 the task; its slash encoded: sd-2022-42%2Fart-9', examples: ['sd-2022-42/art-9'] }),
});

export const TaskReport = Type.Object({
  task: Type.String(),
  period: Type.String({ description: '季度 the quarter, e.g. 2023Q3' }),
  department: Type.String(),
  progress: Type.String({ description: '工作进展 the progress' }),
  by: Type.String({ description: '报送人 who filed it' }),
  at: Timestamp('报送时间 when'),
  reportedOn: Nullable(Type.String({ description: '报送日期 the day it was filed (or last corrected)' })),
  corrections: Type.Integer({ description: '更正次数 times corrected' }),
}, { description: '进展报送 A progress report' });
export type TaskReport = Static<typeof TaskReport>;

export const NewTaskReport = Type.Object({
  period: Type.String({ pattern: '^[0-9]{4}Q[1-4]$', description: '季度 the quarter, e.g. 2023Q3' }),
  department: Type.String({ maxLength: 200, description: '牵头或责任单位 a lead or responsible department of the task' }),
  progress: Type.String({ maxLength: PROGRESS_MAX, description: '本季度工作进展 the progress this quarter' }),
  correction: Type.Optional(Type.Boolean({ description: '更正已报送的进展（原文留在审计日志） replace the report filed for this quarter (the old text stays in the audit log)' })),
}, { additionalProperties: false, examples: [{ period: '2024Q1', department: '省商务厅', progress: '已完成直播电商基地认定3家' }] });
export type NewTaskReport = Static<typeof NewTaskReport>;

export const QuarterStatus = Type.Object({
  period: Type.String({ description: '季度 the quarter' }),
  due: Type.String({ description: '报送截止日 the day it is due, YYYY-MM-DD' }),
  status: StringEnum(REPORT_STATUSES, { description: 'filed（已报送）, due（待报送）, overdue（已逾期）' }),
  report: Nullable(TaskReport),
});
export type QuarterStatus = Static<typeof QuarterStatus>;

export const TaskDepartment = Type.Object({
  department: Type.String(),
  lead: Type.Boolean({ description: '牵头单位 the lead department' }),
  overdue: Type.Integer({ description: '逾期季度数 quarters overdue' }),
  due: Type.Integer({ description: '待报送季度数 quarters due' }),
  periods: List(QuarterStatus),
});

export const Task = Type.Object({
  id: Type.String({ examples: ['sd-2022-42/art-9'] }),
  document: Type.String(),
  documentNumber: Type.String({ description: '文号 the document\'s number' }),
  article: Type.String(),
  title: Type.String(),
  lead: List(Type.String(), { description: '牵头单位 lead departments' }),
  responsible: List(Type.String(), { description: '责任单位 responsible departments' }),
  issuer: Nullable(Type.String({ description: '发文政府地区代码 the issuing government\'s region' })),
  issuerName: Nullable(Type.String()),
  validFrom: Type.String({ description: '施行日期 in force from' }),
  validTo: Nullable(Type.String()),
  canReport: Type.Boolean({ description: '您可报送 you may report on it' }),
  overdue: Type.Integer(),
  due: Type.Integer(),
  departments: List(TaskDepartment),
}, { description: '工作任务 A task with each department\'s quarters' });
export type Task = Static<typeof Task>;

export const TaskList = Type.Object({
  today: Type.String({ description: '今日 today, YYYY-MM-DD' }),
  total: Type.Integer(),
  items: List(Task),
});
export type TaskList = Static<typeof TaskList>;

export const DepartmentSummary = Type.Object({
  issuer: Nullable(Type.String()),
  issuerName: Nullable(Type.String()),
  department: Type.String(),
  tasks: Type.Integer({ description: '任务数（牵头与责任） tasks it leads or shares' }),
  leadTasks: Type.Integer({ description: '牵头任务数 of which it leads' }),
  overdue: Type.Integer(),
  due: Type.Integer(),
  items: List(Type.Object({ task: Type.String(), lead: Type.Boolean(), overdue: Type.Integer(), due: Type.Integer() })),
}, { description: '部门汇总 A department\'s tasks and quarters' });
export type DepartmentSummary = Static<typeof DepartmentSummary>;

export const TaskSummary = Type.Object({ today: Type.String(), items: List(DepartmentSummary) });
export type TaskSummary = Static<typeof TaskSummary>;
