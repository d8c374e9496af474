// Who may take which step of an appeal: pure rules over the actor and plain facts of the case.
// The transition table (workflow.ts) decides what may happen next; this decides who may do it.
import type { Actor } from '../../lib/actor.ts';
import { can } from '../auth/policy.ts';
import type { AppealEvent } from './workflow.ts';

/** The part each step belongs to. */
const partOf: Record<AppealEvent, 'dispatcher' | 'handler' | 'supervisor' | 'submitter' | 'resident'> = {
  dispatch: 'dispatcher',
  answer_directly: 'dispatcher',
  merge: 'dispatcher',
  approve_return: 'dispatcher',
  reject_return: 'dispatcher',
  transfer: 'dispatcher',
  decide_extension: 'dispatcher',
  approve_reply: 'dispatcher',
  send_back: 'dispatcher',
  record_callback: 'dispatcher',
  reopen: 'dispatcher',
  escalate: 'dispatcher',
  link_issue: 'dispatcher',
  accept: 'handler',
  return: 'handler',
  record_contact: 'handler',
  request_extension: 'handler',
  reply: 'handler',
  add_co_handler: 'handler',
  supervise: 'supervisor',
  me_too: 'submitter',
  dispute: 'resident',
};

export interface CaseFacts {
  level: number;
  handlingUnitId: number | null;
  subjectUnitId: number | null;
  subjectCadreId: number | null;
  /** The actor is a cadre posted to the case's point (one of its team). */
  isActorOnPointTeam: boolean;
}

/** True when the complaint is about the actor's unit or the actor: they never see who made it, nor handle or review it. */
export function isSubjectOfComplaint(actor: Actor, facts: Pick<CaseFacts, 'subjectUnitId' | 'subjectCadreId'>): boolean {
  return (facts.subjectUnitId !== null && facts.subjectUnitId === actor.unitId) || (facts.subjectCadreId !== null && facts.subjectCadreId === actor.cadreId);
}

/** True when the actor's role and relation to the case let them take this step (the table still decides if it may happen now). */
export function mayTakeStep(actor: Actor, event: AppealEvent, facts: CaseFacts): boolean {
  if (isSubjectOfComplaint(actor, facts)) return false;
  switch (partOf[event]) {
    case 'dispatcher':
      return can(actor, 'appeals.dispatch');
    case 'supervisor':
      return can(actor, 'appeals.supervise');
    case 'submitter':
      return can(actor, 'appeals.submit');
    case 'resident':
      return false;
    case 'handler':
      if (!can(actor, 'appeals.handle')) return false;
      if (facts.level === 0) return actor.role === 'cadre' && facts.isActorOnPointTeam;
      return actor.role === 'handler' && actor.unitId !== null && facts.handlingUnitId === actor.unitId;
  }
}

/** True when the actor may see the complainant's contact after giving a reason. */
export function mayRevealContact(actor: Actor, facts: Pick<CaseFacts, 'subjectUnitId' | 'subjectCadreId'> & { isConfidential: boolean; isAnonymous: boolean }): boolean {
  if (facts.isAnonymous || isSubjectOfComplaint(actor, facts)) return false;
  // A confidential case's complainant is known to the dispatcher only, never to the handling unit.
  if (facts.isConfidential) return can(actor, 'appeals.dispatch') && can(actor, 'personal_data.reveal');
  return can(actor, 'personal_data.reveal') || can(actor, 'appeals.handle');
}
