import { SchedulerRegistry } from '@nestjs/schedule';
import { bookableTenant, type BookableTenant, bookFor } from '../../../../../test/booking-fixtures';
import {
  channelTenant,
  type ChannelsTestApp,
  phoneNumber,
  postTwilioSms,
  startChannelsApp,
  twilioParams,
} from '../../../../../test/fakes/channels';
import { TestApp } from '../../../../../test/harness';
import { REMINDER_INTERVAL_NAME, ReminderDispatcher } from '../reminders/reminder-dispatcher';
import { UNCONFIRMED_RISK_INTERVAL_NAME, UnconfirmedRiskSweeper } from './unconfirmed-risk-sweeper';

const MINUTE = 60_000;
type Risk = { score: number; tier: string; reasons: string[] };
type Reminder = { offsetMinutes: number; dueAt: string; status: string };

/*
 * Time is the sweeper's argument: the bookings lie days ahead and each sweep is run "at" an
 * instant before them; the interval timers of the dispatcher and the sweeper are removed.
 */
describe('T−2 h rescoring of unconfirmed bookings (two processes, controlled clock)', () => {
  let c: ChannelsTestApp;
  let second: TestApp;
  beforeAll(async () => {
    c = await startChannelsApp();
    second = await TestApp.start({}, c.t.databaseUrl);
    for (const app of [c.t.app, second.app]) {
      app.get(SchedulerRegistry).deleteInterval(REMINDER_INTERVAL_NAME);
      app.get(SchedulerRegistry).deleteInterval(UNCONFIRMED_RISK_INTERVAL_NAME);
    }
  });
  afterAll(async () => {
    await second.close();
    await c.stop();
  });

  it('scores a reminded, unconfirmed booking once at T−2 h, plans its high-risk reminder, and a confirmation undoes both', async () => {
    const b = await channelTenant(c.t);
    const settings = {
      enabled: true,
      offsetsMinutes: [1440, 120],
      quietHours: null,
      whatsappTemplate: 'appointment_reminder',
      highRiskExtraOffsetMinutes: 60,
    };
    expect((await c.t.request('PUT', '/api/v1/settings/reminders', { token: b.ownerToken, body: settings })).status).toBe(200);
    const silent = phoneNumber();
    const confirming = phoneNumber();
    const book = (tenant: BookableTenant, phone: string) =>
      bookFor(c.t, tenant, phone, { date: b.day(3), time: '09:00' }, 'Sam Ortiz');
    // Unanswered; answered with C before T−2 h; and one whose business has no channel (its reminder is never sent).
    const unanswered = await book(b, silent);
    const answered = await book(b, confirming);
    const unreached = await book(await bookableTenant(c.t), phoneNumber());
    const start = new Date(unanswered.start).getTime();
    const at = (minutesBefore: number) => new Date(start - minutesBefore * MINUTE);
    const riskOf = async (id: string) =>
      (
        await c.t.sql<Risk>(
          `select risk_score as score, risk_tier as tier, risk_reasons as reasons from bookings where id = $1`,
          [id],
        )
      )[0];
    const remindersOf = async (id: string) =>
      (await c.t.request('GET', `/api/v1/bookings/${id}/reminders`, { token: b.ownerToken })).body.items as Reminder[];
    const rescores = async (id: string) =>
      (
        await c.t.sql<{ n: number }>(
          `select count(*)::int as n from audit_log where entity_id = $1 and action = 'booking.rescore_unconfirmed'`,
          [id],
        )
      )[0].n;

    // A first visit at 09:00, booked days ahead: medium, so no extra reminder yet.
    const before = unanswered.noShowRisk;
    expect(before.tier).toBe('medium');
    expect(before.reasons).not.toContain('unconfirmed');
    expect((await remindersOf(unanswered.id)).map((r) => r.offsetMinutes)).toEqual([1440, 120]);

    // The day-before reminders go out; one customer answers C.
    await c.t.app.get(ReminderDispatcher).dispatchDue(at(1440 - 1));
    const reply = await postTwilioSms(c, twilioParams({ To: b.smsNumber, From: confirming, Body: 'C' }));
    expect(reply.status).toBe(200);
    const answeredRisk = await riskOf(answered.id);

    const sweepers = [c.t.app.get(UnconfirmedRiskSweeper), second.app.get(UnconfirmedRiskSweeper)];
    // Not yet two hours before.
    expect(await sweepers[0].rescoreUnconfirmed(at(121))).toBe(0);
    expect(await riskOf(unanswered.id)).toEqual(before);

    // Both processes sweep at once: the unanswered booking is rescored by one of them.
    const counts = await Promise.all(sweepers.map((s) => s.rescoreUnconfirmed(at(110))));
    expect(counts.reduce((x, y) => x + y)).toBe(1);
    const rescored = await riskOf(unanswered.id);
    expect(rescored.reasons).toContain('unconfirmed');
    expect(rescored.score).toBeGreaterThan(before.score);
    expect(rescored.tier).toBe('high');
    expect(await rescores(unanswered.id)).toBe(1);
    expect(await riskOf(answered.id)).toEqual(answeredRisk);
    expect(await rescores(answered.id)).toBe(0);
    expect(await rescores(unreached.id)).toBe(0);
    // High now: its extra reminder is planned an hour before.
    expect(await remindersOf(unanswered.id)).toContainEqual(
      expect.objectContaining({ offsetMinutes: 60, dueAt: at(60).toISOString(), status: 'scheduled' }),
    );

    // Never again for this start, however often either process sweeps.
    expect(await Promise.all(sweepers.map((s) => s.rescoreUnconfirmed(at(100))))).toEqual([0, 0]);
    expect(await rescores(unanswered.id)).toBe(1);

    // Moved to the next day: scored afresh for the new time, and rescored once more when that comes near.
    const moved = await c.t.request('POST', `/api/v1/bookings/${unanswered.id}/reschedule`, {
      token: b.ownerToken,
      body: { start: b.at(b.day(4), '09:00') },
    });
    expect(moved.status).toBe(200);
    const movedRisk = moved.body.noShowRisk as Risk;
    expect(movedRisk.reasons).not.toContain('unconfirmed');
    const movedStart = new Date(moved.body.start as string).getTime();
    expect(await sweepers[0].rescoreUnconfirmed(new Date(movedStart - 110 * MINUTE))).toBe(1);
    expect(await rescores(unanswered.id)).toBe(2);
    expect((await riskOf(unanswered.id)).tier).toBe('high');

    // The customer confirms after all: the score drops back and the extra reminder is dropped.
    expect((await postTwilioSms(c, twilioParams({ To: b.smsNumber, From: silent, Body: 'C' }))).status).toBe(200);
    expect(await riskOf(unanswered.id)).toEqual(movedRisk);
    expect(await remindersOf(unanswered.id)).toContainEqual(
      expect.objectContaining({
        offsetMinutes: 60,
        dueAt: new Date(movedStart - 60 * MINUTE).toISOString(),
        status: 'cancelled',
      }),
    );
    expect(await sweepers[1].rescoreUnconfirmed(new Date(movedStart - 90 * MINUTE))).toBe(0);
  });
});
