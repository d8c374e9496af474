// Request shapes of the Open311 GeoReport v2 endpoint and of the admin's client keys.
// GeoReport inputs are lenient on purpose: form bodies send every value as text (empty for
// "not given"), and clients add parameters of their own (jurisdiction_id, api_key on a GET), so
// unknown parameters are ignored instead of refused as on /api.
import { z } from 'zod';
import { bilingual } from '../../lib/errors.ts';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalNumber = (min: number, max: number) => z.preprocess(blankToUndefined, z.coerce.number().min(min).max(max).optional());

/** `/…/services.json`: the extension is the format (checked by the handler: an unknown one is a 404). */
export const formatParams = z.object({ format: z.string() });
export const serviceParams = z.object({ code: z.string().max(40), format: z.string() });
export const requestParams = z.object({ id: z.string().max(40), format: z.string() });

export const localeQuery = z.object({
  jurisdiction_id: z.string().optional(),
  /** zh (default) or en: names and notes in English. */
  locale: z.string().max(10).optional(),
});

const w3cDate = z.preprocess(
  blankToUndefined,
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: bilingual('须为 W3C 日期时间，如 2024-05-01T00:00:00+08:00', 'a W3C date-time such as 2024-05-01T00:00:00Z') })
    .optional(),
);

export const listRequestsQuery = localeQuery.extend({
  /** Tracking codes, comma-separated; overrides every other filter (the spec's rule). */
  service_request_id: optionalText(2000),
  service_code: optionalText(2000),
  start_date: w3cDate,
  end_date: w3cDate,
  status: optionalText(40),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  page_size: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(50)),
});
export type ListRequestsQuery = z.output<typeof listRequestsQuery>;

/** POST requests: the spec's fields; `attribute[code]` keys (or a JSON `attribute` object) pass through to readAttributes. */
export const postRequestBody = z
  .object({
    api_key: optionalText(200),
    jurisdiction_id: optionalText(100),
    service_code: optionalText(40),
    lat: optionalNumber(-90, 90),
    long: optionalNumber(-180, 180),
    address_string: optionalText(200),
    address_id: optionalText(40),
    email: optionalText(200),
    device_id: optionalText(200),
    account_id: optionalText(200),
    first_name: optionalText(40),
    last_name: optionalText(40),
    phone: optionalText(40),
    description: optionalText(4000),
    media_url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: bilingual('须为 http(s) 网址', 'an http(s) URL') }).max(1000).optional()),
    /** Extension: a token of the client's own that makes a retried POST return the same request. */
    request_token: optionalText(200),
    locale: optionalText(10),
  })
  .catchall(z.unknown());
export type PostRequestBody = z.output<typeof postRequestBody>;

export const apiKeyQuery = z.object({ api_key: z.string().optional() }).catchall(z.unknown());

// Admin: the keys of civic clients.
const regionPrefix = z.string().regex(/^\d{2,12}$/, bilingual('须为区划代码', 'a division code'));

export const createClientBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  regionCode: regionPrefix,
});
export const clientIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const clientRow = z.object({
  id: z.number().int(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  keyHint: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
/** The new client with its key: the only time the key is shown. */
export const createdClient = clientRow.extend({ key: z.string() });
export const listClientsResponse = z.object({ items: z.array(clientRow) });
