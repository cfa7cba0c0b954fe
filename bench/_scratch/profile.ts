/* scratch: profile the server under availability load */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookableTenant, customer } from '../../test/booking-fixtures';
import { RemoteApi, SUPERADMIN } from '../../test/harness';
import { freePort } from '../../apps/api/src/database/embedded-postgres';
import { describeLoad, load } from '../load';

async function main() {
  const what = process.argv[2] ?? 'availability';
  const seconds = Number(process.argv[3] ?? 8);
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-prof-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: join(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATA_DIR: dataDir, SUPERADMIN_EMAIL: SUPERADMIN.email, SUPERADMIN_PASSWORD: SUPERADMIN.password, PUBLIC_RATE_LIMIT_PER_MINUTE: '0', DEMO_SEED: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.status === 200).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const api = new RemoteApi(baseUrl);
  const tenant = await bookableTenant(api, { maxAdvanceDays: 365 });
  for (let day = 1; day <= 7; day++) {
    for (const time of ['09:00', '11:00', '14:00']) {
      await api.request('POST', `/api/v1/public/${tenant.tenant.slug}/bookings`, {
        body: { serviceId: tenant.serviceId, start: tenant.at(tenant.day(day), time), customer: customer() },
      });
    }
  }
  const url = what === 'health' ? `${baseUrl}/health` : `${baseUrl}/api/v1/public/${tenant.tenant.slug}/availability?serviceId=${tenant.serviceId}&from=${tenant.day(1)}&to=${tenant.day(7)}`;
  await load({ url, connections: 50, seconds: 2 });
  console.log(describeLoad(what, await load({ url, connections: 50, seconds })));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
void main();
