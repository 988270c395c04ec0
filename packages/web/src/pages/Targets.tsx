/**
 * 目标监测: each document's targets with progress and their trend over the last years; a map of
 * Shandong's cities coloured by online retail or its growth; the quarterly city report
 * (鲁政字〔2022〕42号 十三), printable.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Progress, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, showFailure } from '../api';
import { useT } from '../i18n';
import { Chart } from '../chart';
import '../shandong';
import { Failure } from './Failure';
import { by, code, inOrder, integer, num, percent, text, yuan } from '../table';
import { formatMoney } from '../money';
import { useNames } from '../names';
import { useWords } from '../words';

/** A target's actual or projected value: the API writes money as yuan with two places (every measurable target is money), anything else as held. */
const amount = (v: string | null) => (v === null ? '—' : /^-?\d+\.\d{2}$/.test(v) ? formatMoney(v) : v);

import type { CityReport, TargetProgress } from '@duixian/api';

const STATUS: Record<string, [string, string, string]> = {
  met: ['green', '已完成', 'Met'], 'on-track': ['blue', '按进度', 'On track'], 'off-track': ['red', '滞后', 'Off track'],
  'no-data': ['default', '缺数据', 'No data'], 'not-measurable': ['default', '无法从数据计量', 'Not measurable'],
};

export function Targets() {
  const t = useT();
  const names = useNames();
  const words = useWords();
  // why a target cannot be measured, in words: missing data as indicator and year; an English note of the analysts' is not shown on a Chinese page
  const why = (w: string | undefined) => {
    if (!w) return undefined;
    const missing = /^(\S+) (\S+@\d{4})/.exec(w);
    if (missing) return `${t('缺少', 'Missing')} ${names.region(missing[1]!)} ${words.missing(missing[2]!)}`;
    return /[\u4e00-\u9fff]/.test(w) ? words.plain(w) : t('无法从现有数据计量', w);
  };
  const [year, setYear] = useState(2023);
  const [quarter, setQuarter] = useState<number | undefined>();
  const [targets, setTargets] = useState<Record<number, TargetProgress[]>>({});
  const [cities, setCities] = useState<CityReport[]>();
  const [measure, setMeasure] = useState<'value' | 'growth'>('value');
  const [error, setError] = useState<ApiFailure>();

  useEffect(() => {
    for (const y of [year - 2, year - 1, year]) api<{ items: TargetProgress[] }>('GET', `/api/targets?year=${y}`).then((r) => setTargets((m) => ({ ...m, [y]: r.items })), showFailure(setError));
  }, [year]);
  useEffect(() => {
    setCities(undefined);
    api<{ cities: CityReport[] }>('GET', `/api/monitoring?year=${year}${quarter ? `&quarter=${quarter}` : ''}`).then((r) => setCities(r.cities), showFailure(setError));
  }, [year, quarter]);

  const now = targets[year] ?? [];
  const measurable = now.filter((x) => x.actual !== null);
  const trend = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll' },
    xAxis: { type: 'category', data: [year - 2, year - 1, year].map(String) },
    yAxis: { type: 'value', name: t('完成度 %', 'progress %') },
    series: measurable.map((x) => ({ name: x.description, type: 'line', data: [year - 2, year - 1, year].map((y) => percent(targets[y]?.find((p) => p.target === x.target)?.progress ?? null)) })),
  }), [targets, year, measurable.length, t]);
  const map = useMemo(() => {
    const rows = (cities ?? []).map((c) => ({ name: c.name, value: measure === 'value' ? (c.onlineRetail.value === null ? null : Number(c.onlineRetail.value) / 1e8) : percent(c.onlineRetail.growth) }));
    const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}：${Number.isFinite(p.value) ? p.value.toFixed(measure === 'value' ? 2 : 1) : '—'}${measure === 'value' ? ' 亿元' : '%'}` },
      visualMap: { min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1, calculable: true, left: 'left', bottom: 10, inRange: { color: ['#fff1f0', '#cf1322'] } },
      series: [{ type: 'map', map: 'shandong', roam: false, label: { show: true, fontSize: 10 }, data: rows }],
    };
  }, [cities, measure]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" className="targets">
      <Space>
        <span>{t('年度', 'Year')}</span>
        <Select aria-label={t('年度', 'Year')} value={year} onChange={setYear} style={{ width: 100 }} options={[2021, 2022, 2023, 2024, 2025].map((y) => ({ value: y, label: y }))} />
        <span>{t('季度', 'Quarter')}</span>
        <Select allowClear aria-label={t('季度', 'Quarter')} value={quarter} onChange={setQuarter} placeholder={t('全年', 'Year')} style={{ width: 100 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t(`第${q}季度`, `Q${q}`) }))} />
      </Space>
      {error && <Failure error={error} />}
      <Card size="small" title={t('目标完成情况', 'Targets')}>
        <Table<TargetProgress> rowKey="target" size="small" dataSource={now} loading={!targets[year]} pagination={{ pageSize: 10 }} data-testid="targets" columns={[
          { title: t('目标', 'Target'), dataIndex: 'description', sorter: by((x) => x.description, text) },
          { title: t('期限', 'Due'), dataIndex: 'due', width: 70, sorter: by((x) => x.due, num) },
          // goals and actual values are in each target's own unit (yuan, counts, 翻一番): not comparable across rows
          { title: t('目标值', 'Goal'), dataIndex: 'value', width: 100 },
          { title: t('实际', 'Actual'), dataIndex: 'actual', width: 150, align: 'right', render: amount },
          { title: t('进度', 'Progress'), dataIndex: 'progress', width: 160, sorter: by((x) => percent(x.progress), num), render: (v: string | null) => (v === null ? '—' : <Progress aria-label={t('进度', 'Progress')} percent={Math.min(100, percent(v) ?? 0)} format={() => v} size="small" />) },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 120, sorter: by((x) => x.status, inOrder(Object.keys(STATUS))), filters: Object.entries(STATUS).map(([k, v]) => ({ text: t(v[1], v[2]), value: k })), onFilter: (v, r) => r.status === v, render: (s: string, r) => <Tag color={STATUS[s]?.[0]} title={why(r.why)}>{t(STATUS[s]?.[1] ?? s, STATUS[s]?.[2] ?? s)}</Tag> },
        ]} />
        {measurable.length > 0 && <Chart option={trend} height={260} testId="targets-trend" />}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('各市网络零售', 'Online retail by city')} extra={<Segmented size="small" value={measure} onChange={(v) => setMeasure(v as 'value' | 'growth')} options={[{ value: 'value', label: t('规模', 'Amount') }, { value: 'growth', label: t('增速', 'Growth') }]} />}>
            <Chart option={map} height={380} testId="targets-map" />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t(`全省电商主要监测数据${quarter ? `（${year}年第${quarter}季度）` : `（${year}年）`}`, `Monitoring report ${year}${quarter ? ` Q${quarter}` : ''}`)}
            extra={<Button size="small" onClick={() => print()}>{t('打印', 'Print')}</Button>}>
            <Table<CityReport> rowKey="city" size="small" pagination={false} dataSource={cities ?? []} loading={!cities} data-testid="city-report" columns={[
              // the cities in the statistics' order (by code) until a column is sorted
              { title: t('城市', 'City'), dataIndex: 'name', width: 80, sorter: by((c) => c.city, code) },
              { title: t('网络零售额', 'Online retail'), render: (_, c) => formatMoney(c.onlineRetail.value), align: 'right', sorter: by((c) => c.onlineRetail.value, yuan) },
              { title: t('增速', 'Growth'), render: (_, c) => c.onlineRetail.growth ?? '—', align: 'right', width: 90, sorter: by((c) => percent(c.onlineRetail.growth), num) },
              { title: t('位次', 'Rank'), render: (_, c) => c.onlineRetail.rank ?? '—', width: 70, sorter: by((c) => c.onlineRetail.rank, num) },
              { title: t('实物商品占比', 'Physical share'), render: (_, c) => c.share.value ?? '—', width: 110, sorter: by((c) => percent(c.share.value), num) },
              { title: t('新增网店', 'New shops'), render: (_, c) => c.newOnlineShops.value ?? '—', width: 100, sorter: by((c) => c.newOnlineShops.value, integer) },
            ]} />
            <Typography.Text type="secondary">{t('位次为在全省16市中的位次。', 'Ranks are among all sixteen cities.')}</Typography.Text>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
