// Who to call back: masked by default; "查看" asks for a reason and calls reveal-contact, which the
// server logs. An anonymous case, or one whose reader is the subject of the complaint, says so.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { appealsApi, type AppealDetail } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const minReasonLength = 2;

/** The contact of one case. */
export function AppealContact({ appeal }: { appeal: AppealDetail }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [isOpen, setOpen] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [revealed, setRevealed] = useState<{ id: number; name: string | null; phone: string | null } | undefined>(undefined);

  const { contact } = appeal;
  if (contact.visibility === 'anonymous') return <Alert type="info" showIcon title={t('appeals.contact.anonymous')} data-testid="contact-note" />;
  if (contact.visibility === 'withheld') return <Alert type="warning" showIcon title={t('appeals.contact.withheld')} data-testid="contact-note" />;

  const shown = revealed?.id === appeal.id ? revealed : contact;
  const isRevealed = revealed?.id === appeal.id || contact.visibility === 'revealed';

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await appealsApi.revealContact(appeal.id, reason.trim());
      setRevealed({ id: appeal.id, ...answer });
      setOpen(false);
      form.resetFields();
    } catch (caught) {
      setProblem(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap data-testid="appeal-contact">
      <Typography.Text data-testid="contact-name">{shown.name ?? '—'}</Typography.Text>
      <Typography.Text data-testid={isRevealed ? 'revealed-phone' : 'masked-phone'} copyable={isRevealed && shown.phone ? { text: shown.phone } : false}>
        {shown.phone ?? '—'}
      </Typography.Text>
      {!isRevealed && appeal.canReveal && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-contact">
          {t('appeals.contact.reveal')}
        </Button>
      )}
      <Modal
        open={isOpen}
        title={t('appeals.contact.revealTitle')}
        okText={t('appeals.contact.revealConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={isBusy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => {
          setOpen(false);
          setProblem(undefined);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('appeals.contact.revealExplain')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('appeals.contact.reason')}
            rules={[
              { required: true, whitespace: true, message: t('appeals.contact.reasonRequired') },
              { min: minReasonLength, message: t('appeals.contact.reasonShort', { min: minReasonLength }) },
            ]}
            validateStatus={problem ? 'error' : undefined}
            help={problem}
          >
            <Input.TextArea rows={3} maxLength={200} showCount autoFocus data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
