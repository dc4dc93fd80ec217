import { lazy, Suspense, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './i18n/index.tsx';
import { useSession } from './features/auth/session.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage.tsx';
import { MainLayout } from './layout/MainLayout.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { ComingSoon } from './features/placeholder/ComingSoon.tsx';
import { RequirePermission } from './layout/RequirePermission.tsx';
import { CasesPage } from './features/cases/CasesPage.tsx';
import { IntakePage } from './features/cases/IntakePage.tsx';
import { CaseDetailPage } from './features/cases/CaseDetailPage.tsx';
import { RULES_READERS } from './layout/menu.tsx';

// Pages beyond the first screen load on demand, so the login page stays small.
const UnitsPage = lazy(() => import('./features/admin/units/UnitsPage.tsx'));
const UsersPage = lazy(() => import('./features/admin/users/UsersPage.tsx'));
const TokensPage = lazy(() => import('./features/admin/tokens/TokensPage.tsx'));
const AuditPage = lazy(() => import('./features/admin/audit/AuditPage.tsx'));
const ResidentsPage = lazy(() => import('./features/residents/ResidentsPage.tsx'));
const IndicatorsPage = lazy(() => import('./features/indicators/IndicatorsPage.tsx'));
const RulesPage = lazy(() => import('./features/rules/RulesPage.tsx'));
const BoardPage = lazy(() => import('./features/warnings/BoardPage.tsx'));
const WarningDetailPage = lazy(() => import('./features/warnings/DetailPage.tsx'));
const InboxPage = lazy(() => import('./features/station/InboxPage.tsx'));
const FollowupsPage = lazy(() => import('./features/station/FollowupsPage.tsx'));

const Loading = () => <Spin style={{ display: 'block', margin: '80px auto' }} />;

export function Shell() {
  const { lang } = useI18n();
  const locale = useMemo(() => (lang === 'en-US' ? enUS : zhCN), [lang]);
  return (
    <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 6 } }}>
      <AntApp style={{ height: '100%' }}>
        <Routes>
          <Route path="/login" element={<LoginRoute />} />
          <Route path="/*" element={<Protected />} />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}

function LoginRoute() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;
  return <LoginPage />;
}

function Protected() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword) return <ChangePasswordPage />;
  return (
    <MainLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="warnings" element={<RequirePermission perm="warnings:read"><BoardPage /></RequirePermission>} />
          <Route path="warnings/inbox" element={<RequirePermission perm="warnings:write"><InboxPage /></RequirePermission>} />
          <Route path="warnings/followups" element={<RequirePermission perm="warnings:read"><FollowupsPage /></RequirePermission>} />
          <Route path="warnings/:id" element={<RequirePermission perm="warnings:read"><WarningDetailPage /></RequirePermission>} />
          <Route path="cases" element={<RequirePermission perm="cases:read"><CasesPage /></RequirePermission>} />
          <Route path="cases/new" element={<RequirePermission perm="cases:write"><IntakePage /></RequirePermission>} />
          <Route path="cases/:id" element={<RequirePermission perm="cases:read"><CaseDetailPage /></RequirePermission>} />
          <Route path="funds" element={<ComingSoon module="funds" />} />
          <Route path="analysis" element={<ComingSoon module="analysis" />} />
          <Route path="analysis/indicators" element={<RequirePermission perm="indicators:read"><IndicatorsPage /></RequirePermission>} />
          <Route path="analysis/rules" element={<RequirePermission perm={RULES_READERS}><RulesPage /></RequirePermission>} />
          <Route path="prevention" element={<ComingSoon module="prevention" />} />
          <Route path="prevention/residents" element={<RequirePermission perm="residents:read"><ResidentsPage /></RequirePermission>} />
          <Route path="two-cards" element={<ComingSoon module="twoCards" />} />
          <Route path="statistics" element={<ComingSoon module="statistics" />} />
          <Route path="admin/units" element={<RequirePermission perm="units:read"><UnitsPage /></RequirePermission>} />
          <Route path="admin/users" element={<RequirePermission perm="users:read"><UsersPage /></RequirePermission>} />
          <Route path="admin/tokens" element={<RequirePermission perm="tokens:write"><TokensPage /></RequirePermission>} />
          <Route path="admin/audit" element={<RequirePermission perm="audit:read"><AuditPage /></RequirePermission>} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </MainLayout>
  );
}
