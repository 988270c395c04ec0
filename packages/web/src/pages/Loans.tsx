/**
 * 齐鲁电商贷: an enterprise applies (10万–1000万元 a household) to a partner bank serving its
 * region; only with its consent does the bank receive the summary of its e-commerce data. A bank's
 * staff see their queue with those summaries and accept or decline; bureau staff follow the
 * applications of their jurisdiction.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { api, ApiFailure, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { by, code, integer, yuan } from '../table';

type LoanState = 'queued' | 'accepted' | 'declined' | 'withdrawn';
interface Loan {
  id: string; subjectId: string; bank: string; amount: string; termMonths: number; purpose: string; state: LoanState; consentAt: string | null; note: string | null; actions: readonly string[];
  summary: { asOf: string; year: number | null; subject: { name: string; uscc: string | null }; facts: { key: string; amount: string | null }[]; awards: { rule: string; year: number; amount: string | null }[] } | null;
}

const FACT_LABELS: Record<string, string> = { onlineRetail: '网络零售额', physicalGoodsOnlineRetail: '实物商品网络零售额', crossBorderTransactions: '跨境电商交易额' };
const STATE: Record<LoanState, [string, string, string]> = { queued: ['银行受理中', 'With the bank', 'blue'], accepted: ['银行已受理', 'Accepted', 'green'], declined: ['银行未受理', 'Declined', 'default'], withdrawn: ['已撤回', 'Withdrawn', 'default'] };

export function Loans({ account }: { account: Account }) {
  const t = useT();
  const [loans, setLoans] = useState<Loan[]>();
  const [note, setNote] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiFailure>();
  const load = useCallback(() => api<Page<Loan>>('GET', '/api/loans?pageSize=500').then((r) => setLoans([...r.items]), showFailure(setError)), []);
  useEffect(() => void load(), [load]);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {account.role === 'enterprise' && <Apply onDone={load} onError={setError} />}
      {error && <Failure error={error} />}
      <Card size="small" title={account.role === 'bank' ? t('本行待处理申请', 'Our queue') : t('贷款申请', 'Loan applications')}>
        <Table<Loan> rowKey="id" size="small" dataSource={loans ?? []} loading={!loans} pagination={{ pageSize: 20 }} data-testid="loans"
          expandable={{ rowExpandable: (l) => l.summary !== null, expandedRowRender: (l) => <Summary loan={l} /> }}
          columns={[
            { title: t('编号', 'No.'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
            { title: t('企业', 'Enterprise'), dataIndex: 'subjectId', sorter: by((r) => r.subjectId, code) },
            { title: t('银行', 'Bank'), dataIndex: 'bank', sorter: by((r) => r.bank, code) },
            { title: t('金额（元）', 'Amount'), dataIndex: 'amount', sorter: by((r) => r.amount, yuan) },
            { title: t('期限（月）', 'Months'), dataIndex: 'termMonths', sorter: by((r) => r.termMonths, (a, b) => a - b) },
            { title: t('状态', 'State'), dataIndex: 'state', render: (s: LoanState, l) => <Space direction="vertical"><Tag color={STATE[s][2]}>{t(STATE[s][0], STATE[s][1])}</Tag>{l.note}</Space> },
            {
              title: t('操作', 'Actions'), render: (_, l) => (l.actions.length === 0 ? null : (
                <Space>
                  {account.role === 'bank' && <Input size="small" style={{ width: 160 }} placeholder={t('说明（不受理须写明）', 'Note')} value={note[l.id] ?? ''} onChange={(e) => setNote({ ...note, [l.id]: e.target.value })} />}
                  {l.actions.includes('accept') && <Button size="small" type="primary" data-testid={`loan-accept-${l.id}`} onClick={() => void act(api('POST', `/api/loans/${l.id}/decision`, { accept: true, ...(note[l.id] ? { note: note[l.id] } : {}) }))}>{t('受理', 'Accept')}</Button>}
                  {l.actions.includes('decline') && <Button size="small" onClick={() => void act(api('POST', `/api/loans/${l.id}/decision`, { accept: false, note: note[l.id] ?? '' }))}>{t('不受理', 'Decline')}</Button>}
                  {l.actions.includes('withdraw') && <Button size="small" onClick={() => void act(api('POST', `/api/loans/${l.id}/withdraw`))}>{t('撤回', 'Withdraw')}</Button>}
                </Space>
              )),
            },
          ]} />
      </Card>
    </Space>
  );
}

function Apply({ onDone, onError }: { onDone: () => void; onError: (e: ApiFailure) => void }) {
  const t = useT();
  const [banks, setBanks] = useState<{ subject: string | null; banks: string[]; min: string; max: string }>();
  const [f, setF] = useState<{ amount?: string; termMonths?: number; purpose?: string; bank?: string; consent: boolean }>({ consent: false });
  useEffect(() => void api<NonNullable<typeof banks>>('GET', '/api/loans/banks').then(setBanks, showFailure(onError)), [onError]);
  const names = banks?.banks ?? [];
  const submit = () => api('POST', '/api/loans', { subject: banks?.subject, amount: f.amount ?? '', termMonths: f.termMonths ?? 0, purpose: f.purpose ?? '', bank: f.bank ?? '', consent: f.consent })
    .then(() => { setF({ consent: false }); onDone(); }, showFailure(onError));
  return (
    <Card size="small" title={t('申请齐鲁电商贷', 'Apply for 齐鲁电商贷')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Input style={{ width: 180 }} placeholder={t(`金额（${banks?.min ?? ''}–${banks?.max ?? ''} 元）`, `Amount (${banks?.min ?? ''}–${banks?.max ?? ''})`)} value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} data-testid="loan-amount" />
          <InputNumber min={1} max={120} placeholder={t('期限（月）', 'Months')} value={f.termMonths} onChange={(v) => setF({ ...f, termMonths: v ?? undefined })} data-testid="loan-term" />
          <Select style={{ width: 220 }} placeholder={t('承贷银行', 'Bank')} value={f.bank} onChange={(bank) => setF({ ...f, bank })} options={names.map((b) => ({ value: b, label: b }))} data-testid="loan-bank" />
          <Input style={{ width: 280 }} placeholder={t('用途', 'Purpose')} value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value })} data-testid="loan-purpose" />
        </Space>
        <Checkbox checked={f.consent} onChange={(e) => setF({ ...f, consent: e.target.checked })} data-testid="loan-consent">{t('同意向所选银行提供本企业电商经营数据摘要（网络零售额、跨境交易额、已获奖补）用于贷款审查', 'I consent to the bank receiving a summary of our e-commerce data for this application')}</Checkbox>
        {names.length === 0 && banks && <Alert type="info" showIcon message={t('本地区暂无合作银行，请联系商务主管部门', 'No partner bank serves your region yet: ask your commerce bureau')} />}
        <Button type="primary" onClick={() => void submit()} data-testid="loan-submit">{t('提交申请', 'Apply')}</Button>
      </Space>
    </Card>
  );
}

function Summary({ loan }: { loan: Loan }) {
  const t = useT();
  const s = loan.summary!;
  return (
    <Descriptions size="small" bordered column={2} items={[
      { key: 'n', label: t('企业', 'Enterprise'), children: `${s.subject.name}（${s.subject.uscc ?? '—'}）` },
      { key: 'a', label: t('数据截至', 'As of'), children: `${s.asOf}${s.year ? t(`，${s.year}年度数据`, `, data of ${s.year}`) : ''}` },
      ...s.facts.map((f) => ({ key: f.key, label: FACT_LABELS[f.key] ?? f.key, children: f.amount === null ? '—' : t(`${f.amount} 元`, `${f.amount} yuan`) })),
      { key: 'w', label: t('已获奖补', 'Awards received'), children: s.awards.length ? s.awards.map((a) => `${a.year} ${a.rule} ${a.amount ?? ''}`).join('；') : t('无', 'None') },
      { key: 'c', label: t('授权时间', 'Consent given'), children: loan.consentAt ? new Date(loan.consentAt).toLocaleString() : '—' },
    ]} />
  );
}
