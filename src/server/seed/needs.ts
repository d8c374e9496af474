// The needs of a contact point (the article's 穷 / 乱 / 难) with severity 1–3, a note for some,
// and the profile an office fills in for each type of point.
import { POVERTY_BY_TIER, type PovertyTier } from './county-traits.ts';
import type { Need, PointRow, PointType } from './demo-rows.ts';
import type { Random } from './random.ts';

export interface NeedContext {
  tier: PovertyTier;
  isPeriUrban: boolean;
}

export type Needs = Pick<PointRow, 'povertySeverity' | 'disorderSeverity' | 'difficultySeverity' | 'needNotes'>;

// Disorder (乱) concentrates in communities and peri-urban villages: property, land and demolition disputes.
function disorderRate(type: PointType, context: NeedContext): number {
  if (type === 'community') return 0.34;
  if (type === 'village') return context.isPeriUrban ? 0.24 : 0.08;
  if (type === 'enterprise') return 0.06;
  return 0.04;
}

// Difficulty (难) is scattered: left-behind elderly, water, roads, a firm's trademark, a clinic short of doctors.
function difficultyRate(type: PointType, context: NeedContext): number {
  if (type === 'village') return context.tier === 'mountain' || context.tier === 'upland' ? 0.34 : 0.26;
  if (type === 'community') return 0.22;
  if (type === 'enterprise') return 0.2;
  return 0.16;
}

const NOTES: Record<Need, Partial<Record<PointType, string[]>> & { default: string[] }> = {
  poverty: {
    default: ['脱贫不稳定户较多', '边缘易致贫户集中', '集体经济收入不足5万元', '产业基础薄弱，以外出务工为主', '山区交通不便，农产品销售难', '因病致贫返贫风险高'],
  },
  disorder: {
    village: ['宅基地纠纷多发', '土地流转矛盾突出', '征地补偿遗留问题', '村两委班子不团结', '信访积案较多'],
    community: ['物业矛盾突出', '老旧小区停车纠纷', '拆迁安置遗留问题', '群租房管理混乱', '邻里噪音纠纷多'],
    enterprise: ['劳资纠纷', '周边群众投诉噪音扬尘'],
    default: ['矛盾纠纷较多'],
  },
  difficulty: {
    village: ['留守老人多，养老服务缺口大', '饮水安全不达标', '道路未硬化，雨季出行难', '生活污水无处理', '留守儿童较多', '垃圾清运不及时'],
    community: ['老旧小区无电梯，老人出行难', '独居老人较多', '雨污管网老化', '社区活动场所不足'],
    enterprise: ['商标注册遇阻', '融资难', '用工难', '环评手续办理慢'],
    school: ['校舍老化', '师资不足', '留守学生心理辅导缺口'],
    hospital: ['医务人员短缺', '设备老旧', '医保报销流程繁琐'],
    new_org: ['场地不足', '登记手续复杂', '党组织活动难开展'],
    default: ['困难群众较多'],
  },
};

function severity(random: Random, mix: [number, number, number]): number {
  const roll = random.next();
  return roll < mix[0] ? 1 : roll < mix[0] + mix[1] ? 2 : 3;
}

/** Draws the three need severities of a point (0 = no such need) and notes for about half of the tags. */
export function drawNeeds(random: Random, type: PointType, context: NeedContext): Needs {
  const poverty = POVERTY_BY_TIER[context.tier];
  // Poverty is a village matter; communities of a poor county share a little of it.
  const povertyRate = type === 'village' ? poverty.rate : type === 'community' ? poverty.rate * 0.15 : 0;
  const needs: Needs = {
    povertySeverity: random.chance(povertyRate) ? severity(random, poverty.severity) : 0,
    disorderSeverity: random.chance(disorderRate(type, context)) ? severity(random, [0.55, 0.33, 0.12]) : 0,
    difficultySeverity: random.chance(difficultyRate(type, context)) ? severity(random, [0.5, 0.35, 0.15]) : 0,
    needNotes: {},
  };
  const tagged: [Need, number][] = [['poverty', needs.povertySeverity], ['disorder', needs.disorderSeverity], ['difficulty', needs.difficultySeverity]];
  for (const [need, level] of tagged) {
    // Severe needs are nearly always explained; mild ones about a third of the time.
    if (level > 0 && random.chance(level >= 2 ? 0.75 : 0.35)) needs.needNotes[need] = random.pick(NOTES[need][type] ?? NOTES[need].default);
  }
  return needs;
}

/** A village's profile: poverty monitoring, left-behind people, water, road and sewage. */
export function villageProfile(random: Random, households: number, population: number, needs: Needs, tier: PovertyTier): Record<string, unknown> {
  const poorShare = needs.povertySeverity ? 0.03 + 0.04 * needs.povertySeverity + random.next() * 0.03 : random.next() * 0.03;
  const isHighland = tier === 'mountain' || tier === 'upland';
  const water = random.next();
  return {
    poorHouseholds: Math.round(households * poorShare),
    minimumIncomeHouseholds: Math.round(households * (0.015 + random.next() * 0.04 + (needs.povertySeverity ? 0.02 : 0))),
    leftBehindElderly: Math.round(population * (0.04 + random.next() * 0.08 + (isHighland ? 0.04 : 0))),
    leftBehindChildren: Math.round(population * (0.01 + random.next() * 0.03)),
    drinkingWater: water < (isHighland ? 0.78 : 0.9) ? 'tap' : water < (isHighland ? 0.95 : 0.99) ? 'well' : 'trucked',
    roadHardened: random.chance(isHighland ? 0.85 : 0.96),
    sewage: random.chance(0.45) ? 'none' : random.chance(0.7) ? 'partial' : 'full',
  };
}

/** A community's profile: elderly residents, old estates, property management. */
export function communityProfile(random: Random, households: number): Record<string, unknown> {
  return {
    elderlyResidents: Math.round(households * (0.25 + random.next() * 0.2)),
    oldEstates: random.int(0, 12),
    hasPropertyManagement: random.chance(0.7),
    gridCount: Math.max(2, Math.round(households / 300)),
  };
}
