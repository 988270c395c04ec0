/** 登录, and the password change a first sign-in requires. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { api, ApiFailure, setCsrf, showFailure, type Account } from '../api';
import { useT } from '../i18n';
import { Failure } from './Failure';
import { PUBLIC_NOTICES } from '../routes';

export function SignIn({ account, onDone }: { account: Account | null; onDone: () => Promise<void> }) {
  const t = useT();
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    await f().then(onDone, showFailure(setError)).finally(() => setBusy(false));
  };

  if (account?.mustChangePassword) {
    return (
      <Card title={t('首次登录：请修改密码', 'First sign-in: change your password')} style={{ maxWidth: 420, margin: '64px auto' }}>
        <Alert type="info" showIcon message={t('一次性密码只能用于首次登录。新密码至少 12 位，且不能容易被猜中（如 password1234、键盘序列、重复字符）：几个互不相关的词组成的短语最好。', 'The one-time password works once. The new one needs at least 12 characters and must not be easy to guess (password1234, keyboard rows, repeats): a phrase of a few unrelated words is best.')} style={{ marginBottom: 16 }} />
        <Form layout="vertical" onFinish={(v: { oldPassword: string; newPassword: string }) => submit(() => api('POST', '/api/session/password', v))}>
          <Form.Item label={t('一次性密码', 'One-time password')} name="oldPassword" rules={[{ required: true }]}><Input.Password autoComplete="current-password" /></Form.Item>
          <Form.Item label={t('新密码', 'New password')} name="newPassword" rules={[{ required: true, min: 12 }]}><Input.Password autoComplete="new-password" /></Form.Item>
          {error && <Failure error={error} />}
          <Button type="primary" htmlType="submit" loading={busy} block>{t('修改密码', 'Change password')}</Button>
        </Form>
      </Card>
    );
  }
  return (
    <Card title={t('登录', 'Sign in')} style={{ maxWidth: 420, margin: '64px auto' }}>
      <Form layout="vertical" onFinish={(v: { username: string; password: string }) => submit(async () => {
        const r = await api<{ csrf: string }>('POST', '/api/session', v);
        setCsrf(r.csrf);
      })}>
        <Form.Item label={t('用户名', 'Username')} name="username" rules={[{ required: true }]}><Input autoComplete="username" /></Form.Item>
        <Form.Item label={t('密码', 'Password')} name="password" rules={[{ required: true }]}><Input.Password autoComplete="current-password" /></Form.Item>
        {error && <Failure error={error} />}
        <Button type="primary" htmlType="submit" loading={busy} block>{t('登录', 'Sign in')}</Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}><a href={PUBLIC_NOTICES} data-testid="public-notices-link">{t('查看公示公告（无需登录）', 'Public notices (no sign-in needed)')}</a></div>
    </Card>
  );
}
