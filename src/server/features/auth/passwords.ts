// Password hashing with argon2id (per-hash random salt, parameters stored in the hash string).
import { hash, verify } from '@node-rs/argon2';

const options = { algorithm: 2 /* Algorithm.Argon2id: a const enum, unreadable under isolatedModules */ as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Verifies a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so a login for an unknown user cannot be told apart. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('dundian-no-such-account');
  await verifyPassword(await dummyHash, password);
  return false;
}
