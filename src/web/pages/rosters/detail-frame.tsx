// The frame of a roster detail page: back link, title, loading and not-found states.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Shows the page once loaded; a 404 (missing or outside the scope) becomes a clear message. */
export function DetailFrame({
  backTo,
  backLabel,
  title,
  extra,
  isLoading,
  error,
  onRetry,
  children,
}: {
  backTo: string;
  backLabel: string;
  title?: ReactNode;
  extra?: ReactNode;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  children?: ReactNode;
}) {
  const { t, errorText } = useI18n();
  const back = (
    <Link to={backTo}>
      <ArrowLeftOutlined /> {backLabel}
    </Link>
  );
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result status="404" title={t('roster.notFound')} extra={back} data-testid="record-not-found" />
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      {back}
      {error !== undefined && error !== null && (
        <Alert type="error" showIcon title={errorText(error)} action={<Button size="small" onClick={onRetry}>{t('common.retry')}</Button>} />
      )}
      {isLoading && !title ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (
        <>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="record-title">
              {title}
            </Typography.Title>
            {extra}
          </Space>
          {children}
        </>
      )}
    </div>
  );
}
