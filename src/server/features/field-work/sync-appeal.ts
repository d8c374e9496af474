// Appeals from the field: an appeal queued on the phone as it is, and the appeals a visit's needs
// or a meeting's decisions become — all through the appeals' own intake (submitAppeal), idempotent
// on the appeals' client ids, with the visit or meeting as provenance.
import { isInScope } from '../../lib/actor.ts';
import { AppError, invalidField, type FieldProblem } from '../../lib/errors.ts';
import { findCategory } from '../appeals/queries.ts';
import { submitAppealBody } from '../appeals/schemas.ts';
import { submitAppeal, type SubmitAppealInput } from '../appeals/submit-appeal.ts';
import type { FieldPoint } from './point-access.ts';
import { parsePayload, type SyncContext, type SyncHandler } from './sync-context.ts';
import { appealPayload } from './sync-schemas.ts';

export interface LinkedAppeal {
  /** Where the appeal came from in the record's payload, e.g. `needs.0`, for error fields. */
  field: string;
  input: SubmitAppealInput;
}

/** Prefixes the fields of an error about one linked appeal with where it sits in the payload. */
function withinField(error: unknown, field: string): unknown {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION') return error;
  const details: FieldProblem[] = (error.details ?? [{ field: 'body', message: error.messageZh, messageEn: error.messageEn }]).map((item) => ({ ...item, field: `${field}.${item.field}` }));
  return new AppError('VALIDATION', details.map((item) => `${item.field}：${item.message}`).join('；'), details.map((item) => `${item.field}: ${item.messageEn}`).join('; '), { details });
}

/**
 * Checks every linked appeal before anything is written (so that a bad one rejects the whole record
 * and nothing is half-made): its shape, its category, and a point that lies in a village inside the
 * caller's scope (the appeals' intake files a case under a village).
 */
export async function checkLinkedAppeals(context: SyncContext, point: FieldPoint, appeals: LinkedAppeal[]): Promise<void> {
  if (appeals.length === 0) return;
  if (point.region_code.length !== 12) throw invalidField(appeals[0]!.field, '这个联系点不在村（社区）一级，诉求请在诉求登记中选择所在村后提交', 'this point is not in a village or community; submit the appeal through appeal intake with its village');
  if (!isInScope(context.actor, point.region_code)) throw invalidField(appeals[0]!.field, '联系点不在您的管辖范围内，不能登记诉求', 'the point is outside your scope, so no appeal can be filed here');
  for (const appeal of appeals) {
    let parsed;
    try {
      parsed = parsePayload(submitAppealBody, appeal.input, 'body');
    } catch (error) {
      throw withinField(error, appeal.field);
    }
    if (!(await findCategory(context.db, parsed.categoryCode))) throw invalidField(`${appeal.field}.categoryCode`, `没有诉求类别“${parsed.categoryCode}”`, `no appeal category “${parsed.categoryCode}”`);
  }
}

/** Files the linked appeals (each in its own transaction, a second time returns the first case). */
export async function submitLinkedAppeals(context: SyncContext, appeals: LinkedAppeal[]) {
  const results: { clientId: string; id: number; trackingCode: string; isNew: boolean }[] = [];
  for (const appeal of appeals) {
    try {
      const result = await submitAppeal({ db: context.db, submitter: { kind: 'staff', actor: context.actor }, input: appeal.input, now: context.now });
      results.push({ clientId: appeal.input.clientId, ...result });
    } catch (error) {
      throw withinField(error, appeal.field);
    }
  }
  return results;
}

/** An appeal queued on the phone: the body of POST /api/appeals, its clientId the record's. */
export const syncAppeal: SyncHandler = async (context, record) => {
  const input = parsePayload(appealPayload, record.payload);
  if (input.clientId !== undefined && input.clientId !== record.clientId) throw invalidField('clientId', '须与记录的 clientId 相同（可省略）', 'must equal the record clientId (or be left out)');
  const result = await submitAppeal({ db: context.db, submitter: { kind: 'staff', actor: context.actor }, input: { ...input, clientId: record.clientId }, now: context.now });
  return {
    clientId: record.clientId,
    status: result.isNew ? 'created' : 'duplicate',
    id: result.id,
    appeals: [{ clientId: record.clientId, id: result.id, trackingCode: result.trackingCode }],
  };
};
