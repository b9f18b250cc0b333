import { Alert, Button, Card, Form, Input, Typography, message } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { errorText } from '../../components/states';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { plain, useI18n } from '../../lib/i18n';
import { passwordProblem } from '../../../../src/domain/auth/password-policy';

export function PasswordPage() {
  const { t, L } = useI18n();
  const { me, loading, mustChangePassword, passwordChanged } = useAuth();
  const nav = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!loading && !me && !mustChangePassword) return <Navigate to="/login" replace />;
  const onFinish = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(L('密码已修改', 'Password changed'));
      await passwordChanged();
      nav('/home', { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa', padding: 16 }}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Typography.Title level={3}>{t('changePassword')}</Typography.Title>
        {mustChangePassword && <Alert type="warning" showIcon title={t('mustChangePassword')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish}>
          <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true }]}><Input.Password autoComplete="current-password" /></Form.Item>
          <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: L('请输入新密码', 'Enter a new password') }, { validator: (_, v) => { const p = v ? passwordProblem(v) : null; return p ? Promise.reject(new Error(plain(p))) : Promise.resolve(); } }]} extra={L('至少 10 个字符，含大写字母、小写字母、数字、符号中的至少三类', 'At least 10 characters from 3 of: upper case, lower case, digits, symbols')} hasFeedback><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item name="confirm" label={t('confirmPassword')} dependencies={['newPassword']} hasFeedback rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(L('两次输入不一致', 'The passwords differ')))) })]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('save')}</Button>
        </Form>
      </Card>
    </div>
  );
}
