// The tracking code shown after a submission: large enough to read aloud or copy onto paper, with
// a copy button and the link to the status page. Used by the suggestion box and the phone intake.
import { App as AntApp, Button, Typography } from 'antd';
import { CopyOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';

/** Copies text; the clipboard API needs a secure context, so plain HTTP falls back to a selection. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** The code, big, with "copy" and "see the progress". */
export function TrackingCodeCard({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const trackPath = `/track/${encodeURIComponent(code)}`;
  const copy = async () => {
    if (await copyText(code)) message.success(t('public.code.copied'));
    else message.warning(t('public.code.copyFailed'));
  };
  return (
    <div style={{ background: '#fff7f6', border: '1px solid #f3c9c5', borderRadius: 8, padding: '12px 12px 14px', textAlign: 'center' }}>
      <Typography.Text type="secondary">{t('public.code.label')}</Typography.Text>
      <div
        data-testid="tracking-code"
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 30, fontWeight: 700, letterSpacing: 2, color: '#a8071a', margin: '4px 0 10px', wordBreak: 'break-all' }}
      >
        {code}
      </div>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'center', flexWrap: 'wrap' }}>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-tracking-code">
          {t('public.code.copy')}
        </Button>
        <Button
          type="primary"
          icon={<SearchOutlined />}
          href={trackPath}
          onClick={(event) => {
            event.preventDefault();
            navigate(trackPath);
          }}
          data-testid="track-link"
        >
          {t('public.code.track')}
        </Button>
      </div>
    </div>
  );
}
