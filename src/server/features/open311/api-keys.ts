// API keys of Open311 clients: random, shown once, stored only as their SHA-256 with a short hint.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Executor } from '../../db/database.ts';
import { AppError } from '../../lib/errors.ts';
import { findActiveClientByKeyHash, upsertActiveClient } from './queries.ts';

/** The key every demo start accepts (documented in docs/open311.md). */
export const demoOpen311Key = 'dundian-demo';

export interface Open311Client {
  id: number;
  name: string;
  /** The region subtree the client may file cases in. */
  regionCode: string;
}

/** SHA-256 of a key, hex: what the table keeps. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The last four characters, so an admin can tell keys apart without seeing them. */
export function keyHintOf(key: string): string {
  return `…${key.slice(-4)}`;
}

/** A new random key (192 bits, URL-safe). */
export function generateApiKey(): string {
  return `o311_${randomBytes(24).toString('base64url')}`;
}

/** The active client of an api_key; a missing or unknown key is refused with 403 (the spec's code). */
export async function authenticateClient(db: Executor, apiKey: string | undefined): Promise<Open311Client> {
  if (!apiKey) throw new AppError('FORBIDDEN', '缺少 api_key', 'api_key was not provided');
  const client = await findActiveClientByKeyHash(db, hashApiKey(apiKey));
  if (!client) throw new AppError('FORBIDDEN', 'api_key 无效或已停用', 'invalid or deactivated api_key');
  return { id: client.id, name: client.name, regionCode: client.region_code };
}

/** Makes sure the demo key works: inserts 'Demo client' for the whole province, or re-activates it. Idempotent. */
export async function ensureDemoOpen311Client(db: Db): Promise<void> {
  await upsertActiveClient(db, { name: 'Demo client', keyHash: hashApiKey(demoOpen311Key), keyHint: keyHintOf(demoOpen311Key), regionCode: '13' });
}
