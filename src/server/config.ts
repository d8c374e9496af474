// Settings from the environment, read once.
import { resolve } from 'node:path';

export type SeedSize = 'full' | 'small' | 'none';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  seed: SeedSize;
  secureCookies: boolean;
  logLevel: string;
  /** How long this process trusts a session it has looked up, in ms (0: look up every request). */
  sessionCacheMs: number;
}

/** Reads the configuration from environment variables, refusing values it cannot use. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = (env.SEED ?? 'full').trim().toLowerCase();
  if (seed !== 'full' && seed !== 'small' && seed !== 'none') {
    throw new Error(`SEED must be full, small or none (got "${env.SEED}")`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  const sessionCacheMs = Number(env.SESSION_CACHE_MS ?? 5000);
  if (!Number.isInteger(sessionCacheMs) || sessionCacheMs < 0 || sessionCacheMs > 60_000) {
    throw new Error(`SESSION_CACHE_MS must be 0 to 60000 ms (got "${env.SESSION_CACHE_MS}")`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seed,
    secureCookies: env.SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionCacheMs,
  };
}
