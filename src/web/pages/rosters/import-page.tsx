// Roster import at /rosters/import: choose the kind, download its template, choose an .xlsx or
// .csv file, run a dry run with progress, read the counts and every bad row (with the error
// sheet), then commit the same file — all rows or none (a refused commit shows its errors).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App as AntApp, Alert, Button, Card, Progress, Result, Segmented, Space, Steps, Typography, Upload } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileSearchOutlined, InboxOutlined } from '@ant-design/icons';
import { downloadFromApi, fileUrls } from '../../api/client.ts';
import type { ImportReport, RosterKind } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ImportReportView } from './import-report.tsx';
import { formatCount } from './roster-shared.tsx';
import { useImportRun, type RunProgress } from './use-import-run.ts';

const kinds: RosterKind[] = ['cadres', 'points', 'units'];
const listPaths: Record<RosterKind, string> = { cadres: '/rosters/cadres', points: '/rosters/points', units: '/rosters/units' };

type Stage = { step: 'choose' } | { step: 'checked'; report: ImportReport } | { step: 'committed'; report: ImportReport } | { step: 'refused'; dryRun: ImportReport; report: ImportReport };

function ProgressLine({ progress, dryRun }: { progress: RunProgress; dryRun: boolean }) {
  const { t, language } = useI18n();
  const label = (() => {
    switch (progress.phase) {
      case 'uploading':
        return t('import.phase.uploading', { percent: progress.total ? Math.round((100 * progress.processed) / progress.total) : 0 });
      case 'reading':
        return t('import.phase.reading', { rows: formatCount(progress.processed, language) });
      case 'validating':
        return t('import.phase.validating', { rows: formatCount(progress.processed, language), total: formatCount(progress.total ?? 0, language) });
      case 'writing':
        return dryRun ? t('import.phase.comparing') : t('import.phase.writing', { total: formatCount(progress.total ?? 0, language) });
      case 'done':
        return t('import.phase.done');
    }
  })();
  return (
    <div data-testid="import-progress">
      <Progress percent={progress.percent} status={progress.phase === 'done' ? 'success' : 'active'} />
      <Typography.Text type="secondary" data-testid="import-phase">
        {label}
      </Typography.Text>
    </div>
  );
}

/** The import screen. */
export function ImportPage() {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: RosterKind = kinds.includes(kindParam as RosterKind) ? (kindParam as RosterKind) : 'cadres';
  const [file, setFile] = useState<File | undefined>(undefined);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [failure, setFailure] = useState<unknown>(undefined);
  const [isTemplateBusy, setTemplateBusy] = useState(false);
  const [runningDryRun, setRunningDryRun] = useState(true);
  const importer = useImportRun();

  const startOver = (nextFile: File | undefined) => {
    setFile(nextFile);
    setStage({ step: 'choose' });
    setFailure(undefined);
    importer.clear();
  };

  const chooseKind = (next: RosterKind) => {
    setParams({ kind: next }, { replace: true });
    startOver(undefined);
  };

  const downloadTemplate = async () => {
    setTemplateBusy(true);
    try {
      await downloadFromApi(fileUrls.template(kind), `${kind}-template.xlsx`);
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setTemplateBusy(false);
    }
  };

  const runImport = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(undefined);
    setRunningDryRun(dryRun);
    const dryRunReport = stage.step === 'checked' ? stage.report : undefined;
    try {
      const { status, report } = await importer.run({ kind, file, dryRun });
      if (dryRun) setStage({ step: 'checked', report });
      else if (status === 422 || report.errors.length > 0) setStage({ step: 'refused', dryRun: dryRunReport ?? report, report });
      else setStage({ step: 'committed', report });
    } catch (caught) {
      setFailure(caught);
    }
  };

  const isChecked = stage.step === 'checked';
  const canCommit = isChecked && stage.report.errors.length === 0 && stage.report.valid > 0 && !importer.isRunning;
  const currentStep = stage.step === 'choose' ? (file ? 1 : 0) : stage.step === 'committed' ? 3 : 2;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Steps
        size="small"
        current={currentStep}
        items={[{ title: t('import.step.choose') }, { title: t('import.step.check') }, { title: t('import.step.review') }, { title: t('import.step.commit') }]}
      />
      <Card size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{t('import.kind')}</Typography.Text>
            <Segmented<RosterKind>
              value={kind}
              onChange={chooseKind}
              disabled={importer.isRunning}
              options={kinds.map((value) => ({ value, label: t(`import.kind.${value}`) }))}
              data-testid="import-kind"
            />
            <Button icon={<DownloadOutlined />} loading={isTemplateBusy} onClick={() => void downloadTemplate()} data-testid="download-template">
              {t('import.downloadTemplate')}
            </Button>
          </Space>
          <Typography.Text type="secondary">{t('import.hint')}</Typography.Text>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            maxCount={1}
            disabled={importer.isRunning}
            fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              startOver(chosen);
              return false;
            }}
            onRemove={() => {
              startOver(undefined);
              return true;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.dropFile')}</p>
            <p className="ant-upload-hint">{t('import.fileTypes')}</p>
          </Upload.Dragger>
          <Space wrap>
            <Button
              type={isChecked ? 'default' : 'primary'}
              icon={<FileSearchOutlined />}
              disabled={!file || importer.isRunning || stage.step === 'committed'}
              loading={importer.isRunning && runningDryRun}
              onClick={() => void runImport(true)}
              data-testid="run-dry-run"
            >
              {isChecked ? t('import.checkAgain') : t('import.check')}
            </Button>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!canCommit}
              loading={importer.isRunning && !runningDryRun}
              onClick={() => void runImport(false)}
              data-testid="run-commit"
            >
              {t('import.commit')}
            </Button>
            {importer.isRunning && <Button onClick={importer.cancel}>{t('import.cancel')}</Button>}
          </Space>
          {importer.progress && <ProgressLine progress={importer.progress} dryRun={runningDryRun} />}
          {failure !== undefined && <Alert type="error" showIcon title={errorText(failure)} data-testid="import-failure" />}
        </Space>
      </Card>

      {stage.step === 'checked' && (
        <Card size="small" title={t('import.dryRunTitle', { file: stage.report.fileName })}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {stage.report.errors.length > 0 ? (
              <Alert type="warning" showIcon title={t('import.dryRunHasErrors', { rejected: stage.report.rejected })} description={t('import.fixAndRetry')} data-testid="dry-run-verdict" />
            ) : stage.report.valid === 0 ? (
              <Alert type="info" showIcon title={t('import.nothingToImport')} data-testid="dry-run-verdict" />
            ) : (
              <Alert type="success" showIcon title={t('import.dryRunClean', { valid: stage.report.valid })} data-testid="dry-run-verdict" />
            )}
            <ImportReportView report={stage.report} testId="dry-run-report" />
          </Space>
        </Card>
      )}

      {stage.step === 'refused' && (
        <Card size="small" title={t('import.refusedTitle')}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Alert type="error" showIcon title={t('import.refused', { rejected: stage.report.rejected })} description={t('import.fixAndRetry')} data-testid="commit-refused" />
            <ImportReportView report={stage.report} testId="commit-report" />
          </Space>
        </Card>
      )}

      {stage.step === 'committed' && (
        <Card size="small">
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('import.committed')}
            subTitle={t('import.committedSummary', { new: stage.report.new, updated: stage.report.updated, unchanged: stage.report.unchanged })}
            extra={
              <Space wrap>
                <Link to={listPaths[kind]}>
                  <Button type="primary">{t(`import.open.${kind}`)}</Button>
                </Link>
                <Button onClick={() => startOver(undefined)}>{t('import.another')}</Button>
              </Space>
            }
            data-testid="commit-done"
          />
          <ImportReportView report={stage.report} testId="commit-report" />
        </Card>
      )}
    </div>
  );
}
