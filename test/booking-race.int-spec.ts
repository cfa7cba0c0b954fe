import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { bookableTenant, customer } from './booking-fixtures';
import { CHEAP_PASSWORD_HASHING, TEST_APP_DATABASE_PASSWORD } from './server-env';
import { createTestDatabase, RemoteApi, SUPERADMIN } from './harness';
import { type RunningServer, startServer } from './start-process';

const REQUESTS = 60;

describe('no double booking across two API processes sharing one database', () => {
  let databaseUrl: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const env = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-race-'));
      chmodSync(dataDir, 0o755);
      return {
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        SUPERADMIN_EMAIL: SUPERADMIN.email,
        SUPERADMIN_PASSWORD: SUPERADMIN.password,
        PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
        JWT_SECRET: 'race-test-jwt-secret-of-at-least-32-chars',
        LINK_SIGNING_SECRET: 'race-test-link-secret-of-at-least-32-chars',
        ENCRYPTION_KEY: 'a'.repeat(64),
        APP_DATABASE_PASSWORD: TEST_APP_DATABASE_PASSWORD,
        ...CHEAP_PASSWORD_HASHING,
      };
    };
    servers.push(...(await Promise.all([startServer(env()), startServer(env())])));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it(`lets exactly one of ${REQUESTS} concurrent overlapping requests book`, async () => {
    const [a, b] = servers.map((s) => new RemoteApi(s.baseUrl));
    const tenant = await bookableTenant(a);
    const staffId = tenant.staffIds[0];
    const date = tenant.day(7);
    // 10:00 and 10:15 for a 30-minute service overlap each other: any two requests conflict.
    const starts = [tenant.at(date, '10:00'), tenant.at(date, '10:15')];
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        (i % 2 === 0 ? a : b).request('POST', `/api/v1/public/${tenant.tenant.slug}/bookings`, {
          body: {
            serviceId: tenant.serviceId,
            staffId,
            start: starts[i % 2],
            customer: customer(`+1 212 555 ${String(1000 + i)}`, `Racer ${i}`),
          },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(REQUESTS - 1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'slot_unavailable')).toBe(true);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query(`select count(*)::int as n from bookings where staff_id = $1`, [staffId]);
      expect(rows.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  }, 60_000);
});
