// The dialogs of the accounts screen: create an account, reset a password, issue cadre logins
// (whose initial passwords are shown once, with a CSV download and a print view).
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { roles, type Account, type IssueCadreLoginsResult, type IssuedLogin, type Role } from '../api/types.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { RegionPicker } from '../components/region-picker.tsx';
import { downloadText, toCsv } from '../lib/csv.ts';

interface CreateForm {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  unitId?: number | null;
  cadreId?: number | null;
  password: string;
}

/** Modal form that creates one account. */
export function CreateAccountDialog({ isOpen, onClose, onCreated }: { isOpen: boolean; onClose(): void; onCreated(account: Account): void }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<CreateForm>();
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setSaving] = useState(false);
  const required = { required: true, message: t('accounts.required') };

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      const created = await api.createAccount({ ...values, unitId: values.unitId ?? null, cadreId: values.cadreId ?? null });
      form.resetFields();
      onCreated(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={isOpen} title={t('accounts.create')} onCancel={onClose} onOk={() => void submit().catch(() => undefined)} confirmLoading={isSaving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Form<CreateForm> form={form} layout="vertical" initialValues={{ role: 'cadre' }}>
        <Form.Item name="username" label={t('accounts.username')} rules={[required, { pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/i, message: t('accounts.usernameRule') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[required, { whitespace: true, message: t('accounts.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={[required]}>
          <Select options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('accounts.region')} rules={[required]}>
          <RegionPicker isVertical />
        </Form.Item>
        <Space wrap>
          <Form.Item name="unitId" label={t('accounts.unitId')}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="cadreId" label={t('accounts.cadreId')}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="password" label={t('accounts.password')} rules={[required, { min: 10, message: t('profile.passwordTooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Modal that sets a new password for another account (sends the row's version). */
export function ResetPasswordDialog({ account, onClose, onDone }: { account: Account | undefined; onClose(): void; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setSaving] = useState(false);

  const submit = async () => {
    if (!account) return;
    const values = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      await api.updateAccount(account.id, { version: account.version, newPassword: values.newPassword });
      message.success(t('accounts.resetDone'));
      form.resetFields();
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={account !== undefined}
      title={account ? t('accounts.resetTitle', { name: `${account.displayName}（${account.username}）` }) : ''}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isSaving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid="reset-error" />}
      <Form form={form} layout="vertical">
        <Form.Item name="newPassword" label={t('profile.newPassword')} rules={[{ required: true, message: t('profile.newRequired') }, { min: 10, message: t('profile.passwordTooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function loginsCsv(logins: IssuedLogin[], t: Translate): string {
  return toCsv(
    [t('accounts.cadreName'), t('accounts.unit'), t('accounts.username'), t('accounts.initialPassword')],
    logins.map((login) => [login.name, login.unitName, login.username, login.initialPassword]),
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function printLogins(logins: IssuedLogin[], t: Translate): void {
  const printWindow = window.open('', '_blank');
  if (!printWindow) return;
  const rows = logins
    .map((login) => `<tr><td>${escapeHtml(login.name)}</td><td>${escapeHtml(login.unitName)}</td><td>${escapeHtml(login.username)}</td><td>${escapeHtml(login.initialPassword)}</td></tr>`)
    .join('');
  printWindow.document.write(
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(t('accounts.issueCadreLogins'))}</title>` +
      `<style>body{font-family:sans-serif}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 8px;text-align:left}</style>` +
      `<h2>${escapeHtml(t('accounts.issueCadreLogins'))}</h2><table><tr><th>${escapeHtml(t('accounts.cadreName'))}</th><th>${escapeHtml(t('accounts.unit'))}</th><th>${escapeHtml(t('accounts.username'))}</th><th>${escapeHtml(t('accounts.initialPassword'))}</th></tr>${rows}</table>`,
  );
  printWindow.document.close();
  printWindow.focus();
  printWindow.print();
}

/** Issues logins to the cadres of a region, then shows the initial passwords once. */
export function IssueCadreLoginsDialog({ isOpen, onClose, onIssued }: { isOpen: boolean; onClose(): void; onIssued(): void }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ regionCode: string; limit: number }>();
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setSaving] = useState(false);
  const [result, setResult] = useState<IssueCadreLoginsResult | undefined>(undefined);

  const close = () => {
    setResult(undefined);
    setError(undefined);
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      setResult(await api.issueCadreLogins({ regionCode: values.regionCode, limit: values.limit }));
      onIssued();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={isOpen}
      title={t('accounts.issueCadreLogins')}
      onCancel={close}
      width={result ? 760 : 520}
      maskClosable={!result}
      footer={
        result
          ? [
              <Button key="csv" icon={<DownloadOutlined />} onClick={() => downloadText(`cadre-logins-${new Date().toISOString().slice(0, 10)}.csv`, loginsCsv(result.logins, t))} disabled={result.logins.length === 0}>
                {t('accounts.downloadCsv')}
              </Button>,
              <Button key="print" icon={<PrinterOutlined />} onClick={() => printLogins(result.logins, t)} disabled={result.logins.length === 0}>
                {t('accounts.print')}
              </Button>,
              <Button key="close" type="primary" onClick={close}>
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="issue" type="primary" loading={isSaving} onClick={() => void submit().catch(() => undefined)}>
                {t('accounts.issue')}
              </Button>,
            ]
      }
    >
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      {result ? (
        <>
          <Alert type="warning" showIcon title={t('accounts.issuedSummary', { issued: result.issued, skipped: result.skipped })} description={t('accounts.issuedOnce')} style={{ marginBottom: 16 }} />
          <Table<IssuedLogin>
            rowKey="cadreId"
            size="small"
            dataSource={result.logins}
            pagination={result.logins.length > 10 ? { pageSize: 10 } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('accounts.cadreName'), dataIndex: 'name' },
              { title: t('accounts.unit'), dataIndex: 'unitName' },
              { title: t('accounts.username'), dataIndex: 'username', render: (value: string) => <Typography.Text copyable>{value}</Typography.Text> },
              { title: t('accounts.initialPassword'), dataIndex: 'initialPassword', render: (value: string) => <Typography.Text code copyable>{value}</Typography.Text> },
            ]}
          />
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ limit: 1000 }}>
          <Form.Item name="regionCode" label={t('accounts.issueRegion')} rules={[{ required: true, message: t('accounts.required') }]}>
            <RegionPicker isVertical />
          </Form.Item>
          <Form.Item name="limit" label={t('accounts.issueLimit')}>
            <InputNumber min={1} max={5000} precision={0} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
