/**
 * 政策库: the five documents; each article's text beside the rules it defines, each rule in Chinese
 * sentences (条件、金额、上限…, the server's, as `duixian show` prints them) to check against the
 * text; the figures its rules cite highlighted and linked to the rule; the article's departments;
 * the document's targets; and the table of readings (解释口径) with their defaults and alternatives.
 */
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { Card, Col, Collapse, Descriptions, Empty, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { api, ApiFailure, showFailure, type Account } from '../api';
import { useT } from '../i18n';
import { articleSpans, highlight } from '../articles';
import { by, code, num, text } from '../table';
import { Failure } from './Failure';
import { CorpusDrafts } from './CorpusDrafts';
import { useWords } from '../words';
import { useNarrow } from '../layout';

import type { DocumentDetail as DocDetail, DocumentRule as Rule, Documents, Reading, Target } from '@duixian/api';

type Doc = Documents['items'][number];

/** A tab's label: a 文号 as it is; a title standing in for one, cut to 12 characters. */
const tabLabel = (number: string) => (number.length > 14 ? `${number.slice(0, 12)}…` : number);

/** `account`: the signed-in one, if any; the province administrator also sees the corpus versions and uploads. */
export function Library({ account }: { account?: Account | null } = {}) {
  const t = useT();
  const words = useWords();
  // a reading's value by what it means (its id, for the CLI's --interpretation, on hover)
  const meaning = (r: Reading, v: string) => <span title={`${r.id}=${v}`}>{words.plain(r.meanings?.[r.values.indexOf(v)] ?? v)}</span>;
  const [docs, setDocs] = useState<Doc[]>();
  const [readings, setReadings] = useState<Reading[]>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => {
    api<{ items: Doc[] }>('GET', '/api/documents').then((r) => setDocs(r.items), showFailure(setError));
    api<{ items: Reading[] }>('GET', '/api/interpretations').then((r) => setReadings(r.items), showFailure(setError));
  }, []);
  const narrow = useNarrow();
  const [active, setActive] = useState<string>();
  if (error) return <Failure error={error} />;
  if (!docs) return <Spin />;
  const items = [
    // the 文号 alone as the tab, shortened when a document has none and its title stands in (the whole in the
    // tooltip and the document's header): the five documents and 解释口径 fit at 1366 px, no tab in an overflow menu
    ...docs.map((d) => ({ key: d.id, label: <span title={`${d.issuerName}｜${d.number}`}>{tabLabel(d.number)}</span>, children: <DocumentView id={d.id} /> })),
    {
      key: 'readings', label: t('解释口径', 'Readings'),
      children: (
        <Table<Reading>
          rowKey="id" size="small" data-testid="readings" dataSource={readings ?? []} loading={!readings} pagination={{ pageSize: 20 }}
          columns={[
            { title: t('问题', 'Question'), dataIndex: 'question', width: 260, sorter: by((r) => r.question, text), render: (v: string, r) => <span title={r.id}>{v}</span> },
            { title: t('默认读法', 'Default'), dataIndex: 'default', sorter: by((r) => r.default, code), render: (v: string, r) => <Tag color="red" style={{ whiteSpace: 'normal' }}>{meaning(r, v)}</Tag> },
            { title: t('其他读法', 'Alternatives'), dataIndex: 'values', render: (vs: string[], r) => vs.filter((v) => v !== r.default).map((v) => <Tag key={v} style={{ whiteSpace: 'normal' }}>{meaning(r, v)}</Tag>) },
          ]}
        />
      ),
    },
  ];
  // on a phone the six tabs cannot fit, and antd's overflow button would sit inside the tab list (a screen
  // reader's list of tabs with a stray button): a labelled picker of the documents instead, the same views below
  const tabs = narrow ? (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label={t('文件', 'Document')} style={{ width: '100%' }} value={active ?? items[0]!.key} onChange={setActive}
        options={items.map((i) => ({ value: i.key, label: i.key === 'readings' ? i.label : docs.find((d) => d.id === i.key)?.number ?? i.key }))}
      />
      {(items.find((i) => i.key === active) ?? items[0]!).children}
    </Space>
  ) : <Tabs items={items} activeKey={active} onChange={setActive} />;
  if (account?.role !== 'province-admin') return tabs;
  // above the tabs, folded (read when first opened), not a seventh tab: the tabs fit at 1366 px as they are
  return (
    <>
      <Collapse size="small" style={{ marginBottom: 12 }} items={[{ key: 'versions', label: t('政策库版本与上传（省级管理员）', 'Corpus versions and uploads (province administrator)'), children: <CorpusDrafts /> }]} />
      {tabs}
    </>
  );
}

function DocumentView({ id }: { id: string }) {
  const t = useT();
  const [d, setD] = useState<DocDetail>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => void api<DocDetail>('GET', `/api/documents/${id}`).then(setD, showFailure(setError)), [id]);
  const spans = useMemo(() => (d ? articleSpans(d.text, d.measures) : new Map<string, string>()), [d]);
  if (error) return <Failure error={error} />;
  if (!d) return <Spin />;
  const rules = new Map(d.rules.map((r) => [r.id, r]));
  // the rules in the order of the text, for the index's 条款 column
  const place = new Map(d.measures.flatMap((m) => m.rules).map((r, k) => [r, k]));
  return (
    <>
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }} items={[
        { label: t('文件', 'Document'), children: d.document.title, span: 3 },
        { label: t('有效期', 'In force'), children: `${d.document.validFrom} — ${d.document.validTo ?? t('长期', 'open-ended')}` },
        { label: t('资金', 'Paid by'), children: d.document.funderName },
        { label: t('可计算规则', 'Rules'), children: d.rules.length },
      ]} />
      {d.rules.length > 0 && (
        <Card size="small" title={t('可计算规则一览', 'The rules, at a glance')} style={{ marginBottom: 12 }}>
          <Table<Rule> rowKey="id" size="small" dataSource={d.rules} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="rules" columns={[
            { title: t('条款', 'Article'), width: 110, sorter: by((r) => place.get(r.id), num), dataIndex: 'article' },
            { title: t('规则', 'Rule'), dataIndex: 'title', sorter: by((r) => r.title, text), render: (v: string, r) => <a href={`#rule-${r.id}`} onClick={jump(`rule-${r.id}`)}>{v}</a> },
            { title: t('引用的数字', 'Figures cited'), dataIndex: 'cites', render: (cs: string[]) => cs.map((c) => <Tag key={c} color="gold">{c}</Tag>) },
          ]} />
        </Card>
      )}
      {d.measures.map((m) => {
        const own = m.rules.map((r) => rules.get(r)).filter((r): r is Rule => r !== undefined);
        const pieces = highlight(spans.get(m.anchor) ?? m.heading, own.flatMap((r) => r.cites.map((phrase) => ({ phrase, rule: r.id }))));
        return (
          <Card key={m.anchor} id={m.anchor} size="small" style={{ marginBottom: 12 }} title={`${m.article} · ${m.title}`}
            extra={<span>{t('牵头', 'Lead')}：{m.lead.join('、') || '—'}{m.responsible.length ? `；${t('责任', 'With')}：${m.responsible.join('、')}` : ''}</span>}>
            <Row gutter={16}>
              <Col xs={24} lg={14}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {pieces.map((p, k) => (p.rule ? <a key={k} href={`#rule-${p.rule}`} onClick={jump(`rule-${p.rule}`)} className="cite" title={rules.get(p.rule)?.title} style={{ background: '#fff1b8', padding: '0 2px' }}>{p.text}</a> : <span key={k}>{p.text}</span>))}
                </Typography.Paragraph>
              </Col>
              <Col xs={24} lg={10}>
                {own.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('本条不设奖补（工作任务）', 'No award here (a task)')} /> : own.map((r) => (
                  <Card key={r.id} id={`rule-${r.id}`} type="inner" size="small" title={r.title} style={{ marginBottom: 8 }}>
                    <RuleSentences rule={r} />
                    <Typography.Text type="secondary">{t('所依原文', 'The words it implements')}：{r.text}</Typography.Text>
                    <div style={{ marginTop: 6 }}>{r.cites.map((c) => <Tag key={c} color="gold">{c}</Tag>)}</div>
                  </Card>
                ))}
              </Col>
            </Row>
          </Card>
        );
      })}
      {d.targets.length > 0 && (
        <Card size="small" title={t('目标', 'Targets')}>
          <Table<Target> rowKey="id" size="small" pagination={false} dataSource={d.targets} columns={[
            { title: t('目标', 'Target'), dataIndex: 'description', sorter: by((x) => x.description, text) },
            { title: t('年度', 'Due'), dataIndex: 'year', width: 80, sorter: by((x) => x.year, num) },
            { title: t('数值', 'Figure'), dataIndex: 'value', width: 120, render: (v: string, r) => `${r.legal} ${v}` },
          ]} />
        </Card>
      )}
    </>
  );
}

/** The rule as the sentences an analyst reads against the article: 条件、金额、上限、排名… one a row. */
function RuleSentences({ rule }: { rule: Rule }) {
  const words = useWords();
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 8 }} data-testid={`sentences-${rule.id}`}
      items={rule.sentences.map((s) => ({ key: s.label, label: s.label, children: words.plain(s.text) }))}
      styles={{ label: { width: 84, whiteSpace: 'nowrap' } }} />
  );
}

/**
 * A link to a rule's card on this page: scrolled to, not followed — the shell reads the URL's hash
 * as the page to show, and an enterprise user's page for an unknown hash is the calculator.
 */
const jump = (id: string) => (e: MouseEvent) => {
  e.preventDefault();
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
};
