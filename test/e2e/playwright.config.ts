import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the admin app against the real server process (embedded Postgres, demo
 * seed), in Debian's Chromium. `npm run test:e2e`; the JSON report goes to E2E_JSON_REPORT.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.e2e\.ts$/,
  // One server and one demo tenant: files run one after another, in name order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: './global-setup.ts',
  outputDir: '../../test-artifacts/e2e-results',
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? '../../test-artifacts/e2e-report.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    // Playwright gives every launch a fresh temporary profile (--user-data-dir).
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
