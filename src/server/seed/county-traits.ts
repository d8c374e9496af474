// What a campaign office knows about its counties without looking: where poverty sits (the
// Bashang plateau and Yanshan mountains of 张家口/承德, the Taihang counties of 保定, 石家庄,
// 邢台 and 邯郸, the saline Heilonggang plain), where industry is, which places are urban.
import type { CountyGeo } from './geography.ts';

// Former national and provincial poverty counties in the mountains: the deepest and most common poverty.
const MOUNTAIN_POVERTY = new Set([
  // 张家口 (Bashang and the Yanshan–Taihang foothills)
  '130705', '130708', '130709', '130722', '130723', '130724', '130725', '130726', '130727', '130728', '130731', '130732',
  // 承德
  '130821', '130824', '130825', '130826', '130828', '130881',
  // 保定 Taihang: 涞水 阜平 唐县 涞源 易县 曲阳 顺平
  '130623', '130624', '130627', '130630', '130633', '130634', '130636',
  // 石家庄 Taihang: 行唐 灵寿 赞皇 平山
  '130125', '130126', '130129', '130131',
  // 邢台 west: 临城 内丘; 秦皇岛 青龙
  '130522', '130523', '130321',
]);

// Poverty of the plain: the saline Heilonggang basin and the far south (黑龙港流域).
const PLAIN_POVERTY = new Set([
  '130529', '130530', '130531', '130532', '130533', // 邢台: 巨鹿 新河 广宗 平乡 威县
  '130425', '130434', '130432', '130426', '130427', // 邯郸: 大名 魏县 广平, west: 涉县 磁县
  '130924', '130925', '130927', // 沧州: 海兴 盐山 南皮
  '131122', '131123', '131124', '131128', // 衡水: 武邑 武强 饶阳 阜城
  '130631', '130822', '130827', // 望都, 承德: 兴隆 宽城
]);

export type PovertyTier = 'mountain' | 'plain' | 'upland' | 'ordinary' | 'urban';

/** How poor a county's villages tend to be; the poverty tag rate and severity follow from it. */
export function povertyTierOf(county: CountyGeo): PovertyTier {
  if (MOUNTAIN_POVERTY.has(county.code)) return 'mountain';
  if (PLAIN_POVERTY.has(county.code)) return 'plain';
  if (county.kind === 'district' || county.kind === 'zone') return 'urban';
  // The rest of 张家口 and 承德 is upland too, poorer than the plain.
  if (county.cityCode === '1307' || county.cityCode === '1308') return 'upland';
  return 'ordinary';
}

/** Share of villages tagged poor, and the severity mix [1, 2, 3] when tagged. */
export const POVERTY_BY_TIER: Record<PovertyTier, { rate: number; severity: [number, number, number] }> = {
  mountain: { rate: 0.5, severity: [0.3, 0.4, 0.3] },
  plain: { rate: 0.3, severity: [0.45, 0.4, 0.15] },
  upland: { rate: 0.28, severity: [0.45, 0.4, 0.15] },
  ordinary: { rate: 0.07, severity: [0.65, 0.3, 0.05] },
  urban: { rate: 0.02, severity: [0.8, 0.2, 0] },
};

// Industrial weight of each city (enterprise density) and what its firms make.
const CITY_INDUSTRY: Record<string, { weight: number; industries: string[] }> = {
  '1301': { weight: 1.8, industries: ['生物制药', '食品', '纺织', '装备制造', '电子信息', '循环化工'] },
  '1302': { weight: 2.1, industries: ['钢铁', '陶瓷', '装备制造', '建材', '化工', '港口物流'] },
  '1303': { weight: 1.0, industries: ['玻璃', '食品', '装备制造', '葡萄酒'] },
  '1304': { weight: 1.4, industries: ['钢铁', '紧固件', '纺织', '煤炭', '机械'] },
  '1305': { weight: 1.4, industries: ['羊绒制品', '玻璃', '自行车', '汽车配件', '食品'] },
  '1306': { weight: 1.4, industries: ['汽车零部件', '箱包', '新能源', '纺织', '羽绒制品'] },
  '1307': { weight: 0.6, industries: ['新能源', '食品', '冰雪装备', '马铃薯加工'] },
  '1308': { weight: 0.6, industries: ['矿业', '食品', '中药材', '旅游服务'] },
  '1309': { weight: 1.7, industries: ['管道装备', '五金机械', '石油化工', '铸造', '服装', '纸箱机械'] },
  '1310': { weight: 1.7, industries: ['家具', '电子信息', '保温建材', '金属制品', '物流'] },
  '1311': { weight: 1.1, industries: ['橡胶制品', '丝网', '汽车配件', '毛皮制品'] },
};

/** Relative number of enterprises a county hosts: its city's industry, more in zones, districts and county-level cities. */
export function industryWeightOf(county: CountyGeo): number {
  const cityWeight = CITY_INDUSTRY[county.cityCode]?.weight ?? 1;
  const kindWeight = { zone: 2.6, district: 1.4, county_city: 1.6, county: 1 }[county.kind];
  return cityWeight * kindWeight;
}

/** The industries of the county's city. */
export function industriesOf(county: CountyGeo): string[] {
  return CITY_INDUSTRY[county.cityCode]?.industries ?? ['机械制造', '食品'];
}

/** Whether villages here are peri-urban (city districts, zones, subdistricts): land and demolition disputes are commoner. */
export function isPeriUrban(county: CountyGeo, townshipKind: string): boolean {
  return county.kind === 'district' || county.kind === 'zone' || townshipKind === 'subdistrict';
}

/** The county's name without its administrative suffix, as firms use it (海兴县 → 海兴, 孟村回族自治县 → 孟村; districts and zones → the city's). */
export function countyStemOf(county: CountyGeo): string {
  // Firms in districts and zones take the city's name (沧州, 石家庄), not the district's.
  if (county.kind === 'district' || county.kind === 'zone') return county.cityName.replace(/市$/, '');
  const stem = county.name.replace(/(?:满族蒙古族|回族|满族)?自治县$/, '').replace(/[县市区]$/, '');
  return stem.length >= 2 ? stem : county.name;
}
