// The dispatch catalogue (派单目录): category × ladder level × region subtree → the handling unit
// that a case of that kind is suggested to. Filter by region and category; add and delete rows.
import { useState } from 'react';
import { App as AntApp, Alert, Button, Form, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { appealsApi, type CatalogueBody, type CatalogueRow } from '../../api/appeals.ts';
import { RegionPicker } from '../../components/region-picker.tsx';
import { UnitSelect } from '../../components/unit-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { showFieldErrors, textParam, useUrlFilters } from '../rosters/roster-shared.tsx';
import { levelLabel, useCategories } from './appeal-shared.tsx';

const catalogueLevels = [1, 2, 3] as const;
const formFields = ['categoryCode', 'level', 'regionCode', 'unitId'];

function parseCatalogueQuery(params: URLSearchParams) {
  return { regionCode: textParam(params, 'regionCode'), categoryCode: textParam(params, 'categoryCode') };
}

function AddRowDialog({ isOpen, onClose, onAdded }: { isOpen: boolean; onClose: () => void; onAdded: () => void }) {
  const { t, errorText, language } = useI18n();
  const categories = useCategories();
  const [form] = Form.useForm<CatalogueBody>();
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      await appealsApi.addCatalogueRow(values);
      form.resetFields();
      onAdded();
    } catch (caught) {
      const leftovers = showFieldErrors(form, caught, language, formFields);
      setProblem(leftovers.length > 0 ? leftovers.join('；') : errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={isOpen}
      title={t('appeals.catalogue.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isBusy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="catalogue-form">
        <Form.Item name="categoryCode" label={t('appeals.field.category')} rules={[{ required: true, message: t('appeals.form.choose') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={categories.options} />
        </Form.Item>
        <Form.Item name="level" label={t('appeals.field.level')} rules={[{ required: true, message: t('appeals.form.choose') }]}>
          <Select options={catalogueLevels.map((level) => ({ value: level, label: levelLabel(t, level) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('appeals.catalogue.region')} rules={[{ required: true, message: t('appeals.form.choose') }]} extra={t('appeals.catalogue.regionHint')}>
          <RegionPicker maxLevel={4} isVertical />
        </Form.Item>
        <Form.Item name="unitId" label={t('appeals.field.handlingUnit')} rules={[{ required: true, message: t('appeals.form.unitRequired') }]}>
          <UnitSelect style={{ width: '100%' }} />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}

/** The catalogue table with its filters and edits. */
export function DispatchCatalogue() {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const categories = useCategories();
  const { filters, update } = useUrlFilters(parseCatalogueQuery);
  const rows = useLoad(() => appealsApi.catalogue(filters), [filters.regionCode, filters.categoryCode]);
  const [isAdding, setAdding] = useState(false);

  const remove = async (row: CatalogueRow) => {
    try {
      await appealsApi.deleteCatalogueRow(row.id);
      void message.success(t('appeals.catalogue.deleted'));
      rows.reload();
    } catch (caught) {
      void message.error(errorText(caught));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="dispatch-catalogue">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
        <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode })} maxLevel={4} style={{ flex: '1 1 420px', minWidth: 280 }} />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('appeals.list.filterCategory')}
          style={{ width: 180 }}
          value={filters.categoryCode}
          onChange={(categoryCode: string | undefined) => update({ categoryCode })}
          options={categories.options}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="catalogue-add">
          {t('appeals.catalogue.add')}
        </Button>
      </div>
      {rows.error !== undefined && <Alert type="error" showIcon title={errorText(rows.error)} action={<Button size="small" onClick={rows.reload}>{t('common.retry')}</Button>} />}
      <Table<CatalogueRow>
        rowKey="id"
        size="small"
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('appeals.field.category'), dataIndex: 'categoryCode', render: (code: string) => categories.nameOf(code) },
          { title: t('appeals.field.level'), dataIndex: 'level', render: (level: number) => levelLabel(t, level) },
          { title: t('appeals.catalogue.region'), dataIndex: 'regionName', render: (name: string, row) => `${name} (${row.regionCode})` },
          { title: t('appeals.field.handlingUnit'), dataIndex: 'unitName' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Popconfirm title={t('appeals.catalogue.deleteConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => remove(row)}>
                <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('appeals.catalogue.delete')} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <AddRowDialog
        isOpen={isAdding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          void message.success(t('appeals.catalogue.added'));
          rows.reload();
        }}
      />
    </Space>
  );
}
