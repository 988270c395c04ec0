/**
 * 公示: the issuing level publishes approved awards for N working days (weekends and holidays
 * skipped; the end date is the server's, from the official calendar); objections received are
 * recorded against an entry and resolved — upheld takes it off the list — and after the last
 * day, with none open, the list becomes final.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Collapse, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, isAdmin, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import type { ApplicationView } from '../process';
import type { CalendarInfo } from '../calendar';
import { by, code, integer } from '../table';

interface Objection { id: string; applicationId: string; text: string; fromWhom: string; status: 'open' | 'upheld' | 'dismissed'; resolution: string | null }
interface Notice { id: string; title: string; scope: string; published: string; days: number; ends: string; state: 'running' | 'final'; applicationIds: string[]; objections: Objection[] }

const OBJECTION = { open: ['待处理', 'Open', 'orange'], upheld: ['异议成立', 'Upheld', 'red'], dismissed: ['异议不成立', 'Dismissed', 'default'] } as const;

export function Notices({ account }: { account: Account }) {
  const t = useT();
  const [notices, setNotices] = useState<Notice[]>();
  const [approved, setApproved] = useState<ApplicationView[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [days, setDays] = useState(5);
  const [minDays, setMinDays] = useState(1); // the server's shortest 公示, once known
  const [error, setError] = useState<ApiFailure>();

  const load = useCallback(async () => {
    await api<{ items: Notice[] }>('GET', '/api/notices').then((r) => setNotices(r.items), showFailure(setError));
    if (isAdmin(account)) await api<Page<ApplicationView>>('GET', '/api/applications?state=approved&pageSize=500').then((r) => setApproved([...r.items]), showFailure(setError));
  }, [account]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!isAdmin(account)) return;
    void api<CalendarInfo>('GET', '/api/calendar').then((c) => {
      setMinDays(c.noticeMinDays);
      setDays((d) => Math.max(d, c.noticeMinDays));
    }, showFailure(setError));
  }, [account]);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && (
        <Card size="small" title={t('发布公示', 'Publish a notice')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Table<ApplicationView> rowKey="id" size="small" dataSource={approved} pagination={{ pageSize: 10 }} data-testid="approved-list"
              rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)) }}
              locale={{ emptyText: t('暂无审核通过待公示的奖励', 'Nothing approved is waiting for a notice') }}
              columns={[
                { title: t('编号', 'No.'), dataIndex: 'id', sorter: by((r) => r.id, integer) },
                { title: t('主体', 'Subject'), dataIndex: 'subjectId', sorter: by((r) => r.subjectId, code) },
                { title: t('条款', 'Rule'), dataIndex: 'rule', sorter: by((r) => r.rule, code) },
                { title: t('核定金额（元）', 'Approved (yuan)'), dataIndex: 'approved' },
              ]} />
            <Space wrap>
              <Input style={{ width: 360 }} placeholder={t('公示标题', 'Title')} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="notice-title" />
              <span>{t('公示期（工作日）', 'Working days')}</span><InputNumber min={minDays} max={30} value={days} onChange={(v) => setDays(v ?? minDays)} data-testid="notice-days" />
              <Button type="primary" disabled={!chosen.length || !title.trim()} data-testid="notice-publish"
                onClick={() => void act(api('POST', '/api/notices', { title, applications: chosen, days }).then(() => { setChosen([]); setTitle(''); }))}>{t('发布公示', 'Publish')}</Button>
            </Space>
          </Space>
        </Card>
      )}
      {error && <Failure error={error} />}
      <Card size="small" title={t('公示', 'Notices')}>
        {notices?.length === 0 && <Typography.Text type="secondary">{t('暂无公示', 'No notices yet')}</Typography.Text>}
        <Collapse items={(notices ?? []).map((n) => ({
          key: n.id,
          label: <Space>{n.title}<Tag color={n.state === 'final' ? 'green' : 'purple'}>{n.state === 'final' ? t('已确定', 'Final') : t('公示中', 'Running')}</Tag>{t(`${n.published} 至 ${n.ends}（${n.days}个工作日）`, `${n.published} to ${n.ends} (${n.days} working days)`)}</Space>,
          children: <NoticeBody notice={n} account={account} act={act} />,
        }))} data-testid="notices" />
      </Card>
    </Space>
  );
}

function NoticeBody({ notice: n, account, act }: { notice: Notice; account: Account; act: (p: Promise<unknown>) => Promise<unknown> }) {
  const t = useT();
  const [entry, setEntry] = useState<string>();
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [resolution, setResolution] = useState<Record<string, { upheld: boolean; text: string }>>({});
  const mine = isAdmin(account) && account.region === n.scope && n.state === 'running';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t(`名单：申报 ${n.applicationIds.join('、')}`, `Listed: applications ${n.applicationIds.join(', ')}`)}</Typography.Text>
      <Table<Objection> rowKey="id" size="small" pagination={false} dataSource={n.objections} locale={{ emptyText: t('无异议', 'No objections') }} data-testid={`objections-${n.id}`}
        columns={[
          { title: t('申报', 'Application'), dataIndex: 'applicationId', sorter: by((r) => r.applicationId, integer) },
          { title: t('异议', 'Objection'), dataIndex: 'text' },
          { title: t('提出人', 'From'), dataIndex: 'fromWhom' },
          { title: t('处理', 'Status'), dataIndex: 'status', render: (s: Objection['status'], o) => <Space direction="vertical"><Tag color={OBJECTION[s][2]}>{t(OBJECTION[s][0], OBJECTION[s][1])}</Tag>{o.resolution}</Space> },
          ...(mine ? [{
            title: t('处理意见', 'Resolve'), render: (_: unknown, o: Objection) => (o.status !== 'open' ? null : (
              <Space direction="vertical">
                <Radio.Group value={resolution[o.id]?.upheld ?? false} onChange={(e) => setResolution({ ...resolution, [o.id]: { text: resolution[o.id]?.text ?? '', upheld: e.target.value } })}
                  options={[{ value: false, label: t('不成立', 'Dismiss') }, { value: true, label: t('成立（撤出名单）', 'Uphold (off the list)') }]} />
                <Input placeholder={t('处理意见', 'Resolution')} value={resolution[o.id]?.text ?? ''} data-testid={`resolution-${o.id}`}
                  onChange={(e) => setResolution({ ...resolution, [o.id]: { upheld: resolution[o.id]?.upheld ?? false, text: e.target.value } })} />
                <Button size="small" data-testid={`resolve-${o.id}`} onClick={() => void act(api('POST', `/api/objections/${o.id}/resolve`, { upheld: resolution[o.id]?.upheld ?? false, resolution: resolution[o.id]?.text ?? '' }))}>{t('确认', 'Resolve')}</Button>
              </Space>
            )),
          }] : []),
        ]} />
      {mine && (
        <Space wrap>
          <Select style={{ width: 160 }} placeholder={t('异议针对的申报', 'Application')} value={entry} onChange={setEntry} options={n.applicationIds.map((id) => ({ value: id, label: id }))} data-testid={`objection-entry-${n.id}`} />
          <Input style={{ width: 300 }} placeholder={t('异议内容', 'Objection')} value={text} onChange={(e) => setText(e.target.value)} data-testid={`objection-text-${n.id}`} />
          <Input style={{ width: 140 }} placeholder={t('提出人（可匿名）', 'From (optional)')} value={from} onChange={(e) => setFrom(e.target.value)} />
          <Button disabled={!entry || !text.trim()} data-testid={`objection-add-${n.id}`} onClick={() => void act(api('POST', `/api/notices/${n.id}/objections`, { application: entry, text, ...(from.trim() ? { fromWhom: from } : {}) }).then(() => setText('')))}>{t('登记异议', 'Record objection')}</Button>
          <Button type="primary" data-testid={`finalize-${n.id}`} onClick={() => void act(api('POST', `/api/notices/${n.id}/finalize`))}>{t('公示期满，确定名单', 'Make final')}</Button>
        </Space>
      )}
    </Space>
  );
}
