import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import type { AnalyticsSummary } from '@frontdesk/contracts';
import { bookFor } from '../../../../../test/booking-fixtures';
import {
  channelTenant,
  type ChannelsTestApp,
  phoneNumber,
  postTwilioSms,
  startChannelsApp,
  twilioParams,
} from '../../../../../test/fakes/channels';
import { REMINDER_INTERVAL_NAME, ReminderDispatcher } from './reminder-dispatcher';

/*
 * `bookings.reminded_at`, the mark the analytics summary counts as "reminded at least once", set
 * when the dispatcher marks a reminder sent; and the claim that takes a due reminder's booking
 * with it, so the dispatcher never waits for a booking that a change holds. Time is the
 * dispatcher's argument; its interval timer is removed.
 */
describe('Reminded bookings (dispatcher → analytics summary, channel fakes)', () => {
  let c: ChannelsTestApp;
  let dispatcher: ReminderDispatcher;
  type Tenant = Awaited<ReturnType<typeof channelTenant>>;

  beforeAll(async () => {
    c = await startChannelsApp();
    c.t.app.get(SchedulerRegistry).deleteInterval(REMINDER_INTERVAL_NAME);
    dispatcher = c.t.app.get(ReminderDispatcher);
  });
  afterAll(async () => {
    await c.stop();
  });

  const book = async (b: Tenant, phone: string, date: string, time: string) => (await bookFor(c.t, b, phone, { date, time })).id;

  const reminderStatuses = async (bookingId: string) =>
    (
      await c.t.sql<{ status: string }>(`select status from reminders where booking_id = $1 order by offset_minutes desc`, [
        bookingId,
      ])
    ).map((r) => r.status);

  const remindedAt = async (bookingId: string) =>
    (await c.t.sql<{ at: Date | null }>(`select reminded_at as at from bookings where id = $1`, [bookingId]))[0].at;

  it('marks a booking reminded when its first reminder goes out; one whose reminders were all skipped or cancelled is not counted', async () => {
    const b = await channelTenant(c.t);
    const confirming = phoneNumber();
    const reminded = await book(b, phoneNumber(), b.day(3), '10:00');
    const answered = await book(b, confirming, b.day(3), '11:00');
    const cancelled = await book(b, phoneNumber(), b.day(3), '12:00');
    const skipped = await book(b, phoneNumber(), b.day(4), '10:00');
    expect((await c.t.request('POST', `/api/v1/bookings/${cancelled}/cancel`, { token: b.ownerToken, body: {} })).status).toBe(
      200,
    );

    // The day-before reminders of day 3 go out; one customer answers C.
    const firstSend = new Date(b.at(b.day(2), '12:01'));
    await dispatcher.dispatchDue(firstSend);
    expect((await postTwilioSms(c, twilioParams({ To: b.smsNumber, From: confirming, Body: 'C' }))).status).toBe(200);
    // Then the business loses its channels: every reminder due from then on ends skipped.
    const noChannels = await c.t.request('PUT', '/api/v1/settings/channels', {
      token: b.ownerToken,
      body: { smsNumber: null, whatsappPhoneNumberId: null },
    });
    expect(noChannels.status).toBe(200);
    await dispatcher.dispatchDue(new Date(b.at(b.day(3), '09:30')));
    await dispatcher.dispatchDue(new Date(b.at(b.day(4), '08:30')));

    expect(await reminderStatuses(reminded)).toEqual(['sent', 'skipped']);
    expect(await reminderStatuses(answered)).toEqual(['sent', 'skipped']);
    expect(await reminderStatuses(cancelled)).toEqual(['cancelled', 'cancelled']);
    expect(await reminderStatuses(skipped)).toEqual(['skipped', 'skipped']);
    // The first send's time, kept when a later reminder of the booking ends otherwise.
    expect(await remindedAt(reminded)).toEqual(firstSend);
    expect(await remindedAt(answered)).toEqual(firstSend);
    expect(await remindedAt(cancelled)).toBeNull();
    expect(await remindedAt(skipped)).toBeNull();

    const summary = await c.t.request('GET', `/api/v1/analytics/summary?from=${b.day(3)}&to=${b.day(4)}`, {
      token: b.ownerToken,
    });
    expect(summary.status).toBe(200);
    const reminders: AnalyticsSummary['reminders'] = summary.body.reminders;
    // Two of the range's four bookings were reminded; one of those two confirmed by reply.
    expect(reminders).toEqual({
      sent: 2,
      delivered: 0,
      failed: 0,
      confirmedByReply: 1,
      deliveryRate: 0,
      confirmationRate: 0.5,
    });
  });

  it('leaves a due reminder whose booking a change holds for the next claim, without waiting for it', async () => {
    const b = await channelTenant(c.t);
    const booking = await book(b, phoneNumber(), b.day(6), '10:00');
    const due = new Date(b.at(b.day(5), '10:01'));
    // A booking change in progress: it holds the booking and would update its reminders next.
    const change = new Client({ connectionString: c.t.databaseUrl });
    await change.connect();
    try {
      await change.query('begin');
      await change.query('select 1 from bookings where id = $1 for update', [booking]);
      await dispatcher.dispatchDue(due);
      expect(await reminderStatuses(booking)).toEqual(['scheduled', 'scheduled']);
      // The change goes on to the reminders: nothing of the dispatcher's is in its way.
      await change.query(`update reminders set updated_at = now() where booking_id = $1`, [booking]);
      await change.query('commit');
    } finally {
      await change.end();
    }
    await dispatcher.dispatchDue(due);
    expect(await reminderStatuses(booking)).toEqual(['sent', 'scheduled']);
    expect(await remindedAt(booking)).toEqual(due);
  });
});
