// Routes of the console. Pages load lazily; every page but /login needs a session, and pages
// guarded by a permission answer "not allowed" rather than appearing to work.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp } from 'antd';
import { AuthProvider, hasPermission, useAuth } from './auth/auth.tsx';
import { AppShell, PageLoading } from './layout/app-shell.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { ForbiddenPage, NotFoundPage } from './pages/not-found-page.tsx';
import type { Permission } from './api/types.ts';

const HomePage = lazy(() => import('./pages/home-page.tsx').then((module) => ({ default: module.HomePage })));
const RegionsPage = lazy(() => import('./pages/regions-page.tsx').then((module) => ({ default: module.RegionsPage })));
const ProfilePage = lazy(() => import('./pages/profile-page.tsx').then((module) => ({ default: module.ProfilePage })));
const AccountsPage = lazy(() => import('./pages/accounts-page.tsx').then((module) => ({ default: module.AccountsPage })));
const AuditPage = lazy(() => import('./pages/audit-page.tsx').then((module) => ({ default: module.AuditPage })));
const PlansPage = lazy(() => import('./pages/matching/plans-page.tsx').then((module) => ({ default: module.PlansPage })));
const PlanReviewPage = lazy(() => import('./pages/matching/plan-review-page.tsx').then((module) => ({ default: module.PlanReviewPage })));
const CadresPage = lazy(() => import('./pages/rosters/cadres-page.tsx').then((module) => ({ default: module.CadresPage })));
const CadreDetailPage = lazy(() => import('./pages/rosters/cadre-detail-page.tsx').then((module) => ({ default: module.CadreDetailPage })));
const PointsPage = lazy(() => import('./pages/rosters/points-page.tsx').then((module) => ({ default: module.PointsPage })));
const PointDetailPage = lazy(() => import('./pages/rosters/point-detail-page.tsx').then((module) => ({ default: module.PointDetailPage })));
const UnitsPage = lazy(() => import('./pages/rosters/units-page.tsx').then((module) => ({ default: module.UnitsPage })));
const UnitDetailPage = lazy(() => import('./pages/rosters/unit-detail-page.tsx').then((module) => ({ default: module.UnitDetailPage })));
const ImportPage = lazy(() => import('./pages/rosters/import-page.tsx').then((module) => ({ default: module.ImportPage })));
const MyPointsPage = lazy(() => import('./pages/matching/my-points-page.tsx').then((module) => ({ default: module.MyPointsPage })));
const SuggestionBoxPage = lazy(() => import('./pages/public/suggestion-box-page.tsx').then((module) => ({ default: module.SuggestionBoxPage })));
const BoxPosterPage = lazy(() => import('./pages/public/box-poster-page.tsx').then((module) => ({ default: module.BoxPosterPage })));
const TrackPage = lazy(() => import('./pages/public/track-page.tsx').then((module) => ({ default: module.TrackPage })));
const PhoneIntakePage = lazy(() => import('./pages/appeals/phone-intake-page.tsx').then((module) => ({ default: module.PhoneIntakePage })));
const AppealsPage = lazy(() => import('./pages/appeals/appeals-page.tsx').then((module) => ({ default: module.AppealsPage })));
const InboxPage = lazy(() => import('./pages/appeals/inbox-page.tsx').then((module) => ({ default: module.InboxPage })));
const AppealPage = lazy(() => import('./pages/appeals/appeal-page.tsx').then((module) => ({ default: module.AppealPage })));
const AppealMeasuresPage = lazy(() => import('./pages/appeals/measures-page.tsx').then((module) => ({ default: module.AppealMeasuresPage })));
const AppealIssuesPage = lazy(() => import('./pages/appeals/issues-page.tsx').then((module) => ({ default: module.AppealIssuesPage })));
const QuestionnairesPage = lazy(() => import('./pages/questionnaires/questionnaires-page.tsx').then((module) => ({ default: module.QuestionnairesPage })));
const QuestionnaireResultsPage = lazy(() => import('./pages/questionnaires/results-page.tsx').then((module) => ({ default: module.QuestionnaireResultsPage })));
const QuestionnaireFillPage = lazy(() => import('./pages/questionnaires/fill-page.tsx').then((module) => ({ default: module.QuestionnaireFillPage })));
const DiaryPage = lazy(() => import('./pages/field/diary-page.tsx').then((module) => ({ default: module.DiaryPage })));
const PublicFormPage = lazy(() => import('./pages/questionnaires/public-form-page.tsx').then((module) => ({ default: module.PublicFormPage })));
const AppealSettingsPage = lazy(() => import('./pages/appeals/settings-page.tsx').then((module) => ({ default: module.AppealSettingsPage })));

function RequireSession({ children }: { children: ReactNode }) {
  const { profile } = useAuth();
  const location = useLocation();
  if (profile === undefined) return <PageLoading />;
  if (profile === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { profile } = useAuth();
  return hasPermission(profile, permission) ? children : <ForbiddenPage />;
}

/** The whole console: session, routes, antd's message/modal context. */
export function App() {
  return (
    <AntApp>
      <BrowserRouter>
        <AuthProvider>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {/* The resident's pages: no account, outside the console shell and its sign-in redirect. */}
              <Route path="/box/:pointId" element={<SuggestionBoxPage />} />
              <Route path="/box/:pointId/poster" element={<BoxPosterPage />} />
              <Route path="/track" element={<TrackPage />} />
              <Route path="/track/:code" element={<TrackPage />} />
              <Route path="/f/:token" element={<PublicFormPage />} />
              <Route
                element={
                  <RequireSession>
                    <AppShell />
                  </RequireSession>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="regions" element={<RequirePermission permission="regions.view"><RegionsPage /></RequirePermission>} />
                <Route path="regions/:code" element={<RequirePermission permission="regions.view"><RegionsPage /></RequirePermission>} />
                <Route path="profile" element={<ProfilePage />} />
                <Route path="accounts" element={<RequirePermission permission="accounts.manage"><AccountsPage /></RequirePermission>} />
                <Route path="audit" element={<RequirePermission permission="audit.view"><AuditPage /></RequirePermission>} />
                <Route path="plans" element={<PlansPage />} />
                <Route path="plans/:id" element={<PlanReviewPage />} />
                <Route path="my-points" element={<MyPointsPage />} />
                <Route path="appeals/new" element={<RequirePermission permission="appeals.submit"><PhoneIntakePage /></RequirePermission>} />
                <Route path="appeals" element={<RequirePermission permission="appeals.view"><AppealsPage /></RequirePermission>} />
                <Route path="appeals/inbox" element={<RequirePermission permission="appeals.view"><InboxPage /></RequirePermission>} />
                <Route path="appeals/measures" element={<RequirePermission permission="appeals.measures"><AppealMeasuresPage /></RequirePermission>} />
                <Route path="appeals/issues" element={<RequirePermission permission="appeals.dispatch"><AppealIssuesPage /></RequirePermission>} />
                <Route path="appeals/settings" element={<RequirePermission permission="appeals.configure"><AppealSettingsPage /></RequirePermission>} />
                <Route path="appeals/:id" element={<RequirePermission permission="appeals.view"><AppealPage /></RequirePermission>} />
                <Route path="diary" element={<DiaryPage />} />
                <Route path="questionnaires" element={<QuestionnairesPage />} />
                <Route path="questionnaires/:id" element={<QuestionnaireResultsPage />} />
                <Route path="questionnaires/:id/fill" element={<QuestionnaireFillPage />} />
                <Route path="rosters/cadres" element={<RequirePermission permission="rosters.view"><CadresPage /></RequirePermission>} />
                <Route path="rosters/cadres/:id" element={<RequirePermission permission="rosters.view"><CadreDetailPage /></RequirePermission>} />
                <Route path="rosters/points" element={<RequirePermission permission="rosters.view"><PointsPage /></RequirePermission>} />
                <Route path="rosters/points/:id" element={<RequirePermission permission="rosters.view"><PointDetailPage /></RequirePermission>} />
                <Route path="rosters/units" element={<RequirePermission permission="rosters.view"><UnitsPage /></RequirePermission>} />
                <Route path="rosters/units/:id" element={<RequirePermission permission="rosters.view"><UnitDetailPage /></RequirePermission>} />
                <Route path="rosters/import" element={<RequirePermission permission="rosters.import"><ImportPage /></RequirePermission>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </BrowserRouter>
    </AntApp>
  );
}
