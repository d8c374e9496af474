// The demo's field work in 海兴县: a register of households (or, at enterprises, schools, hospitals
// and new organisations, the units and people looked after) at every point, visit plans (14 days
// for households with a hardship flag, 30 for the rest), visits over the last 60 days with every
// outcome (refusals at the door counted), a few meetings with task decisions and their progress,
// residents' activities, and two weeks of diary for the demo cadre and his unit's head. Deterministic;
// runs once.
import { copyValue, type BulkSession, type Database } from '../db/database.ts';
import { addDays, localDate, nextVisitDue } from '../features/field-work/visit-plan.ts';
import { personName } from './names.ts';
import { createRandom, createWeightedPicker, uuidFrom, type Random } from './random.ts';
import { resetIdentitySequences } from './load-demo-province.ts';

interface PointRow {
  id: number;
  name: string;
  type: string;
  region_code: string;
  households: number;
}

const flagChances: [string, number][] = [
  ['left_behind_elderly', 0.12],
  ['empty_nest', 0.1],
  ['left_behind_children', 0.08],
  ['minimum_income', 0.07],
  ['disability', 0.05],
  ['poverty_risk', 0.04],
  ['other', 0.02],
];

const flagNotes: Record<string, string[]> = {
  left_behind_elderly: ['老人独自在家，子女在天津打工', '老人腿脚不便，常需帮忙取药'],
  empty_nest: ['老两口在家，儿女在外地', '空巢老人，冬季取暖需关注'],
  left_behind_children: ['孩子由爷爷奶奶照看，父母在外务工', '留守儿童，学习需辅导'],
  minimum_income: ['享受农村低保，年底复核', '低保户，关注医疗报销'],
  disability: ['户主肢体残疾，已办残疾证', '家中有智力残疾人员'],
  poverty_risk: ['因病返贫风险，需动态监测', '收入不稳定，纳入防返贫监测'],
  other: ['种植大户，关注农资价格', '退役军人家庭'],
};

const pickOutcome = createWeightedPicker<'received' | 'nobody_home' | 'refused'>([
  ['received', 74],
  ['nobody_home', 16],
  ['refused', 10],
]);

const visitNotes: Record<'received' | 'nobody_home' | 'refused', string[]> = {
  received: ['了解家庭收入和身体状况，宣讲医保政策', '帮助联系村医上门量血压', '群众反映村里路灯坏了，已记录', '聊了孩子上学的事，讲解资助政策', '询问冬季取暖情况'],
  nobody_home: ['家中无人，邻居说去镇上赶集了', '铁将军把门，改日再来', '家里没人，留了联系卡'],
  refused: ['不愿开门，说“干部开车来开车走，啥也不解决”', '隔着门说没什么可说的', '对上次的事有意见，不愿交谈'],
};

const unitNames: Record<string, string[]> = {
  enterprise: ['一车间', '二车间', '销售部', '仓储物流部', '质检部', '后勤部'],
  school: ['一年级组', '初三年级组', '后勤处', '教研室', '食堂'],
  hospital: ['内科', '外科', '门诊部', '护理部', '药剂科'],
  new_org: ['项目部', '志愿服务队', '办公室'],
};

const meetingTopics: { kind: 'symposium' | 'deliberation'; title: string; agenda: string; tasks: string[] }[] = [
  { kind: 'symposium', title: '村民代表座谈会', agenda: '听取群众对村庄环境和生产生活的意见建议', tasks: ['清理村东坑塘垃圾', '修复村口路灯', '组织一次义诊进村'] },
  { kind: 'deliberation', title: '街巷硬化协调议事会', agenda: '商议后街硬化的出资、施工和占地问题', tasks: ['测量后街长度并出预算', '向镇里申请一事一议奖补', '公示出资方案'] },
  { kind: 'symposium', title: '老党员座谈会', agenda: '听取老党员对村“两委”工作的意见', tasks: ['整理意见并在党员大会上通报', '建立老党员定期走访制度'] },
  { kind: 'deliberation', title: '饮水问题协调议事会', agenda: '协调解决高地势住户水压低问题', tasks: ['联系水务站检修加压泵', '排查入户管道漏点', '公布报修电话'] },
  { kind: 'symposium', title: '种植户座谈会', agenda: '了解农资价格、农技服务和销售渠道需求', tasks: ['联系农技站开展冬小麦管理培训', '对接电商平台帮助销售'] },
];

const organisations = ['村党支部', '村民委员会', '村务监督委员会', '老年人协会', '红白理事会', '妇联执委', '种植合作社', '驻村工作队'];
const activityTitles = ['广场舞晚会', '重阳节敬老饺子宴', '义务清扫街道', '农技培训课', '村晚排练', '法律知识讲座', '植树活动'];
const diaryTexts = [
  '上午走访了五户，下午参加村“两委”会，商量路灯维修的事。',
  '和村医一起给独居老人量血压，记下两位老人的用药需求。',
  '在村委会值班接待群众，登记了两件诉求。',
  '参加村里的座谈会，群众提得最多的是街道硬化。',
  '回单位汇报蹲点情况，协调水务部门来村检修。',
  '走访了三户低保户，了解年底复核材料准备情况。',
  '帮助种植户联系农技站，约好下周来培训。',
];

const surnamesOfVisitors = ['王', '李', '张', '刘', '赵', '杨', '高', '孙'];

function householdCount(point: PointRow, random: Random): number {
  if (point.type === 'village') return Math.max(15, Math.min(40, Math.round(point.households / 12) + random.int(-3, 3)));
  if (point.type === 'community') return random.int(25, 40);
  return random.int(6, 12);
}

/** Rows gathered for one COPY into a table. */
function copyTable(table: string, columns: string[]) {
  const rows: string[] = [];
  return {
    rows,
    add(values: unknown[]): void {
      rows.push(values.map(copyValue).join('\t'));
    },
    async copy(session: BulkSession): Promise<void> {
      if (rows.length > 0) await session.copyRows(table, columns, `${rows.join('\n')}\n`);
    },
  };
}

/** Seeds the field work of 海兴县 once (app_state 'seed-households'); returns the number of households. */
export async function seedDemoHouseholds(database: Database, options: { countyCode?: string; cadreUsername?: string; now?: Date } = {}): Promise<number> {
  const countyCode = options.countyCode ?? '130924';
  return database.bulkTransaction(async (session) => {
    if ((await session.query("SELECT 1 FROM app_state WHERE key = 'seed-households'")).length > 0) return 0;
    const points = await session.query<PointRow>('SELECT id, name, type, region_code, households FROM points WHERE region_code LIKE $1 ORDER BY id', [`${countyCode}%`]);
    const today = localDate(options.now ?? new Date());
    const createdAt = `${addDays(today, -75)}T09:00:00+08:00`;
    const nextId = async (table: string) => Number((await session.query<{ max: number | null }>(`SELECT max(id) AS max FROM ${table}`))[0]!.max ?? 0) + 1;
    let householdId = await nextId('households');
    let meetingId = await nextId('meetings');
    let decisionId = await nextId('meeting_decisions');

    const households = copyTable('households', ['id', 'client_id', 'point_id', 'region_code', 'kind', 'head_name', 'address', 'phone', 'members', 'flags', 'note', 'visit_cycle_days', 'next_visit_on', 'created_at', 'updated_at']);
    const visits = copyTable('visits', ['client_id', 'household_id', 'point_id', 'region_code', 'visited_on', 'visitors', 'outcome', 'notes', 'created_at']);
    const meetings = copyTable('meetings', ['id', 'client_id', 'point_id', 'region_code', 'kind', 'held_on', 'title', 'agenda', 'organisations', 'attendee_count', 'minutes', 'created_at']);
    const decisions = copyTable('meeting_decisions', ['id', 'client_id', 'meeting_id', 'text', 'kind', 'owner_name', 'due_on', 'progress', 'created_at', 'updated_at']);
    const activities = copyTable('activities', ['client_id', 'point_id', 'region_code', 'held_on', 'title', 'note', 'created_at']);

    for (const point of points) {
      const random = createRandom(`households:${point.region_code}:${point.name}`);
      const visitors = `驻点工作队 ${random.pick(surnamesOfVisitors)}${random.pick(['建华', '志刚', '婷', '丽娜', '海涛'])}、${random.pick(surnamesOfVisitors)}${random.pick(['军', '明', '秀梅', '晓东'])}`;
      const isResidential = point.type === 'village' || point.type === 'community';
      const count = householdCount(point, random);
      for (let index = 0; index < count; index += 1) {
        const id = householdId++;
        const flags = isResidential ? flagChances.filter(([, chance]) => random.chance(chance)).map(([flag]) => flag) : [];
        const isUnit = !isResidential && random.chance(0.4);
        const gender = random.chance(0.55) ? 'male' : 'female';
        const headName = isUnit ? `${random.pick(unitNames[point.type] ?? unitNames.enterprise!)}${random.chance(0.5) ? '' : ` ${index + 1}`}` : personName(random, gender, random.int(isResidential ? 1938 : 1965, isResidential ? 1992 : 2000));
        const members = isUnit ? random.int(5, 60) : flags.includes('empty_nest') ? random.int(1, 2) : random.int(1, 6);
        const cycle = flags.length > 0 && !flags.every((flag) => flag === 'other') ? 14 : 30;
        const address = isResidential ? `${point.name}${random.int(1, 9)}街${random.int(1, 80)}号` : null;
        const phone = random.chance(0.85) ? `1${random.pick(['3', '5', '8'])}${random.int(100000000, 999999999)}` : null;
        const note = flags.length > 0 && random.chance(0.6) ? random.pick(flagNotes[flags[0]!]!) : null;
        // 0–3 visits over the last 60 days, oldest first.
        const visitCount = random.pick([0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
        const visitDates = Array.from({ length: visitCount }, () => addDays(today, -random.int(1, 60))).sort();
        for (const visitedOn of visitDates) {
          const outcome = pickOutcome(random);
          visits.add([uuidFrom(random), id, point.id, point.region_code, visitedOn, visitors, outcome, random.chance(0.8) ? random.pick(visitNotes[outcome]) : null, `${visitedOn}T17:00:00+08:00`]);
        }
        const nextVisitOn = nextVisitDue({ lastVisitedOn: visitDates.at(-1) ?? null, cycleDays: cycle, today });
        households.add([id, uuidFrom(random), point.id, point.region_code, isUnit ? 'unit' : isResidential ? 'household' : 'person', headName, address, phone, members, flags, note, cycle, nextVisitOn, createdAt, createdAt]);
      }
      // Meetings at about one residential point in six, activities at one in five.
      if (isResidential && random.chance(1 / 6)) {
        for (let held = random.int(1, 2); held > 0; held -= 1) {
          const topic = random.pick(meetingTopics);
          const heldOn = addDays(today, -random.int(3, 55));
          const id = meetingId++;
          const present = organisations.filter(() => random.chance(0.5)).slice(0, 5);
          meetings.add([id, uuidFrom(random), point.id, point.region_code, topic.kind, heldOn, topic.title, topic.agenda, present.length > 0 ? present : ['村民委员会'], random.int(12, 60), `${topic.agenda}。与会人员发言踊跃，形成${topic.tasks.length}项决定，明确责任人和完成时限。`, `${heldOn}T20:00:00+08:00`]);
          for (const task of topic.tasks) {
            const dueOn = addDays(heldOn, random.pick([7, 14, 30, 45]));
            const progress = dueOn < today ? random.pick([100, 100, 80, 50]) : random.pick([0, 20, 40, 60, 100]);
            decisions.add([decisionId++, uuidFrom(random), id, task, 'task', `${random.pick(surnamesOfVisitors)}${random.pick(['书记', '主任', '会计', '委员'])}`, dueOn, progress, `${heldOn}T20:00:00+08:00`, `${heldOn}T20:00:00+08:00`]);
          }
        }
      }
      if (isResidential && random.chance(0.2)) {
        const heldOn = addDays(today, -random.int(1, 50));
        activities.add([uuidFrom(random), point.id, point.region_code, heldOn, random.pick(activityTitles), random.chance(0.5) ? '工作队全员参加，和群众拉家常' : null, `${heldOn}T21:00:00+08:00`]);
      }
    }

    // The diary of the demo cadre and of the head of his unit: the last two weeks, a day or two
    // off, most days on site (the head, who sees the unit's days on site, is stationed too).
    const diary = copyTable('diary_entries', ['client_id', 'account_id', 'cadre_id', 'unit_id', 'region_code', 'entry_on', 'is_on_site', 'text', 'created_at', 'updated_at']);
    const diarists = await session.query<{ username: string; account_id: number; cadre_id: number; unit_id: number; region_code: string }>(
      'SELECT a.username, a.id AS account_id, c.id AS cadre_id, c.unit_id, c.region_code FROM accounts a JOIN cadres c ON c.id = a.cadre_id WHERE a.username = ANY($1) ORDER BY a.id',
      [options.cadreUsername ? [options.cadreUsername] : [`cadre-${countyCode}`, `head-${countyCode}`]],
    );
    for (const cadre of diarists) {
      const random = createRandom(cadre.username === `cadre-${countyCode}` ? `diary:${countyCode}` : `diary:${cadre.username}`);
      for (let back = 14; back >= 1; back -= 1) {
        if (random.chance(0.15)) continue;
        const entryOn = addDays(today, -back);
        const isOnSite = random.chance(0.8);
        diary.add([uuidFrom(random), cadre.account_id, cadre.cadre_id, cadre.unit_id, cadre.region_code, entryOn, isOnSite, isOnSite ? random.pick(diaryTexts) : '在单位处理本职工作，电话回访了两户群众。', `${entryOn}T21:30:00+08:00`, `${entryOn}T21:30:00+08:00`]);
      }
    }

    for (const table of [households, visits, meetings, decisions, activities, diary]) await table.copy(session);
    await resetIdentitySequences(session, ['households', 'visits', 'meetings', 'meeting_decisions', 'activities', 'diary_entries']);
    await session.query('ANALYZE households, visits, meetings, meeting_decisions, activities, diary_entries');
    await session.query("INSERT INTO app_state (key, value) VALUES ('seed-households', $1)", [JSON.stringify({ households: households.rows.length, visits: visits.rows.length, meetings: meetings.rows.length })]);
    return households.rows.length;
  });
}
