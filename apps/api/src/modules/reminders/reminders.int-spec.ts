import { SchedulerRegistry } from '@nestjs/schedule';
import { randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio';
import {
  channelTenant,
  type ChannelsTestApp,
  phoneNumber,
  postTwilioSms,
  postWhatsApp,
  PUBLIC_BASE_URL,
  startChannelsApp,
  twilioParams,
  waNotification,
  waText,
} from '../../../../../test/fakes/channels';
import { bookFor } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';
import { EarlyDeliveryStatusSweeper } from '../channels/early-delivery-status-sweeper';
import { OUTBOX_INTERVAL_NAME, OutboxSender } from '../channels/outbox-sender';
import { REMINDER_INTERVAL_NAME, ReminderDispatcher } from './reminder-dispatcher';

const STATUS_PATH = '/webhooks/twilio/status';

describe('Reminders (integration, channel fakes)', () => {
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

  const book = (b: Tenant, phone: string, date: string, time = '10:00') => bookFor(c.t, b, phone, { date, time });

  async function remindersOf(b: Tenant, bookingId: string) {
    const res = await c.t.request('GET', `/api/v1/bookings/${bookingId}/reminders`, { token: b.ownerToken });
    expect(res.status).toBe(200);
    return res.body.items as {
      offsetMinutes: number;
      dueAt: string;
      status: string;
      channel: string | null;
      sentAt: string | null;
    }[];
  }

  /** The worker and the outbox at a given instant (controlled time). */
  async function runAt(iso: string) {
    await dispatcher.dispatchDue(new Date(iso));
    await c.outbox.deliverDue(new Date(iso));
  }

  const smsTo = (phone: string) => c.twilio.sent.filter((s) => s.to === phone);
  const whatsappTo = (phone: string) => c.whatsapp.sent.filter((s) => s.payload.to === phone.replace(/^\+/, ''));
  const minuteAfter = (iso: string) => new Date(new Date(iso).getTime() + 60_000).toISOString();

  function postStatus(params: Record<string, string>, signature?: string | null) {
    const sig =
      signature === undefined
        ? getExpectedTwilioSignature(c.twilio.authToken, `${PUBLIC_BASE_URL}${STATUS_PATH}`, params)
        : signature;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (sig !== null) headers['x-twilio-signature'] = sig;
    return c.t.request('POST', STATUS_PATH, { payload: new URLSearchParams(params).toString(), headers });
  }
  const statusParams = (sid: string, status: string, b: Tenant, phone: string) => ({
    MessageSid: sid,
    SmsSid: sid,
    MessageStatus: status,
    SmsStatus: status,
    AccountSid: c.twilio.accountSid,
    From: b.smsNumber,
    To: phone,
    ApiVersion: '2010-04-01',
  });

  it('settings: defaults, owner-only, validated, replaced whole', async () => {
    const b = await channelTenant(c.t);
    const got = await c.t.request('GET', '/api/v1/settings/reminders', { token: b.ownerToken });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      enabled: true,
      offsetsMinutes: [1440, 120],
      quietHours: { start: '21:00', end: '08:00' },
      whatsappTemplate: 'appointment_reminder',
      highRiskExtraOffsetMinutes: null,
    });
    const bad = await c.t.request('PUT', '/api/v1/settings/reminders', {
      token: b.ownerToken,
      body: { ...got.body, offsetsMinutes: [60, 60, 3] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    const badQuiet = await c.t.request('PUT', '/api/v1/settings/reminders', {
      token: b.ownerToken,
      body: { ...got.body, quietHours: { start: '22:00', end: '22:00' } },
    });
    expect(badQuiet.status).toBe(400);
    const body = { enabled: true, offsetsMinutes: [60], quietHours: null, whatsappTemplate: 'visit_reminder' };
    const put = await c.t.request('PUT', '/api/v1/settings/reminders', { token: b.ownerToken, body });
    expect(put.status).toBe(200);
    // Left out (a client of before the high-risk extra reminder), the extra reminder is off.
    expect((await c.t.request('GET', '/api/v1/settings/reminders', { token: b.ownerToken })).body).toEqual({
      ...body,
      highRiskExtraOffsetMinutes: null,
    });
    const [audit] = await c.t.sql(`select action from audit_log where tenant_id = $1 and action = 'reminder_settings.update'`, [
      b.tenant.id,
    ]);
    expect(audit).toBeDefined();
  });

  it('a booking made now for later gets its reminders planned; they go out once by SMS; delivery reports move them forward only', async () => {
    const b = await channelTenant(c.t);
    const phone = phoneNumber();
    const booking = await book(b, phone, b.day(3));
    const planned = await remindersOf(b, booking.id);
    expect(planned).toEqual([
      {
        offsetMinutes: 1440,
        dueAt: new Date(b.at(b.day(2), '10:00')).toISOString(),
        status: 'scheduled',
        channel: null,
        sentAt: null,
      },
      {
        offsetMinutes: 120,
        dueAt: new Date(b.at(b.day(3), '08:00')).toISOString(),
        status: 'scheduled',
        channel: null,
        sentAt: null,
      },
    ]);
    expect(
      (await c.t.request('GET', `/api/v1/bookings/${booking.id}`, { token: b.ownerToken })).body.customerConfirmedAt,
    ).toBeNull();

    // Not yet due: nothing.
    await runAt(b.at(b.day(2), '09:59'));
    expect(smsTo(phone)).toHaveLength(0);

    const due = minuteAfter(b.at(b.day(2), '10:00'));
    await runAt(due);
    await runAt(due);
    const [sms] = smsTo(phone);
    expect(smsTo(phone)).toHaveLength(1);
    expect(sms.from).toBe(b.smsNumber);
    expect(sms.body).toMatch(/Reply C to confirm, R to reschedule or X to cancel/);
    expect(sms.body).toMatch(/Haircut/);
    expect(sms.body).toMatch(/10:00\s?AM/);
    expect(sms.statusCallback).toBe(`${PUBLIC_BASE_URL}${STATUS_PATH}`);
    let items = await remindersOf(b, booking.id);
    expect(items[0]).toMatchObject({ status: 'sent', channel: 'sms', sentAt: due });
    expect(items[1].status).toBe('scheduled');

    // Contract for reply handling: the row names the booking, customer and outbound message.
    const [row] = await c.t.sql(
      `select r.customer_id, m.provider_message_id from reminders r join messages m on m.id = r.message_id where r.booking_id = $1`,
      [booking.id],
    );
    expect(row.provider_message_id).toBe(sms.sid);

    // Unsigned or wrongly signed: 403, nothing changes.
    expect((await postStatus(statusParams(sms.sid, 'delivered', b, phone), null)).status).toBe(403);
    expect((await postStatus(statusParams(sms.sid, 'delivered', b, phone), 'bad')).status).toBe(403);
    expect((await remindersOf(b, booking.id))[0].status).toBe('sent');

    expect((await postStatus(statusParams(sms.sid, 'delivered', b, phone))).status).toBe(204);
    expect((await remindersOf(b, booking.id))[0].status).toBe('delivered');
    // Duplicate, then out of order (sent after delivered), then failed after delivered: no step back.
    expect((await postStatus(statusParams(sms.sid, 'delivered', b, phone))).status).toBe(204);
    expect((await postStatus(statusParams(sms.sid, 'sent', b, phone))).status).toBe(204);
    expect((await postStatus(statusParams(sms.sid, 'undelivered', b, phone))).status).toBe(204);
    items = await remindersOf(b, booking.id);
    expect(items[0].status).toBe('delivered');
    const [message] = await c.t.sql(`select status from messages where provider_message_id = $1`, [sms.sid]);
    expect(message.status).toBe('delivered');
  });

  it('a delivery report that arrives before the send is recorded is applied when it is', async () => {
    const b = await channelTenant(c.t);
    await c.t.request('PUT', '/api/v1/settings/reminders', {
      token: b.ownerToken,
      body: { enabled: true, offsetsMinutes: [60], quietHours: null, whatsappTemplate: 'appointment_reminder' },
    });
    const phone = phoneNumber();
    const booking = await book(b, phone, b.day(5), '12:00');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    c.twilio.nextSids.push(sid);
    // Twilio reports before our record of the send exists.
    expect((await postStatus(statusParams(sid, 'delivered', b, phone))).status).toBe(204);
    expect((await postStatus(statusParams(sid, 'sent', b, phone))).status).toBe(204);
    const due = b.at(b.day(5), '11:00');
    await runAt(due);
    expect(smsTo(phone).map((s) => s.sid)).toEqual([sid]);
    expect((await remindersOf(b, booking.id))[0].status).toBe('delivered');
    expect(await c.t.sql(`select 1 from early_delivery_statuses where provider_message_id = $1`, [sid])).toHaveLength(0);
  });

  it('reports for messages never recorded are kept a day, then swept', async () => {
    const b = await channelTenant(c.t);
    const [stale, fresh] = [`SM${randomBytes(16).toString('hex')}`, `SM${randomBytes(16).toString('hex')}`];
    for (const sid of [stale, fresh])
      expect((await postStatus(statusParams(sid, 'delivered', b, phoneNumber()))).status).toBe(204);
    await c.t.sql(`update early_delivery_statuses set received_at = now() - interval '25 hours' where provider_message_id = $1`, [
      stale,
    ]);
    await c.t.app.get(EarlyDeliveryStatusSweeper).sweep();
    const kept = await c.t.sql(`select provider_message_id from early_delivery_statuses where provider_message_id = any($1)`, [
      [stale, fresh],
    ]);
    expect(kept).toEqual([{ provider_message_id: fresh }]);
  });

  async function whatsappCustomer(b: Tenant) {
    const phone = phoneNumber();
    const res = await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(phone, 'hola')] }));
    expect(res.status).toBe(200);
    return phone;
  }

  it('WhatsApp inside the 24-hour window: three reply buttons with stable ids', async () => {
    const b = await channelTenant(c.t);
    const phone = await whatsappCustomer(b);
    const booking = await book(b, phone, b.day(3), '11:00');
    const due = minuteAfter(b.at(b.day(2), '11:00'));
    // The customer last wrote an hour before the reminder is due.
    await c.t.sql(
      `update messages set created_at = $2::timestamptz - interval '1 hour'
        where direction = 'inbound' and conversation_id in (select cv.id from conversations cv join customers cu on cu.id = cv.customer_id where cu.phone = $1)`,
      [phone, due],
    );
    await runAt(due);
    await runAt(due);
    const reminders = whatsappTo(phone).filter(
      (s) => s.payload.type === 'interactive' && s.payload.interactive.type === 'button',
    );
    expect(reminders).toHaveLength(1);
    const { interactive } = reminders[0].payload;
    expect(interactive.body.text).toMatch(/C .*R .*X/);
    expect(interactive.action.buttons.map((x: any) => x.reply.id)).toEqual([
      'reminder:confirm',
      'reminder:reschedule',
      'reminder:cancel',
    ]);
    expect(smsTo(phone)).toHaveLength(0);
    expect((await remindersOf(b, booking.id))[0]).toMatchObject({ status: 'sent', channel: 'whatsapp' });
    // WhatsApp's delivery report shows on the reminder; a late `sent` does not undo it.
    const report = (status: string) => ({
      id: reminders[0].id,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: phone.slice(1),
    });
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { statuses: [report('read'), report('sent')] }))).status).toBe(
      200,
    );
    expect((await remindersOf(b, booking.id))[0].status).toBe('delivered');
  });

  it('WhatsApp outside the window: the approved template, in the customer language, with its parameters', async () => {
    const b = await channelTenant(c.t);
    const phone = await whatsappCustomer(b);
    await c.t.request('PUT', '/api/v1/settings/reminders', {
      token: b.ownerToken,
      body: { enabled: true, offsetsMinutes: [1440], quietHours: null, whatsappTemplate: 'cita_recordatorio' },
    });
    await book(b, phone, b.day(4), '15:00');
    const due = b.at(b.day(3), '15:00');
    await c.t.sql(
      `update messages set created_at = $2::timestamptz - interval '25 hours'
        where direction = 'inbound' and conversation_id in (select cv.id from conversations cv join customers cu on cu.id = cv.customer_id where cu.phone = $1)`,
      [phone, due],
    );
    await c.t.sql(`update customers set language = 'es' where phone = $1`, [phone]);
    await c.t.sql(
      `update conversations set memory = memory - 'language' where customer_id in (select id from customers where phone = $1)`,
      [phone],
    );
    await runAt(due);
    await runAt(due);
    const templates = whatsappTo(phone).filter((s) => s.payload.type === 'template');
    expect(templates).toHaveLength(1);
    const { template } = templates[0].payload;
    expect(template.name).toBe('cita_recordatorio');
    expect(template.language.code).toBe('es');
    expect(template.components[0].parameters.map((p: any) => p.text)).toEqual([
      'Ana Lopez',
      'Haircut',
      expect.any(String),
      expect.stringMatching(/^15:00/),
      expect.any(String),
    ]);
  });

  it('rescheduling plans afresh: nothing goes out for the old time', async () => {
    const b = await channelTenant(c.t);
    const phone = phoneNumber();
    const booking = await book(b, phone, b.day(3), '14:00');
    const moved = await c.t.request('POST', `/api/v1/bookings/${booking.id}/reschedule`, {
      token: b.ownerToken,
      body: { start: b.at(b.day(4), '14:00') },
    });
    expect(moved.status).toBe(200);
    const items = await remindersOf(b, booking.id);
    expect(items.map((i) => [i.offsetMinutes, i.status, i.dueAt])).toEqual([
      [1440, 'cancelled', new Date(b.at(b.day(2), '14:00')).toISOString()],
      [120, 'cancelled', new Date(b.at(b.day(3), '12:00')).toISOString()],
      [1440, 'scheduled', new Date(b.at(b.day(3), '14:00')).toISOString()],
      [120, 'scheduled', new Date(b.at(b.day(4), '12:00')).toISOString()],
    ]);
    await runAt(minuteAfter(b.at(b.day(2), '14:00')));
    expect(smsTo(phone)).toHaveLength(0);
    await runAt(minuteAfter(b.at(b.day(3), '14:00')));
    expect(smsTo(phone)).toHaveLength(1);
    expect(smsTo(phone)[0].body).toMatch(/2:00\s?PM/);
  });

  it('a public booking gets them too', async () => {
    const b = await channelTenant(c.t);
    const phone = phoneNumber();
    const res = await c.t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(5), '16:00'), customer: { name: 'Web Visitor', phone } },
    });
    expect(res.status).toBe(201);
    expect((await remindersOf(b, res.body.id)).map((i) => i.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('a reminder already due at confirmation goes at once when the start is at least half its offset away', async () => {
    const b = await channelTenant(c.t);
    await c.t.request('PUT', '/api/v1/settings/reminders', {
      token: b.ownerToken,
      body: { enabled: true, offsetsMinutes: [10080, 120], quietHours: null, whatsappTemplate: 'appointment_reminder' },
    });
    const phone = phoneNumber();
    const before = Date.now();
    const booking = await book(b, phone, b.day(4), '12:00');
    const [week, twoHours] = await remindersOf(b, booking.id);
    // 4 days ahead ≥ half a week: due at once (at confirmation).
    expect(new Date(week.dueAt).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(week.dueAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(twoHours.dueAt).toBe(new Date(b.at(b.day(4), '10:00')).toISOString());
    await runAt(new Date().toISOString());
    expect(smsTo(phone)).toHaveLength(1);
  });

  it('cancelling drops the unsent reminders', async () => {
    const b = await channelTenant(c.t);
    const phone = phoneNumber();
    const booking = await book(b, phone, b.day(3), '15:00');
    expect((await c.t.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token: b.ownerToken, body: {} })).status).toBe(
      200,
    );
    expect((await remindersOf(b, booking.id)).map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    await runAt(b.at(b.day(3), '14:59'));
    expect(smsTo(phone)).toHaveLength(0);
  });

  it('STOP by SMS drops them', async () => {
    const b = await channelTenant(c.t);
    const phone = phoneNumber();
    const booking = await book(b, phone, b.day(3), '16:00');
    const res = await postTwilioSms(c, twilioParams({ To: b.smsNumber, From: phone, Body: 'STOP' }));
    expect(res.status).toBe(200);
    expect((await remindersOf(b, booking.id)).map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    await runAt(b.at(b.day(3), '15:59'));
    expect(smsTo(phone)).toHaveLength(0);
  });

  it('a reminder with no channel ends skipped with the reason, and is not tried again', async () => {
    const b = await channelTenant(c.t);
    const phone = phoneNumber();
    const booking = await book(b, phone, b.day(6), '10:00');
    await c.t.request('PUT', '/api/v1/settings/channels', {
      token: b.ownerToken,
      body: { smsNumber: null, whatsappPhoneNumberId: null },
    });
    await runAt(minuteAfter(b.at(b.day(5), '10:00')));
    const [row] = await c.t.sql(`select status, reason from reminders where booking_id = $1 and offset_minutes = 1440`, [
      booking.id,
    ]);
    expect(row).toEqual({ status: 'skipped', reason: expect.stringContaining('No channel') });
  });

  it('a dispatcher that dies inside its transaction hands nothing over; the next run sends each reminder once', async () => {
    const b = await channelTenant(c.t);
    const phones = [phoneNumber(), phoneNumber(), phoneNumber()];
    for (const [i, phone] of phones.entries()) await book(b, phone, b.day(7), `${10 + i}:00`);
    // The 24-hour reminders of all three are due; the 2-hour ones are not.
    const due = b.at(b.day(6), '12:30');
    const original = (ReminderDispatcher.prototype as any).handle;
    // The batch is written, then the process dies before the commit.
    const handle = jest.spyOn(dispatcher as any, 'handle').mockImplementationOnce(async (...args: unknown[]) => {
      await original.apply(dispatcher, args);
      throw new Error('killed between claim and commit');
    });
    await expect(dispatcher.dispatchDue(new Date(due))).rejects.toThrow('killed');
    handle.mockRestore();
    expect(await c.t.sql(`select 1 from reminders where tenant_id = $1 and status = 'sent'`, [b.tenant.id])).toHaveLength(0);
    await runAt(due);
    await runAt(due);
    for (const phone of phones) expect(smsTo(phone)).toHaveLength(1);
  });

  describe('two API processes on one database', () => {
    let second: TestApp;
    beforeAll(async () => {
      second = await TestApp.start(
        {
          PUBLIC_BASE_URL,
          TWILIO_ACCOUNT_SID: c.twilio.accountSid,
          TWILIO_AUTH_TOKEN: c.twilio.authToken,
          TWILIO_API_BASE_URL: c.twilio.url,
          WHATSAPP_ACCESS_TOKEN: c.whatsapp.accessToken,
          WHATSAPP_APP_SECRET: c.appSecret,
          WHATSAPP_VERIFY_TOKEN: c.verifyToken,
          WHATSAPP_API_BASE_URL: c.whatsapp.url,
          JWT_SECRET: c.t.config.secrets.jwt.reveal(),
        },
        c.t.databaseUrl,
      );
      second.app.get(SchedulerRegistry).deleteInterval(REMINDER_INTERVAL_NAME);
      second.app.get(SchedulerRegistry).deleteInterval(OUTBOX_INTERVAL_NAME);
    });
    afterAll(async () => {
      await second.close();
    });

    it('running dispatch side by side send every reminder exactly once', async () => {
      const b = await channelTenant(c.t);
      await c.t.request('PUT', '/api/v1/settings/reminders', {
        token: b.ownerToken,
        body: {
          enabled: true,
          offsetsMinutes: [10080, 10000, 9000, 8000],
          quietHours: null,
          whatsappTemplate: 'appointment_reminder',
        },
      });
      const phones: string[] = [];
      for (const day of [8, 9]) {
        for (const time of ['09:00', '09:45', '10:30', '11:15', '12:00', '12:45', '13:30', '14:15', '15:00', '15:45']) {
          for (let staff = 0; staff < 2; staff++) {
            const phone = phoneNumber();
            phones.push(phone);
            await book(b, phone, b.day(day), time);
          }
        }
      }
      // Every reminder is due and no appointment has started.
      const now = new Date(b.at(b.day(7), '12:00'));
      const d2 = second.app.get(ReminderDispatcher);
      const o2 = second.app.get(OutboxSender);
      await Promise.all([dispatcher.dispatchDue(now), d2.dispatchDue(now), dispatcher.dispatchDue(now), d2.dispatchDue(now)]);
      for (let i = 0; i < 4; i++) await Promise.all([c.outbox.deliverDue(now), o2.deliverDue(now), c.outbox.deliverDue(now)]);
      for (const phone of phones) expect(smsTo(phone)).toHaveLength(4);
      const [counts] = await c.t.sql(
        `select count(*)::int as reminders, count(distinct message_id)::int as messages, count(*) filter (where status = 'sent')::int as sent
           from reminders where tenant_id = $1`,
        [b.tenant.id],
      );
      expect(counts).toEqual({ reminders: 160, messages: 160, sent: 160 });
    });

    it('a restart between hand-over and send does not send twice', async () => {
      const b = await channelTenant(c.t);
      const phone = phoneNumber();
      await book(b, phone, b.day(10), '10:00');
      const due = minuteAfter(b.at(b.day(9), '10:00'));
      // This process hands it to the outbox, then "restarts" before sending: the other one carries on.
      await dispatcher.dispatchDue(new Date(due));
      expect(smsTo(phone)).toHaveLength(0);
      await second.app.get(ReminderDispatcher).dispatchDue(new Date(due));
      await second.app.get(OutboxSender).deliverDue(new Date(due));
      await dispatcher.dispatchDue(new Date(due));
      await c.outbox.deliverDue(new Date(due));
      expect(smsTo(phone)).toHaveLength(1);
    });
  });
});
