import { useMemo, useState, type ReactNode } from 'react';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Tag, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../features/auth/session.tsx';
import { roleLabel } from '../shared/labels.ts';
import { Logo } from '../shared/Logo.tsx';
import { selectedKey, visibleMenu, type MenuEntry } from './menu.tsx';
import { DemoClock } from './DemoClock.tsx';
import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { applyCatalogue } from '../features/indicators/i18n.ts';
import type { FraudTypeCatalogue } from '../../../contract/fraud-types.ts';

const { Header, Sider, Content } = Layout;

export function MainLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, can, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const isCollapsed = collapsed ?? mobile;
  const { token } = theme.useToken();
  // the fraud-type names in force (the published knowledge base): applied to the shared list once per login
  useQuery({
    queryKey: ['fraud-types', user?.id],
    queryFn: async ({ signal }) => {
      const c = await request<FraudTypeCatalogue>('GET', '/api/v1/fraud-types', { signal });
      applyCatalogue(c.items);
      return c.version;
    },
    enabled: !!user,
    staleTime: 5 * 60_000,
    meta: { quiet: true },
  });

  const entries = useMemo(() => visibleMenu(can), [can]);
  const toItems = (list: MenuEntry[]): MenuProps['items'] =>
    list.map((e) => ({
      key: e.children ? `group:${e.path}` : e.path,
      icon: e.icon,
      label: t(e.label),
      children: e.children ? toItems(e.children) : undefined,
    }));
  const selected = selectedKey(location.pathname, entries);
  const openGroup = entries.find((e) => e.children?.some((c) => c.path === selected));

  const toggleLang = () => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN');
  const userMenu: MenuProps['items'] = [
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: t('layout.logout'),
      onClick: () => void logout().then(() => navigate('/login')),
    },
  ];

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Sider
        collapsible
        trigger={null}
        collapsed={isCollapsed}
        collapsedWidth={mobile ? 0 : 64}
        width={220}
        style={mobile ? { position: 'fixed', zIndex: 20, height: '100%', left: 0, top: 0 } : undefined}
      >
        <div className="zw-brand" title={t('app.tagline')}>
          <Logo size={26} />
          {!isCollapsed && <span>{t('app.name')}</span>}
        </div>
        {/* on a phone the closed sider has no width: render no menu, or antd would pop collapsed submenus over the page */}
        {!(mobile && isCollapsed) && (
          <Menu
            theme="dark"
            mode="inline"
            items={toItems(entries)}
            selectedKeys={[selected]}
            defaultOpenKeys={openGroup ? [`group:${openGroup.path}`] : []}
            onClick={({ key }) => {
              navigate(key);
              if (mobile) setCollapsed(true);
            }}
            data-testid="side-menu"
          />
        )}
      </Sider>
      {mobile && !isCollapsed && (
        <div
          onClick={() => setCollapsed(true)}
          style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,.35)', zIndex: 15 }}
        />
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Button
            type="text"
            aria-label="menu"
            icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!isCollapsed)}
          />
          <div className="zw-header-meta">
            <DemoClock />
            <span className="zw-hide-mobile">
              <Typography.Text style={{ color: '#4b5563' }} data-testid="header-unit">
                {user?.unitName}
              </Typography.Text>{' '}
              <Tag color="blue">{user ? roleLabel(t, user.role) : ''}</Tag>
            </span>
            <Button size="small" icon={<GlobalOutlined />} onClick={toggleLang} data-testid="lang-switch">
              {t('layout.language')}
            </Button>
            <Dropdown menu={{ items: userMenu }} trigger={['click']}>
              <span className="zw-header-user" data-testid="header-user">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary, flex: 'none' }} />
                <span className="zw-ellipsis">{user?.displayName}</span>
              </span>
            </Dropdown>
          </div>
        </Header>
        <Content
          style={{
            margin: mobile ? 8 : 16,
            padding: mobile ? 12 : 20,
            background: token.colorBgContainer,
            borderRadius: token.borderRadiusLG,
            minWidth: 0,
          }}
        >
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
