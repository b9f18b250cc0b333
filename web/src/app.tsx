import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider, useAuth } from './lib/auth';
import { I18nProvider, useI18n } from './lib/i18n';
import { HallLayout } from './components/hall-layout';
import { HomeRedirect, StaffLayout } from './components/staff-layout';
import { Forbidden, NotFound } from './components/states';
import { LoginPage } from './features/auth/login-page';
import { PasswordPage } from './features/auth/password-page';
import { SessionsPage } from './features/auth/sessions-page';
import { MessagesPage } from './features/messages/messages-page';

const named = <T extends string>(load: () => Promise<Record<T, ComponentType>>, name: T) => lazy(() => load().then((m) => ({ default: m[name] })));

const CatalogPage = named(() => import('./features/hall/catalog-page'), 'CatalogPage');
const ItemPage = named(() => import('./features/hall/item-page'), 'ItemPage');
const ApplyPage = named(() => import('./features/hall/apply-page'), 'ApplyPage');
const ProgressPage = named(() => import('./features/hall/progress-page'), 'ProgressPage');
const ComplaintPage = named(() => import('./features/hall/complaint-page'), 'ComplaintPage');
const ReportPage = named(() => import('./features/hall/complaint-page'), 'ReportPage');
const RatePage = named(() => import('./features/hall/rate-page'), 'RatePage');
const LeaguePage = named(() => import('./features/hall/league-page'), 'LeaguePage');
const CasesPage = named(() => import('./features/workbench/cases-page'), 'CasesPage');
const RegisterPage = named(() => import('./features/workbench/register-page'), 'RegisterPage');
const CasePage = named(() => import('./features/workbench/case-page'), 'CasePage');
const DashboardPage = named(() => import('./features/supervision/dashboard-page'), 'DashboardPage');
const AlertsPage = named(() => import('./features/supervision/alerts-page'), 'AlertsPage');
const AlertPage = named(() => import('./features/supervision/alert-page'), 'AlertPage');
const OrdersPage = named(() => import('./features/supervision/orders-page'), 'OrdersPage');
const RatingsPage = named(() => import('./features/supervision/ratings-page'), 'RatingsPage');
const RatingTasksPage = named(() => import('./features/supervision/ratings-page'), 'RatingTasksPage');
const RatingTaskPage = named(() => import('./features/supervision/ratings-page'), 'RatingTaskPage');
const OrderPage = named(() => import('./features/supervision/order-page'), 'OrderPage');
const ComplaintsQueuePage = named(() => import('./features/supervision/complaints-page'), 'ComplaintsQueuePage');
const PatrolsPage = named(() => import('./features/supervision/patrols-page'), 'PatrolsPage');
const WindowsPage = named(() => import('./features/supervision/windows-page'), 'WindowsPage');
const WindowPage = named(() => import('./features/supervision/window-page'), 'WindowPage');
const DailyLogPage = named(() => import('./features/supervision/daily-log-page'), 'DailyLogPage');
const EvaluationPage = named(() => import('./features/supervision/evaluation-page'), 'EvaluationPage');
const ReportsPage = named(() => import('./features/supervision/reports-page'), 'ReportsPage');
const EvaluationAppealPage = named(() => import('./features/supervision/evaluation-appeal-page'), 'EvaluationAppealPage');
const RegionsPage = named(() => import('./features/admin/org-pages'), 'RegionsPage');
const DepartmentsPage = named(() => import('./features/admin/org-pages'), 'DepartmentsPage');
const UsersPage = named(() => import('./features/admin/users-page'), 'UsersPage');
const ApiKeysPage = named(() => import('./features/admin/api-keys-page'), 'ApiKeysPage');
const CatalogAdminPage = named(() => import('./features/admin/catalog-admin-page'), 'CatalogAdminPage');
const ItemAdminPage = named(() => import('./features/admin/item-admin-page'), 'ItemAdminPage');
const CalendarPage = named(() => import('./features/admin/calendar-page'), 'CalendarPage');
const RulesPage = named(() => import('./features/admin/rules-page'), 'RulesPage');
const AuditPage = named(() => import('./features/admin/audit-page'), 'AuditPage');
const ClockPage = named(() => import('./features/admin/clock-page'), 'ClockPage');
const AccountabilityPage = named(() => import('./features/documents/accountability-pages'), 'AccountabilityPage');
const AccountabilityEntryPage = named(() => import('./features/documents/accountability-pages'), 'AccountabilityEntryPage');
const SamplingPage = named(() => import('./features/supervision/sampling-pages'), 'SamplingPage');
const DrawPage = named(() => import('./features/supervision/sampling-pages'), 'DrawPage');
const SampledCasePage = named(() => import('./features/supervision/sampled-case-page'), 'SampledCasePage');
const SamplingLedgerPage = named(() => import('./features/supervision/sampling-ledger-page'), 'SamplingLedgerPage');
const NoticeTemplatesPage = named(() => import('./features/documents/templates-page'), 'NoticeTemplatesPage');
const ExportsPage = named(() => import('./features/exports/exports-page'), 'ExportsPage');
const ExportApprovalsPage = named(() => import('./features/exports/exports-page'), 'ExportApprovalsPage');

function Need({ perm, children }: { perm: string | string[]; children: ReactNode }) {
  const { can } = useAuth();
  const perms = Array.isArray(perm) ? perm : [perm];
  return perms.some(can) ? <>{children}</> : <Forbidden />;
}

function Routed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<div style={{ padding: 80, textAlign: 'center' }}><Spin /></div>}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/password" element={<PasswordPage />} />
                <Route path="/home" element={<HomeRedirect />} />
                <Route element={<HallLayout />}>
                  <Route index element={<CatalogPage />} />
                  <Route path="/hall" element={<Navigate to="/" replace />} />
                  <Route path="/hall/items/:code" element={<ItemPage />} />
                  <Route path="/hall/items/:code/apply" element={<ApplyPage />} />
                  <Route path="/hall/progress" element={<ProgressPage />} />
                  <Route path="/hall/complaints" element={<ComplaintPage />} />
                  <Route path="/hall/reports" element={<ReportPage />} />
                  <Route path="/hall/rate" element={<RatePage />} />
                  <Route path="/hall/league" element={<LeaguePage />} />
                </Route>
                <Route element={<StaffLayout />}>
                  <Route path="/account/sessions" element={<SessionsPage />} />
                  <Route path="/messages" element={<MessagesPage />} />
                  <Route path="/workbench" element={<Need perm="case.read"><CasesPage /></Need>} />
                  <Route path="/workbench/register" element={<Need perm="case.write"><RegisterPage /></Need>} />
                  <Route path="/workbench/cases/:id" element={<Need perm="case.read"><CasePage /></Need>} />
                  <Route path="/supervision" element={<Need perm={['supervision.read', 'stats.read']}><DashboardPage /></Need>} />
                  <Route path="/supervision/alerts" element={<Need perm="alert.read"><AlertsPage /></Need>} />
                  <Route path="/supervision/alerts/:id" element={<Need perm="alert.read"><AlertPage /></Need>} />
                  <Route path="/supervision/orders" element={<Need perm={['supervision.read', 'order.respond']}><OrdersPage /></Need>} />
                  <Route path="/supervision/orders/:id" element={<Need perm={['supervision.read', 'order.respond']}><OrderPage /></Need>} />
                  <Route path="/supervision/ratings" element={<Need perm="supervision.read"><RatingsPage /></Need>} />
                  <Route path="/workbench/bad-ratings" element={<Need perm={['order.respond', 'supervision.read']}><RatingTasksPage /></Need>} />
                  <Route path="/supervision/ratings/tasks/:id" element={<Need perm={['supervision.read', 'order.respond']}><RatingTaskPage /></Need>} />
                  <Route path="/supervision/complaints" element={<Need perm="complaint.handle"><ComplaintsQueuePage /></Need>} />
                  <Route path="/supervision/patrols" element={<Need perm={['patrol.record', 'supervision.read']}><PatrolsPage /></Need>} />
                  <Route path="/supervision/windows" element={<Need perm={['window.manage', 'patrol.record', 'supervision.read']}><WindowsPage /></Need>} />
                  <Route path="/supervision/windows/:id" element={<Need perm={['window.manage', 'patrol.record', 'supervision.read']}><WindowPage /></Need>} />
                  <Route path="/supervision/daily-log" element={<Need perm="supervision.read"><DailyLogPage /></Need>} />
                  <Route path="/supervision/evaluation" element={<Need perm={['evaluation.read', 'evaluation.scheme']}><EvaluationPage /></Need>} />
                  <Route path="/supervision/reports" element={<Need perm="evaluation.read"><ReportsPage /></Need>} />
                  <Route path="/supervision/evaluation/department" element={<Need perm="evaluation.appeal"><EvaluationAppealPage /></Need>} />
                  <Route path="/supervision/accountability" element={<Need perm={['supervision.read', 'order.respond']}><AccountabilityPage /></Need>} />
                  <Route path="/supervision/accountability/:id" element={<Need perm={['supervision.read', 'order.respond']}><AccountabilityEntryPage /></Need>} />
                  <Route path="/supervision/sampling" element={<Need perm="supervision.read"><SamplingPage /></Need>} />
                  <Route path="/supervision/sampling/ledger" element={<Need perm="supervision.read"><SamplingLedgerPage /></Need>} />
                  <Route path="/supervision/sampling/draws/:id" element={<Need perm="supervision.read"><DrawPage /></Need>} />
                  <Route path="/supervision/sampling/draws/:id/cases/:caseId" element={<Need perm="supervision.read"><SampledCasePage /></Need>} />
                  <Route path="/admin/notice-templates" element={<Need perm="org.manage"><NoticeTemplatesPage /></Need>} />
                  <Route path="/admin/regions" element={<Need perm="org.read"><RegionsPage /></Need>} />
                  <Route path="/admin/departments" element={<Need perm="org.read"><DepartmentsPage /></Need>} />
                  <Route path="/admin/users" element={<Need perm="user.read"><UsersPage /></Need>} />
                  <Route path="/admin/api-keys" element={<Need perm="apikey.manage"><ApiKeysPage /></Need>} />
                  <Route path="/admin/catalog" element={<Need perm={['catalog.draft', 'catalog.review', 'catalog.approve', 'catalog.import']}><CatalogAdminPage /></Need>} />
                  <Route path="/admin/catalog/:code" element={<Need perm={['catalog.read']}><ItemAdminPage /></Need>} />
                  <Route path="/admin/calendar" element={<Need perm="calendar.manage"><CalendarPage /></Need>} />
                  <Route path="/admin/rules" element={<Need perm="supervision.rules"><RulesPage /></Need>} />
                  <Route path="/admin/audit" element={<Need perm="audit.read"><AuditPage /></Need>} />
                  <Route path="/admin/clock" element={<Need perm="clock.set"><ClockPage /></Need>} />
                  <Route path="/exports" element={<ExportsPage />} />
                  <Route path="/exports/approvals" element={<Need perm="export.approve"><ExportApprovalsPage /></Need>} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * Colours with a contrast of at least 4.5:1 on white (WCAG 2.1 AA 1.4.3): Ant Design's default secondary text,
 * placeholders and links are lighter than that.
 */
const THEME = {
  token: {
    colorPrimary: '#c62828', borderRadius: 6, colorLink: '#0958d9', colorTextSecondary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)', colorTextTertiary: 'rgba(0, 0, 0, 0.56)',
  },
};

export function App() {
  return <I18nProvider><Routed /></I18nProvider>;
}
