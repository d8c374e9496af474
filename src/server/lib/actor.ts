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
