// Boots one embedded Postgres for the whole run and migrates a template database;
// each integration test file then gets a fresh copy of it (CREATE DATABASE … TEMPLATE).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
require('@swc-node/register');
const { startEmbeddedPostgres } = require('../apps/api/src/database/embedded-postgres.ts');
const { runMigrations, setAppRolePassword } = require('../apps/api/src/database/data-source.ts');
const { TEST_APP_DATABASE_PASSWORD } = require('./server-env.ts');

export const TEMPLATE_DATABASE = 'frontdesk_template';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    throw new Error('The test suite boots its own embedded Postgres; unset DATABASE_URL to run it.');
  }
  // The API serves the admin app; tests check that it does.
  execFileSync(process.execPath, ['scripts/build-admin-if-stale.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-test-pg-'));
  const db = await startEmbeddedPostgres({ dir, database: TEMPLATE_DATABASE, fast: true });
  await runMigrations(db.url);
  await setAppRolePassword(db.url, TEST_APP_DATABASE_PASSWORD);
  globalThis.__frontdeskTestDatabase = db;
  process.env.FRONTDESK_TEST_TEMPLATE_URL = db.url;
}
