import { Alert, Button, Card, Collapse, Form, Input, Modal, Typography } from 'antd';
import { PageTitle } from '../../components/page-title';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../components/states';
import { LangSwitch } from '../../components/lang-switch';
import { api, ApiError } from '../../lib/api';
import { CaptchaField, TotpField } from './second-factor';
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
  // §6: asked for a second factor (with an enrolment URL the first time); a captcha after failures
  const [mfa, setMfa] = useState<{ enrol: string | null } | null>(null);
  const [captchaOn, setCaptchaOn] = useState(false);
  const [captchaId, setCaptchaId] = useState<string | null>(null);
  const [captchaKey, setCaptchaKey] = useState(0);
  const onFinish = async (v: { username: string; password: string; totp?: string; captcha?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(v.username.trim(), v.password, {
        ...(mfa && v.totp ? { totp: v.totp.trim() } : {}),
        ...(captchaOn && captchaId ? { captchaId, captcha: v.captcha?.trim() } : {}),
      });
      const next = r.mustChangePassword ? '/password' : params.get('next') || '/home';
      if (r.recoveryCodes?.length) {
        Modal.info({
          title: L('请保存恢复码（只显示这一次）', 'Save your recovery codes (shown only once)'),
          width: 460,
          content: (
            <div data-testid="recovery-codes">
              <p>{L('身份验证器丢失时，每个恢复码可代替动态口令登录一次。请抄写或打印后妥善保管。', 'If you lose your authenticator, each code signs you in once instead of the one-time code. Keep them safe.')}</p>
              <Typography.Paragraph copyable={{ text: r.recoveryCodes.join('\n') }} style={{ fontFamily: 'monospace' }}>{r.recoveryCodes.map((c) => <div key={c}>{c}</div>)}</Typography.Paragraph>
            </div>
          ),
          okText: L('我已保存', 'I have saved them'),
          onOk: () => nav(next, { replace: true }),
        });
        return;
      }
      nav(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'MFA_REQUIRED') {
        setMfa({ enrol: ((e.details as { enrol?: string } | undefined)?.enrol) ?? null });
      } else {
        setError(errorText(e));
        if (mfa) form.setFieldValue('totp', '');
      }
      const d = e instanceof ApiError ? (e.details as { captchaRequired?: boolean } | undefined) : undefined;
      if (d?.captchaRequired || (e instanceof ApiError && e.code === 'CAPTCHA_REQUIRED')) {
        setCaptchaOn(true);
        setCaptchaKey((k) => k + 1); // a captcha is good for one try: a new picture
        form.setFieldValue('captcha', '');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg,#b71c1c 0%,#7f0000 100%)', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <PageTitle size={24} style={{ margin: 0 }}>{t('appName')}</PageTitle>
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
          {mfa && <TotpField enrol={mfa.enrol} />}
          {captchaOn && <CaptchaField key={captchaKey} purpose="login" onId={setCaptchaId} />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login')}</Button>
        </Form>
        {demo && <Collapse ghost size="small" style={{ marginTop: 12 }} items={[{ key: 'demo', label: L('演示账号（以 --demo 启动时可用）', 'Demo accounts (when started with --demo)'), children: (
          <div style={{ fontSize: 12 }}>
            <div>{L('密码均为', 'Password for all')}：<Typography.Text code copyable>Demo-Passw0rd!</Typography.Text></div>
            <div>{L('监察员、地区管理员、安全和审计管理员须动态口令，演示密钥', 'Supervisors, region, security and audit administrators need a one-time code; demo key')}：<Typography.Text code copyable>DEMOXINGQUANTOTPDEMOXINGQUANTOTP</Typography.Text></div>
            {DEMO.map(([u, zh, en]) => <div key={u}><a onClick={() => { form.setFieldsValue({ username: u, password: 'Demo-Passw0rd!' }); }}>{u}</a> — {L(zh, en)}</div>)}
            <div style={{ color: '#8c8c8c', marginTop: 4 }}>{L('系统管理员 admin 的密码在首次启动时打印或由 XINGQUAN_ADMIN_PASSWORD 设定。', 'The admin password is printed at first start or set by XINGQUAN_ADMIN_PASSWORD.')}</div>
          </div>
        ) }]} />}
        <div style={{ marginTop: 16, textAlign: 'center' }}><Link to="/">{L('← 进入电子政务大厅（公众无需登录）', '← Public hall (no sign-in needed)')}</Link></div>
      </Card>
    </div>
  );
}
