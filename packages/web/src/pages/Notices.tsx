/**
 * 公示: the issuing level publishes approved awards for N working days (weekends and holidays
 * skipped; the end date is the server's, from the official calendar), naming the office, telephone
 * and address that receive objections; objections received are recorded against an entry and
 * resolved — upheld takes it off the list — and after the last day, with none open, the list
 * becomes final. Each notice reads as the public reads it (NoticeSheet): who gets what under which
 * clause, the period and where to object — names, never our numbers. PublicNotices is the same
 * sheet for anyone, without signing in (#/gongshi).
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Collapse, Descriptions, Form, Input, InputNumber, List, Pagination, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, isAdmin, isReader, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { formatMoney, compareYuan } from '../money';
import { useNames } from '../names';
import { useNarrow } from '../layout';
import { Failure } from './Failure';
import type { ApplicationView } from '../process';
import type { CalendarInfo } from '../calendar';
import { by, text } from '../table';
import type { Notice, NoticeEntry, NoticeList, Objection, PublicNotice, PublishedEntry } from '@duixian/api';

type Entry = NoticeEntry;

/** What every reader sees of a notice: the staff's view and the public's share it. */
type Sheet = Omit<PublicNotice, 'publisher' | 'entries'> & { entries: readonly (PublishedEntry & Partial<Entry>)[] };

const OBJECTION = { open: ['待处理', 'Open', 'blue'], upheld: ['异议成立', 'Upheld', 'red'], dismissed: ['异议不成立', 'Dismissed', 'default'] } as const;
/** A notice this long pages its table on the screen; shorter ones print whole. */
const PAGE_ROWS = 200;

/** The notice's heading in the list: title, state and period. */
function Heading({ n }: { n: Sheet }) {
  const t = useT();
  return (
    <Space wrap>
      {n.title}
      <Tag color={n.state === 'final' ? 'green' : 'purple'}>{n.state === 'final' ? t('已确定', 'Final') : t('公示中', 'Running')}</Tag>
      {t(`${n.published} 至 ${n.ends}（${n.days}个工作日）`, `${n.published} to ${n.ends} (${n.days} working days)`)}
    </Space>
  );
}

/** The notice as published: who publishes, the period, where to object, and each award (a card each on a phone). */
function NoticeSheet({ notice: n, publisher }: { notice: Sheet; publisher: string }) {
  const t = useT();
  const narrow = useNarrow();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`notice-sheet-${n.id}`}>
      <Descriptions size="small" bordered layout={narrow ? 'vertical' : 'horizontal'} column={{ xs: 1, sm: 1, md: 2 }} items={[
        { key: 'publisher', label: t('发布单位', 'Published by'), children: publisher },
        { key: 'period', label: t('公示期', 'Period'), children: t(`${n.published} 至 ${n.ends}（${n.days}个工作日）`, `${n.published} to ${n.ends} (${n.days} working days)`) },
        { key: 'office', label: t('异议受理单位', 'Objections to'), children: n.office ?? '—' },
        { key: 'phone', label: t('联系电话', 'Telephone'), children: n.phone ?? '—' },
        { key: 'address', label: t('联系地址', 'Address'), children: n.address ?? '—', span: 2 },
      ]} />
      {n.state === 'running' && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t(`对名单有异议的，请于 ${n.ends} 前向${n.office ?? '发布单位'}提出，写明异议的企业、条款和理由，并留下联系方式。`,
            `Objections to the list: to ${n.office ?? 'the publisher'} by ${n.ends}, naming the enterprise, the clause and why, with a way to reach you.`)}
        </Typography.Paragraph>
      )}
      {narrow ? <EntryCards entries={n.entries} /> : <Table<PublishedEntry & Partial<Entry>> rowKey={(e) => e.applicationId ?? `${e.uscc}-${e.clause}`} size="small" dataSource={[...n.entries]} data-testid={`entries-${n.id}`}
        pagination={n.entries.length > PAGE_ROWS ? { pageSize: 50 } : false} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('序号', 'No.'), key: 'no', render: (_: unknown, _e, k) => k + 1, width: 56 },
          { title: t('企业名称', 'Enterprise'), dataIndex: 'subjectName', sorter: by((e) => e.subjectName, text),
            render: (name: string, e) => (e.listed === false ? <Space>{name}<Tag color="red">{t('已撤出（异议成立）', 'Off the list (objection upheld)')}</Tag></Space> : name) },
          { title: t('统一社会信用代码', 'USCC'), dataIndex: 'uscc', render: (u: string | null) => u ?? '—' },
          { title: t('政策条款', 'Clause'), dataIndex: 'clause' },
          { title: t('奖励金额', 'Amount'), dataIndex: 'amount', align: 'right', sorter: by((e) => e.amount, compareYuan), render: (a: string | null) => formatMoney(a) },
        ]} />}
    </Space>
  );
}

/** The awards on a phone: one card each, the enterprise first, nothing to scroll sideways. */
function EntryCards({ entries }: { entries: Sheet['entries'] }) {
  const t = useT();
  return (
    <List size="small" bordered dataSource={[...entries]} renderItem={(e, k) => (
      <List.Item key={e.applicationId ?? k}>
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Typography.Text strong>{k + 1}. {e.subjectName}{e.listed === false && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('已撤出（异议成立）', 'Off the list (objection upheld)')}</Tag>}</Typography.Text>
          <span>{t('统一社会信用代码', 'USCC')}：{e.uscc ?? '—'}</span>
          <span>{t('政策条款', 'Clause')}：{e.clause}</span>
          <span>{t('奖励金额', 'Amount')}：{formatMoney(e.amount)}</span>
        </Space>
      </List.Item>
    )} />
  );
}

/** Print the notice open on the screen (print.css leaves out the menu, the buttons and the closed notices). */
const PrintButton = () => {
  const t = useT();
  return <Button onClick={() => print()}>{t('打印', 'Print')}</Button>;
};

/** 公示 for everyone, signed in or not: the notices from their first day, newest first, ten to a page. */
export function PublicNotices() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [answer, setAnswer] = useState<Page<PublicNotice>>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => void api<Page<PublicNotice>>('GET', `/api/public/notices?page=${page}`).then(setAnswer, showFailure(setError)), [page]);
  const notices = answer?.items;
  return (
    <Card title={t('公示公告', 'Public notices')} extra={<Space><PrintButton /><a href="#/">{t('登录', 'Sign in')}</a></Space>} style={{ margin: 16 }} className="notices-page" data-testid="public-notices">
      {error && <Failure error={error} />}
      {notices?.length === 0 && <Typography.Text type="secondary">{t('暂无公示', 'No notices yet')}</Typography.Text>}
      {notices && notices.length > 0 && (
        <Collapse key={page} defaultActiveKey={[notices[0]!.id]} items={notices.map((n) => ({ key: n.id, label: <Heading n={n} />, children: <NoticeSheet notice={n} publisher={n.publisher} /> }))} />
      )}
      {answer && answer.total > answer.pageSize && (
        <Pagination className="no-print" style={{ marginTop: 16 }} current={page} pageSize={answer.pageSize} total={answer.total} onChange={setPage} showSizeChanger={false} />
      )}
    </Card>
  );
}

export function Notices({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const [notices, setNotices] = useState<readonly Notice[]>();
  const [approved, setApproved] = useState<ApplicationView[]>([]);
  const [error, setError] = useState<ApiFailure>();

  const load = useCallback(async () => {
    await api<NoticeList>('GET', '/api/notices').then((r) => setNotices(r.items), showFailure(setError));
    if (isAdmin(account)) await api<Page<ApplicationView>>('GET', '/api/applications?state=approved&pageSize=500').then((r) => setApproved([...r.items]), showFailure(setError));
  }, [account]);
  useEffect(() => void load(), [load]);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" className="notices-page">
      {isAdmin(account) && <Publish account={account} approved={approved} act={act} />}
      {error && <Failure error={error} />}
      <Card size="small" title={t('公示', 'Notices')} extra={<PrintButton />}>
        {notices?.length === 0 && <Typography.Text type="secondary">{t('暂无公示', 'No notices yet')}</Typography.Text>}
        <Collapse items={(notices ?? []).map((n) => ({
          key: n.id,
          label: <Heading n={n} />,
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <NoticeSheet notice={n} publisher={names.region(n.scope)} />
              {isReader(account) && <Objections notice={n} account={account} act={act} />}
            </Space>
          ),
        }))} data-testid="notices" />
      </Card>
    </Space>
  );
}

interface PublishForm { title: string; days: number; office: string; phone: string; address: string }

/** The publishing level picks approved awards and says where objections go. */
function Publish({ account, approved, act }: { account: Account; approved: ApplicationView[]; act: (p: Promise<unknown>) => Promise<unknown> }) {
  const t = useT();
  const names = useNames();
  const [form] = Form.useForm<PublishForm>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [minDays, setMinDays] = useState(1); // the server's shortest 公示, once known
  useEffect(() => {
    void api<CalendarInfo>('GET', '/api/calendar').then((c) => {
      setMinDays(c.noticeMinDays);
      form.setFieldValue('days', Math.max(form.getFieldValue('days') ?? 5, c.noticeMinDays));
    }, () => undefined); // the server checks the period anyway
  }, [account, form]);
  const publish = (v: PublishForm) => act(api('POST', '/api/notices', { ...v, applications: chosen }).then(() => {
    setChosen([]);
    form.resetFields(['title']);
  }));
  const required = (zh: string, en: string) => [{ required: true, whitespace: true, message: t(`请填写${zh}`, `Give ${en}`) }];
  return (
    <Card size="small" title={t('发布公示', 'Publish a notice')} className="no-print">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Table<ApplicationView> rowKey="id" size="small" dataSource={approved} pagination={{ pageSize: 10 }} data-testid="approved-list" scroll={{ x: 'max-content' }}
          rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)) }}
          locale={{ emptyText: <Typography.Text type="secondary">{t('暂无审核通过待公示的奖励', 'Nothing approved is waiting for a notice')}</Typography.Text> }}
          columns={[
            { title: t('企业', 'Enterprise'), key: 'subject', sorter: by((r) => r.subjectName ?? r.subjectId, text), render: (_: unknown, r) => r.subjectName ?? r.subjectId },
            { title: t('政策条款', 'Clause'), dataIndex: 'rule', render: (rule: string) => names.rule(rule) },
            { title: t('核定金额', 'Approved'), dataIndex: 'approved', align: 'right', sorter: by((r) => r.approved, compareYuan), render: (a: string | null) => formatMoney(a) },
          ]} />
        <Form form={form} layout="vertical" initialValues={{ days: 5 }} onFinish={(v) => void publish(v)} requiredMark style={{ maxWidth: 720 }}>
          <Form.Item name="title" label={t('公示标题', 'Title')} rules={required('公示标题', 'a title')}><Input data-testid="notice-title" maxLength={200} /></Form.Item>
          <Form.Item name="days" label={t('公示期（工作日）', 'Working days')} rules={[{ required: true, message: t('请填写公示期', 'Give the period') }]}>
            <InputNumber min={minDays} max={30} data-testid="notice-days" />
          </Form.Item>
          <Form.Item name="office" label={t('异议受理单位', 'Office receiving objections')} rules={required('异议受理单位', 'the office')}><Input data-testid="notice-office" maxLength={200} /></Form.Item>
          <Form.Item name="phone" label={t('联系电话', 'Telephone')} rules={required('联系电话', 'a telephone')}><Input data-testid="notice-phone" maxLength={40} inputMode="tel" /></Form.Item>
          <Form.Item name="address" label={t('联系地址', 'Address')} rules={required('联系地址', 'an address')}><Input data-testid="notice-address" maxLength={200} /></Form.Item>
          <Button type="primary" htmlType="submit" disabled={!chosen.length} data-testid="notice-publish">
            {chosen.length ? t(`发布公示（${chosen.length} 项）`, `Publish (${chosen.length})`) : t('发布公示：请先勾选名单', 'Publish: pick awards first')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}

/** An entry by its enterprise, the clause beneath. */
function EntryName({ entry }: { entry: Entry | undefined }) {
  if (!entry) return '—';
  return <Space direction="vertical" size={0}>{entry.subjectName}<Typography.Text type="secondary">{entry.clause}</Typography.Text></Space>;
}

/** Objections to a notice: those received, how each was resolved, and (the publishing level, while it runs) the forms. */
function Objections({ notice: n, account, act }: { notice: Notice; account: Account; act: (p: Promise<unknown>) => Promise<unknown> }) {
  const t = useT();
  const [entry, setEntry] = useState<string>();
  const [words, setWords] = useState('');
  const [from, setFrom] = useState('');
  const [resolution, setResolution] = useState<Record<string, { upheld: boolean; text: string }>>({});
  const mine = isAdmin(account) && account.region === n.scope && n.state === 'running';
  const whom = (id: string) => n.entries.find((e) => e.applicationId === id);
  const chosen = (id: string) => resolution[id] ?? { upheld: false, text: '' };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>{t('异议', 'Objections')}</Typography.Title>
      {/* no sideways scrolling: the columns wrap (a scrolling box would need a keyboard stop of its own) */}
      <Table<Objection> rowKey="id" size="small" pagination={false} dataSource={n.objections} locale={{ emptyText: <Typography.Text type="secondary">{t('无异议', 'No objections')}</Typography.Text> }} data-testid={`objections-${n.id}`}
        columns={[
          { title: t('针对', 'Against'), key: 'entry', render: (_: unknown, o) => <EntryName entry={whom(o.applicationId)} /> },
          { title: t('异议内容', 'Objection'), dataIndex: 'text' },
          { title: t('提出人', 'From'), dataIndex: 'fromWhom' },
          { title: t('处理', 'Status'), dataIndex: 'status', render: (s: Objection['status'], o) => <Space direction="vertical"><Tag color={OBJECTION[s][2]}>{t(OBJECTION[s][0], OBJECTION[s][1])}</Tag>{o.resolution}</Space> },
          ...(mine ? [{
            title: t('处理意见', 'Resolve'), key: 'resolve', render: (_: unknown, o: Objection) => (o.status !== 'open' ? null : (
              <Space direction="vertical" className="no-print">
                <Radio.Group value={chosen(o.id).upheld} onChange={(e) => setResolution({ ...resolution, [o.id]: { ...chosen(o.id), upheld: e.target.value } })}
                  options={[{ value: false, label: t('不成立', 'Dismiss') }, { value: true, label: t('成立（撤出名单）', 'Uphold (off the list)') }]} />
                <Input aria-label={t('处理意见', 'Resolution')} placeholder={t('处理意见', 'Resolution')} value={chosen(o.id).text} data-testid={`resolution-${o.id}`}
                  onChange={(e) => setResolution({ ...resolution, [o.id]: { ...chosen(o.id), text: e.target.value } })} />
                <Button size="small" data-testid={`resolve-${o.id}`} onClick={() => void act(api('POST', `/api/objections/${o.id}/resolve`, { upheld: chosen(o.id).upheld, resolution: chosen(o.id).text }))}>{t('确认', 'Resolve')}</Button>
              </Space>
            )),
          }] : []),
        ]} />
      {mine && (
        <Form layout="vertical" className="no-print" style={{ maxWidth: 720 }}>
          <Form.Item label={t('异议针对（企业与条款）', 'Against (enterprise and clause)')} htmlFor={`objection-entry-input-${n.id}`}>
            <Select id={`objection-entry-input-${n.id}`} showSearch optionFilterProp="label" value={entry} onChange={setEntry} data-testid={`objection-entry-${n.id}`}
              options={n.entries.filter((e) => e.listed).map((e) => ({ value: e.applicationId, label: `${e.subjectName} · ${e.clause}` }))} />
          </Form.Item>
          <Form.Item label={t('异议内容', 'Objection')} htmlFor={`objection-text-input-${n.id}`}>
            <Input.TextArea id={`objection-text-input-${n.id}`} autoSize value={words} onChange={(e) => setWords(e.target.value)} data-testid={`objection-text-${n.id}`} />
          </Form.Item>
          <Form.Item label={t('提出人（可匿名）', 'From (optional)')} htmlFor={`objection-from-input-${n.id}`}>
            <Input id={`objection-from-input-${n.id}`} value={from} onChange={(e) => setFrom(e.target.value)} />
          </Form.Item>
          <Space wrap>
            <Button disabled={!entry || !words.trim()} data-testid={`objection-add-${n.id}`}
              onClick={() => void act(api('POST', `/api/notices/${n.id}/objections`, { application: entry, text: words, ...(from.trim() ? { fromWhom: from } : {}) }).then(() => setWords('')))}>{t('登记异议', 'Record objection')}</Button>
            <Button type="primary" data-testid={`finalize-${n.id}`} onClick={() => void act(api('POST', `/api/notices/${n.id}/finalize`))}>{t('公示期满，确定名单', 'Make final')}</Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
