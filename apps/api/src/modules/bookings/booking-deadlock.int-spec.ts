import { Client } from 'pg';
import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

/**
 * Two transactions that insert overlapping ranges at the same moment can each find the
 * other's uncommitted row in the exclusion constraint's check and wait for each other, and
 * Postgres then aborts one with a deadlock (40P01). The app's own writers take a staff lock
 * that keeps this from happening between them; whatever else deadlocks a booking must still
 * answer as a lost slot, never as a 500. Here a raw transaction builds that cycle on purpose.
 */
describe('a booking that Postgres aborts in a deadlock', () => {
  let t: TestApp;
  let b: BookableTenant;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
  });
  afterAll(() => t.close());

  const waitingOnLocks = async () =>
    (await t.sql<{ n: number }>(`select count(*)::int as n from pg_locks where locktype = 'transactionid' and not granted`))[0].n;

  it('answers 409 slot_unavailable with alternatives, and stores only the winner', async () => {
    const staffId = b.staffIds[0];
    const date = b.day(5);
    const earlier = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, staffId, start: b.at(date, '15:00'), customer: customer('+1 212 555 0199', 'Setup') },
    });
    expect(earlier.status).toBe(201);

    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    const insertRange = (from: string, to: string) =>
      other.query(
        `insert into bookings (tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source)
         values ($1, $2, $3, $4, 'confirmed', $5, $6, tstzrange($5, $6, '[)'), 'admin')`,
        [b.tenant.id, b.serviceId, staffId, earlier.body.customer.id, b.at(date, from), b.at(date, to)],
      );
    try {
      await other.query('begin');
      // The app's backend, waiting first with the default 1 s, is the one that detects the deadlock.
      await other.query(`set local deadlock_timeout = '60s'`);
      await insertRange('10:00', '10:15');

      // 10:00–10:30 plus 15 minutes of buffer: its check finds the uncommitted 10:00–10:15 and waits.
      const pending = t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
        body: { serviceId: b.serviceId, staffId, start: b.at(date, '10:00'), customer: customer('+1 212 555 0142', 'Loser') },
      });
      for (let tries = 0; (await waitingOnLocks()) === 0; tries++) {
        if (tries > 200) throw new Error('the booking never waited on the open transaction');
        await new Promise((r) => setTimeout(r, 25));
      }
      // Overlaps the app's uncommitted row only: each transaction now waits for the other.
      await insertRange('10:30', '10:45');
      await other.query('commit');

      const res = await pending;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('slot_unavailable');
      expect(Array.isArray(res.body.alternatives)).toBe(true);
      expect(res.body.alternatives.length).toBeGreaterThan(0);
    } finally {
      await other.end();
    }

    const rows = await t.sql(
      `select to_char(start_at at time zone 'America/New_York', 'HH24:MI') as at from bookings where staff_id = $1 order by start_at`,
      [staffId],
    );
    expect(rows.map((r) => r.at)).toEqual(['10:00', '10:30', '15:00']);
    const loser = await t.sql(`select count(*)::int as n from customers where phone = '+12125550142'`);
    expect(loser[0].n).toBe(0);
  }, 30_000);
});
