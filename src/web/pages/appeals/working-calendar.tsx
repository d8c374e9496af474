// The working-day calendar of one year: public holidays off, make-up working weekends (调休上班)
// on. Deadlines count working days on it. Lists both, lets the office add and remove days, saves.
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, DatePicker, Empty, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { appealsApi, type CalendarBody } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';

type DayKind = 'holidays' | 'workingWeekends';

const isWeekend = (date: string) => [0, 6].includes(dayjs(date).day());

function DayList({ kind, year, days, onChange }: { kind: DayKind; year: number; days: string[]; onChange: (days: string[]) => void }) {
  const { t } = useI18n();
  const add = (value: Dayjs | null) => {
    if (!value) return;
    const date = value.format('YYYY-MM-DD');
    if (!days.includes(date)) onChange([...days, date].sort());
  };
  return (
    <Card size="small" title={t(`appeals.calendar.${kind}`, { count: days.length })} data-testid={`calendar-${kind}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <DatePicker
          value={null}
          onChange={add}
          placeholder={t('appeals.calendar.addDay')}
          minDate={dayjs(`${year}-01-01`)}
          maxDate={dayjs(`${year}-12-31`)}
          defaultPickerValue={dayjs(`${year}-01-01`)}
          disabledDate={kind === 'workingWeekends' ? (date) => ![0, 6].includes(date.day()) : undefined}
          data-testid={`calendar-add-${kind}`}
        />
        {days.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Space wrap size={[4, 6]}>
            {days.map((day) => (
              <Tag key={day} closable onClose={() => onChange(days.filter((other) => other !== day))} color={kind === 'workingWeekends' && !isWeekend(day) ? 'error' : undefined}>
                {day} {t(`appeals.calendar.weekday.${dayjs(day).day() as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)}
              </Tag>
            ))}
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** Year chooser, the two lists and save. */
export function WorkingCalendarEditor() {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const loaded = useLoad(() => appealsApi.calendar(year), [year]);
  const [draft, setDraft] = useState<CalendarBody | undefined>(undefined);
  const [isSaving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (loaded.data) setDraft({ holidays: [...loaded.data.holidays].sort(), workingWeekends: [...loaded.data.workingWeekends].sort() });
    else setDraft(undefined);
  }, [loaded.data]);

  const isChanged = draft !== undefined && loaded.data !== undefined && JSON.stringify(draft) !== JSON.stringify({ holidays: [...loaded.data.holidays].sort(), workingWeekends: [...loaded.data.workingWeekends].sort() });

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setProblem(undefined);
    try {
      await appealsApi.saveCalendar(year, draft);
      void message.success(t('appeals.calendar.saved', { year }));
      loaded.reload();
    } catch (caught) {
      setProblem(errorText(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="working-calendar">
      <Space wrap>
        <Typography.Text>{t('appeals.calendar.year')}</Typography.Text>
        <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(value) => value && setYear(value)} data-testid="calendar-year" />
        {loaded.data?.isDefault && <Tag color="blue">{t('appeals.calendar.isDefault')}</Tag>}
        <Button type="primary" icon={<SaveOutlined />} disabled={!isChanged} loading={isSaving} onClick={() => void save()} data-testid="calendar-save">
          {t('common.save')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('appeals.calendar.explain')}</Typography.Text>
      {loaded.error !== undefined && <Alert type="error" showIcon title={errorText(loaded.error)} action={<Button size="small" onClick={loaded.reload}>{t('common.retry')}</Button>} />}
      {problem && <Alert type="error" showIcon title={problem} />}
      {draft && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <DayList kind="holidays" year={year} days={draft.holidays} onChange={(holidays) => setDraft({ ...draft, holidays })} />
          </Col>
          <Col xs={24} lg={12}>
            <DayList kind="workingWeekends" year={year} days={draft.workingWeekends} onChange={(workingWeekends) => setDraft({ ...draft, workingWeekends })} />
          </Col>
        </Row>
      )}
    </Space>
  );
}
