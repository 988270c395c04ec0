/**
 * 政策计算器 without an account's data: an enterprise describes itself — where it is, what it is,
 * its figures — and sees every rule that could apply. Nothing is stored (POST /api/match).
 */
import { useEffect, useState } from 'react';
import { Button, Card, Cascader, Input, InputNumber, Select, Space } from 'antd';
import { api, ApiFailure, showFailure, type Match } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';

import type { Vocabulary } from '@duixian/api';
interface FactRow { key?: string; value?: string }

/** The profile as a dataset of one enterprise, with its city and the province as the regions it sits in. */
export function profileDataset(year: number, region: readonly string[], tags: readonly string[], facts: readonly FactRow[], v: Vocabulary) {
  const [city, county] = region;
  const name = (code: string) => v.regions.find((r) => r.code === code)?.name ?? code;
  return {
    format: 'duixian/v1', year,
    subjects: [
      { id: '370000', kind: 'province', name: '山东省' },
      ...(city ? [{ id: city, kind: 'city', name: name(city), region: city }] : []),
      { id: 'ME', kind: 'enterprise', name: '我的企业', ...(county ?? city ? { region: county ?? city } : {}), tags },
    ],
    facts: facts.filter((f) => f.key && f.value).map((f) => ({ subject: 'ME', year, key: f.key!, value: f.value! })),
  };
}

export function Profile({ onMatches }: { onMatches: (m: Match[]) => void }) {
  const t = useT();
  const [v, setV] = useState<Vocabulary>();
  const [year, setYear] = useState(2023);
  const [region, setRegion] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [facts, setFacts] = useState<FactRow[]>([{ key: 'physicalGoodsOnlineRetail' }]);
  const [error, setError] = useState<ApiFailure>();
  const [busy, setBusy] = useState(false);
  useEffect(() => void api<Vocabulary>('GET', '/api/vocabulary').then(setV, showFailure(setError)), []);
  if (!v) return error ? <Failure error={error} /> : null;

  const cities = v.regions.filter((r) => r.level === 'city').map((c) => ({
    value: c.code, label: c.name, children: v.regions.filter((r) => r.parent === c.code).map((r) => ({ value: r.code, label: r.name })),
  }));
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    await api<{ matches: Match[] }>('POST', '/api/match', { subject: 'ME', dataset: profileDataset(year, region, tags, facts, v) })
      .then((r) => onMatches(r.matches), showFailure(setError))
      .finally(() => setBusy(false));
  };
  return (
    <Card size="small" title={t('填写企业情况（不保存）', 'Describe an enterprise (nothing is stored)')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('所在地', 'Located in')}</span>
          <Cascader aria-label={t('所在地区', 'Region')} options={cities} value={region} onChange={(x) => setRegion((x ?? []) as string[])} placeholder={t('市 / 县（区）', 'City / county')} style={{ width: 240 }} data-testid="profile-region" />
          <span>{t('年度', 'Year')}</span><InputNumber aria-label={t('年度', 'Year')} min={2019} max={2030} value={year} onChange={(x) => x && setYear(x)} />
        </Space>
        <Select aria-label={t('企业属性', 'What the enterprise is')} mode="multiple" allowClear placeholder={t('企业属性，如：纳入“企业一套表”法人库', 'What the enterprise is')} value={tags} onChange={setTags} style={{ width: '100%' }}
          options={v.tags.map((x) => ({ value: x.tag, label: x.label }))} optionFilterProp="label" />
        {facts.map((f, k) => (
          <Space key={k} wrap>
            <Select aria-label={t('指标', 'Figure')} showSearch optionFilterProp="label" style={{ width: 300 }} value={f.key} placeholder={t('指标', 'Figure')}
              onChange={(key: string) => setFacts(facts.map((x, j) => (j === k ? { ...x, key } : x)))}
              options={v.factKeys.map((x) => ({ value: x.key, label: x.label }))} />
            <Input aria-label={t('指标数值', 'Value')} style={{ width: 200 }} value={f.value} placeholder={t('如 8800万元、35%、12', 'e.g. 8800万元, 35%, 12')} data-testid={`profile-value-${k}`}
              onChange={(e) => setFacts(facts.map((x, j) => (j === k ? { ...x, value: e.target.value } : x)))} />
          </Space>
        ))}
        <Space>
          <Button onClick={() => setFacts([...facts, {}])}>{t('再加一项指标', 'Add a figure')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="profile-submit">{t('计算', 'Match')}</Button>
        </Space>
        {error && <Failure error={error} />}
      </Space>
    </Card>
  );
}
