import argon2 from 'argon2';
import type { PasswordHashCost } from '../../config/config';

/** Hashes at the configured cost; the hash records its cost, so `verifyPassword` needs none. */
export const hashPassword = (password: string, cost: PasswordHashCost) =>
  argon2.hash(password, { type: argon2.argon2id, ...cost });

export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password).catch(() => false);

/**
 * A hash of nothing at the configured cost, verified against when the email is unknown so both
 * paths take as long as a real user's.
 */
const decoyHashes = new Map<string, Promise<string>>();
export function decoyPasswordHash(cost: PasswordHashCost): Promise<string> {
  const key = `${cost.memoryCost}/${cost.timeCost}/${cost.parallelism}`;
  let hash = decoyHashes.get(key);
  if (!hash) decoyHashes.set(key, (hash = hashPassword('decoy-password-for-timing', cost)));
  return hash;
}
