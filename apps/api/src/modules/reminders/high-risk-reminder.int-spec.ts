import { bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

type Reminder = { offsetMinutes: number; dueAt: string; status: string };

const SETTINGS = {
  enabled: true,
  offsetsMinutes: [1440, 120],
  quietHours: null,
  whatsappTemplate: 'appointment_reminder',
};

describe('the extra reminder of high-risk bookings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('settings: off by default, validated apart from the usual offsets, saved and read back', async () => {
    const b = await bookableTenant(t);
    const put = (body: object) => t.request('PUT', '/api/v1/settings/reminders', { token: b.ownerToken, body });
    expect((await t.request('GET', '/api/v1/settings/reminders', { token: b.ownerToken })).body.highRiskExtraOffsetMinutes).toBe(
      null,
    );
    for (const bad of [120, 4, 10_081, 30.5, '60']) {
      const refused = await put({ ...SETTINGS, highRiskExtraOffsetMinutes: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(JSON.stringify(refused.body.message)).toContain('highRiskExtraOffsetMinutes');
    }
    const saved = await put({ ...SETTINGS, highRiskExtraOffsetMinutes: 60 });
    expect(saved.status).toBe(200);
    expect((await t.request('GET', '/api/v1/settings/reminders', { token: b.ownerToken })).body).toEqual({
      ...SETTINGS,
      highRiskExtraOffsetMinutes: 60,
    });
  });

  it('is planned while a booking is in the high tier, and dropped when it leaves it', async () => {
    const b = await bookableTenant(t);
    const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
      const r = await res;
      expect(r.status).toBe(status);
      return r.body;
    };
    await ok(
      t.request('PUT', '/api/v1/settings/reminders', {
        token: b.ownerToken,
        body: { ...SETTINGS, highRiskExtraOffsetMinutes: 60 },
      }),
    );
    const who = customer('+1 212 555 0177', 'Rui Costa');
    const book = (date: string) =>
      ok(
        t.request('POST', '/api/v1/bookings', {
          token: b.ownerToken,
          body: { serviceId: b.serviceId, start: b.at(date, '09:00'), customer: who },
        }),
        201,
      ) as Promise<{ id: string; start: string; noShowRisk: { tier: string } }>;
    const remindersOf = async (id: string) =>
      (await ok(t.request('GET', `/api/v1/bookings/${id}/reminders`, { token: b.ownerToken }))).items as Reminder[];
    const hourBefore = (start: string) => new Date(new Date(start).getTime() - 3_600_000).toISOString();

    const past = await book(b.day(3));
    const upcoming = await book(b.day(5));
    // A first visit: medium, the usual reminders only.
    expect(upcoming.noShowRisk.tier).toBe('medium');
    expect((await remindersOf(upcoming.id)).map((r) => r.offsetMinutes)).toEqual([1440, 120]);

    // The first one took place ten days ago, and the customer did not come.
    await t.sql(
      `update bookings set start_at = start_at - interval '10 days', end_at = end_at - interval '10 days',
              blocked = tstzrange(lower(blocked) - interval '10 days', upper(blocked) - interval '10 days', '[)')
        where id = $1`,
      [past.id],
    );
    await ok(t.request('POST', `/api/v1/bookings/${past.id}/status`, { token: b.ownerToken, body: { status: 'no_show' } }));
    const risky = await ok(t.request('GET', `/api/v1/bookings/${upcoming.id}`, { token: b.ownerToken }));
    expect(risky.noShowRisk.tier).toBe('high');
    expect(await remindersOf(upcoming.id)).toContainEqual({
      offsetMinutes: 60,
      dueAt: hourBefore(upcoming.start),
      status: 'scheduled',
      channel: null,
      sentAt: null,
    });
    // A booking made while the customer is high risk has it from the start.
    const next = await book(b.day(7));
    expect(next.noShowRisk.tier).toBe('high');
    expect((await remindersOf(next.id)).map((r) => [r.offsetMinutes, r.status])).toEqual([
      [1440, 'scheduled'],
      [120, 'scheduled'],
      [60, 'scheduled'],
    ]);
    // Moved: planned afresh for the new time, the extra one too.
    const moved = await ok(
      t.request('POST', `/api/v1/bookings/${next.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(b.day(8), '09:00') },
      }),
    );
    expect(await remindersOf(next.id)).toContainEqual(
      expect.objectContaining({ offsetMinutes: 60, dueAt: hourBefore(moved.start), status: 'scheduled' }),
    );

    // The no-show undone: the customer is no longer high risk, the extra reminders are dropped.
    await ok(t.request('POST', `/api/v1/bookings/${past.id}/status`, { token: b.ownerToken, body: { status: 'completed' } }));
    for (const id of [upcoming.id, next.id]) {
      const after = await remindersOf(id);
      expect(after.filter((r) => r.offsetMinutes === 60).map((r) => r.status)).not.toContain('scheduled');
      expect(after.filter((r) => r.offsetMinutes !== 60 && r.status === 'scheduled').map((r) => r.offsetMinutes)).toEqual([
        1440, 120,
      ]);
    }
  });
});
