/**
 * 名单管理: the e-commerce ecosystem whitelist (白名单: parks, MCN agencies, training institutions,
 * supply-chain and service enterprises) and the credit blacklist (信用黑名单: its subjects get no
 * money award while an entry is in force). Entries are proposed or imported (CSV), reviewed by the
 * region's administrators, removed with a reason; each keeps its history.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Drawer, Input, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { api, ApiFailure, isAdmin, send, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { by, code, inOrder, integer, text } from '../table';

type ListName = 'white' | 'black';
type EntryState = 'pending' | 'active' | 'refused' | 'removed';
interface Entry {
  id: string; list: ListName; category: string | null; categoryName: string | null; subjectId: string | null; name: string; uscc: string | null; region: string;
  reason: string; validFrom: string; validTo: string | null; state: EntryState; inForce: boolean; version: number; actions: readonly string[];
}

const STATE: Record<EntryState, [string, string, string]> = { pending: ['待审核', 'Pending', 'orange'], active: ['有效', 'Active', 'green'], refused: ['未通过', 'Refused', 'default'], removed: ['已移出', 'Removed', 'default'] };
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

function ListTab({ list, account }: { list: ListName; account: Account }) {
  const t = useT();
  const [entries, setEntries] = useState<Entry[]>();
  const [open, setOpen] = useState<string>();
  const [reason, setReason] = useState<Record<string, string>>({});
  const [form, setForm] = useState<Record<string, string>>({});
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<ApiFailure>();
  const load = useCallback(() => api<Page<Entry>>('GET', `/api/lists?list=${list}&pageSize=500`).then((r) => setEntries([...r.items]), showFailure(setError)), [list]);
  useEffect(() => void load(), [load]);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };
  const step = (e: Entry, path: 'review' | 'remove', body: Record<string, unknown>) => act(api('POST', `/api/lists/${e.id}/${path}`, { ...body, version: e.version, ...(reason[e.id] ? { reason: reason[e.id] } : {}) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && (
        <Card size="small" title={t('新增或导入', 'Propose or import')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              {list === 'white' && <Select style={{ width: 140 }} placeholder={t('类别', 'Category')} value={form.category} onChange={(category) => setForm({ ...form, category })} options={Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))} />}
              <Input style={{ width: 140 }} placeholder={t('主体编号（库中主体）', 'Stored subject id')} value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} data-testid={`${list}-subject`} />
              <Input style={{ width: 200 }} placeholder={t('或名称', 'or name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
              <Input style={{ width: 110 }} placeholder={t('地区代码', 'Region')} value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })} />
              <Input style={{ width: 200 }} placeholder={list === 'black' ? t('列入理由（必填）', 'Reason (required)') : t('理由', 'Reason')} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} data-testid={`${list}-reason`} />
              <Input style={{ width: 120 }} placeholder={t('生效 YYYY-MM-DD', 'From YYYY-MM-DD')} value={form.validFrom} onChange={(e) => setForm({ ...form, validFrom: e.target.value })} data-testid={`${list}-from`} />
              <Input style={{ width: 120 }} placeholder={t('失效（可空）', 'To (optional)')} value={form.validTo} onChange={(e) => setForm({ ...form, validTo: e.target.value })} />
              <Button data-testid={`${list}-propose`} onClick={() => void act(api('POST', '/api/lists', { list, ...Object.fromEntries(Object.entries(form).filter(([, v]) => v)) }).then(() => setForm({})))}>{t('提交审核', 'Propose')}</Button>
            </Space>
            <Typography.Text type="secondary">{t(`批量导入：粘贴 CSV（首行：${CSV_HEAD}），全部无误才导入`, `Import: paste CSV (header: ${CSV_HEAD}); all or nothing`)}</Typography.Text>
            <Input.TextArea rows={3} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={CSV_HEAD} />
            <Button disabled={!csv.trim()} onClick={() => void act(send('POST', '/api/lists/import', { body: csv, type: 'text/csv' }).then(() => setCsv('')))}>{t('导入', 'Import')}</Button>
          </Space>
        </Card>
      )}
      {error && <Failure error={error} />}
      <Table<Entry> rowKey="id" size="small" dataSource={entries ?? []} loading={!entries} pagination={{ pageSize: 20 }} data-testid={`${list}-entries`}
        columns={[
          { title: t('编号', 'No.'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
          { title: t('名称', 'Name'), dataIndex: 'name', sorter: by((r) => r.name, text), render: (n: string, e) => <a onClick={() => setOpen(e.id)}>{n}</a> },
          ...(list === 'white' ? [{ title: t('类别', 'Category'), dataIndex: 'categoryName', sorter: by((r: Entry) => r.categoryName, text) }] : [{ title: t('理由', 'Reason'), dataIndex: 'reason' }]),
          { title: t('地区', 'Region'), dataIndex: 'region', sorter: by((r) => r.region, code) },
          { title: t('有效期', 'Valid'), dataIndex: 'validFrom', sorter: by((r) => r.validFrom, code), render: (f: string, e) => `${f} — ${e.validTo ?? t('长期', 'open')}` },
          { title: t('状态', 'State'), dataIndex: 'state', sorter: by((r) => r.state, inOrder(Object.keys(STATE) as EntryState[])), render: (s: EntryState, e) => <Space><Tag color={STATE[s][2]}>{t(STATE[s][0], STATE[s][1])}</Tag>{e.inForce && <Tag color="red">{t('生效中', 'In force')}</Tag>}</Space> },
          {
            title: t('操作', 'Actions'), render: (_, e) => (e.actions.length === 0 ? null : (
              <Space>
                <Input size="small" style={{ width: 140 }} placeholder={t('理由', 'Reason')} value={reason[e.id] ?? ''} onChange={(x) => setReason({ ...reason, [e.id]: x.target.value })} data-testid={`entry-reason-${e.id}`} />
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
  const [events, setEvents] = useState<{ action: string; reason: string; by: string; at: string }[]>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => void api<{ events: NonNullable<typeof events> }>('GET', `/api/lists/${id}`).then((e) => setEvents(e.events), showFailure(setError)), [id]);
  const names: Record<string, string> = { propose: t('提出', 'Proposed'), import: t('导入', 'Imported'), approve: t('审核通过', 'Approved'), refuse: t('未通过', 'Refused'), remove: t('移出', 'Removed') };
  return error ? <Failure error={error} /> : <Timeline items={(events ?? []).map((e) => ({ children: `${new Date(e.at).toLocaleString()} · ${e.by} · ${names[e.action] ?? e.action}${e.reason ? ` · ${e.reason}` : ''}` }))} />;
}
