/** Starts a real Frontdesk process (embedded Postgres, fsync on, as `npm start` runs it) for a benchmark. */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
): Promise<{ server: RunningServer; api: RemoteApi; tenant: BookableTenant }> {
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
  return { server, api, tenant };
}
