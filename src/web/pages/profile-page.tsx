// Who I am (role, scope, unit, permissions) and changing my password.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { api } from '../api/client.ts';
import { useAuth, useProfile } from '../auth/auth.tsx';
import { useI18n } from '../i18n/i18n.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const minimumPasswordLength = 10;

/** The profile screen at /profile. */
export function ProfilePage() {
  const { t, errorText, hasText } = useI18n();
  const profile = useProfile();
  const { refresh } = useAuth();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setSaving] = useState(false);

  const submit = async (values: PasswordForm) => {
    setSaving(true);
    setError(undefined);
    try {
      await api.changePassword(values.currentPassword, values.newPassword);
      message.success(t('profile.passwordChanged'));
      form.resetFields();
      await refresh();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card data-testid="profile-card">
            <Descriptions column={1} size="middle">
              <Descriptions.Item label={t('profile.displayName')}>{profile.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('profile.username')}>{profile.username}</Descriptions.Item>
              <Descriptions.Item label={t('profile.role')}>
                <Tag color="red">{t(`role.${profile.role}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.scope')}>
                {profile.regionName} <Typography.Text type="secondary">({profile.regionCode})</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.unit')}>{profile.unitName ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('profile.permissions')}>
                <Space size={[4, 4]} wrap>
                  {profile.permissions.map((permission) => {
                    const key = `permission.${permission}`;
                    return <Tag key={permission}>{hasText(key) ? t(key) : permission}</Tag>;
                  })}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('profile.changePassword')}>
            {profile.mustChangePassword && <Alert type="warning" showIcon title={t('header.mustChangePassword')} style={{ marginBottom: 16 }} />}
            {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid="password-error" />}
            <Form<PasswordForm> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
              <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true, message: t('profile.currentRequired') }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('profile.newPassword')}
                dependencies={['currentPassword']}
                rules={[
                  { required: true, message: t('profile.newRequired') },
                  { min: minimumPasswordLength, message: t('profile.passwordTooShort') },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value: string | undefined) =>
                      value && value === getFieldValue('currentPassword') ? Promise.reject(new Error(t('profile.passwordSameAsOld'))) : Promise.resolve(),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('profile.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('profile.newRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value: string | undefined) =>
                      !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('profile.passwordMismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={isSaving}>
                {t('profile.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
