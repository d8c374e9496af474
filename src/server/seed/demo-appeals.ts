// The demo's appeals: the dispatch catalogue for every county, and a few thousand cases in 沧州
// (most in 海兴县) taken through the real workflow — the transition table and the same step
// effects the API uses, replayed in memory with past timestamps — so every state, colour,
// rating, return, extension, escalation, merge and rectification is there to look at.
import { copyValue, type BulkSession, type Database } from '../db/database.ts';
import type { AppealRating, AppealSolved } from '../db/schema.ts';
import { normalizeText } from '../lib/chinese-text.ts';
import { stepChanges, transitionContext, type StepInput } from '../features/appeals/appeal-steps.ts';
import { buildDeadlineSettings } from '../features/appeals/deadlines.ts';
import type { AppealRecord } from '../features/appeals/queries.ts';
import { applyTransition, type AppealEvent } from '../features/appeals/workflow.ts';
import { resetIdentitySequences } from './load-demo-province.ts';
import { createRandom, uuidFrom, type Random } from './random.ts';

// Department (by name ending, first match wins) that handles a category at county and city level.
const departmentsByCategory: Record<string, string[]> = {
  hardship_relief: ['民政局', '社会事务局'],
  dispute: ['司法局', '社会事务局'],
  medical: ['卫生健康局', '卫生健康委员会', '社会事务局'],
  legal_aid: ['司法局', '社会事务局'],
  // Rural living environment (人居环境整治) is the agriculture and rural affairs bureau's work.
  garbage: ['农业农村局', '住房和城乡建设局', '规划建设局'],
  sewage: ['农业农村局', '生态环境局', '规划建设局'],
  drinking_water: ['水务局', '规划建设局', '农业农村局'],
  village_planning: ['自然资源和规划局', '规划建设局'],
  policy: ['人力资源和社会保障局', '社会事务局'],
  business_help: ['市场监督管理局', '市场监督管理分局'],
  other: ['信访局', '社会事务局'],
};

/** Fills the dispatch catalogue: every township government (rung 1), county (2) and city (3) department by category. */
export async function seedDispatchCatalogue(session: BulkSession): Promise<void> {
  const mapping = Object.entries(departmentsByCategory).flatMap(([code, suffixes]) => suffixes.map((suffix, priority) => `('${code}', '${suffix}', ${priority})`));
  for (const [level, unitLevel] of [[2, 'county'], [3, 'city']] as const) {
    await session.query(`
      INSERT INTO dispatch_catalogue (category_code, level, region_code, unit_id)
      SELECT DISTINCT ON (m.code, u.region_code) m.code, ${level}, u.region_code, u.id
      FROM (VALUES ${mapping.join(', ')}) AS m (code, suffix, priority)
      JOIN org_units u ON u.level = '${unitLevel}' AND u.name LIKE '%' || m.suffix
      ORDER BY m.code, u.region_code, m.priority, u.id
      ON CONFLICT DO NOTHING`);
  }
  await session.query(`
    INSERT INTO dispatch_catalogue (category_code, level, region_code, unit_id)
    SELECT DISTINCT ON (c.code, u.region_code) c.code, 1, u.region_code, u.id
    FROM appeal_categories c CROSS JOIN org_units u
    WHERE u.level = 'township' AND u.name LIKE '%人民政府'
    ORDER BY c.code, u.region_code, u.id
    ON CONFLICT DO NOTHING`);
}

const descriptions: Record<string, string[]> = {
  hardship_relief: ['家里老人瘫痪在床，想申请临时救助', '低保复核后被取消了，想问问原因能不能重新申请', '残疾人两项补贴一直没有到账'],
  dispute: ['和邻居因为宅基地边界吵了好几次，请村里帮忙调解', '承包地流转费去年的还没给，对方一直拖着', '在工地干活的工钱被拖欠了三个月'],
  medical: ['村卫生室没有常用的降压药，得跑到镇上买', '异地住院报销材料不知道怎么准备', '想签约家庭医生但不知道找谁'],
  legal_aid: ['工伤认定不知道怎么申请，想找法律援助', '老人赡养问题想咨询律师', '借款纠纷想走法律程序但请不起律师'],
  garbage: ['村东头垃圾池好几天没人清运，味道很大', '坑塘边有人乱倒建筑垃圾', '垃圾桶坏了一直没换'],
  sewage: ['雨天村里主街排水沟堵了，污水漫到路上', '改厕后的化粪池满了没人抽', '养殖场的污水排到沟里'],
  drinking_water: ['自来水这几天水压很低，二楼以上没水', '自来水有异味，发黄', '入户管道冻裂了，全村停水'],
  village_planning: ['想翻盖旧房，宅基地审批怎么办', '村里的主路坑洼太多，想申请硬化', '村口路灯坏了半年没人修'],
  policy: ['城乡居民养老保险今年缴费标准是多少', '耕地地力保护补贴怎么领', '孩子上学的资助政策想了解一下'],
  business_help: ['小作坊想注册个商标，不知道流程', '食品经营许可证到期了怎么续', '想申请创业担保贷款'],
  other: ['村里的文化广场晚上太吵', '希望村里能组织一次免费体检', '快递只送到镇上，取件很不方便'],
};

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '高', '郭', '田'];
const givenNames = ['秀兰', '建国', '桂英', '志强', '玉梅', '国庆', '淑珍', '海涛', '春花', '立新', '凤英', '保华'];
const goodRatings: AppealRating[] = ['very_satisfied', 'satisfied', 'satisfied', 'basically_satisfied'];

type Plan = { event: AppealEvent; input?: StepInput; actor?: 'office' | 'unit' | 'team' | 'resident' | 'system'; gapHours: number }[];

/** The steps a case goes through to end in a given way; inputs that need units are filled in at replay. */
function planFor(kind: string, random: Random): Plan {
  const dispatch = { event: 'dispatch' as const, actor: 'office' as const, gapHours: random.int(1, 20) };
  const accept = { event: 'accept' as const, actor: 'unit' as const, gapHours: random.int(1, 12) };
  const contact = { event: 'record_contact' as const, actor: 'unit' as const, gapHours: random.int(2, 30) };
  const reply = { event: 'reply' as const, actor: 'unit' as const, input: { replyText: '已现场核实并处理，问题已解决。' }, gapHours: random.int(12, 90) };
  const approve = { event: 'approve_reply' as const, actor: 'office' as const, gapHours: random.int(1, 20) };
  const good = { event: 'record_callback' as const, actor: 'office' as const, input: { contacted: true, solved: (random.chance(0.85) ? 'yes' : 'partly') as AppealSolved, rating: random.pick(goodRatings) }, gapHours: random.int(4, 40) };
  const bad = { event: 'record_callback' as const, actor: 'office' as const, input: { contacted: random.chance(0.8), solved: 'no' as const, rating: random.pick(['dissatisfied', 'very_dissatisfied'] as const) }, gapHours: random.int(4, 40) };
  const handled = [dispatch, accept, contact, reply];
  switch (kind) {
    case 'registered':
      return [];
    case 'dispatched':
      return [dispatch];
    case 'returned':
      return [dispatch, { event: 'return', actor: 'unit', input: { reason: '不属于本单位职责，建议转水务部门' }, gapHours: 3 }];
    case 'redispatched':
      return [dispatch, { event: 'return', actor: 'unit', input: { reason: '不属于本单位职责' }, gapHours: 3 }, { event: 'reject_return', actor: 'office', input: { reason: '按派单目录属于本单位，请办理' }, gapHours: 2 }, accept, contact];
    case 'accepted':
      return [dispatch, accept];
    case 'in_progress':
      return [dispatch, accept, contact];
    case 'extension':
      return [dispatch, accept, contact, { event: 'request_extension', actor: 'unit', input: { extensionDays: 5, reason: '需协调管网施工队，申请延期' }, gapHours: 24 }];
    case 'extended':
      return [...handled.slice(0, 3), { event: 'request_extension', actor: 'unit', input: { extensionDays: 5, reason: '需上级资金支持' }, gapHours: 24 }, { event: 'decide_extension', actor: 'office', input: { approve: true }, gapHours: 4 }];
    case 'escalated':
      return [dispatch, accept, { event: 'supervise', actor: 'system', input: { reason: '超期自动督办' }, gapHours: 200 }, { event: 'escalate', actor: 'office', input: { reason: '督办后仍未办结，升级' }, gapHours: 30 }];
    case 'replied':
      return handled;
    case 'sent_back':
      return [...handled, { event: 'send_back', actor: 'office', input: { reason: '答复过于简单，未说明处理结果' }, gapHours: 5 }];
    case 'reviewed':
      return [...handled, approve];
    case 'rectifying':
      return [...handled, approve, bad];
    case 'rectified':
      return [...handled, approve, bad, { ...reply, input: { replyText: '整改完成：已更换管道并回访。' } }, approve, { event: 'record_callback', actor: 'resident', input: { solved: 'yes', rating: 'satisfied' }, gapHours: 30 }];
    case 'closed':
      return [...handled, approve, good];
    case 'reopened':
      return [...handled, approve, good, { event: 'reopen', actor: 'office', input: { reason: '群众反映问题复发' }, gapHours: 60 }, accept];
    case 'direct':
      return [{ event: 'answer_directly', actor: 'office', input: { reason: '已当场解答政策问题' }, gapHours: 1 }];
    case 'merged':
      return [{ event: 'merge', actor: 'office', input: { reason: '与同村同一问题合并办理' }, gapHours: 2 }];
    default:
      throw new Error(`no plan for ${kind}`);
  }
}

// How a case ends, with weights: half closed, the rest spread over every state and path.
const endings: [string, number][] = [
  ['registered', 5], ['dispatched', 7], ['returned', 2], ['redispatched', 2], ['accepted', 5], ['in_progress', 9], ['extension', 2], ['extended', 2],
  ['escalated', 2], ['replied', 4], ['sent_back', 1], ['reviewed', 4], ['rectifying', 2], ['rectified', 3], ['closed', 42], ['reopened', 2], ['direct', 4], ['merged', 3],
];

function pickEnding(random: Random): string {
  const total = endings.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [kind, weight] of endings) if ((roll -= weight) < 0) return kind;
  return 'closed';
}

interface SeedContext {
  catalogue: Map<string, number>; // `${category}:${level}:${regionPrefix}` → unit id
  unitNames: Map<number, string>;
}

function catalogueUnit(context: SeedContext, categoryCode: string, level: number, regionCode: string): number | undefined {
  for (const length of [12, 9, 6, 4, 2]) {
    const unit = context.catalogue.get(`${categoryCode}:${level}:${regionCode.slice(0, length)}`);
    if (unit) return unit;
  }
  return undefined;
}

/** Generates the demo cases once (app_state 'seed-appeals'); `count` cases over the last 90 days. */
export async function seedDemoAppeals(database: Database, options: { regionCode: string; focusCode: string; count: number; now?: Date }): Promise<number> {
  return database.bulkTransaction(async (session) => {
    if ((await session.query("SELECT 1 FROM app_state WHERE key = 'seed-appeals'")).length > 0) return 0;
    await seedDispatchCatalogue(session);
    const points = await session.query<{ id: number; region_code: string; name: string }>(`SELECT id, region_code, name FROM points WHERE region_code LIKE $1 AND type IN ('village', 'community') ORDER BY id`, [`${options.regionCode}%`]);
    if (points.length === 0) {
      await session.query("INSERT INTO app_state (key, value) VALUES ('seed-appeals', '{\"count\":0}')");
      return 0;
    }
    const catalogueRows = await session.query<{ category_code: string; level: number; region_code: string; unit_id: number }>(`SELECT category_code, level, region_code, unit_id FROM dispatch_catalogue WHERE $1 LIKE region_code || '%' OR region_code LIKE $1 || '%'`, [options.regionCode]);
    const context: SeedContext = { catalogue: new Map(catalogueRows.map((row) => [`${row.category_code}:${row.level}:${row.region_code}`, row.unit_id])), unitNames: new Map() };
    const unitRows = await session.query<{ id: number; name: string }>('SELECT id, name FROM org_units WHERE id = ANY ($1)', [[...new Set(catalogueRows.map((row) => row.unit_id))]]);
    context.unitNames = new Map(unitRows.map((row) => [row.id, row.name]));
    const categories = await session.query<{ code: string; name_zh: string; default_urgency: 'general'; default_level: number }>('SELECT code, name_zh, default_urgency, default_level FROM appeal_categories');
    const officeName = '沧州市蹲点办';
    const settings = buildDeadlineSettings([], []);
    const now = options.now ?? new Date();
    const random = createRandom(`appeals:${options.regionCode}`);
    const focus = points.filter((point) => point.region_code.startsWith(options.focusCode));
    const [{ max_id: maxId }] = await session.query<{ max_id: number | null }>('SELECT max(id) AS max_id FROM appeals');
    const appeals: AppealRecord[] = [];
    const events: unknown[][] = [];
    for (let index = 0; index < options.count; index++) {
      const id = (maxId ?? 0) + index + 1;
      const point = random.chance(0.45) && focus.length > 0 ? random.pick(focus) : random.pick(points);
      const category = random.pick(categories);
      const ending = pickEnding(random);
      const plan = planFor(ending, random);
      // Closed cases are older; open ones recent, so the deadline colours are a live mix.
      const ageHours = ending === 'registered' ? random.int(1, 40) : ['closed', 'rectified', 'direct', 'merged', 'reopened'].includes(ending) ? random.int(300, 2100) : random.int(30, 500);
      let at = new Date(now.getTime() - ageHours * 3_600_000);
      const isAnonymous = random.chance(0.2);
      const description = `${point.name}：${random.pick(descriptions[category.code] ?? descriptions.other!)}`;
      // Public titles name the problem and the place, never the resident's words.
      const title = `${category.name_zh} · ${point.name}`;
      let record = {
        id,
        client_id: uuidFrom(random),
        tracking_code: `DD-${id.toString(32).toUpperCase().padStart(4, '0')}${Array.from({ length: 6 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[random.int(0, 31)]).join('')}`,
        channel: random.pick(['household_visit', 'household_visit', 'symposium', 'suggestion_box', 'hotline', 'walk_in', 'questionnaire', 'proxy_agent', 'web'] as const),
        source_kind: null,
        source_id: null,
        category_code: category.code,
        urgency: category.default_urgency,
        region_code: point.region_code,
        point_id: point.id,
        title,
        description,
        search_text: normalizeText(`${title} ${description}`),
        address: null,
        contact_name: isAnonymous ? null : `${random.pick(surnames)}${random.pick(givenNames)}`,
        contact_phone: isAnonymous ? null : `13${random.int(100000000, 999999999)}`,
        is_anonymous: isAnonymous,
        is_confidential: random.chance(0.05),
        subject_unit_id: null,
        subject_cadre_id: null,
        state: 'registered',
        level: category.default_level,
        escalation_count: 0,
        is_supervised: false,
        handling_unit_id: null,
        first_unit_id: null,
        co_unit_ids: [],
        merged_into_id: null,
        issue_id: null,
        clock_kind: null,
        clock_started_at: null,
        warn_at: null,
        due_at: null,
        handling_due_at: null,
        pending_extension_days: null,
        pending_extension_reason: null,
        first_contact_at: null,
        replied_at: null,
        reply_text: null,
        closed_at: null,
        closed_on_time: null,
        answered_directly: false,
        return_count: 0,
        reopen_count: 0,
        was_rectified: false,
        rectification_started_at: null,
        callback_at: null,
        callback_contacted: null,
        callback_solved: null,
        callback_rating: null,
        followup_at: null,
        followup_solved: null,
        followup_rating: null,
        is_disputed: false,
        me_too_count: random.chance(0.1) ? random.int(1, 6) : 0,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 1,
      } as Omit<AppealRecord, 'measure_flags'> as AppealRecord;
      // Level 0 (the team at the point) only where the point team can really do it.
      const level = record.level === 0 && random.chance(0.5) ? 0 : Math.max(1, record.level);
      events.push([id, at.toISOString(), 'register', null, 'registered', 'staff', '驻点干部', null, null, JSON.stringify({ channel: record.channel })]);
      for (const step of plan) {
        const stepAt = new Date(at.getTime() + step.gapHours * 3_600_000);
        if (stepAt.getTime() > now.getTime() - 60_000) break;
        const input: StepInput = { ...step.input };
        if (step.event === 'dispatch' || step.event === 'reopen') Object.assign(input, { level, unitId: level === 0 ? undefined : catalogueUnit(context, record.category_code, level, record.region_code) });
        if (step.event === 'escalate') input.unitId = catalogueUnit(context, record.category_code, record.level + 1, record.region_code);
        if (step.event === 'merge') {
          const target = appeals.findLast((other) => other.region_code.slice(0, 6) === record.region_code.slice(0, 6) && other.state !== 'merged');
          if (!target) break;
          input.targetAppealId = target.id;
        }
        const outcome = applyTransition(record.state, step.event, transitionContext(record, step.event, input));
        if (!outcome.ok) break;
        const changes = stepChanges(record, step.event, outcome.to, input, stepAt, settings);
        record = { ...record, ...changes, version: record.version + 1, updated_at: stepAt } as AppealRecord;
        const actorName = step.actor === 'unit' ? (context.unitNames.get(record.handling_unit_id ?? -1) ?? '驻点工作队') : step.actor === 'resident' ? '群众' : step.actor === 'system' ? '系统' : officeName;
        const kind = step.actor === 'resident' ? 'resident' : step.actor === 'system' ? 'system' : 'staff';
        events.push([id, stepAt.toISOString(), step.event, changes.state === undefined ? record.state : null, record.state, kind, actorName, input.unitId ?? null, input.reason ?? input.replyText ?? null, null]);
        at = stepAt;
      }
      appeals.push(record);
    }
    // Events recorded their from-state lazily above; rebuild it from the sequence per case.
    let previous: { id: unknown; state: unknown } = { id: null, state: null };
    for (const row of events) {
      row[3] = previous.id === row[0] ? previous.state : null;
      previous = { id: row[0], state: row[4] };
    }
    const columns = Object.keys(appeals[0]!);
    let tsv = '';
    for (const appeal of appeals) tsv += columns.map((column) => copyValue(toCopy((appeal as unknown as Record<string, unknown>)[column]))).join('\t') + '\n';
    await session.copyRows('appeals', columns, tsv);
    tsv = '';
    for (const row of events) tsv += row.map((value) => copyValue(value)).join('\t') + '\n';
    await session.copyRows('appeal_events', ['appeal_id', 'at', 'event', 'from_state', 'to_state', 'actor_kind', 'actor_name', 'unit_id', 'reason', 'details'], tsv);
    await resetIdentitySequences(session, ['appeals', 'appeal_events']);
    await session.query('ANALYZE appeals, appeal_events, dispatch_catalogue');
    await session.query("INSERT INTO app_state (key, value) VALUES ('seed-appeals', $1)", [JSON.stringify({ count: appeals.length })]);
    return appeals.length;
  });
}

function toCopy(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

