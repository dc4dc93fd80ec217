import React, { lazy, Suspense, useMemo } from 'react';
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
import { GraphPage } from './features/graph/GraphPage.tsx';
import { RequirePermission } from './layout/RequirePermission.tsx';
import { CasesPage } from './features/cases/CasesPage.tsx';
import { IntakePage } from './features/cases/IntakePage.tsx';
import { CaseDetailPage } from './features/cases/CaseDetailPage.tsx';
import { DOOR_VISITORS, firstChildPath, RULES_READERS } from './layout/menu.tsx';
import { QueryErrorToasts } from './api/query.tsx';

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
const OrdersPage = lazy(() => import('./features/orders/OrdersPage.tsx'));
const BankInboxPage = lazy(() => import('./features/orders/BankInboxPage.tsx'));
const CardsPage = lazy(() => import('./features/cards/CardsPage.tsx'));
const RiskGroupsPage = lazy(() => import('./features/prevention/RiskGroupsPage.tsx'));
const DoorPage = lazy(() => import('./features/prevention/DoorPage.tsx'));
const TalksPage = lazy(() => import('./features/prevention/TalksPage.tsx'));
const ReturnsBoardPage = lazy(() => import('./features/returns/BoardPage.tsx'));
const KnowledgePage = lazy(() => import('./features/knowledge/KnowledgePage.tsx'));
const KnowledgeEntryPage = lazy(() => import('./features/knowledge/EntryPage.tsx'));
const ReviewsPage = lazy(() => import('./features/reviews/ReviewsPage.tsx'));
const StatsDashboard = lazy(() => import('./features/stats/DashboardPage.tsx'));
const WallPage = lazy(() => import('./features/stats/WallPage.tsx'));
const ReportPage = lazy(() => import('./features/stats/ReportPage.tsx'));
const DeskPage = lazy(() => import('./features/stats/DeskPage.tsx'));
const PublicRoutes = lazy(() => import('./features/public/PublicPages.tsx'));

const Loading = () => <Spin style={{ display: 'block', margin: '80px auto' }} />;

export function Shell() {
  const { lang } = useI18n();
  const locale = useMemo(() => (lang === 'en-US' ? enUS : zhCN), [lang]);
  return (
    <ConfigProvider
      locale={locale}
      theme={{
        token: {
          colorPrimary: '#1d4ed8',
          colorLink: '#1d4ed8',
          colorTextSecondary: '#4b5563',
          colorTextDescription: '#4b5563',
          borderRadius: 6,
        },
      }}
    >
      <AntApp style={{ height: '100%' }}>
        <QueryErrorToasts />
        <Routes>
          <Route path="/login" element={<LoginRoute />} />
          <Route
            path="/public/*"
            element={
              <Suspense fallback={<Loading />}>
                <PublicRoutes />
              </Suspense>
            }
          />
          <Route
            path="/wall"
            element={
              <Bare perm="stats:read">
                <WallPage />
              </Bare>
            }
          />
          <Route
            path="/report/:id"
            element={
              <Bare perm="stats:read">
                <ReportPage />
              </Bare>
            }
          />
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

/** Signed-in pages without the menu frame: the wall view and the printable report. */
function Bare({ perm, children }: { perm: string; children: React.ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Suspense fallback={<Loading />}>
      <RequirePermission perm={perm}>{children}</RequirePermission>
    </Suspense>
  );
}

/** A menu group's own address opens its first page the user may use (no "建设中" landing page). */
function GroupIndex({ path }: { path: string }) {
  const { can } = useSession();
  const to = firstChildPath(can, path);
  return <Navigate to={to === path ? '/' : to} replace />;
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
          <Route
            path="warnings"
            element={
              <RequirePermission perm="warnings:read">
                <BoardPage />
              </RequirePermission>
            }
          />
          <Route
            path="warnings/inbox"
            element={
              <RequirePermission perm="warnings:write">
                <InboxPage />
              </RequirePermission>
            }
          />
          <Route
            path="warnings/followups"
            element={
              <RequirePermission perm="warnings:read">
                <FollowupsPage />
              </RequirePermission>
            }
          />
          <Route
            path="warnings/:id"
            element={
              <RequirePermission perm="warnings:read">
                <WarningDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="cases"
            element={
              <RequirePermission perm="cases:read">
                <CasesPage />
              </RequirePermission>
            }
          />
          <Route
            path="cases/new"
            element={
              <RequirePermission perm="cases:write">
                <IntakePage />
              </RequirePermission>
            }
          />
          <Route
            path="cases/:id"
            element={
              <RequirePermission perm="cases:read">
                <CaseDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="funds"
            element={
              <RequirePermission perm="orders:read">
                <OrdersPage />
              </RequirePermission>
            }
          />
          <Route
            path="funds/inbox"
            element={
              <RequirePermission perm="orders:write">
                <BankInboxPage />
              </RequirePermission>
            }
          />
          <Route path="analysis" element={<GroupIndex path="/analysis" />} />
          <Route
            path="analysis/indicators"
            element={
              <RequirePermission perm="indicators:read">
                <IndicatorsPage />
              </RequirePermission>
            }
          />
          <Route
            path="analysis/graph"
            element={
              <RequirePermission perm="graph:read">
                <GraphPage />
              </RequirePermission>
            }
          />
          <Route
            path="analysis/rules"
            element={
              <RequirePermission perm={RULES_READERS}>
                <RulesPage />
              </RequirePermission>
            }
          />
          <Route
            path="prevention"
            element={
              <RequirePermission perm="prevention:read">
                <RiskGroupsPage />
              </RequirePermission>
            }
          />
          <Route
            path="prevention/door"
            element={
              <RequirePermission perm={DOOR_VISITORS}>
                <DoorPage />
              </RequirePermission>
            }
          />
          <Route
            path="prevention/talks"
            element={
              <RequirePermission perm="prevention:read">
                <TalksPage />
              </RequirePermission>
            }
          />
          <Route
            path="returns"
            element={
              <RequirePermission perm="returns:read">
                <ReturnsBoardPage />
              </RequirePermission>
            }
          />
          <Route
            path="knowledge"
            element={
              <RequirePermission perm="knowledge:read">
                <KnowledgePage />
              </RequirePermission>
            }
          />
          <Route
            path="knowledge/:code"
            element={
              <RequirePermission perm="knowledge:read">
                <KnowledgeEntryPage />
              </RequirePermission>
            }
          />
          <Route
            path="reviews"
            element={
              <RequirePermission perm="reviews:read">
                <ReviewsPage />
              </RequirePermission>
            }
          />
          <Route
            path="prevention/residents"
            element={
              <RequirePermission perm="residents:read">
                <ResidentsPage />
              </RequirePermission>
            }
          />
          <Route
            path="two-cards"
            element={
              <RequirePermission perm={['cards:read', 'cards:ack']}>
                <CardsPage />
              </RequirePermission>
            }
          />
          <Route
            path="statistics"
            element={
              <RequirePermission perm="stats:read">
                <StatsDashboard />
              </RequirePermission>
            }
          />
          <Route
            path="desk"
            element={
              <RequirePermission perm="desk:write">
                <DeskPage />
              </RequirePermission>
            }
          />
          <Route
            path="admin/units"
            element={
              <RequirePermission perm="units:read">
                <UnitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="admin/users"
            element={
              <RequirePermission perm="users:read">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="admin/tokens"
            element={
              <RequirePermission perm="tokens:write">
                <TokensPage />
              </RequirePermission>
            }
          />
          <Route
            path="admin/audit"
            element={
              <RequirePermission perm="audit:read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </MainLayout>
  );
}
