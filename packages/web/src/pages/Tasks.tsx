/**
 * 任务督办: every measure that awards nothing is a task for its lead (牵头单位) and responsible
 * (责任单位) departments, reported on each quarter; a quarter not reported 10 working days after it
 * ends is overdue. One table per task with each department's quarters, a form to file a report,
 * and the summary per department, most overdue first.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api, ApiFailure, isAdmin, showFailure, type Account } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { by, code, num, text } from '../table';
import type { DepartmentSummary, QuarterStatus, Task, TaskList, TaskSummary } from '@duixian/api';

type Status = QuarterStatus['status'];
type Period = QuarterStatus;
type DepartmentRow = DepartmentSummary;

const STATUS: Record<Status, [string, string, string]> = { filed: ['已报送', 'Filed', 'green'], due: ['待报送', 'Due', 'orange'], overdue: ['已逾期', 'Overdue', 'red'] };

export function Tasks({ account }: { account: Account }) {
  const t = useT();
  const [tasks, setTasks] = useState<TaskList>();
  const [summary, setSummary] = useState<readonly DepartmentRow[]>();
  const [report, setReport] = useState<{ task?: string; department?: string; period?: string; progress?: string }>({});
  const [error, setError] = useState<ApiFailure>();
  const load = useCallback(async () => {
    await api<TaskList>('GET', '/api/tasks').then(setTasks, showFailure(setError));
    await api<TaskSummary>('GET', '/api/tasks/summary').then((r) => setSummary(r.items), showFailure(setError));
  }, []);
  useEffect(() => void load(), [load]);
  const chosen = tasks?.items.find((x) => x.id === report.task);
  const file = () => api('POST', `/api/tasks/${encodeURIComponent(report.task!)}/reports`, { period: report.period, department: report.department, progress: report.progress })
    .then(async () => { setReport({}); await load(); }, showFailure(setError));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && (
        <Card size="small" title={t('报送进展', 'File a report')}>
          <Space wrap>
            <Select aria-label={t('任务', 'Task')} showSearch optionFilterProp="label" style={{ width: 360 }} placeholder={t('任务', 'Task')} value={report.task} onChange={(task) => setReport({ task })}
              options={(tasks?.items ?? []).filter((x) => x.canReport).map((x) => ({ value: x.id, label: `${x.documentNumber} ${x.article} ${x.title}` }))} data-testid="report-task" />
            <Select aria-label={t('部门', 'Department')} style={{ width: 200 }} placeholder={t('部门', 'Department')} value={report.department} onChange={(department) => setReport({ ...report, department })}
              options={(chosen?.departments ?? []).map((d) => ({ value: d.department, label: d.department }))} data-testid="report-department" />
            <Select aria-label={t('季度', 'Quarter')} style={{ width: 120 }} placeholder={t('季度', 'Quarter')} value={report.period} onChange={(period) => setReport({ ...report, period })}
              options={(chosen?.departments.find((d) => d.department === report.department)?.periods ?? []).map((p) => ({ value: p.period, label: p.period }))} data-testid="report-period" />
            <Input aria-label={t('本季度进展', 'Progress this quarter')} style={{ width: 360 }} placeholder={t('本季度进展', 'Progress this quarter')} value={report.progress} onChange={(e) => setReport({ ...report, progress: e.target.value })} data-testid="report-progress" />
            <Button type="primary" data-testid="report-file" disabled={!report.task || !report.department || !report.period || !report.progress?.trim()} onClick={() => void file()}>{t('报送', 'File')}</Button>
          </Space>
        </Card>
      )}
      {error && <Failure error={error} />}
      <Tabs items={[
        {
          key: 'tasks', label: t('任务', 'Tasks'),
          children: (
            <Table<Task> rowKey="id" size="small" dataSource={tasks?.items ?? []} loading={!tasks} pagination={{ pageSize: 15 }} data-testid="tasks"
              expandable={{ expandedRowRender: (task) => (
                <Table size="small" rowKey="department" pagination={false} dataSource={task.departments} columns={[
                  { title: t('部门', 'Department'), dataIndex: 'department', render: (d: string, r) => <Space>{d}{r.lead && <Tag color="red">{t('牵头', 'Lead')}</Tag>}</Space> },
                  { title: t('各季度', 'Quarters'), dataIndex: 'periods', render: (ps: readonly Period[]) => <Space wrap>{ps.map((p) => <Tag key={p.period} color={STATUS[p.status][2]} title={t(`报送期限 ${p.due}`, `due ${p.due}`)}>{p.period} {t(STATUS[p.status][0], STATUS[p.status][1])}</Tag>)}</Space> },
                ]} />
              ) }}
              columns={[
                { title: t('文件', 'Document'), dataIndex: 'documentNumber', sorter: by((r) => r.document, code) },
                { title: t('条款', 'Article'), dataIndex: 'article' },
                { title: t('任务', 'Task'), dataIndex: 'title', sorter: by((r) => r.title, text) },
                { title: t('牵头单位', 'Lead'), dataIndex: 'lead', render: (l: string[]) => l.join('、') || '—' },
                { title: t('逾期季度', 'Overdue'), dataIndex: 'overdue', sorter: by((r) => r.overdue, num), render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
              ]} />
          ),
        },
        {
          key: 'summary', label: t('按部门汇总', 'By department'),
          children: (
            <Table<DepartmentRow> rowKey={(r) => `${r.issuerName}|${r.department}`} size="small" dataSource={summary ?? []} loading={!summary} pagination={{ pageSize: 20 }} data-testid="task-summary"
              columns={[
                { title: t('政府', 'Government'), dataIndex: 'issuerName', sorter: by((r) => r.issuerName, text) },
                { title: t('部门', 'Department'), dataIndex: 'department', sorter: by((r) => r.department, text) },
                { title: t('任务数', 'Tasks'), dataIndex: 'tasks', sorter: by((r) => r.tasks, num) },
                { title: t('其中牵头', 'Leading'), dataIndex: 'leadTasks', sorter: by((r) => r.leadTasks, num) },
                { title: t('逾期季度', 'Overdue quarters'), dataIndex: 'overdue', sorter: by((r) => r.overdue, num), defaultSortOrder: 'descend' },
              ]} />
          ),
        },
      ]} />
      <Typography.Text type="secondary">{t(`以 ${tasks?.today ?? ''} 计；季度结束后 10 个工作日内报送`, `As of ${tasks?.today ?? ''}; each quarter is due 10 working days after it ends`)}</Typography.Text>
    </Space>
  );
}
