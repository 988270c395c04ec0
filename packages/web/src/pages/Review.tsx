/**
 * 评审: start the year's run (documents, readings) with its progress shown; the runs of one's
 * jurisdiction; a run's award list with filters, sorting, pages, totals by funder and region and
 * the 公示 .xlsx export, the awards it withheld and why, the decisions missing data; each row's
 * explanation beside the article's text.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Form, InputNumber, message, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps, TableProps } from 'antd';
import { Working } from './Working';
import { RUN_PHASES } from '../progress';
import { by, code, inOrder, integer, num, sortParam, text, yuan } from '../table';
import { allPages, api, ApiFailure, apiPath, isAdmin, json, sendAsJob, showFailure, type Account, type AwardRow, type JobProgress, type Page, type RunSummary } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { Steps } from './Calculator';
import { formatMoney } from '../money';
import { articleLabel, useNames } from '../names';
import { RegionPicker } from '../RegionPicker';
import { useWords } from '../words';

import type { AwardTotals as Totals, Explanation, MissingRow, PolicyDocument as Doc, Reading, WithheldRow as ApiWithheldRow } from '@duixian/api';
interface RunRequest { year: number; documents?: string[]; readings?: string[] }
interface Filters { document?: string; rule?: string; region?: string; type?: string }
type Section = 'award' | 'withheld' | 'missing';
/** a withheld row, its reason one the page names (another is shown as it is) */
type WithheldRow = ApiWithheldRow & { reason: keyof typeof REASONS };

const TYPES = { money: ['资金', 'Money'], honor: ['荣誉', 'Honour'], recommendation: ['推荐', 'Recommendation'], pending: ['金额待定', 'Amount pending'] } as const;
const REASONS = {
  once: ['一次性奖励已领', 'Once only, already given'], exclusive: ['就高不重复', 'The higher one kept'], 'document-exclusive': ['同一文件就高', 'The higher in the document kept'],
  blacklist: ['信用黑名单', 'Credit blacklist'], pool: ['资金总额已用完', 'The pool is spent'],
  'exclusive-history': ['已享受同组奖励', 'An award of its group already granted'], 'cap-history': ['每家最高额已用完', 'Its cap is used up by earlier grants'],
} as const;

export function Review({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const words = useWords();
  const [docs, setDocs] = useState<Doc[]>([]);
  const [readings, setReadings] = useState<Reading[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>();
  const [run, setRun] = useState<RunSummary>();
  const [error, setError] = useState<ApiFailure>();
  const [started, setStarted] = useState<number>();
  const [progress, setProgress] = useState<JobProgress>();

  // the API pages runs newest first and sorts them no other way: a jurisdiction's runs are held whole, to sort them all
  const loadRuns = useCallback(() => allPages<RunSummary>('/api/runs').then(setRuns, showFailure(setError)), []);
  useEffect(() => {
    api<{ items: Doc[] }>('GET', '/api/documents').then((r) => setDocs(r.items), showFailure(setError));
    api<{ items: Reading[] }>('GET', '/api/interpretations').then((r) => setReadings(r.items), showFailure(setError));
  }, []);
  useEffect(() => void loadRuns(), [loadRuns]);

  const { modal } = App.useApp();
  // a run is kept for good and an official one feeds 免申即享 and the 公示: say what is about to run, then run it
  const confirmRun = (v: RunRequest) => modal.confirm({
    title: t(`开始 ${v.year} 年度测算？`, `Run ${v.year}?`),
    content: t(
      `文件：${v.documents?.length ? v.documents.map((d) => docs.find((x) => x.id === d)?.number ?? d).join('、') : '全部'}；口径：${v.readings?.length ? '所选口径' : '默认口径'}。测算结果将永久保存；正式测算可用于免申即享名单和公示。`,
      `Documents: ${v.documents?.length ? v.documents.join(', ') : 'all'}; readings: ${v.readings?.length ? 'as chosen' : 'the defaults'}. The run is kept; an official one lists awards and feeds the notice.`),
    okText: t('开始测算', 'Run'), cancelText: t('取消', 'Cancel'), okButtonProps: { 'data-testid': 'confirm-run' } as ButtonProps,
    onOk: () => void start(v),
  });

  const start = async (v: RunRequest) => {
    setError(undefined);
    setStarted(Date.now());
    const interpretations = Object.fromEntries((v.readings ?? []).map((r) => r.split('=') as [string, string]));
    setProgress(undefined);
    await sendAsJob<RunSummary>('POST', '/api/runs', json({ year: v.year, ...(v.documents?.length ? { documents: v.documents } : {}), ...(v.readings?.length ? { interpretations } : {}) }), setProgress)
      .then(async (created) => {
        await loadRuns();
        setRun(created);
        // the law's figures are the province's: another's chosen readings make a simulation
        if (created.kind === 'simulation') void message.info(t('所选解释口径与默认不同，测算已记为“模拟”；只有省级管理员可以将其确定为正式结果。', 'Readings other than the defaults make this run a simulation; only the province may make it official.'));
      }, showFailure(setError))
      .finally(() => setStarted(undefined));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && (
        <Card size="small" title={t('开始测算', 'Start a run')}>
          <Form layout="inline" initialValues={{ year: 2023 }} onFinish={(v: RunRequest) => void confirmRun(v)}>
            <Form.Item label={t('年度', 'Year')} name="year" rules={[{ required: true }]}><InputNumber min={2019} max={2030} /></Form.Item>
            <Form.Item label={t('文件', 'Documents')} name="documents"><Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('全部', 'All')} options={docs.map((d) => ({ value: d.id, label: `${d.issuerName} ${d.number}` }))} /></Form.Item>
            <Form.Item label={t('口径', 'Readings')} name="readings"><Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('默认', 'Defaults')} options={readings.flatMap((r) => r.values.filter((x) => x !== r.default).map((x) => ({ value: `${r.id}=${x}`, label: words.reading(r.id, x) })))} /></Form.Item>
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
          rowKey="id" size="small" dataSource={runs ?? []} loading={!runs && !error} data-testid="runs" pagination={{ pageSize: 10 }}
          onRow={(r) => ({ onClick: () => setRun(r), style: { cursor: 'pointer', background: r.id === run?.id ? '#fff1f0' : undefined } })}
          columns={[
            { title: t('编号', 'Run'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 70, sorter: by((r) => r.year, num) },
            { title: t('类型', 'Kind'), width: 110, sorter: by((r) => r.official, inOrder([true, false])), filters: [{ text: t('正式', 'Official'), value: true }, { text: t('模拟', 'Simulation'), value: false }], onFilter: (v, r) => r.official === v, render: (_, r) => (
              <>
                {r.official ? <Tag color="red">{t('正式', 'Official')}</Tag> : <Tag>{t('模拟', 'Simulation')}</Tag>}
                {r.deviations?.length ? <Tag color="orange" title={t('使用了与政策文件不同的参数、口径或修改，只有省级管理员可以确定为正式结果', 'Uses parameters, readings or changes other than the law\'s; only the province may make it official')}>{t('非法定口径', 'Own figures')}</Tag> : null}
              </>
            ) },
            { title: t('发起', 'By'), sorter: by((r) => `${r.by}（${names.region(r.scope)}）`, text), render: (_, r) => `${r.by}（${names.region(r.scope)}）` },
            { title: t('时间', 'At'), dataIndex: 'at', sorter: by((r) => r.at, code), render: (v: string) => new Date(v).toLocaleString() },
            { title: t('结果哈希', 'Result hash'), dataIndex: 'resultHash', render: (v: string) => <code>{v.slice(0, 12)}</code> },
          ]}
        />
      </Card>
      {run && <AwardList run={run} docs={docs} />}
    </Space>
  );
}

/**
 * One section of a run's rows as the server filters, sorts and pages it. The sort is set by the
 * table's sorter alone: antd calls the table's onChange after every page change too, and
 * answering that with page 1 would keep the list on its first page.
 */
function useRunRows<R, X = object>(run: string, section: Section, filters: Filters = {}) {
  const [sort, setSort] = useState<string>();
  const query = new URLSearchParams(Object.entries({ ...filters, ...(sort ? { sort } : {}) }).filter(([, v]) => v) as [string, string][]).toString();
  // the page belongs to the query it was chosen for: other filters or another order start at page 1
  const [paging, setPaging] = useState({ current: 1, size: 20, query });
  const page = { current: paging.query === query ? paging.current : 1, size: paging.size };
  const [data, setData] = useState<Page<R> & X>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => {
    let current = true; // an answer to an earlier request must not replace a later one
    setData(undefined);
    api<Page<R> & X>('GET', `/api/runs/${run}/awards?section=${section}&page=${page.current}&pageSize=${page.size}${query ? `&${query}` : ''}`)
      .then((r) => current && setData(r), showFailure(setError));
    return () => { current = false; };
  }, [run, section, page.current, page.size, query]);
  const table: TableProps<R> = {
    size: 'small', loading: !data && !error, dataSource: [...(data?.items ?? [])],
    pagination: { current: page.current, pageSize: page.size, total: data?.total ?? 0, showSizeChanger: true, onChange: (current, size) => setPaging({ current, size, query }) },
    onChange: (_p, _f, sorter, extra) => { if (extra.action === 'sort') setSort(sortParam(sorter)); },
  };
  return { data, error, query, table };
}

function AwardList({ run, docs }: { run: RunSummary; docs: Doc[] }) {
  const t = useT();
  const names = useNames();
  const words = useWords();
  const [filters, setFilters] = useState<Filters>({});
  const [open, setOpen] = useState<{ explanation?: Explanation; subject: string; rule: string; article?: string }>();
  const [counts, setCounts] = useState<Record<Section, number>>();
  const awards = useRunRows<AwardRow, { totals: Totals }>(run.id, 'award', filters);
  const withheld = useRunRows<WithheldRow>(run.id, 'withheld');
  const missing = useRunRows<MissingRow>(run.id, 'missing');
  const [incomplete, setIncomplete] = useState<RunSummary['incomplete']>();
  useEffect(() => void api<{ counts: Record<Section, number> } & Pick<RunSummary, 'incomplete'>>('GET', `/api/runs/${run.id}`)
    .then((r) => { setCounts(r.counts); setIncomplete(r.incomplete); }, () => setCounts(undefined)), [run.id]);
  const set = (f: Filters) => setFilters({ ...filters, ...f });
  const error = awards.error ?? withheld.error ?? missing.error;
  const why = { title: '', width: 80, render: (_: unknown, r: { subject: string; rule: string; explanation?: Explanation }) => <Button size="small" disabled={!r.explanation} onClick={() => setOpen(r)}>{t('依据', 'Why')}</Button> };
  // the API sorts subjects and rules ascending only, amounts both ways
  const subject = { title: t('主体', 'Subject'), dataIndex: 'subject', sorter: true, sortDirections: ['ascend' as const], render: (_: unknown, r: { subject: string; explanation?: Explanation }) => `${r.explanation?.subjectName ?? ''}（${r.subject}）` };
  // the clause by its 文号, article and title, from the run's own explanation when it carries one (a rule since renamed keeps its words)
  const article = { title: t('条款', 'Article'), dataIndex: 'rule', sorter: true, sortDirections: ['ascend' as const], render: (_: unknown, r: { rule: string; explanation?: Explanation }) => (r.explanation ? `${r.explanation.number} ${articleLabel(r.explanation.article ?? '')} ${r.explanation.title}` : names.rule(r.rule)) };
  const amount = { title: t('金额', 'Amount'), dataIndex: 'amount', width: 150, align: 'right' as const, sorter: true, render: (v: string | null, r: { rule: string; ceiling?: boolean }) => (v ? `${r.ceiling ? t('最高 ', 'up to ') : ''}${formatMoney(v)}` : '—') };
  const count = (s: Section) => (counts ? `（${counts[s]}）` : '');
  return (
    <Card size="small" title={`${t('测算', 'Run')} ${run.id}（${run.year}）`}
      extra={<a href={apiPath(`/api/runs/${run.id}/awards?format=xlsx${awards.query ? `&${awards.query}` : ''}`)} download data-testid="export-xlsx">{t('导出公示名单 .xlsx', 'Export the notice (.xlsx)')}</a>}>
      {error && <Failure error={error} />}
      {incomplete?.map((g) => (
        // I-rank-incomplete=reported: the ranking stood on the members that had the figure
        <Alert key={g.rule} type="warning" showIcon style={{ marginBottom: 12 }} data-testid="rank-incomplete"
          message={t(`排名范围不完整：${names.rule(g.rule)} 的排名对象中有 ${g.lacking.length} 个缺少排名所需数据（${g.lacking.map(names.region).join('、')}），本测算仅按已有数据的成员排名`,
            `Incomplete field: ${g.lacking.length} members of ${g.rule}'s ranking lack the figure (${g.lacking.join(', ')}); this run ranked those that have it`)} />
      ))}
      <Tabs items={[
        {
          key: 'award', label: `${t('奖励名单', 'Award list')}${count('award')}`,
          children: (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <Select allowClear aria-label={t('文件', 'Document')} placeholder={t('文件', 'Document')} style={{ width: 220 }} onChange={(v?: string) => set({ document: v, rule: undefined })} options={docs.map((d) => ({ value: d.id, label: `${d.issuerName} ${d.number}` }))} />
                <Select allowClear showSearch optionFilterProp="label" aria-label={t('条款', 'Clause')} placeholder={t('条款', 'Clause')} style={{ width: 320 }} value={filters.rule} data-testid="filter-rule" onChange={(v?: string) => set({ rule: v })}
                  options={names.rules.filter((r) => !filters.document || r.document === filters.document).map((r) => ({ value: r.id, label: names.rule(r.id) }))} />
                <RegionPicker allowClear aria-label={t('地区', 'Region')} placeholder={t('地区（市 / 县）', 'Region (city / county)')} style={{ width: 220 }} value={filters.region} onChange={(region) => set({ region })} />
                <Select allowClear aria-label={t('类型', 'Type')} placeholder={t('类型', 'Type')} style={{ width: 140 }} onChange={(v?: string) => set({ type: v })} options={Object.entries(TYPES).map(([k, [zh, en]]) => ({ value: k, label: t(zh, en) }))} />
              </Space>
              {awards.data && <TotalsTables totals={awards.data.totals} />}
              <Table<AwardRow> {...awards.table} rowKey={(r) => `${r.subject}|${r.rule}`} data-testid="awards" columns={[
                subject, article,
                { title: t('类型', 'Type'), dataIndex: 'type', width: 100, render: (v: keyof typeof TYPES) => t(TYPES[v][0], TYPES[v][1]) },
                amount,
                { title: t('资金来源', 'Funder'), dataIndex: 'funder', width: 110, render: (v: string) => names.region(v) },
                why,
              ]} />
            </>
          ),
        },
        {
          key: 'withheld', label: `${t('暂缓', 'Withheld')}${count('withheld')}`,
          children: (
            <Table<WithheldRow> {...withheld.table} rowKey={(r) => `${r.subject}|${r.rule}`} data-testid="withheld" columns={[
              subject, article, amount,
              { title: t('原因', 'Why withheld'), dataIndex: 'reason', render: (v: keyof typeof REASONS, r) => <span title={r.explanation ? words.summary(r.explanation.summary) : undefined}><Tag color="red">{v in REASONS ? t(REASONS[v][0], REASONS[v][1]) : v}</Tag>{r.keptRule ? `${t('保留', 'kept')} ${names.rule(r.keptRule)}` : ''}</span> },
              why,
            ]} />
          ),
        },
        {
          key: 'missing', label: `${t('缺少数据', 'Data missing')}${count('missing')}`,
          children: (
            <Table<MissingRow> {...missing.table} rowKey={(r) => `${r.subject}|${r.rule}`} data-testid="missing" columns={[
              subject, article,
              { title: t('缺少的数据', 'Missing'), render: (_, r) => [...r.facts.map(words.missing), ...Object.entries(r.of ?? {}).map(([s, fs]) => `${names.region(s)}：${fs.map(words.missing).join('、')}`)].join('；') },
              why,
            ]} />
          ),
        },
      ]} />
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={720} title={open ? `${open.explanation?.subjectName ?? open.subject} · ${open.explanation?.title ?? open.rule}` : ''}>
        {open?.explanation && (
          <>
            <Typography.Title level={5}>{open.explanation.number} {articleLabel(open.article ?? open.explanation.article ?? '')}</Typography.Title>
            <Typography.Paragraph style={{ background: '#fafafa', padding: 12 }}>{open.explanation.text}</Typography.Paragraph>
            <Steps steps={open.explanation.steps} />
            <Typography.Paragraph strong data-testid="explanation-summary">{words.summary(open.explanation.summary)}</Typography.Paragraph>
          </>
        )}
      </Drawer>
    </Card>
  );
}

/** The money of the rows chosen, by funder and by city: both tables sort by code or, exactly, by amount. */
function TotalsTables({ totals }: { totals: Totals }) {
  const t = useT();
  const names = useNames();
  const table = (title: string, of: Record<string, string>, testId: string) => (
    <Table<{ code: string; amount: string }> rowKey="code" size="small" pagination={false} data-testid={testId}
      dataSource={Object.entries(of).map(([c, amount]) => ({ code: c, amount }))} columns={[
        { title, dataIndex: 'code', sorter: by((r) => r.code, code), render: (v: string) => (v ? names.region(v) : '—') },
        { title: t('金额', 'Amount'), dataIndex: 'amount', align: 'right', sorter: by((r) => r.amount, yuan), render: (v: string) => formatMoney(v) },
      ]} />
  );
  return (
    <Row gutter={16} style={{ marginBottom: 12 }}>
      <Col span={12}>{table(t('资金来源', 'Funder'), totals.byFunder, 'totals-funder')}</Col>
      <Col span={12}>{table(t('地市', 'City'), totals.byCity, 'totals-city')}</Col>
    </Row>
  );
}
