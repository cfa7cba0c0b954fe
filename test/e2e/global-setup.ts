import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeStripe } from '../fakes/fake-stripe';
import { startServer } from '../start-process';
import { SUPERADMIN } from './support';

const ROOT = join(__dirname, '..', '..');

/** Builds the admin app when stale, then starts the real server on a fresh DATA_DIR. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`No Chromium at ${chromium}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  execFileSync(process.execPath, ['scripts/build-admin-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-'));
  // The embedded Postgres runs as its own OS user, which must reach the directory.
  chmodSync(dataDir, 0o755);
  // Payments go to a local Stripe whose hosted Checkout page pays and posts the signed webhook back.
  const stripe = await new FakeStripe().start();
  const server = await startServer(
    {
      DATA_DIR: dataDir,
      DEMO_SEED: 'true',
      SUPERADMIN_EMAIL: SUPERADMIN.email,
      SUPERADMIN_PASSWORD: SUPERADMIN.password,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
      ...stripe.env(),
    },
    90_000,
  );
  // Workers inherit the environment of this process.
  process.env.E2E_BASE_URL = server.baseUrl;
  stripe.webhookTarget = server.baseUrl;
  return async () => {
    const code = await server.stop();
    await stripe.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) console.error(`server exited with ${code}:\n${server.output()}`);
  };
}
