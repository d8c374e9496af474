// How appeals look through Open311 GeoReport v2: categories as services, cases as service
// requests with only public facts (no names, phones, e-mails, descriptions), the workflow state
// as open/closed plus words, and the three attributes a client may send. Pure: no I/O.
import { createHash } from 'node:crypto';
import type { AppealStateName } from '../../db/schema.ts';

export type Locale = 'zh' | 'en';
export type Open311Status = 'open' | 'closed';

/** `zh` unless the client asks for English (`locale=en`, `en-US`, …). */
export function localeOf(requested: string | undefined): Locale {
  return requested?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** The one table from workflow state to Open311 status: a merged case is closed (it lives on in the case it joined). */
export const open311StatusOf: Record<AppealStateName, Open311Status> = {
  registered: 'open',
  dispatched: 'open',
  returned: 'open',
  accepted: 'open',
  in_progress: 'open',
  replied: 'open',
  reviewed: 'open',
  rectifying: 'open',
  closed: 'closed',
  merged: 'closed',
};

/** The workflow states that show as the given Open311 statuses (for the SQL filter). */
export function statesWithStatus(statuses: Open311Status[]): AppealStateName[] {
  return (Object.keys(open311StatusOf) as AppealStateName[]).filter((state) => statuses.includes(open311StatusOf[state]));
}

const stateWords: Record<AppealStateName, [string, string]> = {
  registered: ['已登记，等待派单', 'Registered; waiting to be dispatched'],
  dispatched: ['已派单，等待承办单位签收', 'Dispatched; waiting for the handling unit to accept it'],
  returned: ['承办单位申请退回，正在重新研判', 'The handling unit returned it; being reassigned'],
  accepted: ['承办单位已签收', 'Accepted by the handling unit'],
  in_progress: ['正在办理', 'In progress'],
  replied: ['承办单位已答复，正在审核', 'The handling unit replied; the reply is being reviewed'],
  reviewed: ['答复已审核，等待回访', 'Reply reviewed; waiting for the follow-up call'],
  rectifying: ['回访不满意，正在整改', 'Not solved at the follow-up call; being rectified'],
  closed: ['已办结', 'Closed'],
  merged: ['已与同类诉求合并办理', 'Merged with a case about the same problem'],
};

/** status_notes: the richer state in words. */
export function statusNotes(
  state: AppealStateName,
  facts: { answeredDirectly: boolean; isSupervised: boolean; mergedIntoCode: string | null },
  locale: Locale,
): string {
  const [zh, en] = state === 'closed' && facts.answeredDirectly ? ['已当场答复办结', 'Answered and closed at intake'] : stateWords[state];
  const parts = locale === 'en' ? [en] : [zh];
  if (state === 'merged' && facts.mergedIntoCode) parts.push(locale === 'en' ? `(see ${facts.mergedIntoCode})` : `（见 ${facts.mergedIntoCode}）`);
  if (facts.isSupervised && open311StatusOf[state] === 'open') parts.push(locale === 'en' ? '(under supervision)' : '（已督办）');
  return parts.join(locale === 'en' ? ' ' : '');
}

// Open311 groups services for a picker; the catalogue has no groups, so they are named here.
const serviceGroups: Record<string, [string, string]> = {
  hardship_relief: ['民生保障', 'Livelihood'],
  medical: ['民生保障', 'Livelihood'],
  policy: ['民生保障', 'Livelihood'],
  dispute: ['矛盾调处', 'Disputes and law'],
  legal_aid: ['矛盾调处', 'Disputes and law'],
  garbage: ['人居环境', 'Living environment'],
  sewage: ['人居环境', 'Living environment'],
  drinking_water: ['人居环境', 'Living environment'],
  village_planning: ['村庄建设', 'Village development'],
  business_help: ['企业服务', 'Business services'],
};

export interface CategoryRow {
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
}

/** One entry of GET services. Every service has metadata (the attributes below). */
export function presentService(category: CategoryRow, locale: Locale) {
  const [groupZh, groupEn] = serviceGroups[category.code] ?? ['其他', 'Other'];
  return {
    service_code: category.code,
    service_name: locale === 'en' ? category.name_en : category.name_zh,
    description: category.description_zh,
    metadata: true,
    type: 'realtime',
    keywords: category.description_zh
      .split(/[、，,；;]/)
      .map((word) => word.trim())
      .filter(Boolean)
      .join(', '),
    group: locale === 'en' ? groupEn : groupZh,
  };
}

/** The attributes every service declares (GET service definition); POST checks them. */
export const serviceAttributeCodes = ['title', 'anonymous', 'confidential'] as const;
export type ServiceAttributeCode = (typeof serviceAttributeCodes)[number];
export const titleMaxLength = 80;

/** The service definition of a category: the same three optional attributes for every service. */
export function presentServiceDefinition(code: string, locale: Locale) {
  const en = locale === 'en';
  const yesNo = [
    { key: 'true', name: en ? 'Yes' : '是' },
    { key: 'false', name: en ? 'No' : '否' },
  ];
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'title',
        datatype: 'string',
        required: false,
        datatype_description: en ? `At most ${titleMaxLength} characters; shown publicly` : `不超过 ${titleMaxLength} 个字，会公开显示`,
        order: 1,
        description: en ? 'A short public title (no names or phone numbers)' : '问题标题（公开显示，请勿填写姓名、电话）',
      },
      {
        variable: true,
        code: 'anonymous',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: en ? 'Submit anonymously (no call-back)' : '匿名提交（不回访）',
        values: yesNo,
      },
      {
        variable: true,
        code: 'confidential',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 3,
        description: en ? 'Confidential: never listed publicly' : '保密：不在公开列表中出现',
        values: yesNo,
      },
    ],
  };
}

export interface AttributeValues {
  title?: string;
  isAnonymous: boolean;
  isConfidential: boolean;
}

export interface FieldIssue {
  field: string;
  message: string;
  messageEn: string;
}

/**
 * The `attribute[code]` values of a POST: flat keys of a form body (`attribute[title]=…`) or an
 * `attribute` object of a JSON body. Unknown codes and values outside a list are refused.
 */
export function readAttributes(body: Record<string, unknown>): { values: AttributeValues } | { issues: FieldIssue[] } {
  const raw = new Map<string, unknown>();
  if (body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute)) {
    for (const [code, value] of Object.entries(body.attribute)) raw.set(code, value);
  }
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (match) raw.set(match[1], value);
  }
  const issues: FieldIssue[] = [];
  const values: AttributeValues = { isAnonymous: false, isConfidential: false };
  for (const [code, value] of raw) {
    const field = `attribute[${code}]`;
    if (!(serviceAttributeCodes as readonly string[]).includes(code)) {
      issues.push({ field, message: '没有这个属性', messageEn: 'no such attribute in the service definition' });
      continue;
    }
    const text = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
    if (text.length !== 1) {
      issues.push({ field, message: '只能有一个值', messageEn: 'takes a single value' });
      continue;
    }
    const single = text[0].trim();
    if (code === 'title') {
      if (single.length > titleMaxLength) issues.push({ field, message: `最多 ${titleMaxLength} 个字符`, messageEn: `must have at most ${titleMaxLength} characters` });
      else if (single) values.title = single;
    } else if (single !== 'true' && single !== 'false' && single !== '') {
      issues.push({ field, message: '取值应为 true / false', messageEn: 'must be one of true, false' });
    } else if (code === 'anonymous') values.isAnonymous = single === 'true';
    else values.isConfidential = single === 'true';
  }
  return issues.length ? { issues } : { values };
}

/** The contact name from first_name/last_name: Chinese names family name first, others `first last`. */
export function contactNameOf(firstName: string | undefined, lastName: string | undefined): string | undefined {
  const first = firstName?.trim() ?? '';
  const last = lastName?.trim() ?? '';
  if (!first && !last) return undefined;
  const isChinese = /[\u3400-\u9fff]/.test(first + last);
  return (isChinese ? `${last}${first}` : [first, last].filter(Boolean).join(' ')).slice(0, 40);
}

/**
 * The appeal's client id for an Open311 POST. With a request token (`request_token` or an
 * `Idempotency-Key` header) it is a name-based UUID (version 5 layout over SHA-1) of the client,
 * the device and the token, so a retried POST finds the case it made; without one it is random.
 */
export function open311ClientId(clientId: number, deviceId: string | undefined, token: string | undefined, random: () => string): string {
  if (!token) return random();
  const bytes = createHash('sha1').update(`dundian:open311\n${clientId}\n${deviceId ?? ''}\n${token}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A W3C date-time in China Standard Time (UTC+8), as the spec asks: with the offset, no milliseconds. */
export function w3cDateTime(value: Date | string | null): string | null {
  if (value === null) return null;
  const shifted = new Date(new Date(value).getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** The time limit of a category in words, for service_notice. */
export function serviceNotice(limit: { unit: 'hours' | 'working_days'; amount: number }, trackingCode: string | null, locale: Locale): string {
  const within = locale === 'en' ? `within ${limit.amount} ${limit.unit === 'hours' ? 'hours' : 'working days'}` : `${limit.amount} ${limit.unit === 'hours' ? '小时' : '个工作日'}内`;
  if (locale === 'en') return `Received. The handling unit answers ${within}${trackingCode ? `; follow it with the tracking code ${trackingCode}` : ''}.`;
  return `已受理，承办单位将在${within}答复${trackingCode ? `；可凭查询码 ${trackingCode} 查看办理进度` : ''}。`;
}

export interface ServiceRequestRow {
  tracking_code: string;
  state: AppealStateName;
  answered_directly: boolean;
  is_supervised: boolean;
  category_code: string;
  category_name_zh: string;
  category_name_en: string;
  title: string;
  unit_name: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  due_at: Date | string | null;
  handling_due_at: Date | string | null;
  point_id: number | null;
  latitude: number | null;
  longitude: number | null;
  merged_into_code: string | null;
}

/**
 * One service request of GET requests. Only public facts: the description is the case's public
 * title (the one the resident's tracking page shows), never the text the resident wrote, and no
 * name, phone, e-mail, free-text address or photo is ever part of it.
 */
export function presentServiceRequest(row: ServiceRequestRow, address: string, locale: Locale) {
  const status = open311StatusOf[row.state];
  return {
    service_request_id: row.tracking_code,
    status,
    status_notes: statusNotes(row.state, { answeredDirectly: row.answered_directly, isSupervised: row.is_supervised, mergedIntoCode: row.merged_into_code }, locale),
    service_name: locale === 'en' ? row.category_name_en : row.category_name_zh,
    service_code: row.category_code,
    description: row.title,
    agency_responsible: row.unit_name,
    service_notice: null,
    requested_datetime: w3cDateTime(row.created_at),
    updated_datetime: w3cDateTime(row.updated_at),
    expected_datetime: status === 'open' ? w3cDateTime(row.handling_due_at ?? row.due_at) : null,
    address,
    address_id: row.point_id === null ? null : String(row.point_id),
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: null,
  };
}

/** When the service list or definitions last changed (the discovery's changeset): bump it with them. */
export const servicesChangeset = '2025-06-01T00:00:00+08:00';

/** The service discovery document, pointing at this server's GeoReport v2 endpoint. */
export function discoveryDocument(endpointUrl: string) {
  return {
    changeset: servicesChangeset,
    contact: '蹲点服务平台：请联系所在市、县（区）组织部蹲点服务办公室 / dundian platform: contact your city or county campaign office',
    key_service: 'API 密钥由平台管理员在“Open311 客户端”中签发 / API keys are issued by a platform administrator (Open311 clients)',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: endpointUrl,
        changeset: servicesChangeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
