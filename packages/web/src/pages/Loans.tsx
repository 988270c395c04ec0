/**
 * 齐鲁电商贷: an enterprise applies (10万–1000万元 a household) to a partner bank serving its
 * region; only with its consent does the bank receive the summary of its e-commerce data. A bank's
 * staff see their queue with those summaries and accept or decline; bureau staff follow the
 * applications of their jurisdiction. The province keeps the list of partner banks (name, regions
 * served, contact); an enterprise whose region none serves is told so, and whom to ask, before it
 * fills in anything.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Cascader, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { api, ApiFailure, showFailure, type Account, type Page } from '../api';
import { useT } from '../i18n';
import { useNames } from '../names';
import { formatMoney } from '../money';
import { regionOptions, regionPath } from '../RegionPicker';
import { Failure } from './Failure';
import { by, code, integer, text, yuan } from '../table';
import type { Bank, BankBody, BankList, Loan, LoanBanks } from '@duixian/api';

type LoanState = Loan['state'];
type BankForm = BankBody;

const STATE: Record<LoanState, [string, string, string]> = { queued: ['银行受理中', 'With the bank', 'blue'], accepted: ['银行已受理', 'Accepted', 'default'], declined: ['银行未受理', 'Declined', 'default'], withdrawn: ['已撤回', 'Withdrawn', 'default'] };

export function Loans({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const [loans, setLoans] = useState<Loan[]>();
  const [note, setNote] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiFailure>();
  const load = useCallback(() => api<Page<Loan>>('GET', '/api/loans?pageSize=500').then((r) => setLoans([...r.items]), showFailure(setError)), []);
  useEffect(() => void load(), [load]);
  const act = (p: Promise<unknown>) => { setError(undefined); return p.then(load, showFailure(setError)); };
  // the enterprise's name as the consented summary gives it (a bank no longer has it once withdrawn)
  const enterprise = (l: Loan) => l.summary?.subject.name ?? l.subjectId;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {account.role === 'enterprise' && <Apply onDone={load} onError={setError} />}
      {error && <Failure error={error} />}
      <Card size="small" title={account.role === 'bank' ? t('本行待处理申请', 'Our queue') : t('贷款申请', 'Loan applications')}>
        <Table<Loan> rowKey="id" size="small" dataSource={loans ?? []} loading={!loans} pagination={{ pageSize: 20 }} data-testid="loans" scroll={{ x: 'max-content' }}
          expandable={{ rowExpandable: (l) => l.summary !== null, expandedRowRender: (l) => <Summary loan={l} /> }}
          columns={[
            { title: t('编号', 'No.'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
            { title: t('企业', 'Enterprise'), key: 'enterprise', sorter: by(enterprise, text), render: (_, l) => enterprise(l) },
            { title: t('地区', 'Region'), dataIndex: 'region', sorter: by((r) => r.region, code), render: (r: string) => names.region(r) },
            { title: t('银行', 'Bank'), dataIndex: 'bank', sorter: by((r) => r.bank, text) },
            { title: t('金额', 'Amount'), dataIndex: 'amount', sorter: by((r) => r.amount, yuan), render: (a: string) => formatMoney(a) },
            { title: t('期限（月）', 'Months'), dataIndex: 'termMonths', sorter: by((r) => r.termMonths, (a, b) => a - b) },
            { title: t('状态', 'State'), dataIndex: 'state', render: (s: LoanState, l) => <Space direction="vertical"><Tag color={STATE[s][2]}>{t(STATE[s][0], STATE[s][1])}</Tag>{l.note}</Space> },
            {
              title: t('操作', 'Actions'), render: (_, l) => (l.actions.length === 0 ? null : (
                <Space wrap>
                  {account.role === 'bank' && <Input size="small" style={{ width: 160 }} aria-label={t('说明（不受理须写明）', 'Note (a decline needs one)')} placeholder={t('说明（不受理须写明）', 'Note')} value={note[l.id] ?? ''} onChange={(e) => setNote({ ...note, [l.id]: e.target.value })} />}
                  {l.actions.includes('accept') && <Button size="small" type="primary" data-testid={`loan-accept-${l.id}`} onClick={() => void act(api('POST', `/api/loans/${l.id}/decision`, { accept: true, ...(note[l.id] ? { note: note[l.id] } : {}) }))}>{t('受理', 'Accept')}</Button>}
                  {l.actions.includes('decline') && <Button size="small" onClick={() => void act(api('POST', `/api/loans/${l.id}/decision`, { accept: false, note: note[l.id] ?? '' }))}>{t('不受理', 'Decline')}</Button>}
                  {l.actions.includes('withdraw') && <Button size="small" onClick={() => void act(api('POST', `/api/loans/${l.id}/withdraw`))}>{t('撤回', 'Withdraw')}</Button>}
                </Space>
              )),
            },
          ]} />
      </Card>
      {account.role.endsWith('-admin') || account.role === 'auditor' ? <Banks manage={account.role === 'province-admin'} /> : null}
    </Space>
  );
}

function Apply({ onDone, onError }: { onDone: () => void; onError: (e: ApiFailure) => void }) {
  const t = useT();
  const names = useNames();
  const [banks, setBanks] = useState<LoanBanks>();
  const [f, setF] = useState<{ amount?: string; termMonths?: number; purpose?: string; bank?: string; consent: boolean }>({ consent: false });
  useEffect(() => void api<LoanBanks>('GET', '/api/loans/banks').then(setBanks, showFailure(onError)), [onError]);
  const choices = banks?.banks ?? [];
  const submit = () => api('POST', '/api/loans', { subject: banks?.subject, amount: f.amount ?? '', termMonths: f.termMonths ?? 0, purpose: f.purpose ?? '', bank: f.bank ?? '', consent: f.consent })
    .then(() => { setF({ consent: false }); onDone(); }, showFailure(onError));
  if (banks && choices.length === 0) {
    // nothing to fill in: say why, and whom to ask, instead of a form that can only be refused
    const place = banks.region ? names.region(banks.region) : t('贵企业所在地区', 'your region');
    return (
      <Card size="small" title={t('申请齐鲁电商贷', 'Apply for 齐鲁电商贷')}>
        <Alert type="warning" showIcon data-testid="no-bank" message={t(`${place}暂无齐鲁电商贷合作银行，暂时无法申请`, `No partner bank serves ${place} yet: you cannot apply for now`)}
          description={t('请联系当地商务主管部门，了解合作银行的引进安排或其他融资支持；有合作银行服务本地区后即可在此申请。', 'Ask your local commerce bureau about partner banks or other financing; once a bank serves your region you can apply here.')} />
      </Card>
    );
  }
  return (
    <Card size="small" title={t('申请齐鲁电商贷', 'Apply for 齐鲁电商贷')}>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Space wrap align="start">
          <Form.Item label={t(`金额（${formatMoney(banks?.min)}至${formatMoney(banks?.max)}）`, `Amount (${banks?.min ?? ''}–${banks?.max ?? ''} yuan)`)} htmlFor="loan-amount">
            <Input id="loan-amount" style={{ width: 200 }} placeholder={t('如 50万元', 'e.g. 500000')} value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} data-testid="loan-amount" />
          </Form.Item>
          <Form.Item label={t('期限（月）', 'Term (months)')} htmlFor="loan-term">
            <InputNumber id="loan-term" min={1} max={120} value={f.termMonths} onChange={(v) => setF({ ...f, termMonths: v ?? undefined })} data-testid="loan-term" />
          </Form.Item>
          <Form.Item label={t('承贷银行', 'Bank')} htmlFor="loan-bank">
            <Select id="loan-bank" style={{ width: 220 }} value={f.bank} onChange={(bank) => setF({ ...f, bank })} options={choices.map((b) => ({ value: b, label: b }))} data-testid="loan-bank" />
          </Form.Item>
          <Form.Item label={t('用途', 'Purpose')} htmlFor="loan-purpose">
            <Input id="loan-purpose" style={{ width: 280 }} value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value })} data-testid="loan-purpose" />
          </Form.Item>
        </Space>
        <Form.Item>
          <Checkbox checked={f.consent} onChange={(e) => setF({ ...f, consent: e.target.checked })} data-testid="loan-consent">{t('同意向所选银行提供本企业电商经营数据摘要（网络零售额、跨境交易额、已获奖补）用于贷款审查', 'I consent to the bank receiving a summary of our e-commerce data for this application')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="loan-submit">{t('提交申请', 'Apply')}</Button>
      </Form>
    </Card>
  );
}

function Summary({ loan }: { loan: Loan }) {
  const t = useT();
  const names = useNames();
  const s = loan.summary!;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={[
      { key: 'n', label: t('企业', 'Enterprise'), children: `${s.subject.name}（${s.subject.uscc ?? '—'}）` },
      { key: 'a', label: t('数据截至', 'As of'), children: `${s.asOf}${s.year ? t(`，${s.year}年度数据`, `, data of ${s.year}`) : ''}` },
      ...s.facts.map((f) => ({ key: f.key, label: names.fact(f.key), children: formatMoney(f.amount) })),
      { key: 'w', label: t('已获奖补', 'Awards received'), children: s.awards.length ? s.awards.map((a) => `${a.year}年 ${names.rule(a.rule)} ${formatMoney(a.amount)}`).join('；') : t('无', 'None') },
      { key: 'c', label: t('授权时间', 'Consent given'), children: loan.consentAt ? new Date(loan.consentAt).toLocaleString() : '—' },
    ]} />
  );
}

/** 合作银行: the partner banks with the regions each serves and whom to call; the province adds and edits them. */
function Banks({ manage }: { manage: boolean }) {
  const t = useT();
  const names = useNames();
  const [banks, setBanks] = useState<readonly Bank[]>();
  const [editing, setEditing] = useState<Bank | 'new'>();
  const [error, setError] = useState<ApiFailure>();
  const load = useCallback(() => api<BankList>('GET', '/api/banks').then((r) => setBanks(r.items), showFailure(setError)), []);
  useEffect(() => void load(), [load]);
  return (
    <Card size="small" title={t('合作银行', 'Partner banks')} extra={manage && <Button type="primary" size="small" onClick={() => setEditing('new')} data-testid="bank-add">{t('添加合作银行', 'Add a bank')}</Button>}>
      {error && <Failure error={error} />}
      <Table<Bank> rowKey="id" size="small" dataSource={banks ?? []} loading={!banks} pagination={false} data-testid="banks" scroll={{ x: 'max-content' }}
        columns={[
          { title: t('银行', 'Bank'), dataIndex: 'name', sorter: by((b) => b.name, text) },
          { title: t('服务地区', 'Regions served'), dataIndex: 'regions', render: (rs: string[]) => rs.map((r) => names.region(r)).join('、') },
          { title: t('联系人', 'Contact'), dataIndex: 'contact' },
          { title: t('联系电话', 'Phone'), dataIndex: 'phone' },
          ...(manage ? [{ title: t('操作', 'Actions'), key: 'edit', render: (_: unknown, b: Bank) => <Button size="small" onClick={() => setEditing(b)} data-testid={`bank-edit-${b.id}`}>{t('编辑', 'Edit')}</Button> }] : []),
        ]} />
      {editing && <BankEditor bank={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={() => { setEditing(undefined); void load(); }} />}
    </Card>
  );
}

/** A bank's form in a dialog: name, regions served (several: a city ticks all its counties), contact and phone. */
function BankEditor({ bank, onClose, onSaved }: { bank?: Bank; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { regions } = useNames();
  const [form] = Form.useForm<BankForm>();
  const [error, setError] = useState<ApiFailure>();
  const [saving, setSaving] = useState(false);
  const save = (v: BankForm) => {
    setSaving(true);
    setError(undefined);
    api('POST', bank ? `/api/banks/${bank.id}` : '/api/banks', v).then(onSaved, showFailure(setError)).finally(() => setSaving(false));
  };
  return (
    <Modal open title={bank ? t(`编辑 ${bank.name}`, `Edit ${bank.name}`) : t('添加合作银行', 'Add a partner bank')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}
      confirmLoading={saving} okButtonProps={{ 'data-testid': 'bank-save' } as Record<`data-${string}`, string>} destroyOnHidden>
      {error && <Failure error={error} />}
      <Form form={form} layout="vertical" name="bank" initialValues={bank ?? { regions: [] }} onFinish={save}>
        <Form.Item label={t('银行名称', 'Name')} name="name" rules={[{ required: true, message: t('请填写银行名称', 'Give the name') }]}><Input data-testid="bank-name" placeholder={t('如 齐鲁银行济宁分行', 'e.g. 齐鲁银行济宁分行')} /></Form.Item>
        <Form.Item label={t('服务地区（可多选；选市即含其各县区）', 'Regions served (several; a city includes its counties)')} name="regions" rules={[{ required: true, message: t('请至少选择一个服务地区', 'Pick at least one region') }]}
          getValueProps={(codes: string[]) => ({ value: (codes ?? []).map((c) => regionPath(regions, c)) })}
          normalize={(paths: string[][]) => (paths ?? []).map((p) => p[p.length - 1]!)}>
          <Cascader multiple showCheckedStrategy={Cascader.SHOW_PARENT} options={regionOptions(regions, 'county', true)} data-testid="bank-regions"
            showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }} maxTagCount="responsive" />
        </Form.Item>
        <Space wrap>
          <Form.Item label={t('联系人', 'Contact person')} name="contact" rules={[{ required: true, message: t('请填写联系人', 'Give the contact') }]}><Input data-testid="bank-contact" /></Form.Item>
          <Form.Item label={t('联系电话', 'Phone')} name="phone" rules={[{ required: true, message: t('请填写联系电话', 'Give the phone') }]}><Input data-testid="bank-phone" placeholder="0537-2345678" /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
