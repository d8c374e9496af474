// What is already being handled at the point, so a resident with the same problem adds a "me too"
// (counted once per phone: the id is kept in localStorage) instead of filing it again.
import { useState } from 'react';
import { App as AntApp, Button, Card, Tag, Typography } from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import { publicApi, type PublicPoint } from '../../api/public.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { hasSentMeToo, markMeTooSent, meTooClientId } from './draft-storage.ts';

/** Sends this phone's "me too" on a case; the same client id on every retry. */
export async function sendMeToo(trackingCode: string) {
  const { clientId } = meTooClientId(trackingCode);
  const tracking = await publicApi.meToo(trackingCode, clientId);
  markMeTooSent(trackingCode);
  return tracking;
}

/** The "me too" button of one case: disabled once this phone has joined it. */
export function MeTooButton({ trackingCode, onJoined, block }: { trackingCode: string; onJoined?: () => void; block?: boolean }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [isSent, setSent] = useState(() => hasSentMeToo(trackingCode));
  const [isSending, setSending] = useState(false);
  const join = async () => {
    setSending(true);
    try {
      await sendMeToo(trackingCode);
      setSent(true);
      message.success(t('public.meToo.done'));
      onJoined?.();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSending(false);
    }
  };
  return (
    <Button icon={<LikeOutlined />} disabled={isSent} loading={isSending} onClick={() => void join()} block={block} data-testid="me-too">
      {isSent ? t('public.meToo.sent') : t('public.meToo')}
    </Button>
  );
}

/** The open cases at a point, each with its "me too" count and button. */
export function OpenCasesCard({ cases, categories }: { cases: PublicPoint['openCases']; categories: PublicPoint['categories'] }) {
  const { t, language } = useI18n();
  // The list names categories in Chinese; the catalogue beside it has the English name.
  const categoryName = (nameZh: string) => (language === 'zh' ? nameZh : (categories.find((category) => category.nameZh === nameZh)?.nameEn ?? nameZh));
  const [added, setAdded] = useState<Record<string, number>>({});
  return (
    <Card size="small" title={t('public.box.openCases')} data-testid="open-cases">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('public.box.openCasesHint')}
      </Typography.Paragraph>
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        {cases.map((item, index) => {
          const count = item.meTooCount + (added[item.trackingCode] ?? 0);
          return (
            <div
              key={item.trackingCode}
              data-testid="open-case"
              style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '8px 0', borderTop: index === 0 ? undefined : '1px solid #f0f0f0' }}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <div>
                  <Tag style={{ marginInlineEnd: 6 }}>{categoryName(item.categoryName)}</Tag>
                  <Typography.Text>{item.title}</Typography.Text>
                </div>
                {count > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('public.meToo.count', { count })}
                  </Typography.Text>
                )}
              </div>
              <MeTooButton trackingCode={item.trackingCode} onJoined={() => setAdded((previous) => ({ ...previous, [item.trackingCode]: (previous[item.trackingCode] ?? 0) + 1 }))} />
            </div>
          );
        })}
      </div>
    </Card>
  );
}
