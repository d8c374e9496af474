// A masked phone with a "reveal" action: the full number is shown only after the user gives a
// reason, which the server logs (POST /api/cadres/:id/reveal-phone).
import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const minReasonLength = 4;

/** The phone of one cadre: masked, or revealed after a reason was given. */
export function PhoneReveal({ cadreId, cadreName, maskedPhone, canReveal }: { cadreId: number; cadreName: string; maskedPhone: string | null; canReveal: boolean }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [isOpen, setOpen] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  if (!maskedPhone) return <Typography.Text type="secondary">—</Typography.Text>;
  if (revealed !== undefined) {
    return (
      <Typography.Text copyable={revealed ? { text: revealed } : false} data-testid="revealed-phone">
        {revealed ?? '—'}
      </Typography.Text>
    );
  }

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await api.revealCadrePhone(cadreId, reason.trim());
      setRevealed(answer.phone);
      setOpen(false);
      form.resetFields();
    } catch (caught) {
      setProblem(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4}>
      <Typography.Text data-testid="masked-phone">{maskedPhone}</Typography.Text>
      {canReveal && (
        <Tooltip title={t('roster.revealPhone')}>
          <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t('roster.revealPhone')} onClick={() => setOpen(true)} data-testid="reveal-phone" />
        </Tooltip>
      )}
      <Modal
        open={isOpen}
        title={t('roster.revealTitle', { name: cadreName })}
        okText={t('roster.revealConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={isBusy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => {
          setOpen(false);
          setProblem(undefined);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('roster.revealExplain')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('roster.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('roster.revealReasonRequired') },
              { min: minReasonLength, message: t('roster.revealReasonShort', { min: minReasonLength }) },
            ]}
            validateStatus={problem ? 'error' : undefined}
            help={problem}
          >
            <Input.TextArea rows={3} maxLength={200} showCount autoFocus placeholder={t('roster.revealReasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
