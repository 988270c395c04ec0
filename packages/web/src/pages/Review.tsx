/**
 * 评审: start the year's run (documents, readings) with its progress shown; the runs of one's
 * jurisdiction; a run's award list with filters, sorting, pages, totals by funder and region and
 * the 公示 .xlsx export; each award's explanation beside the article's text.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { Working } from './Working';
import { RUN_PHASES } from '../progress';
import { sortParam } from '../table';
import { api, ApiFailure, isAdmin, json, sendAsJob, showFailure, type Account, type AwardRow, type JobProgress, type Page, type RunSummary } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { Steps } from './Calculator';

interface Doc { id: string; number: string; issuerName: string }
interface Reading { id: string; default: string; values: string[] }
interface Filters { document?: string; region?: string; type?: string; sort?: string }
type AwardPage = Page<AwardRow> & { totals: { byFunder: Record<string, string>; byCity: Record<string, string> } };

const TYPES = { money: ['资金', 'Money'], honor: ['荣誉', 'Honour'], recommendation: ['推荐', 'Recommendation'], pending: ['金额待定', 'Amount pending'] } as const;

export function Review({ account }: { account: Account }) {
  const t = useT();
  const [docs, setDocs] = useState<Doc[]>([]);
  const [readings, setReadings] = useState<Reading[]>([]);
  const [runs, setRuns] = useState<Page<RunSummary>>();
  const [runsPage, setRunsPage] = useState(1);
  const [run, setRun] = useState<RunSummary>();
  const [error, setError] = useState<ApiFailure>();
  const [started, setStarted] = useState<number>();
  const [progress, setProgress] = useState<JobProgress>();

  const loadRuns = useCallback(() => api<Page<RunSummary>>('GET', `/api/runs?page=${runsPage}&pageSize=10`).then(setRuns, showFailure(setError)), [runsPage]);
  useEffect(() => {
    api<{ items: Doc[] }>('GET', '/api/documents').then((r) => setDocs(r.items), showFailure(setError));
    api<{ items: Reading[] }>('GET', '/api/interpretations').then((r) => setReadings(r.items), showFailure(setError));
  }, []);
  useEffect(() => void loadRuns(), [loadRuns]);

  const start = async (v: { year: number; documents?: string[]; readings?: string[] }) => {
    setError(undefined);
    setStarted(Date.now());
    const interpretations = Object.fromEntries((v.readings ?? []).map((r) => r.split('=') as [string, string]));
    setProgress(undefined);
    await sendAsJob<RunSummary>('POST', '/api/runs', json({ year: v.year, ...(v.documents?.length ? { documents: v.documents } : {}), ...(v.readings?.length ? { interpretations } : {}) }), setProgress)
      .then(async (created) => { await loadRuns(); setRun(created); }, showFailure(setError))
      .finally(() => setStarted(undefined));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && (
        <Card size="small" title={t('开始测算', 'Start a run')}>
          <Form layout="inline" initialValues={{ year: 2023 }} onFinish={(v) => void start(v)}>
            <Form.Item label={t('年度', 'Year')} name="year" rules={[{ required: true }]}><InputNumber min={2019} max={2030} /></Form.Item>
            <Form.Item label={t('文件', 'Documents')} name="documents"><Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('全部', 'All')} options={docs.map((d) => ({ value: d.id, label: `${d.issuerName} ${d.number}` }))} /></Form.Item>
            <Form.Item label={t('口径', 'Readings')} name="readings"><Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('默认', 'Defaults')} options={readings.flatMap((r) => r.values.filter((x) => x !== r.default).map((x) => ({ value: `${r.id}=${x}`, label: `${r.id} = ${x}` })))} /></Form.Item>
            <Form.Item><Button type="primary" htmlType="submit" loading={started !== undefined} data-testid="start-run">{t('开始测算', 'Run')}</Button></Form.Item>
          </Form>
          {started !== undefined && (
            <Working since={started} progress={progress} phases={RUN_PHASES} testId="run-progress" />
          )}
        </Card>
      )}
      {error && <Failure error={error} />}
      <Card size="small" title={t('测算记录', 'Runs')}>
        <Table<RunSummary>
          rowKey="id" size="small" dataSource={[...(runs?.items ?? [])]} loading={!runs} data-testid="runs"
          pagination={{ current: runsPage, pageSize: 10, total: runs?.total ?? 0, onChange: setRunsPage }}
          onRow={(r) => ({ onClick: () => setRun(r), style: { cursor: 'pointer', background: r.id === run?.id ? '#fff1f0' : undefined } })}
          columns={[
            { title: t('编号', 'Run'), dataIndex: 'id', width: 70, sorter: (a, b) => Number(a.id) - Number(b.id) },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
            { title: t('类型', 'Kind'), width: 110, filters: [{ text: t('正式', 'Official'), value: true }, { text: t('模拟', 'Simulation'), value: false }], onFilter: (v, r) => r.official === v, render: (_, r) => (r.official ? <Tag color="red">{t('正式', 'Official')}</Tag> : <Tag>{t('模拟', 'Simulation')}</Tag>) },
            { title: t('发起', 'By'), render: (_, r) => `${r.by}（${r.scope}）` },
            { title: t('时间', 'At'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
            { title: t('结果哈希', 'Result hash'), dataIndex: 'resultHash', render: (v: string) => <code>{v.slice(0, 12)}</code> },
          ]}
        />
      </Card>
      {run && <AwardList run={run} docs={docs} />}
    </Space>
  );
}

function AwardList({ run, docs }: { run: RunSummary; docs: Doc[] }) {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [data, setData] = useState<AwardPage>();
  const [error, setError] = useState<ApiFailure>();
  const [open, setOpen] = useState<AwardRow>();
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  useEffect(() => {
    setData(undefined);
    api<AwardPage>('GET', `/api/runs/${run.id}/awards?page=${page.current}&pageSize=${page.size}${query ? `&${query}` : ''}`).then(setData, showFailure(setError));
  }, [run.id, page, query]);
  const set = (f: Filters) => {
    setFilters({ ...filters, ...f });
    setPage({ ...page, current: 1 });
  };
  return (
    <Card size="small" title={`${t('奖励名单', 'Award list')} · ${t('测算', 'run')} ${run.id}（${run.year}）`}
      extra={<a href={`/api/runs/${run.id}/awards?format=xlsx${query ? `&${query}` : ''}`} download data-testid="export-xlsx">{t('导出公示名单 .xlsx', 'Export the notice (.xlsx)')}</a>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('文件', 'Document')} style={{ width: 220 }} onChange={(v?: string) => set({ document: v })} options={docs.map((d) => ({ value: d.id, label: `${d.issuerName} ${d.number}` }))} />
        <Input.Search allowClear placeholder={t('地区代码，如 370811', 'Region code, e.g. 370811')} style={{ width: 220 }} onSearch={(v) => set({ region: v || undefined })} />
        <Select allowClear placeholder={t('类型', 'Type')} style={{ width: 140 }} onChange={(v?: string) => set({ type: v })} options={Object.entries(TYPES).map(([k, [zh, en]]) => ({ value: k, label: t(zh, en) }))} />
      </Space>
      {error && <Failure error={error} />}
      {data && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }} items={[
          { label: t('按资金来源', 'By funder'), children: <span data-testid="totals-funder">{Object.entries(data.totals.byFunder).map(([f, v]) => `${f}: ${v}`).join('；') || '—'}</span> },
          { label: t('按地市', 'By city'), children: Object.entries(data.totals.byCity).map(([c, v]) => `${c}: ${v}`).join('；') || '—' },
        ]} />
      )}
      <Table<AwardRow>
        rowKey={(r) => `${r.subject}|${r.rule}`} size="small" loading={!data} dataSource={[...(data?.items ?? [])]} data-testid="awards"
        pagination={{ current: page.current, pageSize: page.size, total: data?.total ?? 0, showSizeChanger: true, onChange: (current, size) => setPage({ current, size }) }}
        onChange={(_p, _f, sorter) => set({ sort: sortParam(sorter) })}
        columns={[
          { title: t('主体', 'Subject'), dataIndex: 'subject', sorter: true, render: (_, r) => `${r.explanation?.subjectName ?? ''}（${r.subject}）` },
          { title: t('条款', 'Article'), dataIndex: 'rule', sorter: true, render: (_, r) => `${r.explanation?.number ?? r.document} ${r.article} ${r.explanation?.title ?? ''}` },
          { title: t('类型', 'Type'), dataIndex: 'type', width: 100, render: (v: keyof typeof TYPES) => t(TYPES[v][0], TYPES[v][1]) },
          { title: t('金额（元）', 'Amount (yuan)'), dataIndex: 'amount', width: 140, align: 'right', sorter: true, render: (v: string | null, r) => (v ? `${r.ceiling ? t('最高 ', 'up to ') : ''}${v}` : '—') },
          { title: t('资金来源', 'Funder'), dataIndex: 'funder', width: 90 },
          { title: '', width: 80, render: (_, r) => <Button size="small" onClick={() => setOpen(r)}>{t('依据', 'Why')}</Button> },
        ]}
      />
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={720} title={open ? `${open.explanation?.subjectName ?? open.subject} · ${open.explanation?.title ?? open.rule}` : ''}>
        {open?.explanation && (
          <>
            <Typography.Title level={5}>{open.explanation.number} {open.article}</Typography.Title>
            <Typography.Paragraph style={{ background: '#fafafa', padding: 12 }}>{open.explanation.text}</Typography.Paragraph>
            <Steps steps={open.explanation.steps} />
            <Typography.Paragraph strong data-testid="explanation-summary">{open.explanation.summary}</Typography.Paragraph>
          </>
        )}
      </Drawer>
    </Card>
  );
}
