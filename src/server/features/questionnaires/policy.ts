// Who may do what with questionnaires, as pure rules over the actor and the form's region.
// A form belongs to the region of the office that made it and applies everywhere below it: a
// province form is answered in every county, so a county sees it too (but may not change it).
import type { Actor } from '../../lib/actor.ts';

export type QuestionnaireAction =
  /** Build or import a form; open, close it; make its public link. */
  | 'manage'
  /** Answer it at a point (the cadre's phone, the console's fill page). */
  | 'answer'
  /** Counts and charts per question, the .xlsx export. */
  | 'view_results';

const actionsByRole: Record<Actor['role'], QuestionnaireAction[]> = {
  admin: ['manage', 'answer', 'view_results'],
  office: ['manage', 'answer', 'view_results'],
  leader: ['view_results'],
  cadre: ['answer'],
  handler: [],
  agent: [],
};

/** True when the actor's role allows the action on questionnaires at all. */
export function canOnQuestionnaires(actor: Pick<Actor, 'role'>, action: QuestionnaireAction): boolean {
  return actionsByRole[actor.role].includes(action);
}

/** True when the form applies to the actor: made inside their scope, or for a region that contains it. */
export function isQuestionnaireVisible(actor: Pick<Actor, 'regionCode'>, formRegionCode: string): boolean {
  return formRegionCode.startsWith(actor.regionCode) || actor.regionCode.startsWith(formRegionCode);
}

/** True when the actor may take the action on this form (changing a form needs it inside the scope). */
export function mayActOnQuestionnaire(actor: Pick<Actor, 'role' | 'regionCode'>, action: QuestionnaireAction, formRegionCode: string): boolean {
  if (!canOnQuestionnaires(actor, action) || !isQuestionnaireVisible(actor, formRegionCode)) return false;
  return action === 'manage' ? formRegionCode.startsWith(actor.regionCode) : true;
}
