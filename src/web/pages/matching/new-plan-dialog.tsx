// "New plan": the region (the province or one city inside the office's scope) and the weights —
// which department categories answer which needs (the article's 政法→乱, 党群→难, 经济→穷 and the
// rest of the matrix), the distance costs, the cost of an unmatched need, balance and change costs.
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Col, Collapse, Form, InputNumber, Modal, Row, Select, Skeleton, Table, Typography, type ButtonProps } from 'antd';
import { api } from '../../api/client.ts';
import { categories, matchingApi, needTags, type Category, type MatchingWeights, type NeedTag, type PlanSummary } from '../../api/matching.ts';
import { useProfile } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { categoryLabel, needLabel } from './matching-text.ts';

type EditableWeights = Omit<MatchingWeights, 'leaderPoints'>;

/** The weights the API accepts (leader point counts are fixed by the rules, not edited here). */
export function editableWeights(weights: MatchingWeights): EditableWeights {
  return {
    distance: { ...weights.distance },
    affinity: Object.fromEntries(categories.map((category) => [category, [...(weights.affinity[category] ?? [])]])) as Record<Category, NeedTag[]>,
    unmatchedNeed: weights.unmatchedNeed,
    balanceStep: weights.balanceStep,
    changePenalty: weights.changePenalty,
  };
}

/** Regions the office may plan: the province and its cities, or its own city. */
function usePlannableRegions(isOpen: boolean) {
  const profile = useProfile();
  const [regions, setRegions] = useState<{ code: string; name: string }[] | undefined>(undefined);
  useEffect(() => {
    if (!isOpen) return;
    let isCurrent = true;
    if (profile.regionCode.length === 2) {
      api.regionChildren(profile.regionCode).then(
        (children) => isCurrent && setRegions([{ code: profile.regionCode, name: profile.regionName }, ...children.map((child) => ({ code: child.code, name: child.name }))]),
        () => isCurrent && setRegions([{ code: profile.regionCode, name: profile.regionName }]),
      );
    } else {
      setRegions([{ code: profile.regionCode, name: profile.regionName }]);
    }
    return () => {
      isCurrent = false;
    };
  }, [isOpen, profile.regionCode, profile.regionName]);
  return regions;
}

/** Modal that queues an optimizer run; calls onCreated with the queued plan. */
export function NewPlanDialog({ isOpen, onClose, onCreated }: { isOpen: boolean; onClose(): void; onCreated(plan: PlanSummary): void }) {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const regions = usePlannableRegions(isOpen);
  const [regionCode, setRegionCode] = useState<string>(profile.regionCode);
  const [weights, setWeights] = useState<EditableWeights | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    if (!isOpen) return;
    let isCurrent = true;
    setError(undefined);
    matchingApi.campaignWeights().then(
      (loaded) => isCurrent && setWeights(editableWeights(loaded)),
      (caught: unknown) => isCurrent && setError(caught),
    );
    return () => {
      isCurrent = false;
    };
  }, [isOpen]);

  const toggleNeed = (category: Category, need: NeedTag, isOn: boolean) =>
    setWeights((previous) => {
      if (!previous) return previous;
      const current = previous.affinity[category];
      const next = isOn ? needTags.filter((tag) => tag === need || current.includes(tag)) : current.filter((tag) => tag !== need);
      return { ...previous, affinity: { ...previous.affinity, [category]: next } };
    });
  const setNumber = (apply: (value: number) => Partial<EditableWeights>) => (value: number | null) =>
    setWeights((previous) => (previous && value !== null ? { ...previous, ...apply(value) } : previous));

  const submit = async () => {
    if (!weights) return;
    setSaving(true);
    setError(undefined);
    try {
      onCreated(await matchingApi.createPlan({ regionCode, weights }));
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const number = (value: number, onChange: (value: number | null) => void, testId: string) => (
    <InputNumber min={0} max={1000} precision={0} value={value} onChange={onChange} style={{ width: '100%' }} data-testid={testId} />
  );

  return (
    <Modal
      open={isOpen}
      title={t('matching.new.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('matching.new.run')}
      okButtonProps={{ disabled: !weights, 'data-testid': 'run-plan' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      width={720}
      destroyOnHidden
    >
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={t('matching.new.region')} extra={t('matching.new.regionHint')}>
          <Select
            value={regionCode}
            onChange={setRegionCode}
            loading={!regions}
            options={(regions ?? []).map((region) => ({ value: region.code, label: region.code.length === 2 ? t('matching.new.wholeProvince', { name: region.name }) : region.name }))}
            data-testid="plan-region"
          />
        </Form.Item>
      </Form>
      {!weights ? (
        <Skeleton active />
      ) : (
        <Collapse
          defaultActiveKey={['affinity']}
          items={[
            {
              key: 'affinity',
              label: t('matching.new.affinity'),
              children: (
                <>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                    {t('matching.new.affinityHint')}
                  </Typography.Paragraph>
                  <Table<{ category: Category }>
                    size="small"
                    pagination={false}
                    rowKey="category"
                    dataSource={categories.map((category) => ({ category }))}
                    columns={[
                      { title: t('matching.new.category'), dataIndex: 'category', render: (category: Category) => categoryLabel(t, category) },
                      ...needTags.map((need) => ({
                        title: t('matching.new.answers', { need: needLabel(t, need) }),
                        key: need,
                        align: 'center' as const,
                        render: (_: unknown, row: { category: Category }) => (
                          <Checkbox
                            checked={weights.affinity[row.category].includes(need)}
                            onChange={(event) => toggleNeed(row.category, need, event.target.checked)}
                            aria-label={`${categoryLabel(t, row.category)} → ${needLabel(t, need)}`}
                          />
                        ),
                      })),
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'costs',
              label: t('matching.new.costs'),
              children: (
                <Form layout="vertical">
                  <Typography.Text strong>{t('matching.new.distance')}</Typography.Text>
                  <Row gutter={12} style={{ marginTop: 8 }}>
                    {(['township', 'county', 'city', 'province'] as const).map((level) => (
                      <Col xs={12} sm={6} key={level}>
                        <Form.Item label={t(`matching.distance.${level}`)}>
                          {number(weights.distance[level], setNumber((value) => ({ distance: { ...weights.distance, [level]: value } })), `weight-distance-${level}`)}
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                  <Row gutter={12}>
                    <Col xs={24} sm={8}>
                      <Form.Item label={t('matching.new.unmatchedNeed')} extra={t('matching.new.unmatchedNeedHint')}>
                        {number(weights.unmatchedNeed, setNumber((value) => ({ unmatchedNeed: value })), 'weight-unmatched-need')}
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={8}>
                      <Form.Item label={t('matching.new.balanceStep')} extra={t('matching.new.balanceStepHint')}>
                        {number(weights.balanceStep, setNumber((value) => ({ balanceStep: value })), 'weight-balance-step')}
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={8}>
                      <Form.Item label={t('matching.new.changePenalty')} extra={t('matching.new.changePenaltyHint')}>
                        {number(weights.changePenalty, setNumber((value) => ({ changePenalty: value })), 'weight-change-penalty')}
                      </Form.Item>
                    </Col>
                  </Row>
                </Form>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
