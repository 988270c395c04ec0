/**
 * 账户: the accounts acting inside one's jurisdiction, and a new one — its one-time password is
 * shown once, to hand over; the new user must change it at first sign-in.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { allPages, api, ApiFailure, showFailure, type Account, type Role } from '../api';
import { useT } from '../i18n';
import { ROLE_NAMES } from '../routes';
import { by, code, inOrder, text } from '../table';
import { Failure } from './Failure';

type Row = Account & { id: string };

export function Accounts({ account }: { account: Account }) {
  const t = useT();
  const [rows, setRows] = useState<Row[]>();
  const [created, setCreated] = useState<{ username: string; password: string }>();
  const [error, setError] = useState<ApiFailure>();
  const [role, setRole] = useState<Role>('county-admin');
  // the API pages accounts but does not sort them: a jurisdiction's accounts are held whole, to sort them all
  const load = () => allPages<Row>('/api/accounts').then(setRows, showFailure(setError));
  useEffect(() => void load(), []);

  const create = async (v: { username: string; role: Role; region?: string; uscc?: string }) => {
    setError(undefined);
    setCreated(undefined);
    await api<{ account: Account; oneTimePassword: string }>('POST', '/api/accounts', v)
      .then((r) => { setCreated({ username: r.account.username, password: r.oneTimePassword }); void load(); }, showFailure(setError));
  };
  const roles = (Object.keys(ROLE_NAMES) as Role[]).filter((r) => account.role === 'province-admin' || r !== 'province-admin');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {account.role.endsWith('-admin') && (
        <Card size="small" title={t('新建账户', 'New account')}>
          <Form layout="inline" initialValues={{ role }} onFinish={(v) => void create(v)}>
            <Form.Item label={t('用户名', 'Username')} name="username" rules={[{ required: true }]}><Input data-testid="new-username" /></Form.Item>
            <Form.Item label={t('角色', 'Role')} name="role"><Select style={{ width: 150 }} onChange={setRole} options={roles.map((r) => ({ value: r, label: t(...ROLE_NAMES[r]) }))} data-testid="new-role" /></Form.Item>
            {role === 'enterprise'
              ? <Form.Item label={t('信用代码', 'USCC')} name="uscc" rules={[{ required: true, len: 18 }]}><Input style={{ width: 200 }} /></Form.Item>
              : <Form.Item label={t('地区代码', 'Region code')} name="region" rules={[{ required: true, pattern: /^\d{6}$/ }]}><Input style={{ width: 110 }} placeholder="370811" data-testid="new-region" /></Form.Item>}
            <Form.Item><Button type="primary" htmlType="submit" data-testid="create-account">{t('创建', 'Create')}</Button></Form.Item>
          </Form>
          {created && (
            <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="one-time-password" message={t(`已创建 ${created.username}。一次性密码（只显示这一次，请当面交给本人）：`, `Created ${created.username}. One-time password (shown once; hand it over in person):`)}
              description={<Typography.Text code copyable>{created.password}</Typography.Text>} />
          )}
        </Card>
      )}
      {error && <Failure error={error} />}
      <Card size="small" title={t('本辖区账户', 'Accounts in your jurisdiction')}>
        <Table<Row> rowKey="id" size="small" loading={!rows} dataSource={rows ?? []} pagination={{ pageSize: 20 }} data-testid="accounts" columns={[
          { title: t('用户名', 'Username'), dataIndex: 'username', sorter: by((a) => a.username, text) },
          { title: t('角色', 'Role'), dataIndex: 'role', sorter: by((a) => a.role, inOrder(Object.keys(ROLE_NAMES))), render: (r: Role) => t(...ROLE_NAMES[r]) },
          { title: t('地区', 'Region'), dataIndex: 'region', sorter: by((a) => a.region, code) },
          { title: t('信用代码', 'USCC'), dataIndex: 'uscc', sorter: by((a) => a.uscc, code) },
          { title: t('状态', 'State'), dataIndex: 'mustChangePassword', sorter: by((a) => a.mustChangePassword, inOrder([true, false])), render: (m: boolean) => (m ? t('待首次登录', 'Not signed in yet') : t('正常', 'Active')) },
        ]} />
      </Card>
    </Space>
  );
}
