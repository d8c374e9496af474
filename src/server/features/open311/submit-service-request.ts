// POST requests: one Open311 service request becomes one appeal through the same intake as every
// other channel (submitAppeal), filed by the client inside its region.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { AppError, invalidField, type FieldProblem } from '../../lib/errors.ts';
import { loadDeadlineSettings } from '../appeals/deadlines.ts';
import { submitAppeal, type SubmitAppealInput } from '../appeals/submit-appeal.ts';
import type { Open311Client } from './api-keys.ts';
import { contactNameOf, localeOf, open311ClientId, readAttributes, serviceNotice } from './georeport-mapping.ts';
import { locateRequest } from './locate-request.ts';
import { findServiceCategory } from './queries.ts';
import type { PostRequestBody } from './schemas.ts';

// The intake's field names as the Open311 client knows them.
const open311FieldOf: Record<string, string> = {
  categoryCode: 'service_code',
  description: 'description',
  title: 'attribute[title]',
  contactName: 'first_name',
  contactPhone: 'phone',
  address: 'address_string',
  pointId: 'address_id',
  regionCode: 'address_string',
};

function renameFields(error: AppError): AppError {
  if (error.code !== 'VALIDATION' || !error.details) return error;
  const details: FieldProblem[] = error.details.map((item) => ({ ...item, field: open311FieldOf[item.field.split('.')[0]] ?? item.field }));
  return new AppError('VALIDATION', details.map((item) => `${item.field}：${item.message}`).join('；'), details.map((item) => `${item.field}: ${item.messageEn}`).join('; '), { details });
}

/**
 * Files one service request for `client`. The appeal's title is the client's `attribute[title]`
 * or the service name, never the description: titles are public, descriptions may name people.
 * e-mail, device_id and account_id are not stored (the call-back goes by phone).
 */
export async function submitServiceRequest(options: { database: Database; client: Open311Client; body: PostRequestBody; idempotencyKey?: string; now?: Date }) {
  const { database, client, body } = options;
  const db = database.db;
  const locale = localeOf(body.locale);
  if (!body.service_code) throw invalidField('service_code', '必填', 'required');
  const category = await findServiceCategory(db, body.service_code);
  if (!category) throw invalidField('service_code', `没有服务“${body.service_code}”`, `no service “${body.service_code}”`);
  const attributes = readAttributes(body);
  if ('issues' in attributes) {
    const { issues } = attributes;
    throw new AppError('VALIDATION', issues.map((item) => `${item.field}：${item.message}`).join('；'), issues.map((item) => `${item.field}: ${item.messageEn}`).join('; '), { details: issues });
  }
  const place = await locateRequest({ database, client, lat: body.lat, long: body.long, addressString: body.address_string, addressId: body.address_id });
  const description = [body.description ?? `${category.name_zh}（未填写描述）`, body.media_url ? `图片：${body.media_url}` : null].filter(Boolean).join('\n');
  const input: SubmitAppealInput = {
    clientId: open311ClientId(client.id, body.device_id, body.request_token ?? options.idempotencyKey, randomUUID),
    channel: 'open311',
    categoryCode: category.code,
    ...place,
    title: attributes.values.title ?? category.name_zh,
    description,
    address: body.address_string,
    contactName: contactNameOf(body.first_name, body.last_name),
    contactPhone: body.phone,
    isAnonymous: attributes.values.isAnonymous,
    isConfidential: attributes.values.isConfidential,
  };
  let submitted: Awaited<ReturnType<typeof submitAppeal>>;
  try {
    submitted = await submitAppeal({ db, submitter: { kind: 'client', clientId: client.id, clientName: client.name, regionCode: client.regionCode }, input, now: options.now });
  } catch (error) {
    throw error instanceof AppError ? renameFields(error) : error;
  }
  const settings = await loadDeadlineSettings(db);
  return [
    {
      service_request_id: submitted.trackingCode,
      service_notice: serviceNotice(settings.limitFor(category.default_urgency, category.code), submitted.trackingCode, locale),
      account_id: body.account_id ?? null,
    },
  ];
}
