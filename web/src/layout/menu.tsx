import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  BarChartOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  SettingOutlined,
  StopOutlined,
  TeamOutlined,
  IdcardOutlined,
  PhoneOutlined,
  SoundOutlined,
  DatabaseOutlined,
  ControlOutlined,
  InboxOutlined,
  ScheduleOutlined,
  HomeOutlined,
  UsergroupAddOutlined,
  GlobalOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n/index.tsx';

// The module map: one entry per menu item; `perm` hides an item the user could not use anyway.
export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown when the user has this permission (or any of these). */
  perm?: string | readonly string[];
  children?: MenuEntry[];
}

/** Who may read the rule configuration (server/modules/rules/service.ts: writers and readers of warnings or indicators). */
export const RULES_READERS = ['rules:write', 'warnings:read', 'indicators:read'] as const;

/** Who may work the door-to-door list (server/modules/prevention/outreach.ts recordVisit): grid workers, and
 * officers and analysts who also oversee the progress. */
export const DOOR_VISITORS = ['prevention:visit', 'prevention:write'] as const;

export const canAny = (can: (perm: string) => boolean, perm: string | readonly string[] | undefined) =>
  perm === undefined || (typeof perm === 'string' ? can(perm) : perm.some(can));

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menu.home', icon: <DashboardOutlined /> },
  {
    path: '/warnings',
    label: 'menu.warnings',
    icon: <AlertOutlined />,
    children: [
      { path: '/warnings', label: 'menu.board', icon: <AlertOutlined />, perm: 'warnings:read' },
      { path: '/warnings/inbox', label: 'menu.inbox', icon: <InboxOutlined />, perm: 'warnings:write' },
      { path: '/warnings/followups', label: 'menu.followups', icon: <ScheduleOutlined />, perm: 'warnings:read' },
    ],
  },
  { path: '/cases', label: 'menu.cases', icon: <FileSearchOutlined />, perm: 'cases:read' },
  {
    path: '/funds',
    label: 'menu.funds',
    icon: <StopOutlined />,
    children: [
      { path: '/funds', label: 'menu.orders', icon: <StopOutlined />, perm: 'orders:read' },
      { path: '/funds/inbox', label: 'menu.bankInbox', icon: <InboxOutlined />, perm: 'orders:write' },
    ],
  },
  {
    path: '/analysis',
    label: 'menu.analysis',
    icon: <NodeIndexOutlined />,
    children: [
      { path: '/analysis/indicators', label: 'menu.indicators', icon: <DatabaseOutlined />, perm: 'indicators:read' },
      { path: '/analysis/rules', label: 'menu.rules', icon: <ControlOutlined />, perm: RULES_READERS },
      { path: '/analysis/graph', label: 'menu.graph', icon: <NodeIndexOutlined />, perm: 'graph:read' },
    ],
  },
  {
    path: '/prevention',
    label: 'menu.prevention',
    icon: <SoundOutlined />,
    children: [
      { path: '/prevention', label: 'menu.campaigns', icon: <SafetyOutlined />, perm: 'prevention:read' },
      { path: '/prevention/door', label: 'menu.door', icon: <HomeOutlined />, perm: DOOR_VISITORS },
      { path: '/prevention/talks', label: 'menu.talks', icon: <UsergroupAddOutlined />, perm: 'prevention:read' },
      { path: '/prevention/residents', label: 'menu.residents', icon: <IdcardOutlined />, perm: 'residents:read' },
      { path: '/knowledge', label: 'menu.knowledge', icon: <BookOutlined />, perm: 'knowledge:read' },
      { path: '/reviews', label: 'menu.reviews', icon: <AuditOutlined />, perm: 'reviews:read' },
    ],
  },
  { path: '/returns', label: 'menu.returns', icon: <GlobalOutlined />, perm: 'returns:read' },
  { path: '/two-cards', label: 'menu.twoCards', icon: <CreditCardOutlined />, perm: ['cards:read', 'cards:ack'] },
  { path: '/statistics', label: 'menu.statistics', icon: <BarChartOutlined />, perm: 'stats:read' },
  { path: '/desk', label: 'menu.desk', icon: <PhoneOutlined />, perm: 'desk:write' },
  {
    path: '/admin',
    label: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/units', label: 'menu.units', icon: <ApartmentOutlined />, perm: 'units:write' },
      { path: '/admin/users', label: 'menu.users', icon: <TeamOutlined />, perm: 'users:read' },
      { path: '/admin/tokens', label: 'menu.tokens', icon: <KeyOutlined />, perm: 'tokens:write' },
      { path: '/admin/audit', label: 'menu.audit', icon: <AuditOutlined />, perm: 'audit:read' },
    ],
  },
];

/** The menu as this user sees it: items without permission dropped, groups left empty dropped too. */
export function visibleMenu(can: (perm: string) => boolean, entries: MenuEntry[] = MENU): MenuEntry[] {
  return entries.flatMap((e) => {
    if (!canAny(can, e.perm)) return [];
    if (!e.children) return [e];
    const children = visibleMenu(can, e.children);
    if (children.length === 0) return [];
    // a group whose only child is its own landing page collapses into a plain item
    if (children.length === 1 && children[0]!.path === e.path) return [{ ...e, children: undefined }];
    return [{ ...e, children }];
  });
}

/** Where a group's own path leads: its first child this user may open (/analysis → 涉诈名单, 规则 or 关系图). */
export function firstChildPath(can: (perm: string) => boolean, groupPath: string): string {
  const group = visibleMenu(can).find((e) => e.path === groupPath);
  return group?.children?.[0]?.path ?? (group && !group.children ? group.path : '/');
}

/** The deepest menu path that prefixes the current location, for highlighting. */
export function selectedKey(pathname: string, entries: MenuEntry[]): string {
  const all = entries.flatMap((e) => [e, ...(e.children ?? [])]).map((e) => e.path);
  return (
    all
      .filter((p) => p === pathname || (p !== '/' && pathname.startsWith(p + '/')))
      .sort((a, b) => b.length - a.length)[0] ?? '/'
  );
}
