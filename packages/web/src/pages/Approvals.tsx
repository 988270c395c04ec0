/**
 * 审核 for bureau staff: the applications and 免申即享 entries of one's jurisdiction, those
 * waiting at one's own level first, with their review deadlines (即将到期 / 已超期); each opens
 * beside its facts, evidence and explanation to approve, return for correction or reject. The
 * issuing level opens application windows; any level lists an official run's 免申即享 awards.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, DatePicker, Drawer, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, isAdmin, showFailure, type Account, type Page, type RunSummary } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { ApplicationPanel } from './ApplicationPanel';
import { DEADLINES, reviewStateOf, STATE_ORDER, STATES, type ApplicationState, type ApplicationView } from '../process';

interface RuleOption { id: string; title: string; mode: string; facts: string[] }
interface Doc { id: string; issuer: string; number: string }

export function Approvals({ account }: { account: Account }) {
  const t = useT();
  const [state, setState] = useState<ApplicationState | undefined>(reviewStateOf(account.role));
  const [list, setList] = useState<Page<ApplicationView>>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<ApiFailure>();
  const [note, setNote] = useState<string>();

  const load = useCallback(() => api<Page<ApplicationView>>('GET', `/api/applications?page=${page}&pageSize=50${state ? `&state=${state}` : ''}`).then(setList, showFailure(setError)), [page, state]);
  useEffect(() => void load(), [load]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && <Setup account={account} onDone={(msg) => { setNote(msg); void load(); }} onError={setError} />}
      {note && <Typography.Text type="success" data-testid="setup-note">{note}</Typography.Text>}
      {error && <Failure error={error} />}
      <Card size="small" title={t('待办与全部申报', 'Applications')} extra={
        <Select allowClear style={{ width: 200 }} placeholder={t('全部状态', 'Every state')} value={state} onChange={(v) => { setState(v); setPage(1); }} data-testid="state-filter"
          options={STATE_ORDER.map((s) => ({ value: s, label: t(STATES[s].zh, STATES[s].en) }))} />
      }>
        {/* the server pages this list in the order applications arrived: no column sorts only the page shown */}
        <Table<ApplicationView> rowKey="id" size="small" dataSource={[...(list?.items ?? [])]} loading={!list} data-testid="applications"
          pagination={{ current: page, pageSize: 50, total: list?.total ?? 0, onChange: setPage }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('编号', 'No.'), dataIndex: 'id', width: 70 },
            { title: t('主体', 'Subject'), dataIndex: 'subjectId' },
            { title: t('条款', 'Rule'), dataIndex: 'rule' },
            { title: t('方式', 'Way'), dataIndex: 'mode', render: (m: string) => (m === 'automatic' ? t('免申即享', 'Automatic') : t('申报', 'Applied')) },
            { title: t('状态', 'State'), dataIndex: 'state', render: (s: ApplicationState) => <Tag color={STATES[s].color}>{t(STATES[s].zh, STATES[s].en)}</Tag> },
            { title: t('金额（元）', 'Amount (yuan)'), render: (_, r) => r.approved ?? r.decided ?? '—' },
            { title: t('审核期限', 'Due'), dataIndex: 'reviewDue', render: (d: string | null, r) => (d ? <Space>{d}{r.deadline && r.deadline !== 'ok' && <Tag color={DEADLINES[r.deadline].color}>{t(DEADLINES[r.deadline].zh, DEADLINES[r.deadline].en)}</Tag>}</Space> : '—') },
          ]} />
      </Card>
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={760} title={t(`申报 ${open ?? ''}`, `Application ${open ?? ''}`)} destroyOnClose>
        {open && <ApplicationPanel id={open} account={account} onChanged={() => void load()} />}
      </Drawer>
    </Space>
  );
}

/** Opening a window (the issuing level) and listing an official run's 免申即享 awards. */
function Setup({ account, onDone, onError }: { account: Account; onDone: (msg: string) => void; onError: (e: ApiFailure) => void }) {
  const t = useT();
  const [rules, setRules] = useState<RuleOption[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [w, setW] = useState<{ rule?: string; year: number; opens?: string; closes?: string }>({ year: new Date().getFullYear() - 1 });
  const [run, setRun] = useState<string>();
  useEffect(() => {
    api<{ items: Doc[] }>('GET', '/api/documents').then(async (r) => {
      const own = r.items.filter((d) => d.issuer === account.region);
      const docs = await Promise.all(own.map((d) => api<{ rules: RuleOption[] }>('GET', `/api/documents/${d.id}`)));
      setRules(docs.flatMap((d) => d.rules).filter((x) => x.mode === 'application'));
    }, showFailure(onError));
    api<Page<RunSummary>>('GET', '/api/runs?pageSize=100').then((r) => setRuns(r.items.filter((x) => x.official)), showFailure(onError));
  }, [account.region, onError]);
  const openWindow = () => api('POST', '/api/windows', w).then(() => onDone(t(`已开放 ${w.rule} ${w.year} 年度申报：${w.opens} 至 ${w.closes}`, `Window open for ${w.rule} ${w.year}: ${w.opens} to ${w.closes}`)), showFailure(onError));
  const enlist = () => api<{ created: number; existing: number }>('POST', `/api/runs/${run}/enlist`)
    .then((r) => onDone(t(`已列入 ${r.created} 项免申即享奖励（已有 ${r.existing} 项）`, `${r.created} listed (${r.existing} already there)`)), showFailure(onError));
  return (
    <Card size="small" title={t('申报窗口与免申即享', 'Windows and automatic awards')}>
      <Space direction="vertical">
        {rules.length > 0 && (
          <Space wrap>
            <Select style={{ width: 360 }} placeholder={t('本级文件中需申报的条款', 'A rule of your documents that needs an application')} value={w.rule} onChange={(rule) => setW({ ...w, rule })} data-testid="window-rule"
              options={rules.map((r) => ({ value: r.id, label: `${r.title}（${r.id}）` }))} />
            <InputNumber min={2019} max={2030} value={w.year} onChange={(year) => setW({ ...w, year: year ?? w.year })} />
            <DatePicker.RangePicker onChange={(_, s) => setW({ ...w, opens: s[0], closes: s[1] })} data-testid="window-dates" />
            <Button disabled={!w.rule || !w.opens} onClick={() => void openWindow()} data-testid="window-open">{t('开放申报', 'Open window')}</Button>
          </Space>
        )}
        <Space wrap>
          <Select style={{ width: 360 }} placeholder={t('选择正式测算', 'An official run')} value={run} onChange={setRun} data-testid="enlist-run"
            options={runs.map((r) => ({ value: r.id, label: `${t('测算', 'Run')} ${r.id} · ${r.year} · ${r.by}` }))} />
          <Button disabled={!run} onClick={() => void enlist()} data-testid="enlist">{t('免申即享：列入待审名单', 'List the automatic awards')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
