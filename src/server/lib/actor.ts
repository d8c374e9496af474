// Who is making a request: resolved from the session cookie once per request.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../db/schema.ts';
import { AppError } from './errors.ts';

export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  /** Root of the region subtree the account may see (NBS code prefix). */
  regionCode: string;
  unitId: number | null;
  cadreId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Returns the signed-in actor or refuses the request with 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录', 'Sign in first');
  return request.actor;
}

/** True when a region code lies inside the actor's region subtree. */
export function isInScope(actor: Pick<Actor, 'regionCode'>, regionCode: string): boolean {
  return regionCode.startsWith(actor.regionCode);
}

/** The region subtree a filtered list covers: the requested one if inside the scope, else the whole scope. */
export function scopedRegion(actor: Pick<Actor, 'regionCode'>, requested: string | undefined): string | null {
  if (!requested) return actor.regionCode;
  if (requested.startsWith(actor.regionCode)) return requested;
  // A request for an ancestor of the scope narrows to the scope; a sibling subtree is outside.
  return actor.regionCode.startsWith(requested) ? actor.regionCode : null;
}
