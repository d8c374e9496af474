// Builds a small questionnaire in the console: questions of every type with labels in Chinese and
// English, required, choices, and relevant / constraint / calculation expressions checked as they
// are typed by the shared parser. The whole form passes the same findFormProblems the server runs
// (listed live), and the preview fills it with the same live checks a cadre gets.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Drawer, Form, Input, Row, Select, Space, Switch, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { findFormProblems } from '../../../shared/forms/check-form.ts';
import { FormExpressionError, parseExpression } from '../../../shared/forms/expression.ts';
import { questionTypes, type FormDefinition, type LocalizedText, type Question, type QuestionType } from '../../../shared/forms/form-definition.ts';
import { questionnairesApi } from '../../api/questionnaires.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Answers } from '../../../shared/forms/filling.ts';
import { FormFiller } from './form-filler.tsx';

interface DraftChoice {
  key: number;
  name: string;
  zh: string;
  en: string;
}

export interface DraftQuestion {
  key: number;
  type: QuestionType;
  name: string;
  zh: string;
  en: string;
  required: boolean;
  choices: DraftChoice[];
  relevant: string;
  constraint: string;
  messageZh: string;
  messageEn: string;
  calculation: string;
}

let nextKey = 1;
const newKey = () => nextKey++;

function localized(zh: string, en: string): LocalizedText | undefined {
  const text: Record<string, string> = {};
  if (zh.trim()) text.zh = zh.trim();
  if (en.trim()) text.en = en.trim();
  return Object.keys(text).length > 0 ? text : undefined;
}

const isSelect = (type: QuestionType) => type === 'select_one' || type === 'select_multiple';

/** The choices list a select question of the builder uses. */
export function listNameOf(question: Pick<DraftQuestion, 'name' | 'key'>): string {
  return `${question.name.trim() || `q${question.key}`}_choices`;
}

/** The form the builder's questions make: flat, in Chinese (default) and English. */
export function buildDefinition(title: string, questions: readonly DraftQuestion[]): FormDefinition {
  const hasEnglish = questions.some((question) => question.en.trim() || question.choices.some((choice) => choice.en.trim()));
  const choiceLists: Record<string, { name: string; label: LocalizedText }[]> = {};
  const items = questions.map((draft): Question => {
    const label = localized(draft.zh, draft.en);
    const question: Question = {
      kind: 'question',
      type: draft.type,
      name: draft.name.trim(),
      ...(label ? { label } : {}),
      ...(draft.required && draft.type !== 'note' && draft.type !== 'calculate' ? { required: true } : {}),
      ...(draft.relevant.trim() ? { relevant: draft.relevant.trim() } : {}),
      ...(draft.constraint.trim() && draft.type !== 'note' && draft.type !== 'calculate' ? { constraint: draft.constraint.trim() } : {}),
      ...(draft.constraint.trim() && localized(draft.messageZh, draft.messageEn) ? { constraintMessage: localized(draft.messageZh, draft.messageEn) } : {}),
      ...(draft.type === 'calculate' ? { calculation: draft.calculation.trim() } : {}),
      ...(isSelect(draft.type) ? { listName: listNameOf(draft) } : {}),
    };
    if (isSelect(draft.type)) choiceLists[listNameOf(draft)] = draft.choices.map((choice) => ({ name: choice.name.trim(), label: localized(choice.zh, choice.en) ?? {} }));
    return question;
  });
  return {
    settings: { formTitle: title.trim(), formId: '', version: '1', defaultLanguage: 'zh' },
    languages: hasEnglish ? ['zh', 'en'] : ['zh'],
    items,
    choiceLists,
  };
}

function newQuestion(type: QuestionType, index: number): DraftQuestion {
  const key = newKey();
  return {
    key,
    type,
    name: `q${index + 1}`,
    zh: '',
    en: '',
    required: false,
    choices: isSelect(type)
      ? [
          { key: newKey(), name: 'yes', zh: '是', en: 'Yes' },
          { key: newKey(), name: 'no', zh: '否', en: 'No' },
        ]
      : [],
    relevant: '',
    constraint: '',
    messageZh: '',
    messageEn: '',
    calculation: '',
  };
}

/** An expression field that shows the parser's complaint as it is typed. */
function ExpressionInput({ label, value, onChange, placeholder, testId }: { label: string; value: string; onChange: (text: string) => void; placeholder: string; testId: string }) {
  const { language } = useI18n();
  let problem: string | undefined;
  if (value.trim()) {
    try {
      parseExpression(value);
    } catch (error) {
      if (error instanceof FormExpressionError) problem = language === 'zh' ? error.messageZh : error.messageEn;
      else throw error;
    }
  }
  return (
    <Form.Item label={label} validateStatus={problem ? 'error' : undefined} help={problem} style={{ marginBottom: 8 }}>
      <Input value={value} onChange={(event) => onChange(event.target.value)} placeholder={placeholder} style={{ fontFamily: 'monospace' }} data-testid={testId} />
    </Form.Item>
  );
}

function QuestionEditor({ question, onChange, onRemove }: { question: DraftQuestion; onChange: (next: DraftQuestion) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...question, ...patch });
  const setChoice = (key: number, patch: Partial<DraftChoice>) => set({ choices: question.choices.map((choice) => (choice.key === key ? { ...choice, ...patch } : choice)) });
  const isAnswerable = question.type !== 'note' && question.type !== 'calculate';
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`builder-question-${question.name}`} extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('questionnaires.builder.remove')} />}>
      <Form layout="vertical" component="div" size="small">
        <Row gutter={8}>
          <Col xs={24} md={8}>
            <Form.Item label={t('questionnaires.builder.type')} style={{ marginBottom: 8 }}>
              <Select
                value={question.type}
                onChange={(type: QuestionType) => set({ type, choices: isSelect(type) && question.choices.length === 0 ? newQuestion(type, 0).choices : question.choices })}
                options={questionTypes.map((type) => ({ value: type, label: t(`questionnaires.type.${type}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('questionnaires.builder.name')} tooltip={t('questionnaires.builder.nameHint')} style={{ marginBottom: 8 }}>
              <Input value={question.name} onChange={(event) => set({ name: event.target.value })} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          {isAnswerable && (
            <Col xs={24} md={8}>
              <Form.Item label={t('questionnaires.builder.required')} style={{ marginBottom: 8 }}>
                <Switch checked={question.required} onChange={(required) => set({ required })} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={8}>
          <Col xs={24} md={12}>
            <Form.Item label={t('questionnaires.builder.labelZh')} style={{ marginBottom: 8 }}>
              <Input value={question.zh} onChange={(event) => set({ zh: event.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('questionnaires.builder.labelEn')} style={{ marginBottom: 8 }}>
              <Input value={question.en} onChange={(event) => set({ en: event.target.value })} />
            </Form.Item>
          </Col>
        </Row>
        {isSelect(question.type) && (
          <Form.Item label={t('questionnaires.builder.choices')} style={{ marginBottom: 8 }}>
            {question.choices.map((choice) => (
              <Space key={choice.key} style={{ display: 'flex', marginBottom: 4 }}>
                <Input value={choice.name} onChange={(event) => setChoice(choice.key, { name: event.target.value })} placeholder={t('questionnaires.builder.choiceValue')} style={{ width: 110, fontFamily: 'monospace' }} />
                <Input value={choice.zh} onChange={(event) => setChoice(choice.key, { zh: event.target.value })} placeholder={t('questionnaires.builder.labelZh')} />
                <Input value={choice.en} onChange={(event) => setChoice(choice.key, { en: event.target.value })} placeholder={t('questionnaires.builder.labelEn')} />
                <Button type="text" icon={<DeleteOutlined />} onClick={() => set({ choices: question.choices.filter((other) => other.key !== choice.key) })} />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => set({ choices: [...question.choices, { key: newKey(), name: `c${question.choices.length + 1}`, zh: '', en: '' }] })}>
              {t('questionnaires.builder.addChoice')}
            </Button>
          </Form.Item>
        )}
        {question.type === 'calculate' && (
          <ExpressionInput label={t('questionnaires.builder.calculation')} value={question.calculation} onChange={(calculation) => set({ calculation })} placeholder="${members} * 2" testId={`builder-calculation-${question.key}`} />
        )}
        <ExpressionInput label={t('questionnaires.builder.relevant')} value={question.relevant} onChange={(relevant) => set({ relevant })} placeholder="${has_need} = 'yes'" testId={`builder-relevant-${question.key}`} />
        {isAnswerable && (
          <>
            <ExpressionInput label={t('questionnaires.builder.constraint')} value={question.constraint} onChange={(constraint) => set({ constraint })} placeholder=". >= 1 and . <= 20" testId={`builder-constraint-${question.key}`} />
            {question.constraint.trim() && (
              <Row gutter={8}>
                <Col xs={24} md={12}>
                  <Form.Item label={t('questionnaires.builder.messageZh')} style={{ marginBottom: 8 }}>
                    <Input value={question.messageZh} onChange={(event) => set({ messageZh: event.target.value })} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('questionnaires.builder.messageEn')} style={{ marginBottom: 8 }}>
                    <Input value={question.messageEn} onChange={(event) => set({ messageEn: event.target.value })} />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </>
        )}
      </Form>
    </Card>
  );
}

/** The builder in a drawer; `onSaved` gets the new form's id. */
export function FormBuilderDrawer({ isOpen, onClose, onSaved }: { isOpen: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t, language, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [title, setTitle] = useState('');
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => [newQuestion('text', 0)]);
  const [addType, setAddType] = useState<QuestionType>('select_one');
  const [previewAnswers, setPreviewAnswers] = useState<Answers>({});
  const [isSaving, setSaving] = useState(false);
  const definition = useMemo(() => buildDefinition(title, questions), [title, questions]);
  const problems = useMemo(() => findFormProblems(definition), [definition]);
  const problemTexts = problems.map((problem) => {
    const where = problem.item ? `${problem.item.name || '?'}.${problem.column}` : problem.choice ? `${problem.listName}.${problem.choice.name || '?'}` : problem.column;
    return `${where}: ${language === 'zh' ? problem.messageZh : problem.messageEn}`;
  });
  const isTitleMissing = !title.trim();

  const save = async () => {
    setSaving(true);
    try {
      const created = await questionnairesApi.create(definition);
      message.success(t('questionnaires.builder.saved'));
      setTitle('');
      setQuestions([newQuestion('text', 0)]);
      onSaved(created.id);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const editor = (
    <>
      <Form layout="vertical" component="div">
        <Form.Item label={t('questionnaires.builder.title')} required>
          <Input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} data-testid="builder-title" />
        </Form.Item>
      </Form>
      {questions.map((question) => (
        <QuestionEditor
          key={question.key}
          question={question}
          onChange={(next) => setQuestions((previous) => previous.map((other) => (other.key === question.key ? next : other)))}
          onRemove={() => setQuestions((previous) => previous.filter((other) => other.key !== question.key))}
        />
      ))}
      <Space>
        <Select value={addType} onChange={setAddType} options={questionTypes.map((type) => ({ value: type, label: t(`questionnaires.type.${type}`) }))} style={{ width: 160 }} data-testid="builder-add-type" />
        <Button icon={<PlusOutlined />} onClick={() => setQuestions((previous) => [...previous, newQuestion(addType, previous.length)])} data-testid="builder-add">
          {t('questionnaires.builder.add')}
        </Button>
      </Space>
    </>
  );

  return (
    <Drawer
      open={isOpen}
      onClose={onClose}
      size={760}
      title={t('questionnaires.builder.heading')}
      extra={
        <Button type="primary" loading={isSaving} disabled={problems.length > 0 || isTitleMissing} onClick={() => void save()} data-testid="builder-save">
          {t('questionnaires.builder.save')}
        </Button>
      }
    >
      {(problems.length > 0 || isTitleMissing) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('questionnaires.builder.problems', { count: problems.length + (isTitleMissing ? 1 : 0) })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="builder-problems">
              {isTitleMissing && <li>{t('questionnaires.builder.titleMissing')}</li>}
              {problemTexts.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          { key: 'edit', label: t('questionnaires.builder.edit'), children: editor },
          {
            key: 'preview',
            label: t('questionnaires.builder.preview'),
            disabled: problems.length > 0,
            children:
              problems.length > 0 ? null : (
                <>
                  <Typography.Paragraph type="secondary">{t('questionnaires.builder.previewHint')}</Typography.Paragraph>
                  <FormFiller form={definition} answers={previewAnswers} onChange={setPreviewAnswers} onSubmit={() => message.info(t('questionnaires.builder.previewPassed'))} submitLabel={t('questionnaires.builder.tryCheck')} />
                </>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
