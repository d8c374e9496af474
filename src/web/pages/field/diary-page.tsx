// /diary: the diary (民情日记) and days on site. A cadre reads their own entries; the head of a unit
// (and an office over it, choosing the unit) sees how many days each of the unit's cadres reported
// on site — plain self-reported counts in name order, never a ranking, with no location or photos.
import { useState } from 'react';
import { Alert, Card, DatePicker, Empty, List, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useProfile } from '../../auth/auth.tsx';
import { ApiError } from '../../api/client.ts';
import { fieldApi, type Period, type UnitDiary } from '../../api/field.ts';
import { UnitSelect } from '../../components/unit-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';

function MyDiary({ period }: { period: Period }) {
  const { t, errorText } = useI18n();
  const diary = useLoad(() => fieldApi.myDiary(period), [period.from, period.to]);
  return (
    <Card title={t('diary.mine')} size="small" data-testid="my-diary">
      {diary.error ? (
        <Alert type="error" title={errorText(diary.error)} />
      ) : (
        <List
          loading={diary.isLoading}
          dataSource={[...(diary.data?.items ?? [])].reverse()}
          locale={{ emptyText: t('diary.noEntries') }}
          renderItem={(entry) => (
            <List.Item data-testid="diary-entry">
              <List.Item.Meta
                title={
                  <Space>
                    {entry.entryOn}
                    <Tag color={entry.isOnSite ? 'green' : undefined}>{entry.isOnSite ? t('diary.onSite') : t('diary.offSite')}</Tag>
                    {entry.pointName && <Typography.Text type="secondary">{entry.pointName}</Typography.Text>}
                  </Space>
                }
                description={entry.text}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function UnitDays({ period, isOffice }: { period: Period; isOffice: boolean }) {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const [unitId, setUnitId] = useState<number | undefined>(isOffice ? (profile.unitId ?? undefined) : undefined);
  const days = useLoad<UnitDiary | null>(() => (isOffice && !unitId ? Promise.resolve(null) : fieldApi.unitDiary({ ...period, unitId })), [unitId, period.from, period.to, isOffice]);
  // A cadre who does not head a unit has no unit view: nothing to show, not an error.
  if (!isOffice && days.error instanceof ApiError && days.error.status === 403) return null;
  return (
    <Card
      title={t('diary.unit')}
      size="small"
      data-testid="unit-days"
      extra={isOffice && <UnitSelect value={unitId} onChange={setUnitId} placeholder={t('diary.chooseUnit')} style={{ width: 280 }} />}
    >
      {days.error ? (
        <Alert type="error" title={errorText(days.error)} />
      ) : days.data === null ? (
        <Empty description={t('diary.chooseUnit')} />
      ) : (
        <>
          {days.data && (
            <Typography.Paragraph type="secondary">
              {days.data.unitName} · {days.data.from} – {days.data.to} · {t('diary.ofDays', { days: days.data.days })}
            </Typography.Paragraph>
          )}
          <Table
            rowKey="cadreId"
            size="small"
            loading={days.isLoading}
            pagination={false}
            dataSource={days.data?.cadres ?? []}
            locale={{ emptyText: t('diary.noCadres') }}
            columns={[
              { title: t('diary.cadre'), dataIndex: 'name' },
              { title: t('diary.daysOnSite'), dataIndex: 'daysOnSite', align: 'right' },
              { title: t('diary.daysRecorded'), dataIndex: 'daysRecorded', align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

export function DiaryPage() {
  const { t } = useI18n();
  const profile = useProfile();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const period: Period = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const isOffice = profile.role === 'office' || profile.role === 'admin';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('diary.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('diary.note')} />
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        onChange={(next) => next?.[0] && next[1] && setRange([next[0], next[1]])}
        data-testid="diary-period"
      />
      {profile.cadreId !== null && <MyDiary period={period} />}
      <UnitDays period={period} isOffice={isOffice} />
    </Space>
  );
}
