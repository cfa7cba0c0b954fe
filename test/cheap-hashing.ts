/**
 * The cheapest argon2id cost argon2 accepts with one lane (1 MiB, one pass): production's
 * 64 MiB × 3 passes × 4 lanes costs tens of milliseconds of CPU per hash or sign-in, and a test
 * run does thousands. A module of its own so tests that start the server as a process can use it
 * without loading the app.
 */
export const CHEAP_PASSWORD_HASHING = {
  PASSWORD_HASH_MEMORY_KIB: '1024',
  PASSWORD_HASH_TIME_COST: '1',
  PASSWORD_HASH_PARALLELISM: '1',
};
