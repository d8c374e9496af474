// The light frame of the resident's pages: no console shell, no sign-in, a narrow column that
// fits a 390 px phone, the brand and the language switch.
import { useEffect, type ReactNode } from 'react';
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n.tsx';

/** A resident's page: header with brand and language switch, then the content in one column. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.shortName')}`;
  }, [title, t]);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: '#c62f2f', color: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>
        <div style={{ maxWidth: 560, margin: '0 auto', padding: '10px 12px', display: 'flex', alignItems: 'center', gap: 8 }}>
          <span
            aria-hidden
            style={{ background: '#fff', color: '#c62f2f', borderRadius: 6, width: 26, height: 26, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700 }}
          >
            蹲
          </span>
          <span style={{ fontWeight: 600, fontSize: 15, flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{t('public.brand')}</span>
          <Button
            type="text"
            size="small"
            icon={<GlobalOutlined />}
            style={{ color: '#fff' }}
            onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
            title={t('lang.switchHint')}
            data-testid="language-switch"
          >
            {t('lang.switchTo')}
          </Button>
        </div>
      </header>
      <main style={{ maxWidth: 560, margin: '0 auto', padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>{children}</main>
    </div>
  );
}
