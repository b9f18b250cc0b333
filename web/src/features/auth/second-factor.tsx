import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';

/** 动态口令 (TOTP) field; with `enrol` (an otpauth:// URL) it first shows the QR code to scan. */
export function TotpField({ enrol }: { enrol: string | null }) {
  const { L } = useI18n();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    setQr(null);
    if (enrol) QRCode.toDataURL(enrol, { margin: 1, width: 200 }).then(setQr, () => setQr(null));
  }, [enrol]);
  const secret = enrol ? new URL(enrol).searchParams.get('secret') : null;
  return (
    <>
      {enrol && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={L('首次登录：请绑定身份验证器', 'First sign-in: set up your authenticator')} description={
          <div data-testid="totp-enrol">
            <div>{L('用身份验证器（如 FreeOTP、Google Authenticator、微信小程序“腾讯身份验证器”）扫描二维码，然后输入显示的 6 位数字。', 'Scan the code with an authenticator app, then enter the 6 digits it shows.')}</div>
            {qr && <img src={qr} alt={L('动态口令绑定二维码', 'authenticator QR code')} width={200} height={200} style={{ display: 'block', margin: '8px auto' }} />}
            {secret && <div style={{ fontSize: 12 }}>{L('无法扫码时手工输入密钥：', 'Or type the key: ')}<Typography.Text code copyable>{secret}</Typography.Text></div>}
          </div>
        } />
      )}
      <Form.Item name="totp" label={L('动态口令', 'One-time code')} rules={[{ required: true, pattern: /^\d{6}$/, message: L('请输入 6 位数字动态口令', 'Enter the 6-digit code') }]}>
        <Input prefix={<SafetyOutlined />} id="totp" inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
      </Form.Item>
    </>
  );
}

/** 图形验证码: the picture (an SVG from the server, shown as an image) and its answer field. */
export function CaptchaField({ purpose, onId }: { purpose: 'login' | 'public'; onId: (id: string | null) => void }) {
  const { L } = useI18n();
  const [img, setImg] = useState<string | null>(null);
  const load = async () => {
    try {
      const c = await api.get<{ captchaId: string; svg: string }>('/api/public/captcha', { for: purpose });
      setImg(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`);
      onId(c.captchaId);
    } catch {
      setImg(null);
      onId(null);
    }
  };
  useEffect(() => { void load(); }, [purpose]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Form.Item label={L('图形验证码', 'Captcha')} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="captcha" noStyle rules={[{ required: true, message: L('请输入图中字符', 'Enter the characters shown') }]}>
          <Input id="captcha" maxLength={8} autoComplete="off" style={{ width: 140 }} />
        </Form.Item>
        {img && <img src={img} alt={L('图形验证码', 'captcha')} height={32} data-testid="captcha-image" style={{ border: '1px solid #d9d9d9' }} />}
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={L('换一张', 'New picture')} />
      </Space.Compact>
    </Form.Item>
  );
}
