// Fills one questionnaire in the browser. Every change runs validateAnswers — the same shared code
// the server runs again — so skips, calculations and constraints (with the form's own messages)
// show as the person types. Required answers are flagged once they try to submit. Used by the
// console's fill page (a cadre at a household) and by the public link page (self-completion).
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { textIn, validateAnswers, type AnswerInput, type AnswerProblem, type FormDefinition, type FormItem, type Question } from '../../../shared/forms/form-definition.ts';
import { allItemNames, answersToSend, formLanguageFor, type Answers } from '../../../shared/forms/filling.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The server's refusals by question name (a 400 names each question in `field`). */
export function serverProblemsOf(error: unknown, names: Set<string>, language: 'zh' | 'en'): Map<string, string> {
  const problems = new Map<string, string>();
  if (error instanceof ApiError && error.code === 'VALIDATION') {
    for (const detail of error.details) if (names.has(detail.field)) problems.set(detail.field, language === 'zh' ? detail.message : detail.messageEn);
  }
  return problems;
}

interface FillerProps {
  form: FormDefinition;
  answers: Answers;
  onChange: (answers: Answers) => void;
  /** Called with the answers when they pass the check. */
  onSubmit: (answers: Answers) => void;
  isSubmitting?: boolean;
  /** The last failed submission (its per-question problems are shown at the questions). */
  failure?: unknown;
  submitLabel: string;
  /** Shown above the submit button (the point, an appeal). */
  footer?: ReactNode;
  /** Fewer margins on a phone-width page. */
  isCompact?: boolean;
}

/** A questionnaire with live checks and a submit button. */
export function FormFiller({ form, answers, onChange, onSubmit, isSubmitting, failure, submitLabel, footer, isCompact }: FillerProps) {
  const { t, language, errorText } = useI18n();
  const formLanguage = formLanguageFor(form, language);
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [changedSinceFailure, setChangedSinceFailure] = useState<Set<string>>(new Set());
  const check = useMemo(() => validateAnswers(form, answers, { language: formLanguage }), [form, answers, formLanguage]);
  const names = useMemo(() => allItemNames(form.items), [form]);
  const serverProblems = useMemo(() => serverProblemsOf(failure, names, language), [failure, names, language]);
  const fallback = form.settings.defaultLanguage;
  const text = (value: Record<string, string> | undefined) => textIn(value, formLanguage, fallback);

  const errorOf = (name: string): string | undefined => {
    const problem: AnswerProblem | undefined = check.errors.find((error) => error.name === name);
    // A required answer is flagged only once they try to submit; everything else as they type.
    if (problem && (problem.code !== 'required' || hasTriedSubmit)) return problem.message;
    if (!changedSinceFailure.has(name)) return serverProblems.get(name);
    return undefined;
  };

  const change = (name: string, value: AnswerInput) => {
    setChangedSinceFailure((previous) => new Set(previous).add(name));
    onChange({ ...answers, [name]: value });
  };

  const submit = () => {
    setTriedSubmit(true);
    if (check.errors.length > 0) {
      document.querySelector(`[data-question="${CSS.escape(check.errors[0].name)}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setChangedSinceFailure(new Set());
    onSubmit(answersToSend(answers));
  };

  const renderQuestion = (question: Question): ReactNode => {
    const value = answers[question.name];
    const error = errorOf(question.name);
    const label = text(question.label);
    if (question.type === 'note') {
      return (
        <Alert key={question.name} type="info" title={label} description={text(question.hint) || undefined} style={{ marginBottom: 16 }} data-question={question.name} data-testid={`question-${question.name}`} />
      );
    }
    if (question.type === 'calculate') {
      // A calculation is shown only when the form gives it a label.
      if (!label) return null;
      return (
        <Form.Item key={question.name} label={label} data-question={question.name} data-testid={`question-${question.name}`}>
          <Typography.Text strong data-testid={`calculated-${question.name}`}>
            {check.calculated[question.name] || '—'}
          </Typography.Text>
        </Form.Item>
      );
    }
    const listName = question.listName ?? '';
    const choices = Object.hasOwn(form.choiceLists, listName) ? form.choiceLists[listName] : [];
    const single = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    let input: ReactNode;
    switch (question.type) {
      case 'select_one':
        input = (
          <Radio.Group value={single || undefined} onChange={(event) => change(question.name, event.target.value as string)} data-testid={`answer-${question.name}`}>
            <Space orientation="vertical">
              {choices.map((choice) => (
                <Radio key={choice.name} value={choice.name}>
                  {text(choice.label) || choice.name}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        );
        break;
      case 'select_multiple': {
        const selected = Array.isArray(value) ? value.map(String) : single ? single.split(/\s+/) : [];
        input = (
          <Checkbox.Group value={selected} onChange={(next) => change(question.name, next as string[])} data-testid={`answer-${question.name}`}>
            <Space orientation="vertical">
              {choices.map((choice) => (
                <Checkbox key={choice.name} value={choice.name}>
                  {text(choice.label) || choice.name}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        );
        break;
      }
      case 'integer':
      case 'decimal':
        input = (
          <Input
            value={single}
            inputMode={question.type === 'integer' ? 'numeric' : 'decimal'}
            onChange={(event) => change(question.name, event.target.value)}
            style={{ maxWidth: 240 }}
            data-testid={`answer-${question.name}`}
          />
        );
        break;
      case 'date':
        input = <Input type="date" value={single} onChange={(event) => change(question.name, event.target.value)} style={{ maxWidth: 240 }} data-testid={`answer-${question.name}`} />;
        break;
      default:
        input = <Input.TextArea value={single} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} onChange={(event) => change(question.name, event.target.value)} data-testid={`answer-${question.name}`} />;
    }
    return (
      <Form.Item
        key={question.name}
        label={label || question.name}
        required={question.required}
        extra={text(question.hint) || undefined}
        validateStatus={error ? 'error' : undefined}
        help={error ? <span data-testid={`question-error-${question.name}`}>{error}</span> : undefined}
        data-question={question.name}
        data-testid={`question-${question.name}`}
      >
        {input}
      </Form.Item>
    );
  };

  const renderItems = (items: readonly FormItem[]): ReactNode[] =>
    items.map((item) => {
      if (!check.visible.has(item.name)) return null;
      if (item.kind === 'question') return renderQuestion(item);
      return (
        <Card key={item.name} size="small" title={text(item.label) || item.name} style={{ marginBottom: 16 }} data-testid={`group-${item.name}`}>
          {text(item.hint) && <Typography.Paragraph type="secondary">{text(item.hint)}</Typography.Paragraph>}
          {renderItems(item.items)}
        </Card>
      );
    });

  const blockingCount = check.errors.filter((error) => error.code !== 'required' || hasTriedSubmit).length;
  return (
    <Form layout="vertical" component="div" size={isCompact ? 'large' : 'middle'} data-testid="form-filler">
      {renderItems(form.items)}
      {footer}
      {hasTriedSubmit && blockingCount > 0 && <Alert type="warning" showIcon title={t('questionnaires.fill.fixFirst', { count: blockingCount })} style={{ marginBottom: 12 }} data-testid="fill-blocked" />}
      {failure !== undefined && serverProblems.size === 0 && <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 12 }} data-testid="fill-error" />}
      <Button type="primary" size="large" block={isCompact} loading={isSubmitting} onClick={submit} data-testid="fill-submit">
        {submitLabel}
      </Button>
    </Form>
  );
}
