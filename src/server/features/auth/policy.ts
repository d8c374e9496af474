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
  | 'personal_data.reveal';

const officeWork: Permission[] = ['regions.view', 'accounts.manage', 'accounts.issue_cadre_logins', 'audit.view', 'rosters.view', 'rosters.edit', 'rosters.import', 'personal_data.reveal'];

const permissionsByRole: Record<Actor['role'], Permission[]> = {
  admin: officeWork,
  office: officeWork,
  leader: ['regions.view', 'rosters.view', 'personal_data.reveal'],
  cadre: ['regions.view'],
  handler: ['regions.view'],
  agent: ['regions.view'],
};

/** True when the actor's role grants the permission. */
export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return permissionsByRole[actor.role].includes(permission);
}

/** Every permission the actor holds. */
export function permissionsOf(actor: Pick<Actor, 'role'>): Permission[] {
  return [...permissionsByRole[actor.role]];
}
