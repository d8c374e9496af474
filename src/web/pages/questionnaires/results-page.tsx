// /questionnaires/:id: a form's results — one card per question (counts per choice, a histogram of
// numbers, how many answered) over the responses in the caller's scope, filtered by region and
// point (kept in the URL), the .xlsx export, opening and closing, and the public link with a QR code.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Popover, Progress, Row, Select, Skeleton, Space, Statistic, Switch, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CopyOutlined, EditOutlined, ExportOutlined, LinkOutlined, QrcodeOutlined } from '@ant-design/icons';
import { textIn } from '../../../shared/forms/form-definition.ts';
import { api, downloadFromApi } from '../../api/client.ts';
import { questionnairesApi, type QuestionnaireDetail, type QuestionResult } from '../../api/questionnaires.ts';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { QrCodeSvg } from '../public/box-poster-page.tsx';
import { intParam, textParam, useUrlFilters } from '../rosters/roster-shared.tsx';
import { formLanguageFor } from '../../../shared/forms/filling.ts';
import { ChoiceChart, formatNumber, HistogramChart } from './question-chart.tsx';

function parseResultsQuery(params: URLSearchParams) {
  return { regionCode: textParam(params, 'regionCode'), pointId: intParam(params, 'pointId') };
}

/** The point filter: a search over the points of the chosen region. */
function PointFilter({ regionCode, value, onChange }: { regionCode?: string; value?: number; onChange: (pointId: number | undefined) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const points = useLoad(() => api.points({ regionCode, q: query || undefined, page: 1, pageSize: 30 }), [regionCode, query]);
  const options = (points.data?.items ?? []).map((point) => ({ value: point.id, label: `${point.name}（${point.regionPath}）` }));
  if (value !== undefined && !options.some((option) => option.value === value)) options.unshift({ value, label: `#${value}` });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQuery }}
      allowClear
      value={value}
      onChange={(next: number | undefined) => onChange(next)}
      options={options}
      loading={points.isLoading}
      placeholder={t('questionnaires.results.allPoints')}
      style={{ minWidth: 260 }}
      data-testid="results-point"
    />
  );
}

/** The public link, made on first use, with copy and a QR code to print or show. */
function PublicLink({ questionnaire, onMade }: { questionnaire: QuestionnaireDetail; onMade: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [isBusy, setBusy] = useState(false);
  const url = questionnaire.publicToken ? `${window.location.origin}/f/${questionnaire.publicToken}` : undefined;
  const make = async () => {
    setBusy(true);
    try {
      await questionnairesApi.publicLink(questionnaire.id);
      onMade();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url!);
      message.success(t('questionnaires.link.copied'));
    } catch {
      message.info(url!);
    }
  };
  if (!url) {
    return (
      <Button icon={<LinkOutlined />} loading={isBusy} onClick={() => void make()} data-testid="make-public-link">
        {t('questionnaires.link.make')}
      </Button>
    );
  }
  return (
    <Space wrap>
      <Typography.Text code copyable={false} data-testid="public-link">
        {url}
      </Typography.Text>
      <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-public-link">
        {t('questionnaires.link.copy')}
      </Button>
      <Popover content={<QrCodeSvg text={url} size="200px" label={url} />} trigger="click">
        <Button icon={<QrcodeOutlined />}>{t('questionnaires.link.qr')}</Button>
      </Popover>
    </Space>
  );
}

function QuestionCard({ question, responses, formLanguage, fallback }: { question: QuestionResult; responses: number; formLanguage: string; fallback: string }) {
  const { t } = useI18n();
  const title = textIn(question.label, formLanguage, fallback) || question.name;
  const share = responses > 0 ? Math.round((question.answered / responses) * 100) : 0;
  let body;
  if (question.choices) {
    const bars = question.choices.map((choice) => ({ label: textIn(choice.label, formLanguage, fallback) || choice.name, count: choice.count }));
    body = question.answered === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('questionnaires.results.noAnswers')} /> : <ChoiceChart bars={bars} base={question.answered} countLabel={t('questionnaires.results.count')} />;
  } else if (question.numeric) {
    const numeric = question.numeric;
    body = (
      <>
        <Row gutter={8}>
          <Col span={6}>
            <Statistic title={t('questionnaires.results.mean')} value={formatNumber(numeric.mean)} />
          </Col>
          <Col span={6}>
            <Statistic title={t('questionnaires.results.min')} value={formatNumber(numeric.min)} />
          </Col>
          <Col span={6}>
            <Statistic title={t('questionnaires.results.max')} value={formatNumber(numeric.max)} />
          </Col>
          <Col span={6}>
            <Statistic title={t('questionnaires.results.count')} value={numeric.count} />
          </Col>
        </Row>
        <HistogramChart buckets={numeric.buckets} countLabel={t('questionnaires.results.count')} />
      </>
    );
  } else {
    body = <Progress percent={share} format={() => `${question.answered} / ${responses}`} />;
  }
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{title}</span>
          <Tag>{t(`questionnaires.type.${question.type}` as 'questionnaires.type.text')}</Tag>
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('questionnaires.results.answered', { answered: question.answered, responses })}</Typography.Text>}
      style={{ height: '100%' }}
      data-testid={`result-${question.name}`}
    >
      {body}
    </Card>
  );
}

/** The results page of one form. */
export function QuestionnaireResultsPage() {
  const { t, errorText, language } = useI18n();
  const { message } = AntApp.useApp();
  const id = Number(useParams().id);
  const { filters, update } = useUrlFilters(parseResultsQuery);
  const questionnaire = useLoad(() => questionnairesApi.get(id), [id]);
  const results = useLoad(() => questionnairesApi.results(id, filters), [id, filters.regionCode, filters.pointId]);
  const [isExporting, setExporting] = useState(false);
  const [isToggling, setToggling] = useState(false);
  const detail = questionnaire.data;
  const formLanguage = useMemo(() => (detail ? formLanguageFor(detail.definition, language) : language), [detail, language]);

  const exportResponses = async () => {
    setExporting(true);
    try {
      await downloadFromApi(questionnairesApi.exportUrl(id, filters), 'responses.xlsx');
      message.success(t('questionnaires.results.exported'));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const toggleOpen = async (isOpen: boolean) => {
    setToggling(true);
    try {
      await questionnairesApi.setOpen(id, isOpen);
      questionnaire.reload();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setToggling(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/questionnaires">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('questionnaires.back')}
        </Button>
      </Link>
      {questionnaire.error !== undefined && <Alert type="error" showIcon title={errorText(questionnaire.error)} />}
      {questionnaire.isLoading && !detail && <Skeleton active />}
      {detail && (
        <Card>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="results-title">
              {detail.title}
            </Typography.Title>
            <Space wrap>
              {detail.canAnswer && (
                <Link to={`/questionnaires/${id}/fill`}>
                  <Button icon={<EditOutlined />} data-testid="results-fill">
                    {t('questionnaires.fillIt')}
                  </Button>
                </Link>
              )}
              <Button icon={<ExportOutlined />} loading={isExporting} onClick={() => void exportResponses()} data-testid="results-export">
                {t('questionnaires.results.export')}
              </Button>
            </Space>
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('questionnaires.column.formId')}>{detail.formId}</Descriptions.Item>
            <Descriptions.Item label={t('questionnaires.column.questions')}>{detail.questionCount}</Descriptions.Item>
            <Descriptions.Item label={t('questionnaires.column.state')}>
              {detail.canManage ? (
                <Space>
                  <Switch checked={detail.isOpen} loading={isToggling} onChange={(isOpen) => void toggleOpen(isOpen)} data-testid="results-open-switch" />
                  {detail.isOpen ? t('questionnaires.open') : t('questionnaires.closed')}
                </Space>
              ) : detail.isOpen ? (
                t('questionnaires.open')
              ) : (
                t('questionnaires.closed')
              )}
            </Descriptions.Item>
          </Descriptions>
          {detail.canManage && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                {t('questionnaires.link.label')}
              </Typography.Text>
              <PublicLink questionnaire={detail} onMade={questionnaire.reload} />
            </div>
          )}
        </Card>
      )}
      <Card size="small">
        <Space wrap>
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode, pointId: undefined })} style={{ minWidth: 260 }} />
          <PointFilter regionCode={filters.regionCode} value={filters.pointId} onChange={(pointId) => update({ pointId })} />
          {results.data && (
            <Typography.Text strong data-testid="results-count">
              {t('questionnaires.results.responses', { count: results.data.responses })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {results.error !== undefined && <Alert type="error" showIcon title={errorText(results.error)} />}
      {results.isLoading && !results.data && <Skeleton active />}
      {results.data && detail && (
        <Row gutter={[16, 16]}>
          {results.data.questions.map((question) => (
            <Col key={question.name} xs={24} lg={12}>
              <QuestionCard question={question} responses={results.data!.responses} formLanguage={formLanguage} fallback={detail.definition.settings.defaultLanguage} />
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
