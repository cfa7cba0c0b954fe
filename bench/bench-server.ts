/** Starts a real Frontdesk process (embedded Postgres, fsync on, as `npm start` runs it) for a benchmark. */
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedUrl } from '../apps/api/src/database/embedded-postgres';
import { bookableTenant, type BookableTenant } from '../test/booking-fixtures';
import { RemoteApi, SUPERADMIN } from '../test/harness';
import { type RunningServer, startServer } from '../test/start-process';

/**
 * `env` adds to (or overrides) the server's environment, e.g. provider secrets for webhook
 * benchmarks; `nodeFlags` go to the server's node (e.g. --cpu-prof).
 */
export async function benchServer(
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<{ server: RunningServer; api: RemoteApi; tenant: BookableTenant; ownerUrl: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-'));
  chmodSync(dataDir, 0o755);
  const server = await startServer(
    {
      DATA_DIR: dataDir,
      SUPERADMIN_EMAIL: SUPERADMIN.email,
      SUPERADMIN_PASSWORD: SUPERADMIN.password,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    120_000,
    'node',
    nodeFlags,
  );
  const api = new RemoteApi(server.baseUrl);
  const tenant = await bookableTenant(api, { maxAdvanceDays: 365 });
  return { server, api, tenant, ownerUrl: runningOwnerUrl(join(dataDir, 'postgres')) };
}

/** The owner's URL of the embedded Postgres the server runs in `dir` (the port is its postmaster's, from its lock file). */
function runningOwnerUrl(dir: string): string {
  const password = readFileSync(join(dir, 'password'), 'utf8').trim();
  const port = readFileSync(join(dir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[3];
  return embeddedUrl(password, port, 'frontdesk');
}
