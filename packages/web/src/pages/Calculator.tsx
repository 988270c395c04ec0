/**
 * 政策计算器: for one enterprise (an enterprise user's own; staff pick one of their jurisdiction),
 * every rule of every level that could apply: eligible with its amount, not eligible with the
 * failing condition and the gap (还差 1,200万元 达到 1亿元), undecidable with the data it needs.
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, InputNumber, List, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { Profile } from './Profile';
import { api, ApiFailure, showFailure, type Account, type Match, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { formatMoney, yuanTotal } from '../money';
import { articleLabel, useNames } from '../names';
import { useWords } from '../words';
import { by, inOrder, num, yuan } from '../table';

import type { Subject as SubjectRow } from '@duixian/api';

const STATUS: Record<Match['status'], { color: string; zh: string; en: string }> = {
  eligible: { color: 'green', zh: '可享受', en: 'Eligible' },
  'not-eligible': { color: 'default', zh: '暂不符合', en: 'Not eligible' },
  undecidable: { color: 'orange', zh: '缺少数据', en: 'Data missing' },
  withheld: { color: 'red', zh: '暂缓', en: 'Withheld' },
  'not-in-force': { color: 'default', zh: '不在有效期', en: 'Not in force' },
};

export function Calculator({ account }: { account: Account }) {
  const t = useT();
  const [entered, setEntered] = useState<Match[]>();
  return (
    <Tabs items={[
      { key: 'stored', label: account.role === 'enterprise' ? t('我的企业', 'My enterprise') : t('库中企业', 'A stored enterprise'), children: <Stored account={account} /> },
      {
        key: 'profile', label: t('填写企业情况', 'Describe an enterprise'),
        children: <Space direction="vertical" style={{ width: '100%' }}><Profile onMatches={setEntered} />{entered && <Card size="small"><Matches matches={entered} /></Card>}</Space>,
      },
    ]} />
  );
}

function Stored({ account }: { account: Account }) {
  const t = useT();
  const [year, setYear] = useState(2023);
  const [subject, setSubject] = useState<SubjectRow>();
  const [options, setOptions] = useState<SubjectRow[]>([]);
  const [matches, setMatches] = useState<Match[]>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiFailure>();
  const [unknown, setUnknown] = useState(false);

  const search = (q: string) => api<Page<SubjectRow>>('GET', `/api/subjects?kind=enterprise&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`).then((r) => setOptions([...r.items]), showFailure(setError));
  useEffect(() => {
    if (account.role === 'enterprise') {
      api<Page<SubjectRow>>('GET', '/api/subjects').then((r) => (r.items[0] ? setSubject(r.items[0]) : setUnknown(true)), showFailure(setError));
    } else void search('');
  }, [account]);

  useEffect(() => {
    if (!subject) return;
    setLoading(true);
    setError(undefined);
    api<{ matches: Match[] }>('GET', `/api/subjects/${encodeURIComponent(subject.id)}/match?year=${year}`)
      .then((r) => setMatches(r.matches), showFailure(setError))
      .finally(() => setLoading(false));
  }, [subject, year]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          {account.role !== 'enterprise' && (
            <Select
              showSearch style={{ width: 'min(380px, calc(100vw - 80px))' }} placeholder={t('输入企业名称、编号或信用代码', 'Name, id or USCC of an enterprise')}
              filterOption={false} onSearch={(q) => void search(q)} data-testid="subject-picker" aria-label={t('企业', 'Enterprise')}
              options={options.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
              onChange={(id: string) => setSubject(options.find((s) => s.id === id))}
            />
          )}
          <label htmlFor="calculator-year">{t('年度', 'Year')}</label>
          <InputNumber id="calculator-year" min={2019} max={2030} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
      </Card>
      {error && <Failure error={error} />}
      {unknown && <Alert type="warning" showIcon message={t('您的企业尚未录入本系统，请联系所在县（区）商务主管部门导入企业数据。', 'Your enterprise is not in the system yet; ask your county commerce bureau to import its data.')} />}
      {!subject && !unknown && account.role === 'enterprise' && !error && <Spin />}
      {subject && (
        <Card size="small" title={`${subject.name}（${subject.uscc ?? subject.id}）`} loading={loading}>
          {matches && matches.length === 0 && <Alert type="info" message={t('没有适用于该企业的条款', 'No rule applies to this enterprise')} />}
          <Matches matches={matches ?? []} {...(account.role === 'enterprise' ? { applyYear: year } : {})} />
        </Card>
      )}
    </Space>
  );
}

/**
 * Every rule that could apply, the eligible ones summed exactly, each row expandable into its steps.
 * For an enterprise (`applyYear`), a clause it applies for links to 申报 with the clause and year chosen.
 */
function Matches({ matches, applyYear }: { matches: readonly Match[]; applyYear?: number }) {
  const t = useT();
  const names = useNames();
  const words = useWords();
  const eligible = matches.filter((m) => m.status === 'eligible');
  const order = new Map(matches.map((m, k) => [m.rule, k]));
  return (
    <>
      <Descriptions size="small" items={[
        { label: t('可享受政策', 'Eligible'), children: <span data-testid="eligible-count">{eligible.length}</span> },
        { label: t('资金合计（最高）', 'Money (at most)'), children: <span data-testid="eligible-total">{formatMoney(yuanTotal(eligible.filter((m) => m.type === 'money').map((m) => m.amount ?? '0')).replaceAll(',', ''))}</span> },
        { label: t('可能适用的条款', 'Rules that could apply'), children: matches.length },
      ]} />
      <Table<Match>
        rowKey="rule" size="small" dataSource={[...matches]} pagination={{ pageSize: 20 }} data-testid="matches" scroll={{ x: 960 }}
        expandable={{ expandedRowRender: (m) => <Steps steps={m.steps} /> }}
        columns={[
          // the server's order is the documents' and their articles' (二 before 十一): kept as the article column's order
          { title: t('条款', 'Clause'), width: 280, sorter: by((m) => order.get(m.rule), num), render: (_, m) => (names.ruleName(m.rule) ? names.rule(m.rule) : `${m.number} ${articleLabel(m.article)} ${m.title}`) },
          { title: t('结果', 'Result'), dataIndex: 'status', width: 110, sorter: by((m) => m.status, inOrder(Object.keys(STATUS))), filters: Object.entries(STATUS).map(([k, v]) => ({ text: t(v.zh, v.en), value: k })), onFilter: (v, m) => m.status === v, render: (s: Match['status']) => <Tag color={STATUS[s].color}>{t(STATUS[s].zh, STATUS[s].en)}</Tag> },
          { title: t('金额', 'Amount'), dataIndex: 'amount', width: 140, align: 'right', sorter: by((m) => m.amount, yuan), render: (v: string | null, m) => (v ? `${m.ceiling ? t('最高 ', 'up to ') : ''}${formatMoney(v)}` : '—') },
          { title: t('差距或缺少的数据', 'Gap or missing data'), width: 300, render: (_, m) => [...m.failing.map(words.plain), ...m.missing.map((x) => `${t('缺少', 'missing')} ${words.missing(x)}`)].join('；') || '—' },
          ...(applyYear === undefined ? [] : [{ title: t('申报', 'Apply'), key: 'apply', render: (_: unknown, m: Match) => <ApplyLink match={m} year={applyYear} /> }]),
        ]}
      />
    </>
  );
}

/**
 * How an enterprise gets a clause: 免申即享 needs nothing; one applied for links to 申报 with the
 * clause and the year chosen — when eligible, or when only data the enterprise fills in is missing.
 */
function ApplyLink({ match: m, year }: { match: Match; year: number }) {
  const t = useT();
  const mode = useNames().ruleName(m.rule)?.mode;
  if (m.status !== 'eligible' && m.status !== 'undecidable') return null;
  if (mode === 'automatic') return m.status === 'eligible' ? <Tag color="green">{t('免申即享', 'No application needed')}</Tag> : null;
  if (mode !== 'application') return null;
  return <a href={`#/apply?rule=${encodeURIComponent(m.rule)}&year=${year}`} data-testid={`apply-link-${m.rule}`}>{t('去申报', 'Apply')}</a>;
}

/** An explanation as a readable list: each step with whether it held. */
export function Steps({ steps }: { steps: readonly { kind: string; text: string; holds?: boolean | null }[] }) {
  const words = useWords(); // readings, indicators and clauses by their Chinese names, not the engine's ids
  return (
    <List size="small" dataSource={[...steps]} renderItem={(s, k) => (
      <List.Item style={{ paddingBlock: 4 }}>
        <Typography.Text type={s.holds === false ? 'danger' : undefined}>{k + 1}. {s.holds === true ? '✓ ' : s.holds === false ? '✗ ' : '· '}{words.plain(s.text)}</Typography.Text>
      </List.Item>
    )} />
  );
}
