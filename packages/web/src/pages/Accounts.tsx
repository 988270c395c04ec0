/**
 * 账户: the accounts acting inside one's jurisdiction, and a new one — its one-time password is
 * shown once, to hand over; the new user must change it at first sign-in. A partner bank's staff
 * account names a bank of the province's list. Each row can be disabled (the user is signed out
 * at once), enabled again, or given a new one-time password — after a confirmation, and never
 * one's own account (the server checks who may, and says so).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { allPages, api, ApiFailure, showFailure, type Account, type Role } from '../api';
import { useT } from '../i18n';
import { useNames } from '../names';
import { RegionPicker } from '../RegionPicker';
import { ROLE_NAMES } from '../routes';
import { by, inOrder, text } from '../table';
import { Failure } from './Failure';
import type { AccountIssued, Bank, BankList, ListedAccount as Row, NewAccount as NewAccountForm } from '@duixian/api';

/** a one-time password to hand over: the account's new one, or a reset one */
type Handover = { username: string; password: string; reset: boolean };

export function Accounts({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  const [rows, setRows] = useState<Row[]>();
  const [handover, setHandover] = useState<Handover>();
  const [error, setError] = useState<ApiFailure>();
  // the API pages accounts but does not sort them: a jurisdiction's accounts are held whole, to sort them all
  const load = () => allPages<Row>('/api/accounts').then(setRows, showFailure(setError));
  useEffect(() => void load(), []);

  const act = (r: Row, action: 'disable' | 'enable' | 'reset-password') => {
    setError(undefined);
    setHandover(undefined);
    return api<{ account: Row; oneTimePassword?: string }>('POST', `/api/accounts/${r.id}/${action}`).then((x) => {
      if (x.oneTimePassword) setHandover({ username: x.account.username, password: x.oneTimePassword, reset: true });
      void load();
    }, showFailure(setError));
  };
  // the server decides; the page offers only what can succeed: not one's own, a bank's staff by the province
  const failed = useCallback((e: ApiFailure) => { setHandover(undefined); setError(e); }, []);
  const manageable = (r: Row) => account.role.endsWith('-admin') && r.username !== account.username && (r.role !== 'bank' || account.role === 'province-admin');
  const state = (r: Row) => (r.disabled ? 'disabled' : r.mustChangePassword ? 'new' : 'active');
  // tag colours whose text reads on their background (4.5:1): the theme's error, blue, and the plain tag
  const STATE = { disabled: [t('已停用', 'Disabled'), 'error'], new: [t('待修改一次性密码', 'One-time password not changed yet'), 'blue'], active: [t('正常', 'Active'), undefined] } as const;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {account.role.endsWith('-admin') && (
        <NewAccount account={account} onCreated={(username, password) => { setError(undefined); setHandover({ username, password, reset: false }); void load(); }} onError={failed} />
      )}
      {handover && (
        <Alert type="success" showIcon data-testid="one-time-password" closable onClose={() => setHandover(undefined)}
          message={handover.reset
            ? t(`已为 ${handover.username} 重置密码。新的一次性密码（只显示这一次，请当面交给本人；登录后须修改）：`, `${handover.username}'s password was reset. One-time password (shown once; to be changed at sign-in):`)
            : t(`已创建 ${handover.username}。一次性密码（只显示这一次，请当面交给本人）：`, `Created ${handover.username}. One-time password (shown once; hand it over in person):`)}
          description={<Typography.Text code copyable>{handover.password}</Typography.Text>} />
      )}
      {error && <Failure error={error} />}
      <Card size="small" title={t('本辖区账户', 'Accounts in your jurisdiction')}>
        <Table<Row> rowKey="id" size="small" loading={!rows} dataSource={rows ?? []} pagination={{ pageSize: 20 }} data-testid="accounts" scroll={{ x: 'max-content' }} columns={[
          { title: t('用户名', 'Username'), dataIndex: 'username', sorter: by((a) => a.username, text) },
          { title: t('角色', 'Role'), dataIndex: 'role', sorter: by((a) => a.role, inOrder(Object.keys(ROLE_NAMES))), render: (r: Role) => t(...ROLE_NAMES[r]) },
          { title: t('地区', 'Region'), dataIndex: 'region', sorter: by((a) => names.region(a.region), text), render: (r: string | null) => (r ? names.region(r) : '—') },
          { title: t('信用代码 / 银行', 'USCC / bank'), key: 'of', sorter: by((a) => a.uscc ?? a.bank ?? '', text), render: (_, a) => a.uscc ?? a.bank ?? '—' },
          { title: t('状态', 'State'), key: 'state', sorter: by(state, inOrder(['disabled', 'new', 'active'])), render: (_, a) => <Tag color={STATE[state(a)][1]}>{STATE[state(a)][0]}</Tag> },
          {
            title: t('操作', 'Actions'), key: 'actions', render: (_, r) => (!manageable(r) ? null : (
              <Space wrap>
                {r.disabled
                  ? <Popconfirm title={t(`启用 ${r.username}？`, `Enable ${r.username}?`)} description={t('启用后可用原密码登录。', 'They can sign in with their password again.')} okText={t('启用', 'Enable')} cancelText={t('取消', 'Cancel')} onConfirm={() => act(r, 'enable')}>
                    <Button size="small" data-testid={`enable-${r.username}`}>{t('启用', 'Enable')}</Button>
                  </Popconfirm>
                  : <Popconfirm title={t(`停用 ${r.username}？`, `Disable ${r.username}?`)} description={t('停用后该用户立即退出，且不能再登录，直到重新启用。', 'They are signed out at once and cannot sign in until enabled again.')} okText={t('停用', 'Disable')} okButtonProps={{ danger: true }} cancelText={t('取消', 'Cancel')} onConfirm={() => act(r, 'disable')}>
                    <Button size="small" danger data-testid={`disable-${r.username}`}>{t('停用', 'Disable')}</Button>
                  </Popconfirm>}
                <Popconfirm title={t(`重置 ${r.username} 的密码？`, `Reset ${r.username}'s password?`)} description={t('将生成新的一次性密码（只显示一次），原密码作废，该用户须在下次登录时修改。', 'A new one-time password is made (shown once); the old one stops working and must be changed at the next sign-in.')} okText={t('重置', 'Reset')} cancelText={t('取消', 'Cancel')} onConfirm={() => act(r, 'reset-password')}>
                  <Button size="small" data-testid={`reset-${r.username}`}>{t('重置密码', 'Reset password')}</Button>
                </Popconfirm>
              </Space>
            )),
          },
        ]} />
      </Card>
    </Space>
  );
}

/** A new account: its role, then where it acts — a region picked by name, an enterprise's USCC, or a partner bank of the list and its region. */
function NewAccount({ account, onCreated, onError }: { account: Account; onCreated: (username: string, password: string) => void; onError: (e: ApiFailure) => void }) {
  const t = useT();
  const [form] = Form.useForm<NewAccountForm>();
  const role = Form.useWatch('role', form) ?? 'county-admin';
  const [banks, setBanks] = useState<readonly Bank[]>([]);
  useEffect(() => {
    if (account.role === 'province-admin') void api<BankList>('GET', '/api/banks').then((r) => setBanks(r.items), showFailure(onError));
  }, [account.role, onError]);
  const roles = (Object.keys(ROLE_NAMES) as Role[]).filter((r) => (account.role === 'province-admin' || (r !== 'province-admin' && r !== 'bank')) && !(account.role === 'county-admin' && r === 'city-admin'));
  const create = (v: NewAccountForm) => api<AccountIssued>('POST', '/api/accounts', v)
    .then((r) => { form.resetFields(['username', 'region', 'uscc', 'bank']); onCreated(r.account.username, r.oneTimePassword); }, showFailure(onError));
  const regionLabel = role === 'bank' ? t('服务地区', 'Region served') : t('地区', 'Region');
  return (
    <Card size="small" title={t('新建账户', 'New account')}>
      <Form form={form} layout="inline" name="new-account" initialValues={{ role: 'county-admin' }} onFinish={(v) => void create(v)}>
        <Form.Item label={t('用户名', 'Username')} name="username" rules={[{ required: true, message: t('请填写用户名', 'Give a username') }]}><Input data-testid="new-username" /></Form.Item>
        <Form.Item label={t('角色', 'Role')} name="role"><Select style={{ width: 150 }} options={roles.map((r) => ({ value: r, label: t(...ROLE_NAMES[r]) }))} data-testid="new-role" /></Form.Item>
        {role === 'bank' && (
          <Form.Item label={t('所属合作银行', 'Partner bank')} name="bank" rules={[{ required: true, message: t('请选择合作银行', 'Pick the bank') }]}
            extra={banks.length ? undefined : t('尚无合作银行：请先在 齐鲁电商贷 › 合作银行 中添加', 'No partner bank yet: add one under 齐鲁电商贷 first')}>
            <Select style={{ width: 220 }} options={banks.map((b) => ({ value: b.name, label: b.name }))} data-testid="new-bank" />
          </Form.Item>
        )}
        {role === 'enterprise'
          ? <Form.Item label={t('信用代码', 'USCC')} name="uscc" rules={[{ required: true, len: 18, message: t('统一社会信用代码为18位', 'A USCC has 18 characters') }]}><Input style={{ width: 200 }} data-testid="new-uscc" /></Form.Item>
          : <Form.Item label={regionLabel} name="region" rules={[{ required: true, message: t('请选择地区', 'Pick the region') }]}>
            <RegionPicker style={{ width: 220 }} levels={role === 'city-admin' ? 'city' : 'county'} province={role === 'province-admin' || role === 'auditor' || role === 'bank'} aria-label={regionLabel} data-testid="new-region" />
          </Form.Item>}
        <Form.Item><Button type="primary" htmlType="submit" data-testid="create-account">{t('创建', 'Create')}</Button></Form.Item>
      </Form>
    </Card>
  );
}
