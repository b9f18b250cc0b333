import { Button, ConfigProvider, Layout, Menu, Grid, Drawer } from 'antd';
import { MenuOutlined, LoginOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { ClockBanner } from './clock-banner';
import { LangSwitch } from './lang-switch';

/** The public hall (电子政务大厅): no login, works on a phone. */
export function HallLayout() {
  const { t } = useI18n();
  const { me } = useAuth();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const entries = [
    { key: '/', label: t('catalog') },
    { key: '/hall/progress', label: t('progress') },
    { key: '/hall/complaints', label: t('complaint') },
    { key: '/hall/reports', label: t('report') },
    { key: '/hall/rate', label: t('rating') },
    { key: '/hall/league', label: t('league') },
  ];
  const selected = entries.filter((e) => e.key === '/' ? loc.pathname === '/' || loc.pathname.startsWith('/hall/items') : loc.pathname.startsWith(e.key)).map((e) => e.key);
  const items = entries.map((e) => ({ key: e.key, label: <Link to={e.key} onClick={() => setOpen(false)}>{e.label}</Link> }));
  const narrow = !screens.md;
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <ClockBanner />
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: narrow ? '0 12px' : '0 32px', background: '#b71c1c' }}>
        <Link to="/" style={{ color: '#fff', fontSize: narrow ? 17 : 20, fontWeight: 700, whiteSpace: 'nowrap' }}>{t('hall')}</Link>
        {/* white on the red header: contrast above 4.5:1 (WCAG 2.1 AA 1.4.3) */}
        {!narrow && <ConfigProvider theme={{ components: { Menu: { darkItemColor: '#ffffff', darkItemHoverColor: '#ffffff', darkItemSelectedColor: '#ffffff', darkItemSelectedBg: '#7f0000', darkItemBg: 'transparent' } } }}>
          <Menu mode="horizontal" theme="dark" items={items} selectedKeys={selected} style={{ flex: 1, background: 'transparent', minWidth: 0 }} aria-label={t('hall')} />
        </ConfigProvider>}
        <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center' }}>
          <LangSwitch light />
          <Link to={me ? '/home' : '/login'}><Button type="text" style={{ color: '#fff' }} icon={me ? <UserOutlined /> : <LoginOutlined />}>{narrow ? null : me ? me.name : t('login')}</Button></Link>
          {narrow && <Button type="text" style={{ color: '#fff' }} icon={<MenuOutlined />} onClick={() => setOpen(true)} aria-label={t('menu')} data-testid="hall-menu" />}
        </div>
      </Layout.Header>
      <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={240} title={t('hall')}>
        <Menu mode="vertical" items={items} selectedKeys={selected} style={{ border: 0 }} />
      </Drawer>
      <Layout.Content style={{ padding: narrow ? 10 : '24px 32px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#595959', fontSize: 12 }}>
        {t('appName')} · {t('hall')}
      </Layout.Footer>
    </Layout>
  );
}
