import argon2 from 'argon2';
import type { PasswordHashCost } from '../../config/config';

/** Hashes at the configured cost; the hash records its cost, so `verifyPassword` needs none. */
export const hashPassword = (password: string, cost: PasswordHashCost) =>
  argon2.hash(password, { type: argon2.argon2id, ...cost });

export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password).catch(() => false);
