// Downloads the list as it is filtered now (GET /api/exports/{kind}.xlsx with the same query),
// in the import template's format. Offices may export cadres' full phones, giving a reason.
import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Form, Input, Modal, Space, Typography } from 'antd';
import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import { downloadFromApi, fileUrls } from '../../api/client.ts';
import type { RosterKind } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Filters = Record<string, string | number | boolean | undefined>;

/** The export button of a roster list. */
export function ExportButton({ kind, filters, mayRevealPhones = false }: { kind: RosterKind; filters: Filters; mayRevealPhones?: boolean }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [isBusy, setBusy] = useState(false);
  const [isAsking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const run = async (extra: Filters = {}) => {
    setBusy(true);
    try {
      await downloadFromApi(fileUrls.export(kind, { ...filters, ...extra }), `${kind}.xlsx`);
      message.success(t('roster.exported'));
      return true;
    } catch (caught) {
      message.error(errorText(caught));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const button = (
    <Button icon={<ExportOutlined />} loading={isBusy} onClick={() => void run()} data-testid={`export-${kind}`}>
      {t('roster.export')}
    </Button>
  );
  if (!mayRevealPhones) return button;
  return (
    <>
      <Space.Compact>
        {button}
        <Dropdown trigger={['click']} menu={{ items: [{ key: 'phones', label: t('roster.exportWithPhones'), onClick: () => setAsking(true) }] }}>
          <Button icon={<DownOutlined />} disabled={isBusy} aria-label={t('roster.exportWithPhones')} />
        </Dropdown>
      </Space.Compact>
      <Modal
        open={isAsking}
        title={t('roster.exportWithPhones')}
        okText={t('roster.export')}
        cancelText={t('common.cancel')}
        confirmLoading={isBusy}
        destroyOnHidden
        onCancel={() => setAsking(false)}
        onOk={() =>
          void form.validateFields().then(async ({ reason }) => {
            if (await run({ revealPhones: true, reason: reason.trim() })) setAsking(false);
          }, () => undefined)
        }
      >
        <Typography.Paragraph type="secondary">{t('roster.exportPhonesExplain')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('roster.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('roster.revealReasonRequired') },
              { min: 4, message: t('roster.revealReasonShort', { min: 4 }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
