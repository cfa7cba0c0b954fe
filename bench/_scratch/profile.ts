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
  const child = spawn(process.execPath, [...(what === 'explain' ? [] : ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']), '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
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
  if (what === 'explain') {
    const { readFileSync } = await import('node:fs');
    const { Client } = await import('pg');
    const pw = readFileSync(join(dataDir, 'postgres', 'password'), 'utf8').trim();
    const pgPort = readFileSync(join(dataDir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[3];
    const c = new Client({ connectionString: `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${pgPort}/frontdesk` });
    await c.connect();
    await c.query('set role frontdesk_app');
    const { ScheduleRepository } = await import('../../apps/api/src/modules/bookings/schedule.repository');
    const repo = new ScheduleRepository(null as never);
    const [sql, values] = (repo as any).statement({ tenantId: tenant.tenant.id, serviceId: tenant.serviceId, from: tenant.day(1), to: tenant.day(7) });
    await c.query('begin');
    await c.query(`select set_config('app.tenant_id', $1, true)`, [tenant.tenant.id]);
    for (let i = 0; i < 3; i++) {
      const r = await c.query(`explain (analyze, buffers, summary) ${sql}`, values);
      if (i === 2) console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
    }
    await c.query('commit');
    // timing loops
    for (const named of [false, true]) {
      const t0 = performance.now();
      for (let i = 0; i < 500; i++) {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [tenant.tenant.id]);
        await c.query(named ? { name: 'sched', text: sql, values } : { text: sql, values });
        await c.query('commit');
      }
      console.log(named ? 'named' : 'unnamed', ((performance.now() - t0) / 500).toFixed(3), 'ms per tx');
    }
    const t1 = performance.now();
    for (let i = 0; i < 500; i++) await c.query('select 1');
    console.log('select 1', ((performance.now() - t1) / 500).toFixed(3), 'ms');
    const t2 = performance.now();
    for (let i = 0; i < 500; i++) await c.query('select * from active_tenant_by_slug($1)', [tenant.tenant.slug]);
    console.log('slug', ((performance.now() - t2) / 500).toFixed(3), 'ms');
    await c.end();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return;
  }
  const url = what === 'health' ? `${baseUrl}/health` : `${baseUrl}/api/v1/public/${tenant.tenant.slug}/availability?serviceId=${tenant.serviceId}&from=${tenant.day(1)}&to=${tenant.day(7)}`;
  await load({ url, connections: 50, seconds: 2 });
  console.log(describeLoad(what, await load({ url, connections: 50, seconds })));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
void main();
