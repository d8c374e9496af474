// Seeds the demo province. (Minimal: the admin account; the generator extends this.)
import type { Database } from '../db/database.ts';
import { hashPassword } from '../features/auth/passwords.ts';

export type SeedSize = 'full' | 'small' | 'none';

export const demoPassword = 'dundian-demo';

/** Seeds once: does nothing when a seed has already completed. */
export async function seedDemoProvince(database: Database, options: { size: SeedSize; onProgress?: (phase: string) => void }) {
  const passwordHash = await hashPassword(demoPassword);
  return database.bulkTransaction(async (session) => {
    const done = await session.query("SELECT value FROM app_state WHERE key = 'seed'");
    if (done.length > 0) return { seeded: false };
    await session.query(
      "INSERT INTO accounts (username, password_hash, display_name, role, region_code) VALUES ('admin', $1, '系统管理员', 'admin', '13')",
      [passwordHash],
    );
    await session.query("INSERT INTO app_state (key, value) VALUES ('seed', $1)", [JSON.stringify({ size: options.size, at: new Date().toISOString() })]);
    return { seeded: true };
  });
}
