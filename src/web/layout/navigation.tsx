// The screens of the console, each with the permission it needs; the menu and the route guard
// both read this list, so a screen appears only when it exists and the user may open it.
import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, BankOutlined, BarChartOutlined, CalendarOutlined, ClusterOutlined, ContactsOutlined, DashboardOutlined, EnvironmentOutlined, FileTextOutlined, FlagOutlined, FormOutlined, InboxOutlined, NodeIndexOutlined, ProfileOutlined, SettingOutlined, TeamOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import type { Permission, Profile } from '../api/types.ts';
import type { TextKey } from '../i18n/i18n.tsx';

export interface Screen {
  path: string;
  label: TextKey;
  icon: ReactNode;
  permission?: Permission;
  /** A further condition on the profile (e.g. only accounts linked to a cadre). */
  isFor?: (profile: Profile) => boolean;
}

export const screens: Screen[] = [
  { path: '/', label: 'nav.home', icon: <DashboardOutlined /> },
  { path: '/regions', label: 'nav.regions', icon: <ApartmentOutlined />, permission: 'regions.view' },
  { path: '/rosters/cadres', label: 'nav.cadres', icon: <ContactsOutlined />, permission: 'rosters.view' },
  { path: '/rosters/points', label: 'nav.points', icon: <FlagOutlined />, permission: 'rosters.view' },
  { path: '/rosters/units', label: 'nav.units', icon: <BankOutlined />, permission: 'rosters.view' },
  { path: '/rosters/import', label: 'nav.import', icon: <UploadOutlined />, permission: 'rosters.import' },
  { path: '/plans', label: 'nav.plans', icon: <NodeIndexOutlined />, isFor: (profile) => ['admin', 'office', 'leader'].includes(profile.role) },
  { path: '/my-points', label: 'nav.myPoints', icon: <EnvironmentOutlined />, isFor: (profile) => profile.cadreId !== null },
  { path: '/appeals', label: 'nav.appeals', icon: <ProfileOutlined />, permission: 'appeals.view', isFor: (profile) => ['admin', 'office', 'leader'].includes(profile.role) },
  { path: '/appeals/inbox', label: 'nav.appealsInbox', icon: <InboxOutlined />, permission: 'appeals.handle' },
  { path: '/appeals/new', label: 'nav.appealIntake', icon: <FormOutlined />, permission: 'appeals.submit' },
  { path: '/appeals/measures', label: 'nav.appealsMeasures', icon: <BarChartOutlined />, permission: 'appeals.measures' },
  { path: '/appeals/issues', label: 'nav.appealIssues', icon: <ClusterOutlined />, permission: 'appeals.dispatch' },
  { path: '/appeals/settings', label: 'nav.appealsSettings', icon: <SettingOutlined />, permission: 'appeals.configure' },
  { path: '/diary', label: 'nav.diary', icon: <CalendarOutlined />, isFor: (profile) => profile.cadreId !== null || ['admin', 'office'].includes(profile.role) },
  { path: '/questionnaires', label: 'nav.questionnaires', icon: <FileTextOutlined />, isFor: (profile) => ['admin', 'office', 'leader', 'cadre'].includes(profile.role) },
  { path: '/accounts', label: 'nav.accounts', icon: <TeamOutlined />, permission: 'accounts.manage' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.view' },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined /> },
];

/** The screens this profile may open, in menu order. */
export function visibleScreens(profile: Profile): Screen[] {
  return screens.filter((screen) => (!screen.permission || profile.permissions.includes(screen.permission)) && (!screen.isFor || screen.isFor(profile)));
}

/** The menu entry a location belongs to ("/regions/1309" → "/regions"). */
export function screenPathOf(pathname: string): string {
  const match = screens.filter((screen) => screen.path !== '/' && (pathname === screen.path || pathname.startsWith(`${screen.path}/`)));
  // The deepest screen wins ("/appeals/inbox" over "/appeals").
  match.sort((a, b) => b.path.length - a.path.length);
  return match[0]?.path ?? '/';
}
