// Appeal settings at /appeals/settings (appeals.configure): the dispatch catalogue and the
// working-day calendar, one tab each (the tab is kept in the URL).
import { useSearchParams } from 'react-router-dom';
import { Card, Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { DispatchCatalogue } from './dispatch-catalogue.tsx';
import { WorkingCalendarEditor } from './working-calendar.tsx';

/** The settings screen. */
export function AppealSettingsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'calendar' ? 'calendar' : 'catalogue';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('appeals.settings.title')}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'calendar' ? { tab: key } : {}, { replace: true })}
          items={[
            { key: 'catalogue', label: t('appeals.settings.catalogue'), children: <DispatchCatalogue /> },
            { key: 'calendar', label: t('appeals.settings.calendar'), children: <WorkingCalendarEditor /> },
          ]}
        />
      </Card>
    </div>
  );
}
