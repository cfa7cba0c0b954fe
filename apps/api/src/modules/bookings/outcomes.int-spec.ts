import { bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';
import { OutcomeSweeper } from './outcome-sweeper';

describe('outcomes', () => {
  let t: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    second = await TestApp.start({}, t.databaseUrl);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  // First: it reads every booking in the database.
  it('completes finished confirmed bookings once across two processes, leaves marked ones, and keeps the counts', async () => {
    const b = await bookableTenant(t);
    const book = async (time: string) =>
      (
        await t.request('POST', '/api/v1/bookings', {
          token: b.ownerToken,
          body: { serviceId: b.serviceId, start: b.at(b.day(3), time), customer: customer('+1 212 555 0160', 'Kai Lee') },
        })
      ).body as { id: string; customer: { id: string } };
    const [a, missed, c, upcoming] = [await book('10:00'), await book('11:00'), await book('12:00'), await book('13:00')];
    // Three of them took place ten days ago.
    await t.sql(
      `update bookings set start_at = start_at - interval '10 days', end_at = end_at - interval '10 days',
              blocked = tstzrange(lower(blocked) - interval '10 days', upper(blocked) - interval '10 days', '[)')
        where id = any($1)`,
      [[a.id, missed.id, c.id]],
    );
    const riskOf = async (id: string) =>
      (await t.request('GET', `/api/v1/bookings/${id}`, { token: b.ownerToken })).body.noShowRisk as {
        score: number;
        tier: string;
        reasons: string[];
      };
    const before = await riskOf(upcoming.id);
    expect(before.reasons).toContain('first_visit');
    expect(before.reasons).not.toContain('prior_no_shows');
    const marked = await t.request('POST', `/api/v1/bookings/${missed.id}/status`, {
      token: b.ownerToken,
      body: { status: 'no_show' },
    });
    expect(marked.status).toBe(200);
    // The recorded no-show is scored into the customer's booking still ahead, not into settled ones.
    const after = await riskOf(upcoming.id);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.reasons).toContain('prior_no_shows');
    expect(await riskOf(missed.id)).toEqual(before);

    const [first, other] = await Promise.all([
      t.app.get(OutcomeSweeper).completeFinished(),
      second.app.get(OutcomeSweeper).completeFinished(),
    ]);
    expect(first + other).toBe(2);
    const statuses = await t.sql(`select id, status from bookings order by start_at`);
    expect(statuses).toEqual([
      { id: a.id, status: 'completed' },
      { id: missed.id, status: 'no_show' },
      { id: c.id, status: 'completed' },
      { id: upcoming.id, status: 'confirmed' },
    ]);
    const audits = await t.sql(`select count(*)::int as n from audit_log where action = 'booking.auto_complete'`);
    expect(audits).toEqual([{ n: 2 }]);

    const counts = async () =>
      (await t.request('GET', `/api/v1/customers/${a.customer.id}`, { token: b.ownerToken })).body as Record<string, number>;
    expect(await counts()).toMatchObject({ completedCount: 2, noShowCount: 1, lateCancelCount: 0 });

    // A day after the upcoming one ends is not yet "more than a day after"; a minute later is.
    const [{ end }] = await t.sql<{ end: Date }>(`select end_at as end from bookings where id = $1`, [upcoming.id]);
    await t.sql(
      `update bookings set start_at = start_at - interval '10 days', end_at = end_at - interval '10 days',
                 blocked = tstzrange(lower(blocked) - interval '10 days', upper(blocked) - interval '10 days', '[)') where id = $1`,
      [upcoming.id],
    );
    const shiftedEnd = new Date(end.getTime() - 10 * 86_400_000);
    const sweeper = t.app.get(OutcomeSweeper);
    expect(await sweeper.completeFinished(new Date(shiftedEnd.getTime() + 24 * 3_600_000 - 60_000))).toBe(0);
    expect(await sweeper.completeFinished(new Date(shiftedEnd.getTime() + 24 * 3_600_000))).toBe(1);

    // Undoing the no-show takes the count back.
    const undone = await t.request('POST', `/api/v1/bookings/${missed.id}/status`, {
      token: b.ownerToken,
      body: { status: 'completed' },
    });
    expect(undone.status).toBe(200);
    expect(await counts()).toMatchObject({ completedCount: 4, noShowCount: 0 });
  });

  it('scores a booking again when it is rescheduled: its lead time changed', async () => {
    const b = await bookableTenant(t);
    const made = await t.request('POST', '/api/v1/bookings', {
      token: b.ownerToken,
      body: { serviceId: b.serviceId, start: b.at(b.day(3), '10:00'), customer: customer('+1 212 555 0161', 'Noa Park') },
    });
    expect(made.body.noShowRisk.reasons).not.toContain('long_lead_time');
    const moved = await t.request('POST', `/api/v1/bookings/${made.body.id}/reschedule`, {
      token: b.ownerToken,
      body: { start: b.at(b.day(40), '10:00') },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.noShowRisk.reasons).toContain('long_lead_time');
    expect(moved.body.noShowRisk.score).toBeGreaterThan(made.body.noShowRisk.score);
  });
});
