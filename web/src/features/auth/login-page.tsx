import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../components/states';
import { LangSwitch } from '../../components/lang-switch';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';

export function LoginPage() {
  const { t, L } = useI18n();
  const { login } = useAuth();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(v.username.trim(), v.password);
      nav(r.mustChangePassword ? '/password' : params.get('next') || '/home', { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg,#b71c1c 0%,#7f0000 100%)', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('appName')}</Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary">{L('工作人员登录（经办、监察、管理）', 'Staff sign-in (workbench, supervision, administration)')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: L('请输入用户名', 'Enter your username') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: L('请输入密码', 'Enter your password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login')}</Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}><Link to="/">{L('← 进入电子政务大厅（公众无需登录）', '← Public hall (no sign-in needed)')}</Link></div>
      </Card>
    </div>
  );
}
