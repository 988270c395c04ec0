/**
 * 申报 for an enterprise user: the awards that need an application with evidence (the others are
 * 免申即享: they come from the statistics without applying), a draft per rule and year inside the
 * rule's window, then the application's way through review, public notice and payment.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Drawer, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { ApplicationPanel } from './ApplicationPanel';
import { STATE_ORDER, STATES, type ApplicationView } from '../process';
import { by, code, inOrder, integer } from '../table';

interface RuleOption { id: string; title: string; document: string; mode: 'application' | 'automatic'; facts: string[]; recipient: { kinds: string[] } }

export function Apply({ account }: { account: Account }) {
  const t = useT();
  const [rules, setRules] = useState<RuleOption[]>([]);
  const [subject, setSubject] = useState<{ id: string; name: string; kind: string }>();
  const [list, setList] = useState<Page<ApplicationView>>();
  const [open, setOpen] = useState<string>();
  const [rule, setRule] = useState<string>();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [error, setError] = useState<ApiFailure>();

  const load = useCallback(() => api<Page<ApplicationView>>('GET', '/api/applications?pageSize=200').then(setList, showFailure(setError)), []);
  useEffect(() => {
    void load();
    api<Page<{ id: string; name: string; kind: string }>>('GET', '/api/subjects?pageSize=1').then((r) => setSubject(r.items[0]), showFailure(setError));
    api<{ items: { id: string }[] }>('GET', '/api/documents').then(async (r) => {
      const docs = await Promise.all(r.items.map((d) => api<{ rules: RuleOption[] }>('GET', `/api/documents/${d.id}`)));
      setRules(docs.flatMap((d) => d.rules).filter((x) => x.mode === 'application'));
    }, showFailure(setError));
  }, [load]);

  const mine = rules.filter((r) => !subject || r.recipient.kinds.includes(subject.kind));
  const start = () => api<ApplicationView>('POST', '/api/applications', { subject: subject!.id, rule, year })
    .then(async (a) => { await load(); setOpen(a.id); }, showFailure(setError));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('新建申报', 'Apply')}>
        <Typography.Paragraph type="secondary">
          {t('按统计数据即可认定的奖励“免申即享”，无需申报；下列奖励需企业填报数据并上传证明材料，在申报期内提交。', 'Awards decided from the statistics need no application; these need your facts and evidence, inside the application window.')}
        </Typography.Paragraph>
        <Space wrap>
          <Select style={{ width: 420 }} showSearch placeholder={t('选择奖励条款', 'Choose the award')} value={rule} onChange={setRule} data-testid="apply-rule"
            optionFilterProp="label" options={mine.map((r) => ({ value: r.id, label: `${r.title}（${r.id}）` }))} />
          <InputNumber min={2019} max={2030} value={year} onChange={(v) => setYear(v ?? year)} data-testid="apply-year" />
          <Button type="primary" disabled={!rule || !subject} onClick={() => void start()} data-testid="apply-start">{t('开始申报', 'Start')}</Button>
        </Space>
      </Card>
      {error && <Failure error={error} />}
      <Card size="small" title={t('我的申报', 'My applications')}>
        <Table<ApplicationView> rowKey="id" size="small" dataSource={[...(list?.items ?? [])]} loading={!list} data-testid="my-applications"
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('编号', 'No.'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
            { title: t('条款', 'Rule'), dataIndex: 'rule', sorter: by((r) => r.rule, code) },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 70, sorter: by((r) => r.year, (a, b) => a - b) },
            { title: t('方式', 'Way'), dataIndex: 'mode', render: (m: string) => (m === 'automatic' ? t('免申即享', 'Automatic') : t('申报', 'Applied')) },
            { title: t('状态', 'State'), dataIndex: 'state', sorter: by((r) => r.state, inOrder(STATE_ORDER)), render: (s: ApplicationView['state']) => <Tag color={STATES[s].color}>{t(STATES[s].zh, STATES[s].en)}</Tag> },
            { title: t('核定金额（元）', 'Approved (yuan)'), render: (_, r) => r.approved ?? r.decided ?? '—' },
          ]} />
      </Card>
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={760} title={t(`申报 ${open ?? ''}`, `Application ${open ?? ''}`)} destroyOnClose>
        {open && <ApplicationPanel id={open} account={account} ruleFacts={rules.find((r) => r.id === list?.items.find((x) => x.id === open)?.rule)?.facts} onChanged={() => void load()} />}
      </Drawer>
    </Space>
  );
}
