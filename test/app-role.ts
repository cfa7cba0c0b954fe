/**
 * The app role's password in the test cluster, set once by test/global-setup.mjs. Roles belong
 * to the whole cluster, shared by every test file's database: one password for all keeps them
 * from changing it under each other.
 */
export const TEST_APP_DATABASE_PASSWORD = 'frontdesk-app-test-password';
