// The fields of one workflow step, exactly those the step takes: level and unit (with the dispatch
// suggestions, the first preselected), a reason, extension days, approve or reject, the reply
// text, the call-back (contacted, solved, the five-grade rating), the case to merge into.
import { Form, Input, InputNumber, Radio, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import { appealLevels, appealRatings, solvedAnswers, type AppealDetail, type AppealEvent, type DispatchSuggestion } from '../../api/appeals.ts';
import { UnitSelect } from '../../components/unit-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { levelLabel } from './appeal-shared.tsx';
import { stepForms, type StepValues } from './appeal-text.ts';

const suggestionKey = (suggestion: DispatchSuggestion) => `${suggestion.level}:${suggestion.unitId ?? 'team'}`;

/** The suggestions that fit a step (escalation only climbs; a co-handler is another unit). */
export function suggestionsFor(event: AppealEvent, appeal: AppealDetail): DispatchSuggestion[] {
  const fitting = appeal.suggestions.filter((suggestion) => {
    if (event === 'escalate') return suggestion.level > appeal.level;
    if (event === 'add_co_handler') return suggestion.unitId !== null && suggestion.unitId !== appeal.handlingUnitId;
    return true;
  });
  // The catalogue and past cases may name the same unit on the same rung: offer it once.
  const seen = new Set<string>();
  return fitting.filter((suggestion) => !seen.has(suggestionKey(suggestion)) && Boolean(seen.add(suggestionKey(suggestion))));
}

/** The values a step form starts with: the first fitting suggestion, or the next rung for an escalation. */
export function initialStepValues(event: AppealEvent, appeal: AppealDetail, defaultLevel: number | undefined): StepValues {
  const form = stepForms[event];
  if (form.hasUnit) {
    const first = suggestionsFor(event, appeal)[0];
    if (first) return { level: first.level, unitId: first.unitId ?? undefined };
    if (event === 'escalate') return { level: Math.min(3, appeal.level + 1) };
    return { level: defaultLevel ?? appeal.level };
  }
  if (form.hasApprove) return { approve: true };
  if (form.hasCallback) return { contacted: true };
  if (form.hasExtensionDays) return { extensionDays: 5 };
  return {};
}

function LevelAndUnit({ event, appeal, form }: { event: AppealEvent; appeal: AppealDetail; form: FormInstance<StepValues> }) {
  const { t } = useI18n();
  const suggestions = suggestionsFor(event, appeal);
  const level = Form.useWatch('level', form);
  const unitId = Form.useWatch('unitId', form);
  const chosen = suggestions.find((suggestion) => suggestion.level === level && (suggestion.unitId ?? undefined) === unitId);
  const minLevel = event === 'escalate' ? appeal.level + 1 : 0;
  return (
    <>
      {suggestions.length > 0 && (
        <Form.Item label={t('appeals.form.suggestions')}>
          <div data-testid="dispatch-suggestions">
            <Radio.Group
              value={chosen ? suggestionKey(chosen) : undefined}
              onChange={(change) => {
                const picked = suggestions.find((suggestion) => suggestionKey(suggestion) === change.target.value);
                if (picked) form.setFieldsValue({ level: picked.level, unitId: picked.unitId ?? undefined });
              }}
            >
              <Space orientation="vertical">
                {suggestions.map((suggestion) => (
                  <Radio key={suggestionKey(suggestion)} value={suggestionKey(suggestion)}>
                    <Space size={4} wrap>
                      <Typography.Text>{suggestion.unitName}</Typography.Text>
                      <Tag>{levelLabel(t, suggestion.level)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`appeals.suggestion.${suggestion.source}`)}
                        {suggestion.cases > 0 ? ` · ${t('appeals.suggestion.cases', { count: suggestion.cases })}` : ''}
                      </Typography.Text>
                    </Space>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </div>
        </Form.Item>
      )}
      <Form.Item name="level" label={t('appeals.field.level')} rules={[{ required: true, message: t('appeals.form.levelRequired') }]}>
        <Select
          options={appealLevels.filter((rung) => rung >= minLevel && (event !== 'add_co_handler' || rung > 0)).map((rung) => ({ value: rung, label: levelLabel(t, rung) }))}
          data-testid="step-level"
        />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('appeals.field.handlingUnit')}
        rules={[{ required: level !== 0 && event !== 'escalate', message: t('appeals.form.unitRequired') }]}
        extra={level === 0 ? t('appeals.form.teamHint') : event === 'escalate' ? t('appeals.form.escalateHint') : undefined}
      >
        <UnitSelect currentName={suggestions.find((suggestion) => suggestion.unitId === unitId)?.unitName} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

function CallbackFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="contacted" label={t('appeals.form.contacted')} rules={[{ required: true, message: t('appeals.form.choose') }]}>
        <Radio.Group
          options={[
            { value: true, label: t('appeals.contacted.yes') },
            { value: false, label: t('appeals.contacted.no') },
          ]}
          data-testid="callback-contacted"
        />
      </Form.Item>
      <Form.Item name="solved" label={t('appeals.form.solved')} rules={[{ required: true, message: t('appeals.form.choose') }]}>
        <Radio.Group options={solvedAnswers.map((answer) => ({ value: answer, label: t(`appeals.solved.${answer}`) }))} data-testid="callback-solved" />
      </Form.Item>
      <Form.Item name="rating" label={t('appeals.form.rating')} rules={[{ required: true, message: t('appeals.form.choose') }]}>
        <Radio.Group optionType="button" options={appealRatings.map((rating) => ({ value: rating, label: t(`appeals.rating.${rating}`) }))} data-testid="callback-rating" />
      </Form.Item>
    </>
  );
}

/** The form body of one step. */
export function StepFields({ event, appeal, form }: { event: AppealEvent; appeal: AppealDetail; form: FormInstance<StepValues> }) {
  const { t } = useI18n();
  const fields = stepForms[event];
  return (
    <>
      {fields.hasUnit && <LevelAndUnit event={event} appeal={appeal} form={form} />}
      {fields.hasTarget && (
        <Form.Item name="targetAppealId" label={t('appeals.form.target')} rules={[{ required: true, message: t('appeals.form.targetRequired') }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={t('appeals.form.targetPlaceholder')} data-testid="step-target" />
        </Form.Item>
      )}
      {fields.hasIssue && (
        <Form.Item name="issueId" label={t('appeals.form.issue')} rules={[{ required: true, message: t('appeals.form.issueRequired') }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="step-issue" />
        </Form.Item>
      )}
      {fields.hasExtensionDays && (
        <Form.Item name="extensionDays" label={t('appeals.form.extensionDays')} rules={[{ required: true, message: t('appeals.form.daysRequired') }]}>
          <InputNumber min={1} max={30} precision={0} suffix={t('appeals.form.workingDays')} style={{ width: 200 }} data-testid="step-days" />
        </Form.Item>
      )}
      {fields.hasApprove && (
        <>
          {appeal.pendingExtension && (
            <Typography.Paragraph>{t('appeals.extensionPending', { days: appeal.pendingExtension.days, reason: appeal.pendingExtension.reason })}</Typography.Paragraph>
          )}
          <Form.Item name="approve" label={t('appeals.form.decision')} rules={[{ required: true, message: t('appeals.form.choose') }]}>
            <Radio.Group
              options={[
                { value: true, label: t('appeals.form.approveYes') },
                { value: false, label: t('appeals.form.approveNo') },
              ]}
              data-testid="step-approve"
            />
          </Form.Item>
        </>
      )}
      {fields.hasReply && (
        <Form.Item name="replyText" label={t('appeals.form.replyText')} rules={[{ required: true, whitespace: true, message: t('appeals.form.replyRequired') }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount data-testid="step-reply" />
        </Form.Item>
      )}
      {fields.hasCallback && <CallbackFields />}
      {fields.hasNote && (
        <Form.Item name="note" label={t('appeals.form.note')}>
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="step-note" />
        </Form.Item>
      )}
      {fields.reason && (
        <Form.Item
          name="reason"
          label={t('appeals.form.reason')}
          rules={fields.reason === 'required' ? [{ required: true, whitespace: true, message: t('appeals.form.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="step-reason" />
        </Form.Item>
      )}
    </>
  );
}
