// Settings for servers under test, in this process or started as processes of their own. A module
// of its own, loading no app code, so the jest global setup and process-starting tests can use it.

/**
 * The app role's password in the test cluster, set once by test/global-setup.mjs. Roles belong
 * to the whole cluster, shared by every test file's database: one password for all keeps them
 * from changing it under each other.
 */
export const TEST_APP_DATABASE_PASSWORD = 'frontdesk-app-test-password';

/**
 * The cheapest argon2id cost argon2 accepts with one lane (1 MiB, one pass): production's
 * 64 MiB × 3 passes × 4 lanes costs tens of milliseconds of CPU per hash or sign-in, and a test
 * run does thousands.
 */
export const CHEAP_PASSWORD_HASHING = {
  PASSWORD_HASH_MEMORY_KIB: '1024',
  PASSWORD_HASH_TIME_COST: '1',
  PASSWORD_HASH_PARALLELISM: '1',
};
