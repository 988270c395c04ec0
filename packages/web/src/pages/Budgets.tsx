/**
 * 预算与拨付: each budget's use (a first approval reserves against it, the final approval commits;
 * a warning at 70% and 90%), totals by funder, the final awards waiting for payment with a form for
 * the finance system's payment order, the payments made, and their CSV for the finance system. A
 * payment is decided again by the server first: when the decision changed since the award was
 * queued (409 decision-changed) the changes are shown and the payment goes only with a reason.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Budget, Budgets as BudgetsAnswer, Disbursement as Payment } from '@duixian/api';
import { Button, Card, DatePicker, Input, InputNumber, Progress, Select, Space, Table, Tag } from 'antd';
import { api, ApiFailure, apiPath, isAdmin, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { Changes } from './Changes';
import { acknowledging, decisionChanged, type ApplicationDetail, type ApplicationView, type Change } from '../process';
import { by, code, integer, num, text, yuan } from '../table';
import { formatMoney } from '../money';
import { useNames } from '../names';
import { RegionPicker } from '../RegionPicker';


const WARNING = { none: null, '70': ['已用 70%', '70% used', 'orange'], '90': ['已用 90%', '90% used', 'red'], exhausted: ['预算已用尽', 'Exhausted', 'red'] } as const;

export function Budgets({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [budgets, setBudgets] = useState<BudgetsAnswer>();
  const [finals, setFinals] = useState<ApplicationView[]>([]);
  const [payments, setPayments] = useState<Payment[]>([]);
  const [form, setForm] = useState<{ document?: string; funder?: string; total?: string }>({ funder: account.region ?? undefined });
  const [pay, setPay] = useState<Record<string, { orderNo?: string; paidOn?: string; amount?: string }>>({});
  const [docs, setDocs] = useState<{ id: string; number: string }[]>([]);
  const [error, setError] = useState<ApiFailure>();
  /** a payment the server refused because the decision changed: what changed, and the reason to go on */
  const [changed, setChanged] = useState<{ id: string; changes: readonly Change[]; reason: string }>();

  const load = useCallback(async () => {
    await api<BudgetsAnswer>('GET', `/api/budgets?year=${year}`).then(setBudgets, showFailure(setError));
    await api<{ items: Payment[] }>('GET', `/api/disbursements?year=${year}`).then((r) => setPayments(r.items), showFailure(setError));
    await api<Page<ApplicationView>>('GET', `/api/applications?state=final&year=${year}&pageSize=500`).then((r) => setFinals([...r.items]), showFailure(setError));
  }, [year]);
  useEffect(() => void load(), [load]);
  useEffect(() => void api<{ items: { id: string; number: string }[] }>('GET', '/api/documents').then((r) => setDocs(r.items), showFailure(setError)), []);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };
  const payment = (a: ApplicationView) => ({ application: a.id, orderNo: pay[a.id]?.orderNo ?? '', paidOn: pay[a.id]?.paidOn ?? '', amount: pay[a.id]?.amount ?? a.approved ?? '' });
  /** record a payment; refused as decision-changed, show what changed (in both languages, from the detail) and ask for a reason */
  const record = (a: ApplicationView, acknowledge: { acknowledge?: { reason: string } } = {}) => {
    setError(undefined);
    return api('POST', '/api/disbursements', { ...payment(a), ...acknowledge }).then(async () => { setChanged(undefined); await load(); }, async (e: unknown) => {
      if (!decisionChanged(e)) return showFailure(setError)(e);
      const d = await api<ApplicationDetail>('GET', `/api/applications/${a.id}`).catch(() => undefined);
      if (d?.changes.length) setChanged({ id: a.id, changes: d.changes, reason: '' });
      else setError(e); // changed again meanwhile: the server's own words
    });
  };
  const changedFinal = changed && finals.find((a) => a.id === changed.id);
  const documentNumber = (id: string) => docs.find((d) => d.id === id)?.number ?? id;
  const money = (v: string | null) => formatMoney(v);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space><span>{t('年度', 'Year')}</span><InputNumber aria-label={t('年度', 'Year')} min={2019} max={2030} value={year} onChange={(v) => setYear(v ?? year)} data-testid="budget-year" /></Space>
      {isAdmin(account) && (
        <Card size="small" title={t('设定预算', 'Set a budget')}>
          <Space wrap>
            <Select style={{ width: 260 }} aria-label={t('文件', 'Document')} placeholder={t('文件', 'Document')} value={form.document} onChange={(document) => setForm({ ...form, document })} options={docs.map((d) => ({ value: d.id, label: d.number }))} data-testid="budget-document" />
            <RegionPicker province style={{ width: 220 }} aria-label={t('资金来源（本级财政）', 'Funder')} placeholder={t('资金来源（本级财政）', 'Funder')} value={form.funder} onChange={(funder) => setForm({ ...form, funder })} data-testid="budget-funder" />
            <Input style={{ width: 160 }} aria-label={t('预算金额', 'Amount')} placeholder={t('金额，如 500万元', 'Amount, e.g. 500万元')} value={form.total} onChange={(e) => setForm({ ...form, total: e.target.value })} data-testid="budget-total" />
            <Button disabled={!form.document || !form.funder || !form.total} data-testid="budget-set" onClick={() => void act(api('POST', '/api/budgets', { ...form, year }))}>{t('保存预算', 'Save')}</Button>
          </Space>
        </Card>
      )}
      {error && <Failure error={error} />}
      <Card size="small" title={t('预算执行', 'Budgets')}>
        <Table<Budget> rowKey={(b) => `${b.document}|${b.funder}`} size="small" dataSource={budgets?.items ?? []} loading={!budgets} pagination={false} data-testid="budgets"
          columns={[
            { title: t('文件', 'Document'), dataIndex: 'document', sorter: by((r) => r.document, code), render: documentNumber },
            { title: t('资金来源', 'Funder'), dataIndex: 'funder', sorter: by((r) => r.funder, code), render: (v: string) => names.region(v) },
            { title: t('预算', 'Budget'), dataIndex: 'total', align: 'right', sorter: by((r) => r.total, yuan), render: money },
            { title: t('已核定', 'Committed'), dataIndex: 'committed', align: 'right', sorter: by((r) => r.committed, yuan), render: money },
            { title: t('已预留', 'Reserved'), dataIndex: 'reserved', align: 'right', sorter: by((r) => r.reserved, yuan), render: money },
            { title: t('已拨付', 'Paid'), dataIndex: 'paid', align: 'right', sorter: by((r) => r.paid, yuan), render: money },
            { title: t('剩余', 'Remaining'), dataIndex: 'remaining', align: 'right', sorter: by((r) => r.remaining, yuan), render: money },
            { title: t('使用', 'Use'), dataIndex: 'permille', width: 220, sorter: by((r) => r.permille, num), render: (p: number, b) => (
              <Space><Progress aria-label={t('已拨付比例', 'Share paid')} percent={Math.floor(p / 10)} size="small" style={{ width: 120 }} status={b.warning === 'none' ? 'normal' : 'exception'} />{WARNING[b.warning] && <Tag color={WARNING[b.warning]![2]}>{t(WARNING[b.warning]![0], WARNING[b.warning]![1])}</Tag>}</Space>
            ) },
          ]} />
        <Table size="small" rowKey="funder" pagination={false} dataSource={budgets?.totals ?? []} style={{ marginTop: 12 }} columns={[
          { title: t('资金来源合计', 'By funder'), dataIndex: 'funder', sorter: by((r: { funder: string }) => r.funder, code), render: (v: string) => names.region(v) },
          { title: t('预算', 'Budget'), dataIndex: 'total', align: 'right', render: money }, { title: t('已核定', 'Committed'), dataIndex: 'committed', align: 'right', render: money },
          { title: t('已预留', 'Reserved'), dataIndex: 'reserved', align: 'right', render: money }, { title: t('已拨付', 'Paid'), dataIndex: 'paid', align: 'right', render: money },
        ]} />
      </Card>
      {isAdmin(account) && (
        <Card size="small" title={t('待拨付（公示期满已确定）', 'Final awards to pay')}>
          {changed && changedFinal && (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
              <Changes changes={changed.changes} reason={changed.reason} onReason={(reason) => setChanged({ ...changed, reason })} />
              <Space>
                <Button type="primary" disabled={!changed.reason.trim()} data-testid="pay-acknowledged" onClick={() => void record(changedFinal, acknowledging(changed.changes, changed.reason))}>
                  {t(`确认并登记拨付（申报 ${changed.id}）`, `Acknowledge and record (application ${changed.id})`)}
                </Button>
                <Button onClick={() => setChanged(undefined)}>{t('暂不拨付', 'Not now')}</Button>
              </Space>
            </Space>
          )}
          <Table<ApplicationView> rowKey="id" size="small" dataSource={finals} pagination={{ pageSize: 10 }} data-testid="to-pay" columns={[
            { title: t('编号', 'No.'), dataIndex: 'id', sorter: by((r) => r.id, integer) },
            { title: t('企业', 'Enterprise'), dataIndex: 'subjectId', sorter: by((r) => r.subjectName ?? r.subjectId, text), render: (_, a) => (a.subjectName ? `${a.subjectName}（${a.subjectId}）` : a.subjectId) },
            { title: t('条款', 'Clause'), dataIndex: 'rule', render: (v: string) => names.rule(v) },
            { title: t('资金来源', 'Funder'), dataIndex: 'funder', render: (v: string) => names.region(v) },
            { title: t('核定金额', 'Approved'), dataIndex: 'approved', align: 'right', sorter: by((r) => r.approved, yuan), render: money },
            { title: t('拨付', 'Payment'), render: (_, a) => (
              <Space wrap>
                <Input style={{ width: 150 }} aria-label={t('支付指令号', 'Order no.')} placeholder={t('支付指令号', 'Order no.')} value={pay[a.id]?.orderNo} onChange={(e) => setPay({ ...pay, [a.id]: { ...pay[a.id], orderNo: e.target.value } })} data-testid={`pay-order-${a.id}`} />
                <DatePicker aria-label={t('拨付日期', 'Paid on')} onChange={(_, s) => setPay({ ...pay, [a.id]: { ...pay[a.id], paidOn: s as string } })} data-testid={`pay-date-${a.id}`} />
                <Input style={{ width: 130 }} aria-label={t('拨付金额', 'Amount paid')} placeholder={t('金额', 'Amount')} value={pay[a.id]?.amount ?? a.approved ?? ''} onChange={(e) => setPay({ ...pay, [a.id]: { ...pay[a.id], amount: e.target.value } })} data-testid={`pay-amount-${a.id}`} />
                <Button data-testid={`pay-${a.id}`} onClick={() => void record(a)}>{t('登记拨付', 'Record')}</Button>
              </Space>
            ) },
          ]} />
        </Card>
      )}
      <Card size="small" title={t('拨付明细', 'Payments')} extra={<a href={apiPath(`/api/disbursements?year=${year}&format=csv`)} download data-testid="payments-csv">{t('导出给财政系统（CSV）', 'Export for finance (CSV)')}</a>}>
        <Table<Payment> rowKey="orderNo" size="small" dataSource={payments} pagination={{ pageSize: 20 }} data-testid="payments" columns={[
          { title: t('支付指令号', 'Order no.'), dataIndex: 'orderNo', sorter: by((r) => r.orderNo, code) },
          { title: t('拨付日期', 'Paid on'), dataIndex: 'paidOn', sorter: by((r) => r.paidOn, code) },
          { title: t('申报', 'Application'), dataIndex: 'applicationId', sorter: by((r) => r.applicationId, integer) },
          { title: t('企业', 'Enterprise'), dataIndex: 'subjectName', sorter: by((r) => r.subjectName, text) },
          { title: t('条款', 'Clause'), dataIndex: 'rule', render: (v: string) => names.rule(v) },
          { title: t('资金来源', 'Funder'), dataIndex: 'funder', render: (v: string) => names.region(v) },
          { title: t('金额', 'Amount'), dataIndex: 'amount', align: 'right', sorter: by((r) => r.amount, yuan), render: money },
        ]} />
      </Card>
    </Space>
  );
}
