// What a dry run or commit found: the counts (total, new, updated, unchanged, rejected) and every
// bad row with its column, value and reason, with the error sheet to download.
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFromApi, fileUrls } from '../../api/client.ts';
import type { ImportReport, ImportRowError } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

function rowList(rows: number[], language: 'zh' | 'en', limit = 30): string {
  const shown = rows.slice(0, limit).join(language === 'zh' ? '、' : ', ');
  return rows.length > limit ? `${shown}…` : shown;
}

/** The counts and bad rows of one import report. */
export function ImportReportView({ report, testId }: { report: ImportReport; testId: string }) {
  const { t, language, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [isDownloading, setDownloading] = useState(false);

  const downloadErrors = async () => {
    if (!report.errorSheetId) return;
    setDownloading(true);
    try {
      await downloadFromApi(fileUrls.errorSheet(report.errorSheetId), `${report.fileName.replace(/\.(xlsx|csv)$/i, '')}-errors.xlsx`);
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setDownloading(false);
    }
  };

  const counts = [
    { key: 'total', value: report.total },
    { key: 'new', value: report.new },
    { key: 'updated', value: report.updated },
    { key: 'unchanged', value: report.unchanged },
    { key: 'rejected', value: report.rejected },
  ] as const;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid={testId}>
      <Row gutter={[16, 16]}>
        {counts.map((count) => (
          <Col key={count.key} xs={12} sm={8} md={4}>
            <Card size="small" data-testid={`count-${count.key}`}>
              <Statistic
                title={t(`import.count.${count.key}`)}
                value={count.value}
                styles={{ content: count.key === 'rejected' && count.value > 0 ? { color: '#c62f2f' } : undefined }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {(report.newRows.length > 0 || report.updatedRows.length > 0) && (
        <Typography.Text type="secondary">
          {report.newRows.length > 0 && t('import.newRows', { rows: rowList(report.newRows, language) })}
          {report.newRows.length > 0 && report.updatedRows.length > 0 && (language === 'zh' ? '；' : '; ')}
          {report.updatedRows.length > 0 && t('import.updatedRows', { rows: rowList(report.updatedRows, language) })}
        </Typography.Text>
      )}
      {report.errors.length > 0 && (
        <Card
          size="small"
          title={t('import.badRows', { count: report.errors.length })}
          extra={
            report.errorSheetId && (
              <Button icon={<DownloadOutlined />} loading={isDownloading} onClick={() => void downloadErrors()} data-testid="download-error-sheet">
                {t('import.downloadErrorSheet')}
              </Button>
            )
          }
        >
          <Table<ImportRowError>
            rowKey={(error, index) => `${error.row}-${error.column}-${index ?? 0}`}
            size="small"
            dataSource={report.errors}
            pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { title: t('import.errorRow'), dataIndex: 'row', width: 80 },
              { title: t('import.errorColumn'), dataIndex: 'column', width: 140 },
              { title: t('import.errorValue'), dataIndex: 'value', render: (value: string) => (value ? <Typography.Text code>{value}</Typography.Text> : '—') },
              { title: t('import.errorReason'), key: 'reason', render: (_value, error) => (language === 'zh' ? error.message : error.messageEn) },
            ]}
          />
        </Card>
      )}
      {report.errors.length === 0 && report.total > 0 && (
        <Space>
          <Typography.Text type="success">{t('import.noErrors')}</Typography.Text>
        </Space>
      )}
    </div>
  );
}
