// The frame around every signed-in screen: menu by permission (a side menu on desktop, a drawer
// on phones), a header with who is signed in, the language switch and sign-out.
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useProfile } from '../auth/auth.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { screenPathOf, visibleScreens } from './navigation.tsx';

const { Header, Sider, Content } = Layout;

/** A full-width spinner while a lazily loaded page arrives. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 8, color: '#888' }}>{t('common.loading')}</div>
    </div>
  );
}

/** Signed-in layout: header, navigation and the current page. */
export function AppShell() {
  const { t, language, setLanguage } = useI18n();
  const { logout } = useAuth();
  const profile = useProfile();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const [isCollapsed, setCollapsed] = useState(false);

  const menuItems = visibleScreens(profile).map((screen) => ({
    key: screen.path,
    icon: screen.icon,
    label: <Link to={screen.path}>{t(screen.label)}</Link>,
  }));
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[screenPathOf(location.pathname)]}
      items={menuItems}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const signOut = async () => {
    await logout();
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };
  const switchLanguage = () => setLanguage(language === 'zh' ? 'en' : 'zh');
  const roleLabel = t(`role.${profile.role}`);

  const brand = (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit', whiteSpace: 'nowrap' }}>
      <span
        aria-hidden
        style={{ background: '#c62f2f', color: '#fff', borderRadius: 6, width: 28, height: 28, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700 }}
      >
        蹲
      </span>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {isPhone ? t('app.shortName') : t('app.name')}
      </Typography.Text>
    </Link>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{ background: '#fff', padding: isPhone ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10 }}
      >
        {isPhone && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setDrawerOpen(true)} />}
        {brand}
        <div style={{ flex: 1 }} />
        <Button type="text" icon={<GlobalOutlined />} onClick={switchLanguage} title={t('lang.switchHint')} data-testid="language-switch">
          {t('lang.switchTo')}
        </Button>
        {isPhone ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: `${profile.displayName} · ${roleLabel} · ${profile.regionName}`, disabled: true },
                { key: 'profile', icon: <UserOutlined />, label: t('nav.profile'), onClick: () => navigate('/profile') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void signOut() },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />} aria-label={profile.displayName} data-testid="user-menu" />
          </Dropdown>
        ) : (
          <Space size="middle" data-testid="user-summary">
            <Link to="/profile" style={{ color: 'inherit' }}>
              <Space size={6}>
                <UserOutlined />
                <Typography.Text strong>{profile.displayName}</Typography.Text>
              </Space>
            </Link>
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {roleLabel}
            </Tag>
            <Typography.Text type="secondary">{profile.regionName}</Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
              {t('header.logout')}
            </Button>
          </Space>
        )}
      </Header>
      <Layout>
        {!isPhone && (
          <Sider theme="light" collapsible collapsed={isCollapsed} onCollapse={setCollapsed} width={200} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            {menu}
          </Sider>
        )}
        {isPhone && (
          // The menu leads to another page: when the drawer has closed, the focus stays where the person has
          // gone on to (handing it back to the menu button closed a list just opened on the new page).
          <Drawer
            placement="left"
            open={isDrawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.name')}
            size={260}
            styles={{ body: { padding: 0 } }}
            focusable={{ focusTriggerAfterClose: false }}
          >
            {menu}
          </Drawer>
        )}
        <Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          {profile.mustChangePassword && location.pathname !== '/profile' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('header.mustChangePassword')}
              action={
                <Button size="small" onClick={() => navigate('/profile')}>
                  {t('header.changeNow')}
                </Button>
              }
            />
          )}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
