/**
 * 审核 for bureau staff: the applications and 免申即享 entries of one's jurisdiction, those
 * waiting at one's own level first, with their review deadlines (即将到期 / 已超期); each opens
 * beside its facts, evidence and explanation to approve, return for correction or reject. The
 * issuing level opens application windows; any level lists an official run's 免申即享 awards.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { DocumentDetail, DocumentRule, Documents, Enlisted } from '@duixian/api';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { api, ApiFailure, isAdmin, showFailure, type Account, type Page, type RunSummary } from '../api';
import { useT } from '../i18n';
import { useNames } from '../names';
import { formatMoney } from '../money';
import { RegionPicker } from '../RegionPicker';
import { todoChanged } from '../Todo';
import { Failure } from './Failure';
import { ApplicationPanel } from './ApplicationPanel';
import { DEADLINES, reviewStateOf, STATE_ORDER, STATES, type ApplicationState, type ApplicationView, type BatchResult } from '../process';


/** What the queue is narrowed to; the server filters (the page shows one page of it). */
interface QueueFilter {
  readonly state?: ApplicationState | undefined;
  readonly rule?: string | undefined;
  readonly region?: string | undefined;
  /** yuan, both ends included */
  readonly min?: number | null | undefined;
  readonly max?: number | null | undefined;
}

/** The filter as the API's query (state, rule, region, min, max), leaving out what is not set. */
function queryOf(f: QueueFilter): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of ['state', 'rule', 'region', 'min', 'max'] as const) if (f[k] != null && f[k] !== '') q[k] = String(f[k]);
  return q;
}

export function Approvals({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const mine = reviewStateOf(account.role);
  const [filter, setFilter] = useState<QueueFilter>({ state: mine });
  const [list, setList] = useState<Page<ApplicationView>>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<ApiFailure>();
  const [note, setNote] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [batch, setBatch] = useState<'selected' | 'filtered'>();
  const [result, setResult] = useState<BatchResult>();

  const load = useCallback(() => {
    const q = new URLSearchParams({ page: String(page), pageSize: '50', ...queryOf(filter) });
    return api<Page<ApplicationView>>('GET', `/api/applications?${q}`).then((r) => { setList(r); setError(undefined); }, showFailure(setError));
  }, [page, filter]);
  useEffect(() => void load(), [load]);
  const narrow = (f: Partial<QueueFilter>) => { setFilter({ ...filter, ...f }); setPage(1); setSelected([]); };
  const batchDone = (r: BatchResult) => { setResult(r); setBatch(undefined); setSelected([]); todoChanged(); void load(); };
  // "all filtered" approves what waits at one's own level: offered when the queue shows exactly that
  const filtered = mine !== undefined && filter.state === mine && (list?.total ?? 0) > 0 ? list!.total : 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && <Setup account={account} onDone={(msg) => { setNote(msg); void load(); }} onError={setError} />}
      {note && <Typography.Text type="success" data-testid="setup-note">{note}</Typography.Text>}
      {error && <Failure error={error} />}
      {result && <BatchSummary result={result} onClose={() => setResult(undefined)} />}
      <Card size="small" title={t('待办与全部申报', 'Applications')}>
        <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }} data-testid="queue-filters">
          <Form.Item label={t('状态', 'State')} htmlFor="queue-state">
            <Select id="queue-state" allowClear style={{ width: 160 }} placeholder={t('全部状态', 'Every state')} value={filter.state} onChange={(state) => narrow({ state })} data-testid="state-filter"
              options={STATE_ORDER.map((s) => ({ value: s, label: t(STATES[s].zh, STATES[s].en) }))} />
          </Form.Item>
          <Form.Item label={t('条款', 'Clause')} htmlFor="queue-rule">
            <Select id="queue-rule" allowClear showSearch optionFilterProp="label" style={{ width: 320, maxWidth: '100%' }} placeholder={t('全部条款', 'Every clause')} value={filter.rule} onChange={(rule) => narrow({ rule })} data-testid="rule-filter"
              options={names.rules.map((r) => ({ value: r.id, label: names.rule(r.id) }))} />
          </Form.Item>
          {account.role !== 'enterprise' && (
            <Form.Item label={t('地区', 'Region')} htmlFor="queue-region">
              <RegionPicker id="queue-region" allowClear style={{ width: 200 }} value={filter.region} onChange={(region) => narrow({ region })} />
            </Form.Item>
          )}
          <Form.Item label={t('金额（元）', 'Amount (yuan)')}>
            <Space.Compact>
              <InputNumber aria-label={t('金额下限（元）', 'At least (yuan)')} min={0} style={{ width: 120 }} value={filter.min} onChange={(min) => narrow({ min })} data-testid="min-filter" />
              <InputNumber aria-label={t('金额上限（元）', 'At most (yuan)')} min={0} style={{ width: 120 }} value={filter.max} onChange={(max) => narrow({ max })} data-testid="max-filter" />
            </Space.Compact>
          </Form.Item>
        </Form>
        {mine && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" disabled={!selected.length} onClick={() => setBatch('selected')} data-testid="batch-selected">{t(`批量通过（已选 ${selected.length} 项）`, `Approve ${selected.length} selected`)}</Button>
            <Button disabled={!filtered} onClick={() => setBatch('filtered')} data-testid="batch-filtered">{t(`筛选结果全部通过（${filtered} 项）`, `Approve all ${filtered} filtered`)}</Button>
          </Space>
        )}
        {/* the server pages this list in the order applications arrived: no column sorts only the page shown */}
        <Table<ApplicationView> rowKey="id" size="small" dataSource={[...(list?.items ?? [])]} loading={!list} data-testid="applications"
          pagination={{ current: page, pageSize: 50, total: list?.total ?? 0, onChange: (p) => { setPage(p); setSelected([]); }, showTotal: (n) => t(`共 ${n} 项`, `${n} in all`) }}
          rowSelection={mine ? {
            selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (r) => ({ disabled: !r.actions.includes('approve'), 'aria-label': t(`选择 ${r.subjectName ?? r.subjectId}`, `Select ${r.subjectName ?? r.subjectId}`) }),
          } : undefined}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('编号', 'No.'), dataIndex: 'id', width: 70 },
            // the name opens the application: a button, so that the keyboard reaches it (the row's click is the mouse's shortcut)
            { title: t('企业', 'Enterprise'), dataIndex: 'subjectName', render: (n: string | null, r) => <span><Button type="link" size="small" style={{ padding: 0 }} data-testid={`open-${r.id}`} onClick={(e) => { e.stopPropagation(); setOpen(r.id); }}>{n ?? r.subjectId}</Button><Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>{r.subjectId}</Typography.Text></span> },
            { title: t('地区', 'Region'), dataIndex: 'region', render: (c: string) => names.region(c) },
            { title: t('条款', 'Clause'), dataIndex: 'rule', render: (id: string) => names.rule(id) },
            { title: t('方式', 'Way'), dataIndex: 'mode', render: (m: string) => (m === 'automatic' ? t('免申即享', 'Automatic') : t('申报', 'Applied')) },
            { title: t('状态', 'State'), dataIndex: 'state', render: (s: ApplicationState) => <Tag color={STATES[s].color}>{t(STATES[s].zh, STATES[s].en)}</Tag> },
            { title: t('金额', 'Amount'), align: 'right', render: (_, r) => formatMoney(r.approved ?? r.decided) },
            { title: t('审核期限', 'Due'), dataIndex: 'reviewDue', render: (d: string | null, r) => (d ? <Space>{d}{r.deadline && r.deadline !== 'ok' && <Tag color={DEADLINES[r.deadline].color}>{t(DEADLINES[r.deadline].zh, DEADLINES[r.deadline].en)}</Tag>}</Space> : '—') },
          ]} />
      </Card>
      {batch && <BatchApproval count={batch === 'selected' ? selected.length : filtered} body={batch === 'selected' ? { ids: selected } : { filter: queryOf({ ...filter, state: undefined }) }} onDone={batchDone} onCancel={() => setBatch(undefined)} />}
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={760} title={t(`申报 ${open ?? ''}`, `Application ${open ?? ''}`)} destroyOnClose>
        {open && <ApplicationPanel id={open} account={account} onChanged={() => { todoChanged(); void load(); }} />}
      </Drawer>
    </Space>
  );
}

/**
 * 批量通过: one reason for every row; each row is still the single approval on the server (its
 * level, budget and a fresh decision on today's data), so a row whose decision changed is not
 * approved but listed with its change, to be opened on its own.
 */
function BatchApproval({ count, body, onDone, onCancel }: { count: number; body: { ids: string[] } | { filter: Record<string, string> }; onDone: (r: BatchResult) => void; onCancel: () => void }) {
  const t = useT();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure>();
  const send = () => {
    setBusy(true);
    api<BatchResult>('POST', '/api/applications/batch', { ...body, action: 'approve', reason: reason.trim() }).then(onDone, showFailure(setError)).finally(() => setBusy(false));
  };
  return (
    <Modal open title={t(`批量通过 ${count} 项`, `Approve ${count}`)} okText={t('通过', 'Approve')} cancelText={t('取消', 'Cancel')} onOk={send} onCancel={onCancel}
      okButtonProps={{ disabled: !reason.trim(), loading: busy, 'data-testid': 'batch-confirm' } as ButtonProps} data-testid="batch-modal">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('每一项仍按当前数据重新核验：与列入审核时相比有变化的不会通过，将列出原因，请逐项打开处理。', 'Each is decided again on today\'s data: one whose decision changed is not approved but listed, to be opened on its own.')}</Typography.Paragraph>
        <label htmlFor={id}>{t('审核意见（每项都记录）', 'Reason (kept with each)')}</label>
        <Input.TextArea id={id} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="batch-reason" />
        {error && <Failure error={error} />}
      </Space>
    </Modal>
  );
}

/** What a batch did: how many were approved, and each refused with why (its changes when the decision changed). */
function BatchSummary({ result, onClose }: { result: BatchResult; onClose: () => void }) {
  const t = useT();
  const refused = result.items.filter((x) => x.outcome === 'refused');
  return (
    <Alert type={refused.length ? 'warning' : 'success'} showIcon closable onClose={onClose} data-testid="batch-result"
      message={t(`批量审核：通过 ${result.done} 项，未通过 ${result.refused} 项`, `Batch: ${result.done} approved, ${result.refused} not`)}
      description={refused.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {refused.map((x) => (
            <li key={x.id}>{x.subjectName ?? t(`申报 ${x.id}`, `Application ${x.id}`)}{t(`（编号 ${x.id}）：`, ` (${x.id}): `)}
              {x.changes?.length ? x.changes.map((c) => t(c.zh, c.en)).join(t('；', '; ')) : x.error ? t(x.error.message.zh, x.error.message.en) : ''}</li>
          ))}
        </ul>
      )} />
  );
}

/** Opening a window (the issuing level) and listing an official run's 免申即享 awards. */
function Setup({ account, onDone, onError }: { account: Account; onDone: (msg: string) => void; onError: (e: ApiFailure) => void }) {
  const t = useT();
  const names = useNames();
  const [rules, setRules] = useState<DocumentRule[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [w, setW] = useState<{ rule?: string; year: number; opens?: string; closes?: string }>({ year: new Date().getFullYear() - 1 });
  const [run, setRun] = useState<string>();
  useEffect(() => {
    api<Documents>('GET', '/api/documents').then(async (r) => {
      const own = r.items.filter((d) => d.issuer === account.region);
      const docs = await Promise.all(own.map((d) => api<DocumentDetail>('GET', `/api/documents/${d.id}`)));
      setRules(docs.flatMap((d) => d.rules).filter((x) => x.mode === 'application'));
    }, showFailure(onError));
    api<Page<RunSummary>>('GET', '/api/runs?pageSize=100').then((r) => setRuns(r.items.filter((x) => x.official)), showFailure(onError));
  }, [account.region, onError]);
  const openWindow = () => api('POST', '/api/windows', w).then(() => onDone(t(`已开放 ${names.rule(w.rule!)} ${w.year} 年度申报：${w.opens} 至 ${w.closes}`, `Window open for ${names.rule(w.rule!)} ${w.year}: ${w.opens} to ${w.closes}`)), showFailure(onError));
  const enlist = () => api<Enlisted>('POST', `/api/runs/${run}/enlist`)
    .then((r) => onDone(t(`已列入 ${r.created} 项免申即享奖励（已有 ${r.existing} 项）`, `${r.created} listed (${r.existing} already there)`)), showFailure(onError));
  return (
    <Card size="small" title={t('申报窗口与免申即享', 'Windows and automatic awards')}>
      <Space direction="vertical">
        {rules.length > 0 && (
          <Space wrap>
            <Select style={{ width: 360, maxWidth: '100%' }} aria-label={t('申报条款', 'Clause')} placeholder={t('本级文件中需申报的条款', 'A rule of your documents that needs an application')} value={w.rule} onChange={(rule) => setW({ ...w, rule })} data-testid="window-rule"
              options={rules.map((r) => ({ value: r.id, label: names.rule(r.id) }))} />
            <InputNumber aria-label={t('申报年度', 'Year')} min={2019} max={2030} value={w.year} onChange={(year) => setW({ ...w, year: year ?? w.year })} />
            {/* two pickers, not a RangePicker: Tab never left antd's range picker (a keyboard trap before the queue) */}
            <DatePicker aria-label={t('申报开始日期', 'Window opens')} onChange={(_, s) => setW({ ...w, opens: s as string })} data-testid="window-opens" />
            <DatePicker aria-label={t('申报截止日期', 'Window closes')} onChange={(_, s) => setW({ ...w, closes: s as string })} data-testid="window-closes" />
            <Button disabled={!w.rule || !w.opens || !w.closes} onClick={() => void openWindow()} data-testid="window-open">{t('开放申报', 'Open window')}</Button>
          </Space>
        )}
        <Space wrap>
          <Select style={{ width: 360, maxWidth: '100%' }} aria-label={t('正式测算', 'Official run')} placeholder={t('选择正式测算', 'An official run')} value={run} onChange={setRun} data-testid="enlist-run"
            options={runs.map((r) => ({ value: r.id, label: `${t('测算', 'Run')} ${r.id} · ${r.year} · ${r.by}` }))} />
          <Button disabled={!run} onClick={() => void enlist()} data-testid="enlist">{t('免申即享：列入待审名单', 'List the automatic awards')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
