/**
 * 名单管理: the e-commerce ecosystem whitelist (白名单: parks, MCN agencies, training institutions,
 * supply-chain and service enterprises) and the credit blacklist (信用黑名单: its subjects get no
 * money award while an entry is in force). Entries are proposed or imported (CSV), reviewed by the
 * region's administrators, removed with a reason; each keeps its history.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Card, DatePicker, Drawer, Form, Input, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { api, ApiFailure, isAdmin, send, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { by, code, inOrder, integer, text } from '../table';
import { useNames } from '../names';
import { RegionPicker } from '../RegionPicker';
import type { ListEntry, ListEntryDetail, ListEvent } from '@duixian/api';

type Entry = ListEntry;
type ListName = Entry['list'];
type EntryState = Entry['state'];

// tag colours whose text reads on their background (4.5:1): blue, the theme's error, and the plain tag
const STATE: Record<EntryState, [string, string, string]> = { pending: ['待审核', 'Pending', 'blue'], active: ['有效', 'Active', 'default'], refused: ['未通过', 'Refused', 'default'], removed: ['已移出', 'Removed', 'default'] };
const CATEGORIES = { park: '电商园区', mcn: 'MCN机构', training: '培训机构', 'supply-chain': '供应链企业', service: '服务企业' } as const;
const CSV_HEAD = '名单,类别,主体编号,名称,统一社会信用代码,地区,理由,生效日期,失效日期';

export function Lists({ account }: { account: Account }) {
  const t = useT();
  const [list, setList] = useState<ListName>('white');
  return (
    <Tabs activeKey={list} onChange={(k) => setList(k as ListName)} items={[
      { key: 'white', label: t('电商生态白名单', 'Ecosystem whitelist'), children: <ListTab list="white" account={account} /> },
      { key: 'black', label: t('信用黑名单', 'Credit blacklist'), children: <ListTab list="black" account={account} /> },
    ]} />
  );
}

/** What the proposal form gives: dates as YYYY-MM-DD, the subject as a stored subject's id. */
type Proposed = Partial<Record<'category' | 'subject' | 'name' | 'uscc' | 'region' | 'reason' | 'validFrom' | 'validTo', string>>;

function ListTab({ list, account }: { list: ListName; account: Account }) {
  const t = useT();
  const names = useNames();
  const [entries, setEntries] = useState<Entry[]>();
  const [open, setOpen] = useState<string>();
  const [reason, setReason] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(0);
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<ApiFailure>();
  const load = useCallback(() => api<Page<Entry>>('GET', `/api/lists?list=${list}&pageSize=500`).then((r) => setEntries([...r.items]), showFailure(setError)), [list]);
  useEffect(() => void load(), [load]);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };
  const propose = (v: Proposed) => act(api('POST', '/api/lists', { list, ...Object.fromEntries(Object.entries(v).filter(([, x]) => x)) }).then(() => setSent((n) => n + 1)));
  const step = (e: Entry, path: 'review' | 'remove', body: Record<string, unknown>) => act(api('POST', `/api/lists/${e.id}/${path}`, { ...body, version: e.version, ...(reason[e.id] ? { reason: reason[e.id] } : {}) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && (
        <Card size="small" title={t('新增或导入', 'Propose or import')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {/* keyed: a proposal sent clears the form, its date pickers too */}
            <Form key={sent} layout="inline" name={`${list}-propose`} onFinish={(v: Proposed) => void propose(v)}>
              {list === 'white' && (
                <Form.Item label={t('类别', 'Category')} name="category"><Select style={{ width: 140 }} options={Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))} /></Form.Item>
              )}
              <Form.Item label={t('主体（按名称或信用代码查找库中主体）', 'Subject (search stored subjects by name or USCC)')} name="subject">
                <SubjectPicker testId={`${list}-subject`} />
              </Form.Item>
              <Form.Item label={t('或名称（库中没有的主体）', 'Or a name (not stored)')} name="name"><Input style={{ width: 200 }} /></Form.Item>
              {list === 'black' && <Form.Item label={t('及信用代码', 'and its USCC')} name="uscc"><Input style={{ width: 200 }} /></Form.Item>}
              <Form.Item label={t('地区（库中主体可不填）', 'Region (not needed for a stored subject)')} name="region"><RegionPicker style={{ width: 200 }} province aria-label={t('地区', 'Region')} /></Form.Item>
              <Form.Item label={list === 'black' ? t('列入理由', 'Reason') : t('理由', 'Reason')} name="reason" rules={list === 'black' ? [{ required: true, message: t('请填写列入理由', 'Give the reason') }] : []}>
                <Input style={{ width: 220 }} data-testid={`${list}-reason`} />
              </Form.Item>
              <Form.Item label={t('生效日期', 'In force from')} name="validFrom" rules={[{ required: true, message: t('请选择生效日期', 'Pick the first day') }]} getValueProps={() => ({})} getValueFromEvent={(_: unknown, day: string) => day || undefined}>
                <DatePicker data-testid={`${list}-from`} />
              </Form.Item>
              <Form.Item label={t('失效日期（可空：长期）', 'Until (empty: open)')} name="validTo" getValueProps={() => ({})} getValueFromEvent={(_: unknown, day: string) => day || undefined}>
                <DatePicker data-testid={`${list}-to`} />
              </Form.Item>
              <Form.Item><Button htmlType="submit" data-testid={`${list}-propose`}>{t('提交审核', 'Propose')}</Button></Form.Item>
            </Form>
            <Typography.Text type="secondary">{t(`批量导入：粘贴 CSV（首行：${CSV_HEAD}），全部无误才导入`, `Import: paste CSV (header: ${CSV_HEAD}); all or nothing`)}</Typography.Text>
            <Input.TextArea rows={3} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={CSV_HEAD} aria-label={t('CSV 内容', 'CSV text')} />
            <Button disabled={!csv.trim()} onClick={() => void act(send('POST', '/api/lists/import', { body: csv, type: 'text/csv' }).then(() => setCsv('')))}>{t('导入', 'Import')}</Button>
          </Space>
        </Card>
      )}
      {error && <Failure error={error} />}
      <Table<Entry> rowKey="id" size="small" dataSource={entries ?? []} loading={!entries} pagination={{ pageSize: 20 }} data-testid={`${list}-entries`}
        columns={[
          { title: t('编号', 'No.'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
          {
            title: t('名称（信用代码）', 'Name (USCC)'), dataIndex: 'name', sorter: by((r) => r.name, text),
            render: (n: string, e) => <Space direction="vertical" size={0}><a onClick={() => setOpen(e.id)}>{n}</a>{e.uscc && <Typography.Text type="secondary">{e.uscc}</Typography.Text>}</Space>,
          },
          ...(list === 'white' ? [{ title: t('类别', 'Category'), dataIndex: 'categoryName', sorter: by((r: Entry) => r.categoryName, text) }] : [{ title: t('理由', 'Reason'), dataIndex: 'reason' }]),
          { title: t('地区', 'Region'), dataIndex: 'region', sorter: by((r) => names.region(r.region), text), render: (r: string) => names.region(r) },
          { title: t('有效期', 'Valid'), dataIndex: 'validFrom', sorter: by((r) => r.validFrom, code), render: (f: string, e) => `${f} — ${e.validTo ?? t('长期', 'open')}` },
          { title: t('状态', 'State'), dataIndex: 'state', sorter: by((r) => r.state, inOrder(Object.keys(STATE) as EntryState[])), render: (s: EntryState, e) => <Space><Tag color={STATE[s][2]}>{t(STATE[s][0], STATE[s][1])}</Tag>{e.inForce && <Tag color="error">{t('生效中', 'In force')}</Tag>}</Space> },
          {
            title: t('操作', 'Actions'), render: (_, e) => (e.actions.length === 0 ? null : (
              <Space>
                <Input size="small" style={{ width: 140 }} aria-label={t(`${e.name} 的审核或移出理由`, `Reason for ${e.name}`)} placeholder={t('理由', 'Reason')} value={reason[e.id] ?? ''} onChange={(x) => setReason({ ...reason, [e.id]: x.target.value })} data-testid={`entry-reason-${e.id}`} />
                {e.actions.includes('approve') && <Button size="small" type="primary" onClick={() => void step(e, 'review', { approve: true })} data-testid={`entry-approve-${e.id}`}>{t('通过', 'Approve')}</Button>}
                {e.actions.includes('refuse') && <Button size="small" onClick={() => void step(e, 'review', { approve: false })}>{t('不通过', 'Refuse')}</Button>}
                {e.actions.includes('remove') && <Button size="small" danger onClick={() => void step(e, 'remove', {})} data-testid={`entry-remove-${e.id}`}>{t('移出', 'Remove')}</Button>}
              </Space>
            )),
          },
        ]} />
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={560} title={t('名单记录', 'Entry history')} destroyOnClose>
        {open && <History id={open} />}
      </Drawer>
    </Space>
  );
}

function History({ id }: { id: string }) {
  const t = useT();
  const [events, setEvents] = useState<readonly ListEvent[]>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => void api<ListEntryDetail>('GET', `/api/lists/${id}`).then((e) => setEvents(e.events), showFailure(setError)), [id]);
  const names: Record<string, string> = { propose: t('提出', 'Proposed'), import: t('导入', 'Imported'), approve: t('审核通过', 'Approved'), refuse: t('未通过', 'Refused'), remove: t('移出', 'Removed') };
  return error ? <Failure error={error} /> : <Timeline items={(events ?? []).map((e) => ({ children: `${new Date(e.at).toLocaleString()} · ${e.by} · ${names[e.action] ?? e.action}${e.reason ? ` · ${e.reason}` : ''}` }))} />;
}

interface SubjectRow { id: string; name: string; uscc: string | null; region: string | null }

/**
 * A stored subject picked by name (or USCC): the API searches as one types (GET /api/subjects?q=),
 * inside one's jurisdiction; each choice reads 名称（信用代码） · 地区. The value is the subject's id.
 */
function SubjectPicker({ value, onChange, id, testId }: { value?: string; onChange?: (id: string | undefined) => void; id?: string; testId: string }) {
  const t = useT();
  const names = useNames();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    latest.current = q;
    clearTimeout(timer.current);
    if (!q.trim()) return setOptions([]);
    timer.current = setTimeout(() => {
      setSearching(true);
      api<Page<SubjectRow>>('GET', `/api/subjects?q=${encodeURIComponent(q.trim())}&pageSize=20`).then((r) => {
        if (latest.current !== q) return; // a later search is under way: its answer is the one to show
        setOptions(r.items.map((s) => ({ value: s.id, label: `${s.name}（${s.uscc ?? s.id}）${s.region ? ` · ${names.region(s.region)}` : ''}` })));
      }, () => setOptions([])).finally(() => setSearching(false));
    }, 250);
  };
  return (
    <Select id={id} value={value} onChange={onChange} allowClear style={{ width: 320 }} options={options} loading={searching} data-testid={testId}
      showSearch={{ filterOption: false, onSearch: search }} notFoundContent={t('输入名称或信用代码查找', 'Type a name or USCC')} />
  );
}
