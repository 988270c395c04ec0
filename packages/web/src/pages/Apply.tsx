/**
 * 申报 for an enterprise user, guided (issue 16, point 5). Awards decided from the statistics need
 * no application (免申即享); the others are applied for with the enterprise's own data and papers,
 * inside the clause's window. The page offers only the clauses that can apply to this enterprise —
 * the document covers the place it is registered in and the clause supports its kind (the server's
 * GET /api/apply-guide decides, as POST /api/applications checks) — and lists the others apart with
 * why not; it shows the windows with their year and dates, defaults the year to an open window's,
 * and before a draft is started says which data (by the indicators' names and the year) and which
 * papers the clause needs. A link such as #/apply?rule=…&year=… (from 政策计算器) preselects both.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApplyGuide as Guide, Clause, WindowState } from '@duixian/api';
import { Alert, Button, Card, Collapse, Drawer, Form, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { useNames } from '../names';
import { formatMoney } from '../money';
import { Failure } from './Failure';
import { ApplicationPanel } from './ApplicationPanel';
import { STATE_ORDER, STATES, type ApplicationView } from '../process';
import { by, inOrder, integer } from '../table';


const WINDOW_STATES: Record<WindowState, { color: string; zh: string; en: string }> = {
  open: { color: 'green', zh: '申报中', en: 'Open' },
  upcoming: { color: 'blue', zh: '未开始', en: 'Not yet open' },
  closed: { color: 'default', zh: '已截止', en: 'Closed' },
};

/** The clause and year a link asked for: #/apply?rule=…&year=…. */
function preset(): { rule?: string; year?: number } {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const year = Number(q.get('year'));
  return { ...(q.get('rule') ? { rule: q.get('rule')! } : {}), ...(Number.isInteger(year) && year > 2000 ? { year } : {}) };
}

const openYear = (c: Clause | undefined): number | undefined => c?.windows.find((w) => w.state === 'open')?.year;

export function Apply({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const [guide, setGuide] = useState<Guide>();
  const [list, setList] = useState<Page<ApplicationView>>();
  const [open, setOpen] = useState<string>();
  const [rule, setRule] = useState<string>();
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [error, setError] = useState<ApiFailure>();

  const load = useCallback(() => api<Page<ApplicationView>>('GET', '/api/applications?pageSize=200').then(setList, showFailure(setError)), []);
  useEffect(() => {
    void load();
    api<Guide>('GET', '/api/apply-guide').then((g) => {
      setGuide(g);
      // the clause a link asked for (if this enterprise may apply for it), and the year of an open window
      const asked = preset();
      const clause = g.clauses.find((c) => c.applicable && c.rule === asked.rule);
      if (clause) setRule(clause.rule);
      const defaultYear = asked.year ?? openYear(clause) ?? g.clauses.filter((c) => c.applicable).map(openYear).find((y) => y !== undefined);
      if (defaultYear) setYear(defaultYear);
    }, showFailure(setError));
  }, [load]);

  const mine = guide?.clauses.filter((c) => c.applicable) ?? [];
  const others = guide?.clauses.filter((c) => !c.applicable) ?? [];
  const chosen = mine.find((c) => c.rule === rule);
  const chosenWindow = chosen?.windows.find((w) => w.year === year);
  // one application per clause and year: an existing one is opened, not started again
  const existing = list?.items.find((a) => a.rule === rule && a.year === year);
  const choose = (id: string, y?: number) => {
    setRule(id);
    const y2 = y ?? openYear(mine.find((c) => c.rule === id));
    if (y2) setYear(y2);
  };
  const start = () => api<ApplicationView>('POST', '/api/applications', { subject: guide!.subject!.id, rule, year })
    .then(async (a) => { await load(); setOpen(a.id); }, showFailure(setError));
  const opened = list?.items.find((x) => x.id === open);
  const openedClause = guide?.clauses.find((c) => c.rule === opened?.rule);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {guide && !guide.subject && <Alert type="warning" showIcon message={t('您的企业尚未录入本系统，请联系所在县（区）商务主管部门导入企业数据。', 'Your enterprise is not in the system yet; ask your county commerce bureau to import its data.')} />}
      <Card size="small" title={t('新建申报', 'Apply')}>
        {guide?.subject && (
          <Typography.Paragraph data-testid="apply-subject">
            {t('申报单位：', 'Applicant: ')}<b>{guide.subject.name}</b> · {names.region(guide.subject.region)} · {names.kind(guide.subject.kind)}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">
          {t('按统计数据即可认定的奖励“免申即享”，无需申报；下列条款需企业填报数据并上传证明材料，在申报期内提交。这里只列出贵单位所在地区和主体类型可以申报的条款。',
            'Awards decided from the statistics need no application; these need your data and papers, inside the application window. Only the clauses your place and kind of subject can apply for are offered.')}
        </Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <Form.Item label={t('申报条款', 'Clause')} htmlFor="apply-rule">
            <Select id="apply-rule" virtual={false} showSearch placeholder={t('选择条款', 'Choose the clause')} value={rule} onChange={(id: string) => choose(id)} data-testid="apply-rule" optionFilterProp="label"
              options={mine.map((c) => ({ value: c.rule, label: names.rule(c.rule) }))} notFoundContent={t('没有可以申报的条款', 'No clause you can apply for')} />
          </Form.Item>
          <Form.Item label={t('申报年度', 'Year')} htmlFor="apply-year" extra={t('奖励所属的年度（按该年度的数据认定）', 'The year the award is for (decided on that year\'s data)')}>
            <InputNumber id="apply-year" min={2019} max={2100} value={year} onChange={(v) => setYear(v ?? year)} data-testid="apply-year" />
          </Form.Item>
        </Form>
        {chosen && <WindowNotice clause={chosen} year={year} />}
        {existing && (
          <Alert type="info" showIcon data-testid="apply-existing" style={{ marginBottom: 12 }}
            message={t(`本条款${year}年度已有申报（编号 ${existing.id}，${STATES[existing.state].zh}）`, `You already applied for ${year} (No. ${existing.id}, ${STATES[existing.state].en})`)}
            action={<Button size="small" onClick={() => setOpen(existing.id)}>{t('查看', 'Open')}</Button>} />
        )}
        {chosen && <Needs clause={chosen} year={year} />}
        <Button type="primary" disabled={!chosen || chosenWindow?.state !== 'open' || !guide?.subject || existing !== undefined} onClick={() => void start()} data-testid="apply-start">{t('开始申报', 'Start')}</Button>
      </Card>
      {error && <Failure error={error} />}
      <Windows clauses={mine} onChoose={choose} />
      {others.length > 0 && (
        <Collapse size="small" data-testid="not-applicable" items={[{
          key: 'others', label: t(`不适用于贵单位的条款（${others.length}）`, `Clauses that do not apply to you (${others.length})`),
          children: <List size="small" dataSource={[...others]} renderItem={(c) => (
            <List.Item><List.Item.Meta title={names.rule(c.rule)} description={c.notApplicable.map((w) => t(w.zh, w.en)).join('；')} /></List.Item>
          )} />,
        }]} />
      )}
      <Card size="small" title={t('我的申报', 'My applications')}>
        <Table<ApplicationView> rowKey="id" size="small" dataSource={[...(list?.items ?? [])]} loading={!list} data-testid="my-applications" scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('申报编号', 'No.'), dataIndex: 'id', width: 90, sorter: by((r) => r.id, integer) },
            { title: t('条款', 'Clause'), dataIndex: 'rule', render: (id: string) => names.rule(id) },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 70, sorter: by((r) => r.year, (a, b) => a - b) },
            { title: t('方式', 'Way'), dataIndex: 'mode', render: (m: string) => (m === 'automatic' ? t('免申即享', 'Automatic') : t('申报', 'Applied')) },
            { title: t('状态', 'State'), dataIndex: 'state', sorter: by((r) => r.state, inOrder(STATE_ORDER)), render: (s: ApplicationView['state']) => <Tag color={STATES[s].color}>{t(STATES[s].zh, STATES[s].en)}</Tag> },
            { title: t('核定金额', 'Approved'), align: 'right', render: (_, r) => formatMoney(r.approved ?? r.decided) },
            { title: t('操作', 'Open'), render: (_, r) => <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); setOpen(r.id); }}>{t('查看', 'Open')}</Button> },
          ]} />
      </Card>
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={760} title={t(`申报 ${open ?? ''}`, `Application ${open ?? ''}`)} destroyOnClose>
        {open && openedClause && opened && ['draft', 'returned'].includes(opened.state) && <Needs clause={openedClause} year={opened.year} />}
        {open && <ApplicationPanel id={open} account={account} ruleFacts={openedClause?.data.filter((d) => d.from === 'enterprise').map((d) => d.key)} onChanged={() => void load()} />}
      </Drawer>
    </Space>
  );
}

/** The windows of the clauses this enterprise can apply for: year, dates, state today; 申报 picks clause and year. */
function Windows({ clauses, onChoose }: { clauses: readonly Clause[]; onChoose: (rule: string, year: number) => void }) {
  const t = useT();
  const names = useNames();
  const rows = clauses.flatMap((c) => c.windows.map((w) => ({ ...w, rule: c.rule, key: `${c.rule}|${w.year}` })));
  return (
    <Card size="small" title={t('申报窗口', 'Application windows')}>
      <Table size="small" rowKey="key" dataSource={rows} pagination={false} data-testid="apply-windows" scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('目前没有可申报条款的申报窗口，请留意主管部门通知', 'No window is announced for the clauses you can apply for') }}
        columns={[
          { title: t('条款', 'Clause'), dataIndex: 'rule', render: (id: string) => names.rule(id) },
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          { title: t('申报时间', 'Dates'), render: (_, w) => `${w.opens} 至 ${w.closes}` },
          { title: t('状态', 'State'), dataIndex: 'state', render: (s: WindowState) => <Tag color={WINDOW_STATES[s].color}>{t(WINDOW_STATES[s].zh, WINDOW_STATES[s].en)}</Tag> },
          { title: t('操作', 'Apply'), render: (_, w) => (w.state === 'open' ? <Button size="small" onClick={() => onChoose(w.rule, w.year)} data-testid={`choose-${w.key}`}>{t('申报', 'Apply')}</Button> : null) },
        ]} />
    </Card>
  );
}

/** Whether the chosen clause can be applied for in the chosen year, and when. */
function WindowNotice({ clause, year }: { clause: Clause; year: number }) {
  const t = useT();
  const w = clause.windows.find((x) => x.year === year);
  const otherYears = clause.windows.filter((x) => x.year !== year).map((x) => `${x.year}年度（${x.opens} 至 ${x.closes}，${WINDOW_STATES[x.state].zh}）`).join('；');
  const others = otherYears ? t(`其他年度：${otherYears}`, `Other years: ${otherYears}`) : undefined;
  if (!w) return <Alert type="warning" showIcon data-testid="apply-window" style={{ marginBottom: 12 }} message={t(`本条款${year}年度尚未开放申报，请留意主管部门通知`, `Applications for ${year} are not open`)} description={others} />;
  const text = {
    open: t(`${year}年度申报时间：${w.opens} 至 ${w.closes}，正在申报中`, `${year}: open ${w.opens} to ${w.closes}`),
    upcoming: t(`${year}年度申报将于 ${w.opens} 开始，${w.closes} 截止`, `${year}: opens ${w.opens}, closes ${w.closes}`),
    closed: t(`${year}年度申报已于 ${w.closes} 截止`, `${year}: closed on ${w.closes}`),
  }[w.state];
  return <Alert type={w.state === 'open' ? 'success' : w.state === 'upcoming' ? 'info' : 'warning'} showIcon data-testid="apply-window" style={{ marginBottom: 12 }} message={text} description={w.state === 'open' ? undefined : others} />;
}

/** What a clause needs before it is submitted: the data, by the indicators' names and the year, and the papers to attach. */
function Needs({ clause, year }: { clause: Clause; year: number }) {
  const t = useT();
  const filled = clause.data.filter((d) => d.from === 'enterprise');
  const held = clause.data.filter((d) => d.from === 'government');
  const papers = clause.evidence.map((e) => (e.papers ? t(`${e.papers}（${e.label}）`, `${e.papers} (${e.label})`) : e.why));
  return (
    <div data-testid="apply-needs" style={{ marginBottom: 12 }}>
      <Typography.Title level={5}>{t('申报须知', 'What it needs')}</Typography.Title>
      <Typography.Text strong>{t(`需要填报的数据（${year}年度）`, `Data you fill in (${year})`)}</Typography.Text>
      <ul data-testid="needs-data">
        {filled.length ? filled.map((d) => <li key={d.key}>{d.label}（{year}年度）</li>) : <li>{t('无需填报数据', 'None')}</li>}
      </ul>
      {held.length > 0 && (
        <>
          <Typography.Text strong>{t('由政府部门提供、无需填报的数据', 'Data the government holds (nothing to fill in)')}</Typography.Text>
          <ul data-testid="needs-held">{held.map((d) => <li key={d.key}>{d.label}（{year}年度{d.source ? `，${d.source}` : ''}）</li>)}</ul>
        </>
      )}
      <Typography.Text strong>{t('需要上传的证明材料', 'Papers to attach')}</Typography.Text>
      <ul data-testid="needs-papers">
        {papers.length ? papers.map((p) => <li key={p}>{p}</li>) : <li>{t('无需上传材料', 'None')}</li>}
      </ul>
      <Typography.Text type="secondary">{t('材料可为 PDF、PNG、JPEG 或 Excel 文件，每个不超过 10MB。', 'PDF, PNG, JPEG or Excel files, at most 10 MB each.')}</Typography.Text>
    </div>
  );
}
