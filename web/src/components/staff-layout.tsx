import { Button, Dropdown, Layout, Menu, Space, Tag, Typography, Grid } from 'antd';
import {
  AuditOutlined, BankOutlined, CalendarOutlined, ClockCircleOutlined, DashboardOutlined, FileAddOutlined, FileSearchOutlined,
  KeyOutlined, LogoutOutlined, SafetyOutlined, NotificationOutlined, ProfileOutlined, ReadOutlined, SettingOutlined, TeamOutlined,
  UnorderedListOutlined, DownloadOutlined, UserOutlined, AlertOutlined, ApartmentOutlined, GlobalOutlined, SolutionOutlined, HomeOutlined, CommentOutlined, TrophyOutlined, LikeOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import type { DictKey } from '../lib/dict';
import { ClockBanner, useClock } from './clock-banner';
import { LangSwitch } from './lang-switch';
import { MessageBell } from '../features/messages/message-bell';
import { ROLE_LABELS } from '../lib/dict';
import { Spin } from 'antd';

interface MenuEntry { path: string; key: DictKey; icon: ReactNode; show: (can: (p: string) => boolean, extra: { simulated: boolean; national: boolean }) => boolean }
interface MenuGroup { key: DictKey; icon: ReactNode; entries: MenuEntry[] }

/** Menus are driven by the permissions GET /api/auth/me returns. */
export const MENU: MenuGroup[] = [
  { key: 'workbench', icon: <SolutionOutlined />, entries: [
    { path: '/workbench', key: 'myCases', icon: <UnorderedListOutlined />, show: (c) => c('case.read') },
    { path: '/workbench/register', key: 'registerCase', icon: <FileAddOutlined />, show: (c) => c('case.write') },
    { path: '/workbench/bad-ratings', key: 'badRatingTasks', icon: <LikeOutlined />, show: (c) => c('order.respond') },
  ] },
  { key: 'supervision', icon: <AlertOutlined />, entries: [
    { path: '/supervision', key: 'dashboard', icon: <DashboardOutlined />, show: (c) => c('supervision.read') || c('stats.read') },
    { path: '/supervision/alerts', key: 'alerts', icon: <NotificationOutlined />, show: (c) => c('alert.read') },
    { path: '/supervision/orders', key: 'orders', icon: <ProfileOutlined />, show: (c) => c('supervision.read') || c('order.respond') },
    { path: '/supervision/ratings', key: 'ratings', icon: <LikeOutlined />, show: (c) => c('supervision.read') },
    { path: '/supervision/complaints', key: 'complaints', icon: <CommentOutlined />, show: (c) => c('complaint.handle') },
    { path: '/supervision/patrols', key: 'patrols', icon: <FileSearchOutlined />, show: (c) => c('patrol.record') || c('supervision.read') },
    { path: '/supervision/windows', key: 'windows', icon: <VideoCameraOutlined />, show: (c) => c('window.manage') || c('patrol.record') || c('supervision.read') },
    { path: '/supervision/daily-log', key: 'dailyLog', icon: <ReadOutlined />, show: (c) => c('supervision.read') },
    // 川办发〔2014〕2号 电子监察办法 第十一条(三)(四): 抽查与回访; 达州意见 四(三): 季度检查台账
    { path: '/supervision/sampling', key: 'sampling', icon: <FileSearchOutlined />, show: (c) => c('supervision.read') },
    { path: '/supervision/sampling/ledger', key: 'samplingLedger', icon: <ReadOutlined />, show: (c) => c('supervision.read') },
    { path: '/supervision/accountability', key: 'accountability', icon: <ProfileOutlined />, show: (c) => c('supervision.read') || c('order.respond') },
    { path: '/supervision/evaluation', key: 'evaluation', icon: <TrophyOutlined />, show: (c) => c('evaluation.read') || c('evaluation.scheme') },
    { path: '/supervision/reports', key: 'reports', icon: <ReadOutlined />, show: (c) => c('evaluation.read') },
    { path: '/supervision/evaluation/department', key: 'evaluationAppeal', icon: <TrophyOutlined />, show: (c) => c('evaluation.appeal') },
  ] },
  { key: 'admin', icon: <SettingOutlined />, entries: [
    { path: '/admin/regions', key: 'regions', icon: <GlobalOutlined />, show: (c) => c('org.manage') || c('org.read') && c('user.read') },
    { path: '/admin/departments', key: 'departments', icon: <ApartmentOutlined />, show: (c) => c('org.manage') || c('org.read') && c('user.read') },
    { path: '/admin/users', key: 'users', icon: <TeamOutlined />, show: (c) => c('user.read') },
    { path: '/admin/api-keys', key: 'apiKeys', icon: <KeyOutlined />, show: (c) => c('apikey.manage') },
    { path: '/admin/catalog', key: 'catalogAdmin', icon: <BankOutlined />, show: (c) => c('catalog.draft') || c('catalog.review') || c('catalog.approve') || c('catalog.import') },
    { path: '/admin/calendar', key: 'calendar', icon: <CalendarOutlined />, show: (c, x) => c('calendar.manage') && x.national }, // the national calendar: a grant over every region (a region's own calendar is kept through the API)
    { path: '/admin/notice-templates', key: 'noticeTemplates', icon: <FileSearchOutlined />, show: (c) => c('org.manage') },
    { path: '/admin/rules', key: 'rules', icon: <SettingOutlined />, show: (c) => c('supervision.rules') },
    { path: '/admin/audit', key: 'audit', icon: <AuditOutlined />, show: (c) => c('audit.read') },
    { path: '/admin/clock', key: 'clock', icon: <ClockCircleOutlined />, show: (c, x) => x.simulated && c('clock.set') },
  ] },
  // 川办发〔2014〕2号 电子监察办法 第十五条: exports are requested, approved by a leader, registered
  { key: 'exportsMenu', icon: <DownloadOutlined />, entries: [
    { path: '/exports', key: 'exportRequests', icon: <DownloadOutlined />, show: () => true },
    { path: '/exports/approvals', key: 'exportApprovals', icon: <AuditOutlined />, show: (c) => c('export.approve') },
  ] },
];

export function visibleMenu(can: (p: string) => boolean, simulated: boolean, national = true) {
  return MENU.map((g) => ({ ...g, entries: g.entries.filter((e) => e.show(can, { simulated, national })) })).filter((g) => g.entries.length);
}

/** The layout of the signed-in areas (workbench, supervision, administration). */
export function StaffLayout() {
  const { me, loading, mustChangePassword, logout, can } = useAuth();
  const { t, L, label } = useI18n();
  const clock = useClock();
  const loc = useLocation();
  const nav = useNavigate();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  if (loading) return <div style={{ padding: 80, textAlign: 'center' }}><Spin /></div>;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (mustChangePassword) return <Navigate to="/password" replace />;
  const groups = visibleMenu(can, !!clock?.simulated, me.grants.some((g) => !g.regionCode));
  const items = groups.map((g) => ({
    key: g.key, icon: g.icon, label: t(g.key),
    children: g.entries.map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{t(e.key)}</Link> })),
  }));
  const all = groups.flatMap((g) => g.entries.map((e) => e.path));
  const selected = all.filter((p) => loc.pathname === p || loc.pathname.startsWith(p + '/')).sort((a, b) => b.length - a.length)[0];
  const roles = [...new Set(me.grants.map((g) => label(ROLE_LABELS, g.role)))].join('、');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" collapsedWidth={screens.md ? 64 : 0} width={220} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 700, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <Link to="/" style={{ color: '#fff' }}>{collapsed ? '行' : t('appName')}</Link>
        </div>
        <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected] : []} defaultOpenKeys={groups.map((g) => g.key)} />
      </Layout.Sider>
      <Layout>
        <ClockBanner />
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Space>
            <Button type="text" icon={<HomeOutlined />} onClick={() => nav('/')}>{t('hall')}</Button>
          </Space>
          <Space>
            <MessageBell />
            <LangSwitch />
            <Dropdown menu={{ items: [
              { key: 'pw', icon: <KeyOutlined />, label: t('changePassword'), onClick: () => nav('/password') },
              { key: 'sessions', icon: <SafetyOutlined />, label: L('我的会话', 'My sessions'), onClick: () => nav('/account/sessions') },
              { key: 'out', icon: <LogoutOutlined />, label: t('logout'), onClick: async () => { await logout(); nav('/login'); } },
            ] }}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me.name} {screens.md && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{me.department?.name ?? me.region?.name ?? ''} {roles && <Tag>{roles}</Tag>}</Typography.Text>}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <div style={{ background: '#fff', padding: 20, borderRadius: 8, minHeight: 360 }}>
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Where a signed-in user lands: the first menu entry they may open. */
export function HomeRedirect() {
  const { me, can, loading } = useAuth();
  const clock = useClock();
  if (loading) return <Spin />;
  if (!me) return <Navigate to="/login" replace />;
  // each role lands where its work is: handlers on the workbench, supervisors on the console
  const first = can('case.write') ? '/workbench' : can('supervision.read') ? '/supervision' : visibleMenu(can, !!clock?.simulated)[0]?.entries[0]?.path;
  return <Navigate to={first ?? '/password'} replace />;
}
