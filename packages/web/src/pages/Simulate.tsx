/**
 * 政策模拟: change amounts, thresholds, caps or readings; run against the current data as a
 * simulation (never official unless promoted); compare with an official run — total cost by
 * funder, who gains and who loses, and a chart of the change by funder.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { allPages, api, ApiFailure, json, sendAsJob, showFailure, type JobProgress, type RunSummary } from '../api';
import { useT } from '../i18n';
import { Chart } from '../chart';
import { Failure } from './Failure';
import { Working } from './Working';
import { RUN_PHASES } from '../progress';
import { by, code, num, yuan } from '../table';
import { formatMoney } from '../money';
import { useNames } from '../names';
import { useWords } from '../words';

interface Rule { id: string; title: string; document: string }
interface Change { rule?: string; key?: string; value?: string }
import type { Comparison, Reading, SubjectChange, Totals } from '@duixian/api';

const KEYS = ['amount', 'threshold', 'cap', 'itemCap', 'rate', 'pay', 'pool', 'prizes', 'top', 'tier1.from', 'tier1.money', 'tier2.from', 'tier2.money', 'tier3.from', 'tier3.money'];
const KEY_ZH: Record<string, string> = {
  amount: '奖励金额', threshold: '门槛', cap: '封顶', itemCap: '单项封顶', rate: '比例', pay: '单位奖励', pool: '资金总额', prizes: '名次奖励', top: '前N名',
  ...Object.fromEntries([1, 2, 3].flatMap((n) => [[`tier${n}.from`, `第${n}档起点`], [`tier${n}.money`, `第${n}档金额`]])),
};

export function Simulate() {
  const t = useT();
  const names = useNames();
  const words = useWords();
  const [rules, setRules] = useState<Rule[]>([]);
  const [readings, setReadings] = useState<Reading[]>([]);
  const [official, setOfficial] = useState<RunSummary[]>([]);
  const [base, setBase] = useState<string>();
  const [year, setYear] = useState(2023);
  const [changes, setChanges] = useState<Change[]>([{}]);
  const [chosenReadings, setChosenReadings] = useState<string[]>([]);
  const [result, setResult] = useState<{ sim: RunSummary; cmp: Comparison }>();
  const [busy, setBusy] = useState<number>(); // when the simulation under way started
  const [progress, setProgress] = useState<JobProgress>();
  const [error, setError] = useState<ApiFailure>();

  useEffect(() => {
    api<{ items: { id: string }[] }>('GET', '/api/documents').then(async (r) => {
      const all = await Promise.all(r.items.map((d) => api<{ rules: Rule[] }>('GET', `/api/documents/${d.id}`)));
      setRules(all.flatMap((d) => d.rules));
    }, showFailure(setError));
    api<{ items: Reading[] }>('GET', '/api/interpretations').then((r) => setReadings(r.items), showFailure(setError));
    // every run, not the first page: the official one to compare with may be older than a hundred simulations
    allPages<RunSummary>('/api/runs').then((items) => {
      const runs = items.filter((x) => x.official);
      setOfficial(runs);
      setBase(runs[0]?.id);
    }, showFailure(setError));
  }, []);

  // a simulation is a change to try: without one it would only repeat the official run (the server refuses it too)
  const unchanged = !changes.some((c) => c.rule && c.key && c.value) && !chosenReadings.length;
  const run = async () => {
    setBusy(Date.now());
    setProgress(undefined);
    setError(undefined);
    const used = changes.filter((c): c is Required<Change> => Boolean(c.rule && c.key && c.value));
    const interpretations = Object.fromEntries(chosenReadings.map((r) => r.split('=') as [string, string]));
    await sendAsJob<RunSummary>('POST', '/api/runs', json({ year, simulation: true, ...(used.length ? { changes: used } : {}), ...(chosenReadings.length ? { interpretations } : {}) }), setProgress)
      .then(async (sim) => setResult({ sim, cmp: await api<Comparison>('GET', `/api/runs/${base}/compare/${sim.id}`) }), showFailure(setError))
      .finally(() => setBusy(undefined));
  };

  const chart = useMemo(() => {
    if (!result) return undefined;
    const funders = Object.keys(result.cmp.byFunder);
    const n = (s: string) => Number(s) / 10000; // 万元, for the chart only: the tables show exact amounts
    return {
      tooltip: { trigger: 'axis' }, legend: { data: [t('正式', 'Official'), t('模拟', 'Simulation')] },
      xAxis: { type: 'category', data: funders.map((f) => names.region(f)) }, yAxis: { type: 'value', name: t('万元', '10k yuan') },
      series: [
        { name: t('正式', 'Official'), type: 'bar', data: funders.map((f) => n(result.cmp.byFunder[f]!.before)) },
        { name: t('模拟', 'Simulation'), type: 'bar', data: funders.map((f) => n(result.cmp.byFunder[f]!.after)) },
      ],
    };
  }, [result, t, names]);

  const people = (rows: readonly SubjectChange[], testId: string) => (
    <Table<SubjectChange> rowKey="subject" size="small" dataSource={rows} pagination={{ pageSize: 10 }} data-testid={testId} columns={[
      { title: t('主体', 'Subject'), dataIndex: 'subject', sorter: by((r) => r.subject, code), render: (_, r) => (r.subjectName ? `${r.subjectName}（${r.subject}）` : r.subject) },
      ...money<SubjectChange>(),
      { title: t('条款', 'Rules'), sorter: by((r) => r.gained.length + r.lost.length, num), render: (_, r) => [...r.gained.map((x) => <Tag key={x} color="green">+{names.rule(x)}</Tag>), ...r.lost.map((x) => <Tag key={x} color="red">−{names.rule(x)}</Tag>)] },
    ]} />
  );
  // before, after and the change, each sorted exactly as money
  const money = <R extends Totals>() => [
    { title: t('正式', 'Official'), dataIndex: 'before', align: 'right' as const, sorter: by((r: R) => r.before, yuan), render: (v: string) => formatMoney(v) },
    { title: t('模拟', 'Simulation'), dataIndex: 'after', align: 'right' as const, sorter: by((r: R) => r.after, yuan), render: (v: string) => formatMoney(v) },
    { title: t('变化', 'Change'), dataIndex: 'delta', align: 'right' as const, sorter: by((r: R) => r.delta, yuan), render: (v: string) => <Typography.Text type={v.startsWith('-') ? 'danger' : 'success'}>{formatMoney(v)}</Typography.Text> },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('模拟方案', 'Draft')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('年度', 'Year')}</span><InputNumber aria-label={t('年度', 'Year')} min={2019} max={2030} value={year} onChange={(v) => v && setYear(v)} />
          <span>{t('对比的正式测算', 'Compare with official run')}</span>
          <Select aria-label={t('对比的正式测算', 'Official run compared')} style={{ width: 220 }} value={base} onChange={setBase} data-testid="base-run" options={official.map((r) => ({ value: r.id, label: `${t('测算', 'Run')} ${r.id}（${r.year}，${r.by}）` }))} />
        </Space>
        {changes.map((c, k) => (
          <Space key={k} wrap style={{ display: 'flex', marginBottom: 8 }}>
            <Select showSearch style={{ width: 420 }} aria-label={t('条款', 'Rule')} placeholder={t('条款', 'Rule')} value={c.rule} optionFilterProp="label" data-testid={`change-rule-${k}`}
              onChange={(rule: string) => setChanges(changes.map((x, j) => (j === k ? { ...x, rule } : x)))}
              options={rules.map((r) => ({ value: r.id, label: names.rule(r.id) }))} />
            <Select showSearch optionFilterProp="label" style={{ width: 160 }} aria-label={t('修改项', 'What')} placeholder={t('修改项', 'What')} value={c.key} data-testid={`change-key-${k}`}
              onChange={(key: string) => setChanges(changes.map((x, j) => (j === k ? { ...x, key } : x)))}
              options={KEYS.map((x) => ({ value: x, label: KEY_ZH[x] ?? x }))} />
            <Input style={{ width: 200 }} aria-label={t('新数值', 'New value')} placeholder={t('如 80万元、5000万元、60%', 'e.g. 80万元, 60%')} value={c.value} data-testid={`change-value-${k}`}
              onChange={(e) => setChanges(changes.map((x, j) => (j === k ? { ...x, value: e.target.value } : x)))} />
          </Space>
        ))}
        <Space wrap>
          <Button onClick={() => setChanges([...changes, {}])}>{t('再加一项修改', 'Add a change')}</Button>
          <Select mode="multiple" allowClear style={{ minWidth: 320 }} aria-label={t('解释口径', 'Readings')} placeholder={t('改变解释口径（可选）', 'Change readings (optional)')} value={chosenReadings} onChange={setChosenReadings}
            options={readings.flatMap((r) => r.values.filter((x) => x !== r.default).map((x) => ({ value: `${r.id}=${x}`, label: words.reading(r.id, x) })))} />
          <Button type="primary" loading={busy !== undefined} disabled={!base || unchanged} onClick={() => void run()} data-testid="run-simulation">{t('运行模拟', 'Simulate')}</Button>
          {unchanged && <Typography.Text type="secondary" data-testid="nothing-changed">{t('请先修改至少一项金额、门槛或上限，或选择一个不同的口径', 'Change an amount, threshold or cap, or choose a reading, first')}</Typography.Text>}
        </Space>
        {busy !== undefined && <Working since={busy} progress={progress} phases={RUN_PHASES} testId="simulation-progress" />}
        {!base && official.length === 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('请先在“评审”中完成一次正式测算，再与之对比。', 'Run an official evaluation under Review first, to compare with.')}</Typography.Paragraph>}
      </Card>
      {error && <Failure error={error} />}
      {result && (
        <>
          <Row gutter={16}>
            <Col span={8}><Card size="small"><Statistic title={t('正式', 'Official')} value={formatMoney(result.cmp.total.before)} /></Card></Col>
            <Col span={8}><Card size="small"><Statistic title={t('模拟', 'Simulation')} value={formatMoney(result.cmp.total.after)} /></Card></Col>
            <Col span={8}><Card size="small"><Statistic title={t('变化', 'Change')} value={formatMoney(result.cmp.total.delta)} valueStyle={{ color: result.cmp.total.delta.startsWith('-') ? '#cf1322' : '#389e0d' }} data-testid="sim-delta" /></Card></Col>
          </Row>
          <Card size="small" title={t('按资金来源', 'By funder')}>
            {chart && <Chart option={chart} testId="sim-chart" />}
            <Table<Totals & { funder: string }> rowKey="funder" size="small" pagination={false} data-testid="by-funder" dataSource={Object.entries(result.cmp.byFunder).map(([funder, v]) => ({ funder, ...v }))} columns={[
              { title: t('资金来源', 'Funder'), dataIndex: 'funder', sorter: by((r) => r.funder, code), render: (v: string) => names.region(v) }, ...money<Totals & { funder: string }>(),
            ]} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={12}><Card size="small" title={t(`增加的主体（${result.cmp.gainers.length}）`, `Gainers (${result.cmp.gainers.length})`)} data-testid="gainers">{people(result.cmp.gainers, 'gainers-table')}</Card></Col>
            <Col xs={24} xl={12}><Card size="small" title={t(`减少的主体（${result.cmp.losers.length}）`, `Losers (${result.cmp.losers.length})`)}>{people(result.cmp.losers, 'losers-table')}</Card></Col>
          </Row>
          <Typography.Text type="secondary">{t(`模拟测算 ${result.sim.id} 已保存，标记为“模拟”；需经审定才能转为正式。`, `Simulation run ${result.sim.id} is stored, marked as a simulation; it becomes official only when promoted.`)}</Typography.Text>
        </>
      )}
    </Space>
  );
}
