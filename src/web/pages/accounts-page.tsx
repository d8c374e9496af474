// Accounts of the user's scope: a server-paginated table with filters, create, activate or
// deactivate, reset password (a stale version answers 409 and the server's message is shown),
// and issuing logins to cadres.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { IdcardOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { roles, type Account, type Role } from '../api/types.ts';
import { hasPermission, useProfile } from '../auth/auth.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/use-load.ts';
import { RegionPicker } from '../components/region-picker.tsx';
import { CreateAccountDialog, IssueCadreLoginsDialog, ResetPasswordDialog } from './account-dialogs.tsx';

interface Filters {
  role?: Role;
  q?: string;
  regionCode?: string;
}

/** The accounts screen at /accounts. */
export function AccountsPage() {
  const { t, errorText, language } = useI18n();
  const profile = useProfile();
  const { message } = AntApp.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [isCreating, setCreating] = useState(false);
  const [isIssuing, setIssuing] = useState(false);
  const [resetting, setResetting] = useState<Account | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busyId, setBusyId] = useState<number | undefined>(undefined);

  const list = useLoad(() => api.accounts({ ...filters, ...page }), [filters, page]);
  const changeFilters = (next: Filters) => {
    setFilters(next);
    setPage((previous) => ({ ...previous, page: 1 }));
  };

  const setActive = async (account: Account, isActive: boolean) => {
    setBusyId(account.id);
    setActionError(undefined);
    try {
      await api.updateAccount(account.id, { version: account.version, isActive });
      message.success(t('accounts.saved'));
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusyId(undefined);
      list.reload();
    }
  };

  const formatTime = (value: string | null) =>
    value ? new Date(value).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : t('accounts.never');

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('accounts.title')}
        </Typography.Title>
        <Space wrap>
          {hasPermission(profile, 'accounts.issue_cadre_logins') && (
            <Button icon={<IdcardOutlined />} onClick={() => setIssuing(true)}>
              {t('accounts.issueCadreLogins')}
            </Button>
          )}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        </Space>
      </Space>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Select<Role>
            allowClear
            placeholder={t('accounts.filterRole')}
            style={{ width: 180 }}
            value={filters.role}
            onChange={(role) => changeFilters({ ...filters, role })}
            options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          />
          <Input.Search allowClear placeholder={t('accounts.filterSearch')} style={{ width: 240 }} onSearch={(q) => changeFilters({ ...filters, q: q.trim() || undefined })} />
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => changeFilters({ ...filters, regionCode })} style={{ flex: 1, minWidth: 280 }} />
        </div>
      </Card>
      {actionError !== undefined && <Alert type="error" showIcon closable title={errorText(actionError)} onClose={() => setActionError(undefined)} data-testid="account-action-error" />}
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Card size="small">
        <Table<Account>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('accounts.total', { total }),
            onChange: (current, pageSize) => setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
          }}
          columns={[
            { title: t('accounts.username'), dataIndex: 'username', fixed: 'left' },
            { title: t('accounts.displayName'), dataIndex: 'displayName' },
            { title: t('accounts.role'), dataIndex: 'role', render: (role: Role) => <Tag>{t(`role.${role}`)}</Tag> },
            { title: t('accounts.region'), dataIndex: 'regionName' },
            { title: t('accounts.unit'), dataIndex: 'unitName', render: (value: string | null) => value ?? '—' },
            {
              title: t('accounts.status'),
              key: 'status',
              render: (_value, account) => (
                <Space size={4} wrap>
                  {account.isActive ? <Tag color="green">{t('accounts.active')}</Tag> : <Tag>{t('accounts.inactive')}</Tag>}
                  {account.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
                </Space>
              ),
            },
            { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', render: formatTime },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_value, account) => (
                <Space size={0} wrap>
                  {account.isActive ? (
                    <Popconfirm
                      title={t('accounts.confirmDeactivate', { name: account.displayName })}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => setActive(account, false)}
                      disabled={account.id === profile.accountId}
                    >
                      <Button type="link" size="small" danger loading={busyId === account.id} disabled={account.id === profile.accountId}>
                        {t('accounts.deactivate')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button type="link" size="small" loading={busyId === account.id} onClick={() => void setActive(account, true)}>
                      {t('accounts.activate')}
                    </Button>
                  )}
                  <Button type="link" size="small" onClick={() => setResetting(account)}>
                    {t('accounts.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <CreateAccountDialog
        isOpen={isCreating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          message.success(t('accounts.created'));
          list.reload();
        }}
      />
      <ResetPasswordDialog
        account={resetting}
        onClose={() => {
          setResetting(undefined);
          list.reload();
        }}
        onDone={() => {
          setResetting(undefined);
          list.reload();
        }}
      />
      <IssueCadreLoginsDialog isOpen={isIssuing} onClose={() => setIssuing(false)} onIssued={list.reload} />
    </div>
  );
}
