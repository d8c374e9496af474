// The action panel of the case page: one button per step this caller may take now
// (allowedEvents), each opening a small form with the fields that step needs. Every step sends
// the version that was read; a stale one (409 CONFLICT) offers a reload, a refused step
// (INVALID_TRANSITION) says why in the form.
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Empty, Form, Modal, Space, Typography, type ButtonProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { appealsApi, type AppealDetail, type AppealEvent } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { newClientId } from '../public/draft-storage.ts';
import { isConfirmOnly, stepBody, type StepValues } from './appeal-text.ts';
import { useCategories } from './appeal-shared.tsx';
import { initialStepValues, StepFields } from './step-form.tsx';

/** Steps that move a case forward on the main path: shown first, as primary buttons. */
const forwardSteps: AppealEvent[] = ['dispatch', 'accept', 'record_contact', 'reply', 'approve_reply', 'record_callback', 'approve_return', 'decide_extension'];
/** Steps that push back or press: shown in red. */
const dangerSteps: AppealEvent[] = ['return', 'send_back', 'merge', 'reject_return', 'supervise', 'escalate'];

function orderedSteps(events: AppealEvent[]): AppealEvent[] {
  return [...events].sort((a, b) => Number(forwardSteps.includes(b)) - Number(forwardSteps.includes(a)));
}

/** Buttons for the allowed steps and the form of the one being taken. */
export function AppealActions({ appeal, onChanged, onReload }: { appeal: AppealDetail; onChanged: (next: AppealDetail) => void; onReload: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const categories = useCategories();
  const [form] = Form.useForm<StepValues>();
  const [event, setEvent] = useState<AppealEvent | undefined>(undefined);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [isConflict, setConflict] = useState(false);

  const open = (next: AppealEvent) => {
    setProblem(undefined);
    setEvent(next);
    const defaultLevel = categories.categories.find((category) => category.code === appeal.categoryCode)?.defaultLevel;
    form.resetFields();
    form.setFieldsValue(initialStepValues(next, appeal, defaultLevel));
  };

  const submit = async () => {
    if (!event) return;
    const values = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      const next =
        event === 'me_too'
          ? await appealsApi.meToo(appeal.id, { clientId: newClientId(), note: values.note?.trim() || undefined })
          : await appealsApi.act(appeal.id, stepBody(event, appeal.version, values));
      setEvent(undefined);
      setConflict(false);
      onChanged(next);
      void message.success(t('appeals.action.done', { step: t(`appeals.event.${event}`) }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CONFLICT') {
        setEvent(undefined);
        setConflict(true);
      } else setProblem(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const steps = orderedSteps(appeal.allowedEvents);
  return (
    <Card size="small" title={t('appeals.action.title')} data-testid="appeal-actions">
      {isConflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('appeals.action.conflict')}
          data-testid="appeal-conflict"
          action={
            <Button
              size="small"
              type="primary"
              icon={<ReloadOutlined />}
              onClick={() => {
                setConflict(false);
                onReload();
              }}
            >
              {t('appeals.action.reload')}
            </Button>
          }
        />
      )}
      {steps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeals.action.none')} />
      ) : (
        <Space wrap>
          {steps.map((step) => (
            <Button key={step} type={forwardSteps.includes(step) ? 'primary' : 'default'} danger={dangerSteps.includes(step)} onClick={() => open(step)} data-testid={`action-${step}`}>
              {t(`appeals.event.${step}`)}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={event !== undefined}
        title={event ? t(`appeals.event.${event}`) : undefined}
        okText={t('appeals.action.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={isBusy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEvent(undefined)}
        okButtonProps={{ 'data-testid': 'step-submit' } as ButtonProps}
        forceRender
        width={560}
      >
        <Form form={form} layout="vertical" data-testid="step-form">
          {event && isConfirmOnly(event) && <Typography.Paragraph>{t('appeals.action.confirm', { step: t(`appeals.event.${event}`), code: appeal.trackingCode })}</Typography.Paragraph>}
          {event && <StepFields event={event} appeal={appeal} form={form} />}
          {problem && <Alert type="error" showIcon title={problem} data-testid="step-problem" />}
        </Form>
      </Modal>
    </Card>
  );
}
