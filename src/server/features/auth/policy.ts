// What each role may do, as pure rules. The UI receives the list to show only what exists.
import type { Actor } from '../../lib/actor.ts';

export type Permission =
  | 'regions.view'
  | 'accounts.manage'
  | 'accounts.issue_cadre_logins'
  | 'audit.view'
  | 'rosters.view'
  | 'rosters.edit'
  | 'rosters.import'
  | 'personal_data.reveal'
  /** Take in an appeal from a resident (every staff channel). */
  | 'appeals.submit'
  /** See appeals in scope (which ones depends on the role: see appeals/policy.ts). */
  | 'appeals.view'
  /** The dispatcher's steps: dispatch, rule on returns, review replies, call back, merge, reopen. */
  | 'appeals.dispatch'
  /** The handling unit's steps: accept, return, contact, extension, reply. */
  | 'appeals.handle'
  /** 督办: press a case. */
  | 'appeals.supervise'
  /** Appeal measures and the overdue list. */
  | 'appeals.measures'
  /** The dispatch catalogue, time limits and the working-day calendar; Open311 clients. */
  | 'appeals.configure';

const officeWork: Permission[] = [
  'regions.view',
  'accounts.manage',
  'accounts.issue_cadre_logins',
  'audit.view',
  'rosters.view',
  'rosters.edit',
  'rosters.import',
  'personal_data.reveal',
  'appeals.submit',
  'appeals.view',
  'appeals.dispatch',
  'appeals.supervise',
  'appeals.measures',
  'appeals.configure',
];

const permissionsByRole: Record<Actor['role'], Permission[]> = {
  admin: officeWork,
  office: officeWork,
  leader: ['regions.view', 'rosters.view', 'personal_data.reveal', 'appeals.view', 'appeals.supervise', 'appeals.measures'],
  // A stationed cadre takes in appeals and, as the team at the point, handles the first rung of the ladder.
  cadre: ['regions.view', 'appeals.submit', 'appeals.view', 'appeals.handle'],
  handler: ['regions.view', 'appeals.submit', 'appeals.view', 'appeals.handle'],
  agent: ['regions.view', 'appeals.submit', 'appeals.view'],
};

/** True when the actor's role grants the permission. */
export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return permissionsByRole[actor.role].includes(permission);
}

/** Every permission the actor holds. */
export function permissionsOf(actor: Pick<Actor, 'role'>): Permission[] {
  return [...permissionsByRole[actor.role]];
}
