// One cadre at /rosters/cadres/:id: every field, earlier programme postings, the change history,
// and an edit form that sends the version it read (a stale edit answers 409 and is offered a
// reload; the API's field problems appear on the fields).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { CadreChanges, CadreDetail, CadrePriorPosting } from '../../api/types.ts';
import { RegionPicker } from '../../components/region-picker.tsx';
import { UnitSelect } from '../../components/unit-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ChangeHistory } from './change-history.tsx';
import { DetailFrame } from './detail-frame.tsx';
import { PhoneReveal } from './phone-reveal.tsx';
import { ConflictNotice, useRecordSave, vocabularyOptions } from './roster-shared.tsx';

type CadreForm = Omit<CadreChanges, 'version' | 'phone'> & { phone?: string };

const formFields = ['name', 'gender', 'birthYear', 'unitId', 'post', 'rank', 'isLeader', 'leadingBody', 'category', 'skills', 'phone', 'homeRegionCode'];

function formValuesOf(cadre: CadreDetail): CadreForm {
  return {
    name: cadre.name,
    gender: cadre.gender,
    birthYear: cadre.birthYear,
    unitId: cadre.unitId,
    post: cadre.post,
    rank: cadre.rank,
    isLeader: cadre.isLeader,
    leadingBody: cadre.leadingBody,
    category: cadre.category,
    skills: cadre.skills,
    phone: '',
    homeRegionCode: cadre.homeRegionCode,
  };
}

/** Only the fields the user changed, with the version that was read. */
function changesOf(cadre: CadreDetail, values: CadreForm): CadreChanges {
  const original = formValuesOf(cadre);
  const changes: CadreChanges = { version: cadre.version };
  for (const key of Object.keys(values) as (keyof CadreForm)[]) {
    if (key === 'phone') continue;
    const value = values[key] === undefined ? null : values[key];
    if (JSON.stringify(value) !== JSON.stringify(original[key] ?? null)) Object.assign(changes, { [key]: typeof value === 'string' ? value.trim() : value });
  }
  if (values.phone?.trim()) changes.phone = values.phone.trim();
  return changes;
}

/** The cadre detail screen. */
export function CadreDetailPage() {
  const { id } = useParams();
  const cadreId = Number(id);
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const detail = useLoad(() => api.cadre(cadreId), [cadreId]);
  const cadre = detail.data;
  const [isEditing, setEditing] = useState(false);
  const [form] = Form.useForm<CadreForm>();
  const saving = useRecordSave();
  const options = vocabularyOptions(t);

  // A freshly read record (after a save or a reload on conflict) resets the form to it.
  useEffect(() => {
    if (cadre) form.setFieldsValue(formValuesOf(cadre));
  }, [cadre, form]);

  const submit = async (values: CadreForm) => {
    if (!cadre) return;
    const changes = changesOf(cadre, values);
    if (Object.keys(changes).length === 1) {
      message.info(t('roster.nothingChanged'));
      return;
    }
    const saved = await saving.save(form, formFields, () => api.updateCadre(cadre.id, changes));
    if (saved) {
      message.success(t('roster.saved'));
      setEditing(false);
      detail.reload();
    }
  };

  return (
    <DetailFrame
      backTo="/rosters/cadres"
      backLabel={t('cadres.back')}
      isLoading={detail.isLoading}
      error={cadre ? undefined : detail.error}
      onRetry={detail.reload}
      title={
        cadre && (
          <Space wrap>
            {cadre.name}
            {cadre.isLeader && <Tag color="red">{cadre.leadingBody ? t(`roster.leadingBody.${cadre.leadingBody}`) : t('cadres.leader')}</Tag>}
            {cadre.programme && <Tag color="blue">{t(`roster.programme.${cadre.programme}`)}</Tag>}
          </Space>
        )
      }
      extra={
        cadre?.canEdit &&
        !isEditing && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-record">
            {t('roster.edit')}
          </Button>
        )
      }
    >
      {cadre && (
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
              <Form<CadreForm> form={form} layout="vertical" initialValues={formValuesOf(cadre)} onFinish={(values) => void submit(values)} onValuesChange={() => saving.problem && saving.reset()}>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', columnGap: 16 }}>
                  <Form.Item name="name" label={t('cadres.name')} rules={[{ required: true, whitespace: true, message: t('roster.required') }]}>
                    <Input maxLength={32} />
                  </Form.Item>
                  <Form.Item name="gender" label={t('roster.field.gender')}>
                    <Select options={options.genders} />
                  </Form.Item>
                  <Form.Item name="birthYear" label={t('roster.field.birthYear')}>
                    <InputNumber style={{ width: '100%' }} precision={0} />
                  </Form.Item>
                  <Form.Item name="unitId" label={t('roster.field.unitId')}>
                    <UnitSelect currentName={cadre.unitName} allowClear={false} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="post" label={t('roster.field.post')} rules={[{ required: true, whitespace: true, message: t('roster.required') }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item name="rank" label={t('roster.field.rank')}>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item name="isLeader" label={t('roster.field.isLeader')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Form.Item name="leadingBody" label={t('roster.field.leadingBody')}>
                    <Select allowClear options={options.leadingBodies} placeholder={t('common.none')} />
                  </Form.Item>
                  <Form.Item name="category" label={t('roster.field.category')} extra={t('cadres.categoryHint')}>
                    <Select options={options.categories} />
                  </Form.Item>
                  <Form.Item name="skills" label={t('roster.field.skills')}>
                    <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} />
                  </Form.Item>
                  <Form.Item name="phone" label={t('roster.field.phone')} extra={t('cadres.phoneHint')}>
                    <Input maxLength={11} placeholder={cadre.phone ?? ''} inputMode="tel" />
                  </Form.Item>
                  <Form.Item name="homeRegionCode" label={t('roster.field.homeRegionCode')} extra={cadre.homeRegionPath ?? undefined}>
                    <RegionPicker isVertical />
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
                      form.resetFields();
                      form.setFieldsValue(formValuesOf(cadre));
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
              <Descriptions.Item label={t('cadres.name')}>{cadre.name}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.gender')}>{t(`roster.gender.${cadre.gender}`)}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.birthYear')}>{cadre.birthYear}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.unitId')}>
                <Link to={`/rosters/units/${cadre.unitId}`}>{cadre.unitName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.regionCode')}>{cadre.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.post')}>{cadre.post}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.rank')}>{cadre.rank || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.isLeader')}>{cadre.isLeader ? t('roster.yes') : t('roster.no')}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.leadingBody')}>{cadre.leadingBody ? t(`roster.leadingBody.${cadre.leadingBody}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.category')}>
                {t(`roster.category.${cadre.category}`)} {cadre.isCategoryOverridden && <Tag>{t('cadres.categoryOverridden')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.skills')}>
                {cadre.skills.length > 0 ? cadre.skills.map((skill) => <Tag key={skill}>{skill}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.phone')}>
                <PhoneReveal key={cadre.version} cadreId={cadre.id} cadreName={cadre.name} maskedPhone={cadre.phone} canReveal={cadre.canRevealPhone} />
              </Descriptions.Item>
              <Descriptions.Item label={t('roster.field.homeRegionCode')}>{cadre.homeRegionPath ?? cadre.homeRegionCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.programme')}>{cadre.programme ? t(`roster.programme.${cadre.programme}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('roster.field.externalId')}>{cadre.externalId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('roster.version')}>{cadre.version}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('cadres.priorPostings')} size="small">
            <Table<CadrePriorPosting>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={cadre.priorPostings}
              locale={{ emptyText: t('cadres.noPriorPostings') }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('roster.field.programme'), dataIndex: 'programme', render: (programme: CadrePriorPosting['programme']) => t(`roster.programme.${programme}`) },
                { title: t('cadres.postingPoint'), dataIndex: 'pointName', render: (name: string, posting) => <Link to={`/rosters/points/${posting.pointId}`}>{name}</Link> },
                { title: t('cadres.postingPeriod'), key: 'period', render: (_value, posting) => `${posting.startsOn ?? '…'} – ${posting.endsOn ?? '…'}` },
              ]}
            />
          </Card>
          <Card title={t('roster.history')} size="small">
            <ChangeHistory entries={cadre.history} />
          </Card>
        </>
      )}
    </DetailFrame>
  );
}
