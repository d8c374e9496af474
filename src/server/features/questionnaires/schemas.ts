// Request and response shapes of questionnaires (调查表): the form as src/shared/forms/form-definition.ts
// describes it (built in the console or imported from an XLSForm), answers from the cadre's phone
// and from the public link, results per question and the public form.
import { z } from 'zod';
import { questionTypes, type QuestionType } from '../../../shared/forms/form-definition.ts';
import { bilingual } from '../../lib/errors.ts';

const name = z.string().max(100);
const expression = z.string().max(2000);
/** Text in several languages, by language code (zh, en, or `default`). */
const localizedText = z.record(z.string().min(1).max(40), z.string().max(4000));

export const questionSchema = z.strictObject({
  kind: z.literal('question'),
  type: z.enum(questionTypes as [QuestionType, ...QuestionType[]]),
  name,
  label: localizedText.optional(),
  hint: localizedText.optional(),
  listName: name.optional(),
  required: z.boolean().optional(),
  relevant: expression.optional(),
  constraint: expression.optional(),
  constraintMessage: localizedText.optional(),
  calculation: expression.optional(),
  default: z.string().max(2000).optional(),
});

export const groupSchema = z.strictObject({
  kind: z.literal('group'),
  name,
  label: localizedText.optional(),
  hint: localizedText.optional(),
  relevant: expression.optional(),
  get items() {
    return z.array(z.union([questionSchema, groupSchema])).max(2000).readonly();
  },
});

// Generous limits: an imported XLSForm is not read through this schema but is served through it,
// and a choices list of every village of a county runs into the hundreds.
export const formDefinitionSchema = z.strictObject({
  settings: z.strictObject({
    formTitle: z.string().max(200),
    formId: z.string().max(100),
    version: z.string().max(100),
    defaultLanguage: z.string().max(40),
  }),
  languages: z.array(z.string().max(40)).max(10).readonly(),
  items: z.array(z.union([questionSchema, groupSchema])).max(2000).readonly(),
  choiceLists: z.record(name, z.array(z.strictObject({ name: z.string().max(200), label: localizedText })).max(20_000).readonly()),
});

export const createQuestionnaireBody = z.strictObject({ definition: formDefinitionSchema });

export const questionnaireIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const publicTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, bilingual('链接无效', 'not a form link')) });

export const setOpenBody = z.strictObject({ isOpen: z.boolean() });

const clientId = z.uuid(bilingual('须为客户端生成的 UUID', 'a client-generated UUID'));
/** One answer as the phone sends it: text, a number, the values of a select_multiple, or nothing. */
const answerValue = z.union([z.string().max(10_000), z.number(), z.array(z.union([z.string().max(200), z.number()])).max(200), z.null()]);
const answersSchema = z.record(name, answerValue);

/** What the cadre's phone (or the console's fill page) sends; the same as the field-work sync's kind 'response'. */
export const responseBody = z.strictObject({
  clientId,
  pointId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  answers: answersSchema,
  /** An answer that raises an appeal at the point, with the response as its provenance. */
  raiseAppeal: z
    .strictObject({
      clientId,
      categoryCode: z.string().min(1).max(40),
      description: z.string().trim().min(2, bilingual('请描述问题', 'describe the problem')).max(4000),
    })
    .optional(),
});

/** What the public link sends: answers only (no point, no household, no appeal). */
export const publicResponseBody = z.strictObject({ clientId, answers: answersSchema });

export const responseResult = z.object({
  id: z.number(),
  clientId: z.string(),
  isNew: z.boolean(),
  appeal: z.object({ id: z.number(), trackingCode: z.string(), isNew: z.boolean() }).nullable(),
});

export const publicResponseResult = z.object({ clientId: z.string(), isNew: z.boolean() });

export const questionnaireSummary = z.object({
  id: z.number(),
  formId: z.string(),
  title: z.string(),
  regionCode: z.string(),
  isOpen: z.boolean(),
  publicToken: z.string().nullable(),
  questionCount: z.number(),
  /** Responses inside the caller's scope. */
  responseCount: z.number(),
  createdAt: z.string(),
  canManage: z.boolean(),
  canAnswer: z.boolean(),
  canViewResults: z.boolean(),
});

export const questionnaireDetail = questionnaireSummary.extend({ definition: formDefinitionSchema });

export const createdQuestionnaire = z.object({ id: z.number(), formId: z.string(), title: z.string() });

export const publicLinkResponse = z.object({ token: z.string(), path: z.string() });

export const resultsQuery = z.strictObject({
  regionCode: z.string().regex(/^\d{2,12}$/, bilingual('须为区划代码', 'a division code')).optional(),
  pointId: z.coerce.number().int().positive().optional(),
});

const numericSummary = z.object({
  count: z.number(),
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  buckets: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
});

export const resultsResponse = z.object({
  questionnaireId: z.number(),
  title: z.string(),
  responses: z.number(),
  questions: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      label: localizedText,
      answered: z.number(),
      choices: z.array(z.object({ name: z.string(), label: localizedText, count: z.number() })).optional(),
      numeric: numericSummary.nullable().optional(),
    }),
  ),
});

export const publicFormResponse = z.object({ title: z.string(), isOpen: z.boolean(), definition: formDefinitionSchema });
