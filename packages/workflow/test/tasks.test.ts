import { describe, expect, it } from 'vitest';
import { MEASURES } from '@duixian/corpus';
import {
  CHINA_2023_2024 as CN, departmentSummary, periodEnd, periodOf, reportDue, shiftPeriod, taskStatus, tasksFromCorpus,
  type PeriodStatus, type Task,
} from '../src/index.js';

describe('tasks from the corpus: the measures that award nothing', () => {
  const tasks = tasksFromCorpus();

  it('are the articles without a rule or with work assigned beside one (the five documents: sd 3, 济宁 4, 东营 15, 济阳 4, 济南 14)', () => {
    const ids = new Set(tasks.map((t) => t.id));
    for (const m of MEASURES) expect(ids.has(`${m.document}/${m.anchor}`), `${m.document} ${m.article}`).toBe(m.rules.length === 0 || m.alsoTask === true);
    expect(tasks).toHaveLength(ids.size);
    const per: Record<string, number> = {};
    for (const t of tasks) per[t.document] = (per[t.document] ?? 0) + 1;
    // counted from the texts; any other document of the corpus has its own
    expect(per).toMatchObject({ 'sd-2022-42': 3, 'jining-2022-54': 4, 'dongying-2020-9': 15, 'jiyang-2021-80': 4, 'jinan-2021-cbec': 14 });
    expect(tasks.map((t) => t.id).filter((id) => id.startsWith('sd-'))).toEqual(['sd-2022-42/art-7', 'sd-2022-42/art-9', 'sd-2022-42/art-13']);
  });

  it('carry the article’s departments (九、建立生态链企业“白名单”…（牵头单位:省商务厅;参与单位:省委网信办、省市场监管局）)', () => {
    expect(tasks.find((t) => t.id === 'sd-2022-42/art-9')).toEqual({
      id: 'sd-2022-42/art-9', document: 'sd-2022-42', article: '九', title: '建立生态链企业“白名单”',
      lead: ['省商务厅'], responsible: ['省委网信办', '省市场监管局'], issuer: '370000', issuerName: '山东省',
    });
  });

  it('leave out articles with rules, and 十二 (齐鲁电商贷, a validation)', () => {
    const ids = new Set(tasks.map((t) => t.id));
    expect(ids.has('sd-2022-42/art-1')).toBe(false);
    expect(ids.has('sd-2022-42/art-12')).toBe(false);
  });

  it('take any measures given, issuer unknown without the document', () => {
    const m = MEASURES.find((x) => x.document === 'sd-2022-42' && x.anchor === 'art-7')!;
    expect(tasksFromCorpus({ measures: [m], documents: [] })[0]).toMatchObject({ id: 'sd-2022-42/art-7', issuer: null, issuerName: null });
  });
});

describe('quarters and their report deadlines (10 working days after the quarter)', () => {
  it.each([
    ['2023-01-01', '2023Q1'], ['2023-03-31', '2023Q1'], ['2023-04-01', '2023Q2'], ['2023-09-30', '2023Q3'], ['2023-12-31', '2023Q4'],
  ])('%s is in %s', (date, period) => {
    expect(periodOf(date)).toBe(period);
  });

  it('steps across years and refuses what is not a quarter', () => {
    expect(shiftPeriod('2023Q4', 1)).toBe('2024Q1');
    expect(shiftPeriod('2024Q1', -1)).toBe('2023Q4');
    expect(shiftPeriod('2023Q2', -6)).toBe('2021Q4');
    expect(periodEnd('2024Q1')).toBe('2024-03-31');
    for (const bad of ['2023Q5', '2023Q0', '2023-Q1', '23Q1']) expect(() => periodEnd(bad), bad).toThrow(RangeError);
    expect(() => periodOf('2023-02-30')).toThrow(RangeError);
  });

  const due: [string, string, string][] = [
    ['2023Q1', '2023-04-17', 'Fri 3/31; 清明 4/5 skipped: 4/3, 4/4, 4/6, 4/7, 4/10 … 4/14, 4/17'],
    ['2023Q2', '2023-07-14', 'Fri 6/30: 7/3 … 7/7, 7/10 … 7/14'],
    ['2023Q3', '2023-10-18', 'Sat 9/30 in the holiday: 10/7, 10/8 (调休), 10/9 … 10/13, 10/16, 10/17, 10/18'],
    ['2023Q4', '2024-01-15', 'Sun 12/31; 元旦 1/1: 1/2 … 1/5, 1/8 … 1/12, 1/15'],
    ['2024Q1', '2024-04-15', 'Sun 3/31; 清明 4/4–4/6, 4/7 (调休): 4/1, 4/2, 4/3, 4/7, 4/8 … 4/12, 4/15'],
    ['2024Q3', '2024-10-18', 'Mon 9/30; 国庆 10/1–10/7: 10/8 … 10/11, 10/12 (调休), 10/14 … 10/18'],
  ];
  it.each(due)('%s is due %s (%s)', (period, day) => {
    expect(reportDue(CN, period)).toBe(day);
  });
});

describe('a task’s reports, quarter by quarter', () => {
  it('marks filed, due and overdue quarters up to the quarter before today', () => {
    expect(taskStatus(CN, [{ period: '2023Q1' }], '2023-02-22', '2023-10-18')).toEqual([
      { period: '2023Q1', due: '2023-04-17', status: 'filed' },
      { period: '2023Q2', due: '2023-07-14', status: 'overdue' },
      { period: '2023Q3', due: '2023-10-18', status: 'due' }, // today is the due day
    ]);
    expect(taskStatus(CN, [], '2023-02-22', '2023-10-19').map((s) => s.status)).toEqual(['overdue', 'overdue', 'overdue']);
  });

  it('has nothing to report before the first quarter has ended', () => {
    expect(taskStatus(CN, [], '2023-02-22', '2023-03-31')).toEqual([]); // the quarter's last day: not ended yet
    expect(taskStatus(CN, [], '2023-02-22', '2023-04-01').map((s) => s.period)).toEqual(['2023Q1']);
    expect(taskStatus(CN, [], '2023-02-22', '2023-01-15')).toEqual([]);
  });

  it('stops at the quarter of the document’s end', () => {
    const s = taskStatus(CN, [], '2022-02-22', '2024-06-01', '2023-12-31'); // 鲁政字〔2022〕42号: 2022-02-22 – 2023-12-31
    expect(s.map((x) => x.period)).toEqual(['2022Q1', '2022Q2', '2022Q3', '2022Q4', '2023Q1', '2023Q2', '2023Q3', '2023Q4']);
  });

  it('ignores reports of other quarters', () => {
    expect(taskStatus(CN, [{ period: '2022Q4' }, { period: '2023Q3' }], '2023-01-01', '2023-04-18')).toEqual([{ period: '2023Q1', due: '2023-04-17', status: 'overdue' }]);
  });
});

describe('per department', () => {
  const task = (id: string, issuer: string, lead: string[], responsible: string[]): Task => ({
    id, document: id.split('/')[0]!, article: '一', title: id, lead, responsible, issuer, issuerName: issuer,
  });
  const st = (...xs: PeriodStatus['status'][]): PeriodStatus[] => xs.map((status, k) => ({ period: `2023Q${k + 1}`, due: '2023-12-31', status }));

  it('counts tasks as lead and as responsible, and overdue quarters, per issuing government', () => {
    const tasks = [
      task('a/1', 'A', ['商务局'], ['财政局']),
      task('a/2', 'A', [], ['商务局', '统计局']),
      task('b/1', 'B', ['商务局'], ['商务局']), // another government's 商务局; listed twice, counted once, as lead
    ];
    const statuses = new Map([['a/1', st('overdue', 'overdue', 'filed')], ['a/2', st('overdue', 'due')], ['b/1', st()]]);
    const rows = departmentSummary(tasks, statuses).map(({ issuer, department, tasks: n, leadTasks, overdue, due }) => ({ issuer, department, n, leadTasks, overdue, due }));
    expect(rows).toEqual([
      { issuer: 'A', department: '商务局', n: 2, leadTasks: 1, overdue: 3, due: 1 },
      { issuer: 'A', department: '财政局', n: 1, leadTasks: 0, overdue: 2, due: 0 },
      { issuer: 'A', department: '统计局', n: 1, leadTasks: 0, overdue: 1, due: 1 },
      { issuer: 'B', department: '商务局', n: 1, leadTasks: 1, overdue: 0, due: 0 },
    ]);
    expect(departmentSummary(tasks, Object.fromEntries(statuses))).toEqual(departmentSummary(tasks, statuses));
    expect(departmentSummary(tasks, statuses)[0]!.items).toEqual([
      { task: 'a/1', lead: true, overdue: 2, due: 0 },
      { task: 'a/2', lead: false, overdue: 1, due: 1 },
    ]);
  });

  it('keeps 济宁’s, 东营’s and 济南’s 市商务局 apart', () => {
    const rows = departmentSummary(tasksFromCorpus(), new Map()).filter((r) => r.department === '市商务局');
    expect(rows.map((r) => r.issuerName).sort()).toEqual(['东营市', '济南市', '济宁市']);
  });
});
