// One org unit at /rosters/units/:id: every field, its cadres, the change history, and an edit
// form with optimistic locking (409 → reload offer; the API's field problems on the fields).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { UnitChanges, UnitDetail } from '../../api/types.ts';
import { UnitSelect } from '../../components/unit-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ChangeHistory } from './change-history.tsx';
import { DetailFrame } from './detail-frame.tsx';
import { ConflictNotice, formatCount, useRecordSave, vocabularyOptions } from './roster-shared.tsx';

type UnitForm = Omit<UnitChanges, 'version'>;

const formFields = ['name', 'category', 'leadingBody', 'parentId'];

function formValuesOf(unit: UnitDetail): UnitForm {
  return { name: unit.name, category: unit.category, leadingBody: unit.leadingBody, parentId: unit.parentId };
}

/** Only the fields the user changed, with the version that was read. */
function changesOf(unit: UnitDetail, values: UnitForm): UnitChanges {
  const original = formValuesOf(unit);
  const changes: UnitChanges = { version: unit.version };
  if (values.name !== undefined && values.name.trim() !== original.name) changes.name = values.name.trim();
  if (values.category !== original.category) changes.category = values.category;
  if ((values.leadingBody ?? null) !== original.leadingBody) changes.leadingBody = values.leadingBody ?? null;
  if ((values.parentId ?? null) !== original.parentId) changes.parentId = values.parentId ?? null;
  return changes;
}

/** The org-unit detail screen. */
export function UnitDetailPage() {
  const { id } = useParams();
  const unitId = Number(id);
  const { t, language } = useI18n();
  const { message } = AntApp.useApp();
  const detail = useLoad(() => api.unit(unitId), [unitId]);
  const unit = detail.data;
  const [isEditing, setEditing] = useState(false);
  const [form] = Form.useForm<UnitForm>();
  const saving = useRecordSave();
  const options = vocabularyOptions(t);

  useEffect(() => {
    if (unit) form.setFieldsValue(formValuesOf(unit));
  }, [unit, form]);

  const submit = async (values: UnitForm) => {
    if (!unit) return;
    const changes = changesOf(unit, values);
    if (Object.keys(changes).length === 1) {
      message.info(t('roster.nothingChanged'));
      return;
    }
    const saved = await saving.save(form, formFields, () => api.updateUnit(unit.id, changes));
    if (saved) {
      message.success(t('roster.saved'));
      setEditing(false);
      detail.reload();
    }
  };

  return (
    <DetailFrame
      backTo="/rosters/units"
      backLabel={t('units.back')}
      isLoading={detail.isLoading}
      error={unit ? undefined : detail.error}
      onRetry={detail.reload}
      title={unit?.name}
      extra={
        unit && (
          <Space wrap>
            <Link to={`/rosters/cadres?unitId=${unit.id}`}>
              <Button icon={<TeamOutlined />}>{t('units.viewCadres')}</Button>
            </Link>
            {unit.canEdit && !isEditing && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-record">
                {t('roster.edit')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {unit && (
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
              <Form<UnitForm> form={form} layout="vertical" initialValues={formValuesOf(unit)} onFinish={(values) => void submit(values)}>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', columnGap: 16 }}>
                  <Form.Item name="name" label={t('roster.field.name')} rules={[{ required: true, whitespace: true, message: t('roster.required') }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item name="category" label={t('roster.field.category')}>
                    <Select options={options.categories} />
                  </Form.Item>
                  <Form.Item name="leadingBody" label={t('roster.field.leadingBody')}>
                    <Select allowClear options={options.leadingBodies} placeholder={t('common.none')} />
                  </Form.Item>
                  <Form.Item name="parentId" label={t('roster.field.parentId')}>
                    <UnitSelect currentName={unit.parentName} excludeId={unit.id} style={{ width: '100%' }} />
                  </Form.Item>
                </div>
                <Space>
                  <Button type="primary" htmlType="submit" loading={saving.isSaving} data-testid="save-record">
                    {t('common.save')}
                  </Button>
                  <Button
                    onClick={() => {
                      setEditing(false);
                      saving.reset();
                      form.setFieldsValue(formValuesOf(unit));
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
              <Descriptions.Item label={t('roster.field.name')}>{unit.name}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.code')}>{unit.code}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.level')}>{t(`roster.unitLevel.${unit.level}`)}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.regionCode')}>
                {unit.regionName} <span style={{ color: '#999' }}>{unit.regionCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.category')}>{t(`roster.category.${unit.category}`)}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.leadingBody')}>
                {unit.leadingBody ? <Tag color="red">{t(`roster.leadingBody.${unit.leadingBody}`)}</Tag> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.parentId')}>
                {unit.parentId && unit.parentName ? <Link to={`/rosters/units/${unit.parentId}`}>{unit.parentName}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('units.cadreCount')}>
                <Link to={`/rosters/cadres?unitId=${unit.id}`}>{formatCount(unit.cadres, language)}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('units.leaderCount')}>{formatCount(unit.leaders, language)}</Descriptions.Item>
              <Descriptions.Item label={t('roster.version')}>{unit.version}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('roster.history')} size="small">
            <ChangeHistory entries={unit.history} />
          </Card>
        </>
      )}
    </DetailFrame>
  );
}
