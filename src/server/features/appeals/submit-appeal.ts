// Intake from every channel: one case per client-generated id, with its provenance, a tracking
// code for the resident, its first history entry and an audit row — all in one statement, so all or nothing.
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';
import { normalizeText } from '../../lib/chinese-text.ts';
import { describeZodIssue } from '../../lib/error-handler.ts';
import { AppError, forbidden, invalidField } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import { findAppealIdByClientId, findIntakeFacts, insertAppealWithHistory } from './queries.ts';
import { submitAppealBody } from './schemas.ts';

export type Submitter =
  | { kind: 'staff'; actor: Actor }
  | { kind: 'resident' }
  | { kind: 'client'; clientId: number; clientName: string; regionCode: string };

export type SubmitAppealInput = z.input<typeof submitAppealBody>;
export type SubmitAppealData = z.output<typeof submitAppealBody>;

// Crockford's base32 without I, L, O, U: easy to read aloud on the phone.
const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code such as `DD-7K3QX9MZ2B`: 50 random bits, so codes cannot be guessed in sequence. */
export function newTrackingCode(): string {
  let code = '';
  for (let index = 0; index < 10; index += 1) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return `DD-${code}`;
}

const imageSignatures: Record<'image/jpeg' | 'image/png' | 'image/webp', (bytes: Buffer) => boolean> = {
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8,
  'image/png': (bytes) => bytes.subarray(0, 4).toString('hex') === '89504e47',
  'image/webp': (bytes) => bytes.subarray(0, 4).toString('ascii') === 'RIFF' && bytes.subarray(8, 12).toString('ascii') === 'WEBP',
};

function decodePhotos(photos: { contentType: 'image/jpeg' | 'image/png' | 'image/webp'; dataBase64: string }[]) {
  return photos.map((photo, index) => {
    const content = Buffer.from(photo.dataBase64, 'base64');
    if (content.length > 2 * 1024 * 1024) throw invalidField(`photos.${index}`, '照片不能超过 2 MB', 'a photo must be 2 MB or less');
    if (!imageSignatures[photo.contentType](content)) throw invalidField(`photos.${index}`, `内容不是 ${photo.contentType} 图片`, `the content is not a ${photo.contentType} image`);
    return { contentType: photo.contentType, content };
  });
}

/** Who the history names as the submitter (a resident stays unnamed). */
function submitterName(submitter: Submitter): { kind: 'staff' | 'resident' | 'client'; name: string; accountId: number | null } {
  if (submitter.kind === 'staff') return { kind: 'staff', name: submitter.actor.displayName, accountId: submitter.actor.accountId };
  if (submitter.kind === 'client') return { kind: 'client', name: submitter.clientName, accountId: null };
  return { kind: 'resident', name: '群众', accountId: null };
}

function scopeOf(submitter: Submitter): string {
  if (submitter.kind === 'staff') return submitter.actor.regionCode;
  if (submitter.kind === 'client') return submitter.regionCode;
  return '';
}

/** Checks raw input against the intake schema, refusing it field by field. */
function parseIntake(raw: SubmitAppealInput): SubmitAppealData {
  const parsed = submitAppealBody.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.flatMap((issue) => describeZodIssue(issue as never, 'body'));
    throw new AppError('VALIDATION', details.map((item) => `${item.field}：${item.message}`).join('；'), details.map((item) => `${item.field}: ${item.messageEn}`).join('; '), { details });
  }
  return parsed.data;
}

/** Takes in one appeal; idempotent on input.clientId (a second call returns the first case with isNew=false). */
export async function submitAppeal(
  options: { db: Db; submitter: Submitter; now?: Date } & (
    | { input: SubmitAppealInput }
    /** Input the route's schema (submitAppealBody) has parsed already: not parsed twice. */
    | { parsedInput: SubmitAppealData }
  ),
): Promise<{ id: number; trackingCode: string; isNew: boolean }> {
  const { db, submitter } = options;
  if (submitter.kind === 'staff' && !can(submitter.actor, 'appeals.submit')) throw forbidden();
  const input = 'parsedInput' in options ? options.parsedInput : parseIntake(options.input);
  // One read (the case this client id made already, the category, the point, the village), then
  // one write: an intake costs two round trips to the database.
  const facts = await findIntakeFacts(db, { clientId: input.clientId, categoryCode: input.categoryCode, pointId: input.pointId ?? null, regionCode: input.regionCode ?? null });
  if (facts.existing_id !== null) return { id: facts.existing_id, trackingCode: facts.existing_tracking_code!, isNew: false };

  if (facts.category_code === null) throw invalidField('categoryCode', `没有诉求类别“${input.categoryCode}”`, `no appeal category “${input.categoryCode}”`);
  let regionCode = input.regionCode;
  let pointId: number | null = null;
  if (input.pointId !== undefined) {
    if (facts.point_id === null) throw invalidField('pointId', '没有这个联系点', 'no such contact point');
    pointId = facts.point_id;
    regionCode = facts.point_region_code!;
  }
  if (!regionCode) throw invalidField('regionCode', '须给出联系点或村（社区）', 'give a contact point or a village (community)');
  // A village or community; a point may also sit at a township (an enterprise, a school, a hospital).
  if (facts.region_level !== 5 && !(pointId !== null && facts.region_level === 4)) throw invalidField('regionCode', '须为存在的村级区划代码', 'must be an existing village-level division code');
  if (!isInScope({ regionCode: scopeOf(submitter) }, regionCode)) throw invalidField(pointId ? 'pointId' : 'regionCode', '不在您的管辖范围内', 'outside your scope');
  const photos = decodePhotos(input.photos);

  const description = input.description;
  // The title is public (status page, Open311, a point's open cases): never the resident's own words.
  const title = input.title ?? `${facts.category_name} · ${facts.place_name}`;
  const who = submitterName(submitter);
  const now = options.now ?? new Date();
  const trackingCode = newTrackingCode();
  const id = await insertAppealWithHistory(db, {
    appeal: {
      client_id: input.clientId,
      tracking_code: trackingCode,
      channel: input.channel,
      source_kind: input.sourceKind ?? null,
      source_id: input.sourceId ?? null,
      category_code: facts.category_code,
      urgency: input.urgency ?? facts.default_urgency!,
      region_code: regionCode,
      point_id: pointId,
      title,
      description,
      search_text: normalizeText(`${title} ${description}`),
      address: input.address ?? null,
      contact_name: input.isAnonymous ? null : (input.contactName ?? null),
      contact_phone: input.isAnonymous ? null : (input.contactPhone?.replace(/\s+/g, '') ?? null),
      is_anonymous: input.isAnonymous,
      is_confidential: input.isConfidential,
      subject_unit_id: input.subjectUnitId ?? null,
      subject_cadre_id: input.subjectCadreId ?? null,
      level: facts.default_level!,
      created_by: who.accountId,
      created_at: now,
      updated_at: now,
    },
    photos,
    event: {
      event: 'register',
      fromState: null,
      toState: 'registered',
      actorAccountId: who.accountId,
      actorKind: who.kind,
      actorName: who.name,
      details: { channel: input.channel, ...(input.sourceKind ? { sourceKind: input.sourceKind, sourceId: input.sourceId } : {}) },
      at: now,
    },
    audit: {
      actorAccountId: who.accountId,
      actorName: who.name,
      action: 'appeal.submitted',
      entityType: 'appeal',
      regionCode,
      details: { channel: input.channel, categoryCode: facts.category_code, pointId },
    },
  });
  if (id === null) {
    // The same client id committed in a concurrent request: answer with that case.
    const winner = await findAppealIdByClientId(db, input.clientId);
    return { id: winner!.id, trackingCode: winner!.tracking_code, isNew: false };
  }
  return { id, trackingCode, isNew: true };
}
