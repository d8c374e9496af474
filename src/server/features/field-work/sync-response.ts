// A questionnaire answered on the phone: the payload is { questionnaireId, pointId?, householdId?,
// answers, raiseAppeal? } and the record's clientId is the response's. The questionnaires feature
// checks it again with the same validateAnswers the phone ran, once per client id.
import { z } from 'zod';
import { acceptQuestionnaireResponse } from '../questionnaires/accept-response.ts';
import { parsePayload, type SyncHandler } from './sync-context.ts';

const responsePayload = z.object({ questionnaireId: z.number().int().positive() }).loose();

export const syncResponse: SyncHandler = async (context, record) => {
  const { questionnaireId, ...rest } = parsePayload(responsePayload, record.payload);
  const accepted = await acceptQuestionnaireResponse({ db: context.db, actor: context.actor, questionnaireId, input: { ...rest, clientId: record.clientId } });
  return {
    clientId: record.clientId,
    status: accepted.isNew ? 'created' : 'duplicate',
    id: accepted.id,
    ...(accepted.appeal ? { appeals: [{ clientId: (rest as { raiseAppeal?: { clientId: string } }).raiseAppeal?.clientId ?? '', id: accepted.appeal.id, trackingCode: accepted.appeal.trackingCode }] } : {}),
  };
};
