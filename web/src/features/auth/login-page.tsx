import { Alert, Button, Card, Collapse, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../components/states';
import { LangSwitch } from '../../components/lang-switch';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';

/** The demo data set's accounts (src/services/demo): one per role. */
const DEMO: [string, string, string][] = [
  ['tc_stj_jb', '通川区生态环境局 经办人', 'handler, 通川区 environment bureau'],
  ['tc_stj_gly', '通川区生态环境局 部门管理员', 'department administrator'],
  ['tc_fzsh', '通川区 法制审核员', 'legal reviewer, 通川区'],
  ['tc_ld', '通川区 分管领导（审批）', 'leader (approves), 通川区'],
  ['dz_jc', '达州市 监察员', 'supervisor, 达州市'],
  ['sc_jc', '四川省 监察员', 'supervisor, 四川省'],
  ['dz_gly', '达州市 地区管理员', 'region administrator, 达州市'],
  ['sec_admin', '安全管理员', 'security administrator'],
  ['audit_admin', '审计管理员', 'audit administrator'],
];

export function LoginPage() {
  const { t, L } = useI18n();
  const { login } = useAuth();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);
  useEffect(() => { api.get<{ demo: boolean }>('/api/system/info').then((x) => setDemo(x.demo), () => setDemo(false)); }, []);
  const [form] = Form.useForm();
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
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: L('请输入用户名', 'Enter your username') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: L('请输入密码', 'Enter your password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login')}</Button>
        </Form>
        {demo && <Collapse ghost size="small" style={{ marginTop: 12 }} items={[{ key: 'demo', label: L('演示账号（以 --demo 启动时可用）', 'Demo accounts (when started with --demo)'), children: (
          <div style={{ fontSize: 12 }}>
            <div>{L('密码均为', 'Password for all')}：<Typography.Text code copyable>Demo-Passw0rd!</Typography.Text></div>
            {DEMO.map(([u, zh, en]) => <div key={u}><a onClick={() => { form.setFieldsValue({ username: u, password: 'Demo-Passw0rd!' }); }}>{u}</a> — {L(zh, en)}</div>)}
            <div style={{ color: '#8c8c8c', marginTop: 4 }}>{L('系统管理员 admin 的密码在首次启动时打印或由 XINGQUAN_ADMIN_PASSWORD 设定。', 'The admin password is printed at first start or set by XINGQUAN_ADMIN_PASSWORD.')}</div>
          </div>
        ) }]} />}
        <div style={{ marginTop: 16, textAlign: 'center' }}><Link to="/">{L('← 进入电子政务大厅（公众无需登录）', '← Public hall (no sign-in needed)')}</Link></div>
      </Card>
    </div>
  );
}
