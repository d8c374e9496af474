// The demo's questionnaire: a household survey of the 沧州 campaign office (groups, skip logic,
// constraints with their own messages, a calculation, Chinese and English labels) with a public
// link, answered at about one household in eight at the points of 海兴县 over the last six weeks.
// Every answer set goes through validateAnswers, as a real one would. Runs once.
import { randomBytes } from 'node:crypto';
import { validateAnswers, type AnswerInput, type FormDefinition } from '../../shared/forms/form-definition.ts';
import { copyValue, type Database } from '../db/database.ts';
import { addDays, localDate } from '../features/field-work/visit-plan.ts';
import { resetIdentitySequences } from './load-demo-province.ts';
import { createRandom, createWeightedPicker, uuidFrom, type Random } from './random.ts';

const zhEn = (zh: string, en: string) => ({ zh, en });

export const demoSurvey: FormDefinition = {
  settings: { formTitle: '蹲点入户走访调查表', formId: 'cangzhou_household_survey_2026', version: '2026.1', defaultLanguage: 'zh' },
  languages: ['zh', 'en'],
  items: [
    {
      kind: 'group',
      name: 'household',
      label: zhEn('家庭情况', 'Household'),
      items: [
        { kind: 'question', type: 'integer', name: 'members', label: zhEn('家庭人数', 'Household size'), required: true, constraint: '. >= 1 and . <= 20', constraintMessage: zhEn('家庭人数应在 1 到 20 人之间', 'Household size must be between 1 and 20') },
        { kind: 'question', type: 'integer', name: 'elders', label: zhEn('60 岁以上老人数', 'People aged 60 or over'), constraint: '. <= ${members}', constraintMessage: zhEn('老人数不能多于家庭人数', 'There cannot be more elders than people in the household') },
        { kind: 'question', type: 'select_one', name: 'elder_alone', listName: 'yes_no', label: zhEn('是否有老人独居', 'Does an elder live alone?'), relevant: '${elders} > 0' },
      ],
    },
    { kind: 'question', type: 'select_one', name: 'has_need', listName: 'yes_no', label: zhEn('有无困难或诉求', 'Any difficulty or need?'), required: true },
    {
      kind: 'group',
      name: 'need',
      label: zhEn('诉求情况', 'Needs'),
      relevant: "${has_need} = 'yes'",
      items: [
        { kind: 'question', type: 'select_multiple', name: 'needs', listName: 'needs', label: zhEn('诉求类别（最多两项）', 'Kinds of need (two at most)'), required: true, constraint: 'count-selected(.) <= 2', constraintMessage: zhEn('最多选两项', 'Choose two at most') },
        { kind: 'question', type: 'text', name: 'need_detail', label: zhEn('具体情况', 'Details') },
      ],
    },
    { kind: 'question', type: 'decimal', name: 'income', label: zhEn('人均月收入（元）', 'Monthly income per person (yuan)'), constraint: '. >= 0', constraintMessage: zhEn('收入不能为负数', 'Income cannot be negative') },
    { kind: 'question', type: 'select_one', name: 'satisfaction', listName: 'satisfaction', label: zhEn('对蹲点工作的满意度', 'Satisfaction with the stationed team'), required: true },
    { kind: 'question', type: 'date', name: 'visited_on', label: zhEn('走访日期', 'Date of visit'), constraint: '. <= today()', constraintMessage: zhEn('走访日期不能晚于今天', 'The date of visit cannot be in the future') },
    { kind: 'question', type: 'calculate', name: 'need_count', label: zhEn('诉求项数', 'Number of needs'), calculation: 'count-selected(${needs})' },
    { kind: 'question', type: 'note', name: 'thanks', label: zhEn('感谢您的配合！', 'Thank you!') },
  ],
  choiceLists: {
    yes_no: [
      { name: 'yes', label: zhEn('是', 'Yes') },
      { name: 'no', label: zhEn('否', 'No') },
    ],
    needs: [
      { name: 'drinking_water', label: zhEn('饮水', 'Drinking water') },
      { name: 'roads', label: zhEn('道路', 'Roads') },
      { name: 'medical', label: zhEn('看病就医', 'Medical care') },
      { name: 'elderly_care', label: zhEn('养老', 'Elderly care') },
      { name: 'employment', label: zhEn('就业', 'Jobs') },
      { name: 'schooling', label: zhEn('上学', 'Schooling') },
      { name: 'garbage', label: zhEn('垃圾清运', 'Garbage') },
    ],
    satisfaction: [
      { name: 'very_satisfied', label: zhEn('非常满意', 'Very satisfied') },
      { name: 'satisfied', label: zhEn('满意', 'Satisfied') },
      { name: 'basically', label: zhEn('基本满意', 'Fairly satisfied') },
      { name: 'dissatisfied', label: zhEn('不满意', 'Dissatisfied') },
      { name: 'very_dissatisfied', label: zhEn('非常不满意', 'Very dissatisfied') },
    ],
  },
};

const pickSatisfaction = createWeightedPicker<string>([
  ['very_satisfied', 38],
  ['satisfied', 34],
  ['basically', 18],
  ['dissatisfied', 7],
  ['very_dissatisfied', 3],
]);
const pickNeed = createWeightedPicker<string>([
  ['drinking_water', 14],
  ['roads', 22],
  ['medical', 20],
  ['elderly_care', 16],
  ['employment', 12],
  ['schooling', 6],
  ['garbage', 10],
]);
const needDetails: Record<string, string> = {
  drinking_water: '夏天用水高峰水压低，二楼上不去水',
  roads: '后街还是土路，下雨出不了门',
  medical: '村卫生室常缺慢性病药',
  elderly_care: '老人一个人在家，吃饭成问题',
  employment: '想在附近找份零工',
  schooling: '孩子上学路远，接送困难',
  garbage: '垃圾池满了好几天没人清运',
};

/** Plausible answers for one household (members from the register). */
function answersFor(random: Random, members: number, visitedOn: string): Record<string, AnswerInput> {
  const elders = random.int(0, Math.min(members, 3));
  const answers: Record<string, AnswerInput> = { members, satisfaction: pickSatisfaction(random), visited_on: visitedOn };
  if (random.chance(0.8)) answers.elders = elders;
  if (elders > 0 && answers.elders !== undefined) answers.elder_alone = random.chance(0.2) ? 'yes' : 'no';
  const hasNeed = random.chance(0.45);
  answers.has_need = hasNeed ? 'yes' : 'no';
  if (hasNeed) {
    const needs = [...new Set([pickNeed(random), ...(random.chance(0.35) ? [pickNeed(random)] : [])])];
    answers.needs = needs;
    if (random.chance(0.7)) answers.need_detail = needDetails[needs[0]!];
  }
  if (random.chance(0.7)) answers.income = random.int(6, 40) * 100;
  return answers;
}

/** Seeds the survey once (app_state 'seed-questionnaires'); returns the number of responses. */
export async function seedDemoQuestionnaires(database: Database, options: { regionCode?: string; countyCode?: string; now?: Date } = {}): Promise<number> {
  const regionCode = options.regionCode ?? '1309';
  const countyCode = options.countyCode ?? '130924';
  return database.bulkTransaction(async (session) => {
    if ((await session.query("SELECT 1 FROM app_state WHERE key = 'seed-questionnaires'")).length > 0) return 0;
    const [office] = await session.query<{ id: number }>('SELECT id FROM accounts WHERE username = $1', [`office-${regionCode}`]);
    const [cadre] = await session.query<{ id: number }>('SELECT id FROM accounts WHERE username = $1', [`cadre-${countyCode}`]);
    if (!office) return 0;
    const [{ id: questionnaireId }] = await session.query<{ id: number }>(
      'INSERT INTO questionnaires (form_id, title, definition, region_code, public_token, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [demoSurvey.settings.formId, demoSurvey.settings.formTitle, JSON.stringify(demoSurvey), regionCode, randomBytes(16).toString('base64url'), office.id, new Date(Date.now() - 50 * 86_400_000).toISOString()],
    );
    const households = await session.query<{ id: number; point_id: number; region_code: string; members: number }>(
      'SELECT id, point_id, region_code, members FROM households WHERE region_code LIKE $1 ORDER BY id',
      [`${countyCode}%`],
    );
    const today = localDate(options.now ?? new Date());
    const random = createRandom(`questionnaires:${countyCode}`);
    const rows: string[] = [];
    for (const household of households) {
      if (!random.chance(0.125)) continue;
      const visitedOn = addDays(today, -random.int(1, 42));
      const check = validateAnswers(demoSurvey, answersFor(random, Math.max(1, Math.min(20, household.members)), visitedOn), { today });
      if (check.errors.length > 0) throw new Error(`demo survey answers refused: ${check.errors.map((error) => `${error.name}: ${error.messageEn}`).join('; ')}`);
      const stored = { ...check.answers, ...Object.fromEntries(Object.entries(check.calculated).filter(([, value]) => value !== '')) };
      rows.push([uuidFrom(random), questionnaireId, household.point_id, household.region_code, household.id, JSON.stringify(stored), 'cadre', cadre?.id ?? office.id, `${visitedOn}T16:00:00+08:00`].map(copyValue).join('\t'));
    }
    if (rows.length > 0) {
      await session.copyRows('questionnaire_responses', ['client_id', 'questionnaire_id', 'point_id', 'region_code', 'household_id', 'answers', 'channel', 'account_id', 'created_at'], `${rows.join('\n')}\n`);
    }
    await resetIdentitySequences(session, ['questionnaires', 'questionnaire_responses']);
    await session.query('ANALYZE questionnaires, questionnaire_responses');
    await session.query("INSERT INTO app_state (key, value) VALUES ('seed-questionnaires', $1)", [JSON.stringify({ questionnaireId, responses: rows.length })]);
    return rows.length;
  });
}
