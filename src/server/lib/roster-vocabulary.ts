// The closed vocabularies of the rosters, with their Chinese labels (UI, imports, exports).
import type { Category, LeadingBody, PointType, Programme, UnitLevel } from '../db/schema.ts';

export const categories = ['political_legal', 'party_mass', 'economic', 'education', 'health', 'agriculture', 'other'] as const satisfies readonly Category[];
export const categoryLabels: Record<Category, string> = {
  political_legal: '政法',
  party_mass: '党群',
  economic: '经济',
  education: '教育',
  health: '卫生',
  agriculture: '农业',
  other: '其他',
};

export const leadingBodies = ['party_committee', 'government', 'congress', 'cppcc'] as const satisfies readonly LeadingBody[];
export const leadingBodyLabels: Record<LeadingBody, string> = { party_committee: '党委', government: '政府', congress: '人大', cppcc: '政协' };

export const unitLevels = ['province', 'city', 'county', 'township'] as const satisfies readonly UnitLevel[];
export const unitLevelLabels: Record<UnitLevel, string> = { province: '省', city: '市', county: '县', township: '乡' };

export const pointTypes = ['village', 'community', 'enterprise', 'school', 'hospital', 'new_org'] as const satisfies readonly PointType[];
export const pointTypeLabels: Record<PointType, string> = {
  village: '村',
  community: '社区',
  enterprise: '企业',
  school: '学校',
  hospital: '医院',
  new_org: '两新组织',
};

export const programmes = ['first_secretary', 'village_work_team', 'rural_improvement', 'young_cadre'] as const satisfies readonly Programme[];
export const programmeLabels: Record<Programme, string> = {
  first_secretary: '第一书记',
  village_work_team: '驻村工作队',
  rural_improvement: '农村面貌改造提升',
  young_cadre: '年轻干部下基层',
};

export const needTags = ['disorder', 'difficulty', 'poverty'] as const;
export type NeedTag = (typeof needTags)[number];
export const needTagLabels: Record<NeedTag, string> = { disorder: '乱', difficulty: '难', poverty: '穷' };
