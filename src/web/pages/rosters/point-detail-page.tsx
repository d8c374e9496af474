// One contact point at /rosters/points/:id: every field with needs and profile, cadres of earlier
// programmes, the change history, and an edit form with optimistic locking (409 → reload offer;
// the API's field problems appear on the fields).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Table } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { needTags, programmes, type NeedSeverities, type NeedTag, type PointChanges, type PointDetail, type PointType, type Programme } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { PointFieldWork } from '../field/point-field-work.tsx';
import { ChangeHistory } from './change-history.tsx';
import { DetailFrame } from './detail-frame.tsx';
import { NeedTags } from './need-tags.tsx';
import { PointProfile, useProfileLabels } from './point-profile.tsx';
import { ConflictNotice, formatCount, useRecordSave, vocabularyOptions } from './roster-shared.tsx';

type ProfileValue = string | number | boolean | null;

interface PointForm {
  name: string;
  type: PointType;
  needs: NeedSeverities;
  needNotes: Partial<Record<NeedTag, string>>;
  households: number;
  population: number;
  minCadres: number;
  maxCadres: number;
  profile: Record<string, ProfileValue>;
}

const formFields = ['name', 'type', 'needs', 'needNotes', 'households', 'population', 'minCadres', 'maxCadres', 'profile'];

function editableProfile(profile: Record<string, unknown>): Record<string, ProfileValue> {
  return Object.fromEntries(
    Object.entries(profile).map(([key, value]) => [key, typeof value === 'number' || typeof value === 'boolean' || value === null ? value : typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}

function formValuesOf(point: PointDetail): PointForm {
  return {
    name: point.name,
    type: point.type,
    needs: { ...point.needs },
    needNotes: Object.fromEntries(needTags.map((tag) => [tag, point.needNotes[tag] ?? ''])),
    households: point.households,
    population: point.population,
    minCadres: point.minCadres,
    maxCadres: point.maxCadres,
    profile: editableProfile(point.profile),
  };
}

const isProgramme = (value: string): value is Programme => (programmes as string[]).includes(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the parts the user changed, with the version that was read. */
function changesOf(point: PointDetail, values: PointForm): PointChanges {
  const original = formValuesOf(point);
  const changes: PointChanges = { version: point.version };
  if (values.name.trim() !== original.name) changes.name = values.name.trim();
  if (values.type !== original.type) changes.type = values.type;
  if (!same(values.needs, original.needs)) changes.needs = values.needs;
  const notes = Object.fromEntries(needTags.map((tag) => [tag, (values.needNotes[tag] ?? '').trim()]).filter(([, note]) => note));
  const originalNotes = Object.fromEntries(needTags.map((tag) => [tag, (original.needNotes[tag] ?? '').trim()]).filter(([, note]) => note));
  if (!same(notes, originalNotes)) changes.needNotes = notes;
  for (const key of ['households', 'population', 'minCadres', 'maxCadres'] as const) if (values[key] !== original[key]) changes[key] = values[key];
  const profile = { ...original.profile, ...values.profile };
  if (!same(profile, original.profile)) changes.profile = profile;
  return changes;
}

/** The input for one profile value, by the type of the value it holds. */
function ProfileInput({ sample }: { sample: ProfileValue }) {
  if (typeof sample === 'boolean') return <Switch />;
  if (typeof sample === 'number') return <InputNumber style={{ width: '100%' }} />;
  return <Input maxLength={200} />;
}

/** The contact-point detail screen. */
export function PointDetailPage() {
  const { id } = useParams();
  const pointId = Number(id);
  const { t, language } = useI18n();
  const { message } = AntApp.useApp();
  const detail = useLoad(() => api.point(pointId), [pointId]);
  const point = detail.data;
  const [isEditing, setEditing] = useState(false);
  const [form] = Form.useForm<PointForm>();
  const saving = useRecordSave();
  const options = vocabularyOptions(t);
  const { keyLabel } = useProfileLabels();

  useEffect(() => {
    if (point) form.setFieldsValue(formValuesOf(point));
  }, [point, form]);

  const submit = async (values: PointForm) => {
    if (!point) return;
    const changes = changesOf(point, values);
    if (Object.keys(changes).length === 1) {
      message.info(t('roster.nothingChanged'));
      return;
    }
    const saved = await saving.save(form, formFields, () => api.updatePoint(point.id, changes));
    if (saved) {
      message.success(t('roster.saved'));
      setEditing(false);
      detail.reload();
    }
  };

  const severityOptions = [0, 1, 2, 3].map((value) => ({ value, label: value === 0 ? t('points.severityNone') : String(value) }));

  return (
    <DetailFrame
      backTo="/rosters/points"
      backLabel={t('points.back')}
      isLoading={detail.isLoading}
      error={point ? undefined : detail.error}
      onRetry={detail.reload}
      title={point?.name}
      extra={
        point?.canEdit &&
        !isEditing && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-record">
            {t('roster.edit')}
          </Button>
        )
      }
    >
      {point && (
        <>
          {isEditing && (
            <Card title={t('roster.editTitle')} size="small" data-testid="edit-form">
              {saving.isConflict && (
                <div style={{ marginBottom: 16 }}>
                  <ConflictNotice
                    onReload={() => {
                      saving.reset();
                      detail.reload();
                    }}
                  />
                </div>
              )}
              {saving.problem && <Alert type="error" showIcon title={saving.problem} style={{ marginBottom: 16 }} data-testid="edit-problem" />}
              <Form<PointForm> form={form} layout="vertical" initialValues={formValuesOf(point)} onFinish={(values) => void submit(values)}>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }}>
                  <Form.Item name="name" label={t('roster.field.name')} rules={[{ required: true, whitespace: true, message: t('roster.required') }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item name="type" label={t('roster.field.type')}>
                    <Select options={options.pointTypes} />
                  </Form.Item>
                  <Form.Item name="households" label={t('roster.field.households')}>
                    <InputNumber style={{ width: '100%' }} precision={0} />
                  </Form.Item>
                  <Form.Item name="population" label={t('roster.field.population')}>
                    <InputNumber style={{ width: '100%' }} precision={0} />
                  </Form.Item>
                  <Form.Item name="minCadres" label={t('roster.field.minCadres')}>
                    <InputNumber style={{ width: '100%' }} precision={0} />
                  </Form.Item>
                  <Form.Item name="maxCadres" label={t('roster.field.maxCadres')}>
                    <InputNumber style={{ width: '100%' }} precision={0} />
                  </Form.Item>
                  {needTags.map((tag) => (
                    <Form.Item key={`severity-${tag}`} name={['needs', tag]} label={t('points.severityOf', { need: t(`roster.need.${tag}`) })}>
                      <Select options={severityOptions} />
                    </Form.Item>
                  ))}
                  {needTags.map((tag) => (
                    <Form.Item key={`note-${tag}`} name={['needNotes', tag]} label={t('points.noteOf', { need: t(`roster.need.${tag}`) })}>
                      <Input maxLength={200} />
                    </Form.Item>
                  ))}
                  {Object.entries(editableProfile(point.profile)).map(([key, value]) => (
                    <Form.Item key={`profile-${key}`} name={['profile', key]} label={keyLabel(key)} valuePropName={typeof value === 'boolean' ? 'checked' : 'value'}>
                      <ProfileInput sample={value} />
                    </Form.Item>
                  ))}
                </div>
                <Space>
                  <Button type="primary" htmlType="submit" loading={saving.isSaving} data-testid="save-record">
                    {t('common.save')}
                  </Button>
                  <Button
                    onClick={() => {
                      setEditing(false);
                      saving.reset();
                      form.setFieldsValue(formValuesOf(point));
                    }}
                  >
                    {t('common.cancel')}
                  </Button>
                </Space>
              </Form>
            </Card>
          )}
          <Card title={t('roster.basics')} size="small">
            <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3 }} data-testid="record-fields">
              <Descriptions.Item label={t('roster.field.name')}>{point.name}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.type')}>{t(`roster.pointType.${point.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.regionCode')}>
                {point.regionPath} <span style={{ color: '#999' }}>{point.regionCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.needs')}>
                <NeedTags needs={point.needs} />
              </Descriptions.Item>
              {needTags
                .filter((tag) => point.needNotes[tag])
                .map((tag) => (
                  <Descriptions.Item key={tag} label={t('points.noteOf', { need: t(`roster.need.${tag}`) })}>
                    {point.needNotes[tag]}
                  </Descriptions.Item>
                ))}
              <Descriptions.Item label={t('roster.field.households')}>{formatCount(point.households, language)}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.population')}>{formatCount(point.population, language)}</Descriptions.Item>
              <Descriptions.Item label={t('points.cadreRange')}>{`${point.minCadres}–${point.maxCadres}`}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.externalId')}>{point.externalId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('roster.version')}>{point.version}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('roster.field.profile')} size="small">
            <PointProfile profile={point.profile} />
          </Card>
          <PointFieldWork pointId={point.id} />
          <Card title={t('points.priorCadres')} size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={point.priorPostings}
              locale={{ emptyText: t('points.noPriorCadres') }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('roster.field.programme'), dataIndex: 'programme', render: (programme: string) => (isProgramme(programme) ? t(`roster.programme.${programme}`) : programme) },
                { title: t('cadres.name'), dataIndex: 'cadreName', render: (name: string, posting: PointDetail['priorPostings'][number]) => <Link to={`/rosters/cadres/${posting.cadreId}`}>{name}</Link> },
                { title: t('roster.field.unitId'), dataIndex: 'unitName' },
              ]}
            />
          </Card>
          <Card title={t('roster.history')} size="small">
            <ChangeHistory entries={point.history} />
          </Card>
        </>
      )}
    </DetailFrame>
  );
}
