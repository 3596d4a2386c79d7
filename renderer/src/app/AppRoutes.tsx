import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shared/api/common';
import { KnowledgeImportScreen, SettingsScreen, UsersScreen } from '../features/admin';
import { CaseDetailRoute, CaseListScreen, NewCaseScreen } from '../features/cases';
import {
  HelpQueueScreen,
  HelpScreen,
  HelpStatsScreen,
  RemoteWindowRoute,
} from '../features/cobrowse';
import { CopilotScreen, GapsScreen } from '../features/copilot';
import { ModelsScreen } from '../features/models';
import { AuditScreen, SecurityScreen } from '../features/security';
import { ApplicationRoute, NoticeRoute, ReviewRoute } from '../features/review';
import { SyncScreen } from '../features/sync';
import {
  CoverageScreen,
  RectificationsScreen,
  UnitsScreen,
  UnresolvedScreen,
  WalkReportRoute,
  WalkRoute,
  WalksScreen,
} from '../features/walks';
import {
  canFileUnresolved,
  canRaiseHelp,
  canReadHelpStats,
  canReadWalks,
  canRevealPersonalData,
  canWriteCases,
  isAdmin,
  isRemoteExpert,
} from './permissions';

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/cases')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

function Allowed({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? children : <Navigate to="/cases" replace />;
}

export function AppRoutes({ role }: { role: Role }) {
  return (
    <Routes>
      {/* A remote expert's desk is the help queue; everyone else starts from the cases. */}
      <Route
        index
        element={<Navigate to={isRemoteExpert(role) ? '/help/queue' : '/cases'} replace />}
      />
      <Route path="cases" element={<CaseListScreen />} />
      <Route
        path="cases/new"
        element={
          <Allowed when={canWriteCases(role)}>
            <NewCaseScreen />
          </Allowed>
        }
      />
      <Route
        path="cases/:caseId"
        element={
          <CaseDetailRoute
            canEdit={canWriteCases(role)}
            canReveal={canRevealPersonalData(role)}
            canReport={canFileUnresolved(role)}
            canAskHelp={canRaiseHelp(role)}
          />
        }
      />
      <Route path="cases/:caseId/review" element={<ReviewRoute canEdit={canWriteCases(role)} />} />
      <Route path="cases/:caseId/notice" element={<NoticeRoute />} />
      <Route
        path="cases/:caseId/application"
        element={<ApplicationRoute canEdit={canWriteCases(role)} />}
      />
      <Route path="copilot" element={<CopilotScreen />} />
      <Route
        path="walks"
        element={
          <Allowed when={canReadWalks(role)}>
            <WalksScreen />
          </Allowed>
        }
      />
      <Route
        path="walks/:walkId"
        element={
          <Allowed when={canReadWalks(role)}>
            <WalkRoute />
          </Allowed>
        }
      />
      <Route
        path="walks/:walkId/report"
        element={
          <Allowed when={canReadWalks(role)}>
            <WalkReportRoute />
          </Allowed>
        }
      />
      <Route path="rectifications" element={<RectificationsScreen />} />
      <Route
        path="coverage"
        element={
          <Allowed when={canReadWalks(role)}>
            <CoverageScreen />
          </Allowed>
        }
      />
      <Route
        path="unresolved"
        element={
          <Allowed when={canFileUnresolved(role)}>
            <UnresolvedScreen />
          </Allowed>
        }
      />
      <Route
        path="help"
        element={
          <Allowed when={canRaiseHelp(role)}>
            <HelpScreen />
          </Allowed>
        }
      />
      <Route
        path="help/queue"
        element={
          <Allowed when={isRemoteExpert(role)}>
            <HelpQueueScreen />
          </Allowed>
        }
      />
      <Route
        path="help/stats"
        element={
          <Allowed when={canReadHelpStats(role)}>
            <HelpStatsScreen />
          </Allowed>
        }
      />
      <Route path="remote/:sessionId" element={<RemoteWindowRoute />} />
      <Route path="sync" element={<SyncScreen role={role} />} />
      <Route
        path="admin/units"
        element={
          <Allowed when={isAdmin(role)}>
            <UnitsScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/gaps"
        element={
          <Allowed when={isAdmin(role)}>
            <GapsScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/knowledge"
        element={
          <Allowed when={isAdmin(role)}>
            <KnowledgeImportScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/models"
        element={
          <Allowed when={isAdmin(role)}>
            <ModelsScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/audit"
        element={
          <Allowed when={isAdmin(role)}>
            <AuditScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/security"
        element={
          <Allowed when={isAdmin(role)}>
            <SecurityScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/users"
        element={
          <Allowed when={isAdmin(role)}>
            <UsersScreen />
          </Allowed>
        }
      />
      <Route
        path="admin/settings"
        element={
          <Allowed when={isAdmin(role)}>
            <SettingsScreen />
          </Allowed>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
