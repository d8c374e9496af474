// Use cases of GET requests and GET request: public facts of cases, filtered as the spec says.
import type { Executor } from '../../db/database.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { spokenName } from '../roster-files/region-index.ts';
import { localeOf, presentServiceRequest, statesWithStatus, type Locale, type Open311Status } from './georeport-mapping.ts';
import { listPublicServiceRequests, type ServiceRequestFilter } from './queries.ts';
import type { ListRequestsQuery } from './schemas.ts';

const dayMs = 24 * 3600_000;
/** The longest window one query may span, and the default window: the spec's 90 days. */
export const maxWindowDays = 90;
const maxRequestIds = 100;

/** A W3C date-time as given, or a bare date read in China Standard Time (an end date covers its whole day). */
function instantOf(text: string, edge: 'start' | 'end'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}+08:00`);
  return new Date(text);
}

/**
 * The requested_datetime window of a list: both ends given (at most 90 days apart), one end
 * given (the other 90 days away), or neither (the last 90 days, open-ended at now).
 */
export function requestWindow(startDate: string | undefined, endDate: string | undefined, now: Date): { from: Date; to?: Date } {
  const start = startDate ? instantOf(startDate, 'start') : undefined;
  const end = endDate ? instantOf(endDate, 'end') : undefined;
  if (start && end) {
    if (start > end) throw invalidField('start_date', '不能晚于 end_date', 'must not be after end_date');
    if (end.getTime() - start.getTime() > maxWindowDays * dayMs) {
      throw invalidField('end_date', `与 start_date 相隔不能超过 ${maxWindowDays} 天`, `may not be more than ${maxWindowDays} days after start_date`);
    }
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + maxWindowDays * dayMs) };
  if (end) return { from: new Date(end.getTime() - maxWindowDays * dayMs), to: end };
  return { from: new Date(now.getTime() - maxWindowDays * dayMs) };
}

function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The filter of a GET requests query (service_request_id overrides the rest, as the spec says). */
export function requestFilterOf(query: Pick<ListRequestsQuery, 'service_request_id' | 'service_code' | 'status' | 'start_date' | 'end_date'>, now: Date): ServiceRequestFilter {
  if (query.service_request_id !== undefined) {
    const codes = commaList(query.service_request_id).map((code) => code.toUpperCase());
    if (codes.length > maxRequestIds) throw invalidField('service_request_id', `最多 ${maxRequestIds} 个`, `at most ${maxRequestIds} ids`);
    return { trackingCodes: codes };
  }
  const statuses = commaList(query.status);
  const unknown = statuses.filter((status) => status !== 'open' && status !== 'closed');
  if (unknown.length) throw invalidField('status', `取值应为 open / closed（收到 ${unknown.join(', ')}）`, `must be open or closed (got ${unknown.join(', ')})`);
  const window = requestWindow(query.start_date, query.end_date, now);
  return {
    categoryCodes: commaList(query.service_code),
    states: statuses.length ? statesWithStatus(statuses as Open311Status[]) : undefined,
    from: window.from,
    to: window.to,
  };
}

async function presentRows(db: Executor, rows: Awaited<ReturnType<typeof listPublicServiceRequests>>, locale: Locale) {
  const paths = await describeRegionPaths(db, rows.map((row) => row.region_code));
  // A postal-style address from the region path: 河北省沧州市海兴县苏基镇姜庄村.
  return rows.map((row) => presentServiceRequest(row, spokenName((paths.get(row.region_code) ?? row.region_code).split(' / ').join('')), locale));
}

/** GET requests: a page of public service requests, newest first. */
export async function listServiceRequests(options: { db: Executor; query: ListRequestsQuery; now?: Date }) {
  const { db, query } = options;
  const filter = requestFilterOf(query, options.now ?? new Date());
  const rows = await listPublicServiceRequests(db, filter, { offset: (query.page - 1) * query.page_size, limit: query.page_size });
  return presentRows(db, rows, localeOf(query.locale));
}

/** GET request: one public service request by its tracking code (a list of one, as the spec shows it). */
export async function getServiceRequest(options: { db: Executor; id: string; locale?: string }) {
  const rows = await listPublicServiceRequests(options.db, { trackingCodes: [options.id.trim().toUpperCase()] }, { offset: 0, limit: 1 });
  if (rows.length === 0) throw notFound(`诉求“${options.id}”`, `service_request_id “${options.id}”`);
  return presentRows(options.db, rows, localeOf(options.locale));
}
