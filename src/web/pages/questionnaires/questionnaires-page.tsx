// /questionnaires: the forms that apply to the user. An office imports an XLSForm (.xlsx) — a
// refused file lists every problem by sheet and row — or builds a small form in the console;
// everyone opens the forms they may fill or read the results of.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { BarChartOutlined, EditOutlined, FormOutlined, UploadOutlined } from '@ant-design/icons';
import { useProfile } from '../../auth/auth.tsx';
import { importXlsForm, questionnairesApi, type QuestionnaireSummary, type XlsFormProblem } from '../../api/questionnaires.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { formatTime } from '../rosters/roster-shared.tsx';
import { FormBuilderDrawer } from './form-builder.tsx';

/** The problems of a refused XLSForm, one row each: sheet, row, column, what is wrong. */
function ImportProblems({ problems, onClose }: { problems: XlsFormProblem[]; onClose: () => void }) {
  const { t, language } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={t('questionnaires.import.refused', { count: problems.length })}
      description={
        <Table<XlsFormProblem & { key: number }>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={problems.map((problem, key) => ({ ...problem, key }))}
          columns={[
            { title: t('questionnaires.import.sheet'), dataIndex: 'sheet', width: 90 },
            { title: t('questionnaires.import.row'), dataIndex: 'row', width: 70, render: (row?: number) => row ?? '—' },
            { title: t('questionnaires.import.column'), dataIndex: 'column', width: 110, render: (column?: string) => column ?? '—' },
            { title: t('questionnaires.import.problem'), key: 'message', render: (_: unknown, problem: XlsFormProblem) => (language === 'zh' ? problem.message : problem.messageEn) },
          ]}
          data-testid="import-problems"
        />
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** The list of forms. */
export function QuestionnairesPage() {
  const { t, errorText, language } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const profile = useProfile();
  const mayManage = profile.role === 'office' || profile.role === 'admin';
  const list = useLoad(() => questionnairesApi.list(), []);
  const [problems, setProblems] = useState<XlsFormProblem[] | undefined>(undefined);
  const [isImporting, setImporting] = useState(false);
  const [isBuilding, setBuilding] = useState(false);

  const upload = async (file: File) => {
    setImporting(true);
    setProblems(undefined);
    try {
      const outcome = await importXlsForm(file);
      if (outcome.ok) {
        message.success(t('questionnaires.import.done', { title: outcome.title }));
        list.reload();
      } else {
        setProblems(outcome.problems);
      }
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setImporting(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('questionnaires.title')}
        </Typography.Title>
        {mayManage && (
          <Space wrap>
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (void upload(file), false)}>
              <Button icon={<UploadOutlined />} loading={isImporting} data-testid="import-xlsform">
                {t('questionnaires.import.button')}
              </Button>
            </Upload>
            <Button type="primary" icon={<FormOutlined />} onClick={() => setBuilding(true)} data-testid="build-form">
              {t('questionnaires.builder.open')}
            </Button>
          </Space>
        )}
      </Space>
      {mayManage && <Typography.Paragraph type="secondary">{t('questionnaires.import.hint')}</Typography.Paragraph>}
      {problems && <ImportProblems problems={problems} onClose={() => setProblems(undefined)} />}
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Card size="small">
        <Table<QuestionnaireSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
          locale={{ emptyText: t('questionnaires.empty') }}
          columns={[
            {
              title: t('questionnaires.column.title'),
              key: 'title',
              render: (_: unknown, row) =>
                row.canViewResults ? (
                  <Link to={`/questionnaires/${row.id}`} data-testid={`questionnaire-${row.formId}`}>
                    {row.title}
                  </Link>
                ) : (
                  <span data-testid={`questionnaire-${row.formId}`}>{row.title}</span>
                ),
            },
            { title: t('questionnaires.column.formId'), dataIndex: 'formId', render: (formId: string) => <Typography.Text code>{formId}</Typography.Text> },
            { title: t('questionnaires.column.questions'), dataIndex: 'questionCount', width: 80 },
            { title: t('questionnaires.column.responses'), dataIndex: 'responseCount', width: 90 },
            {
              title: t('questionnaires.column.state'),
              dataIndex: 'isOpen',
              width: 90,
              render: (isOpen: boolean) => <Tag color={isOpen ? 'green' : 'default'}>{isOpen ? t('questionnaires.open') : t('questionnaires.closed')}</Tag>,
            },
            { title: t('questionnaires.column.created'), dataIndex: 'createdAt', width: 150, render: (createdAt: string) => formatTime(createdAt, language) },
            {
              title: '',
              key: 'actions',
              width: 200,
              render: (_: unknown, row) => (
                <Space>
                  {row.canAnswer && (
                    <Link to={`/questionnaires/${row.id}/fill`}>
                      <Button size="small" icon={<EditOutlined />} data-testid={`fill-${row.formId}`}>
                        {t('questionnaires.fillIt')}
                      </Button>
                    </Link>
                  )}
                  {row.canViewResults && (
                    <Link to={`/questionnaires/${row.id}`}>
                      <Button size="small" icon={<BarChartOutlined />} data-testid={`results-${row.formId}`}>
                        {t('questionnaires.results.open')}
                      </Button>
                    </Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {mayManage && (
        <FormBuilderDrawer
          isOpen={isBuilding}
          onClose={() => setBuilding(false)}
          onSaved={(id) => {
            setBuilding(false);
            navigate(`/questionnaires/${id}`);
          }}
        />
      )}
    </Space>
  );
}
