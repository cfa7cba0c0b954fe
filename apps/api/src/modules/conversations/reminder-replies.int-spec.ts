import {
  channelTenant,
  type ChannelsTestApp,
  conversationOf,
  phoneNumber,
  postTwilioSms,
  postWhatsApp,
  startChannelsApp,
  twilioParams,
  twimlMessages,
  waButtonTap,
  waNotification,
  waText,
} from '../../../../../test/fakes/channels';

/*
 * Replies to a reminder over the real webhooks: the customer has two bookings and the reminder was
 * about the later one. The booking plans its reminders; one is then marked sent the way the
 * reminders worker leaves it (an outbound message and the reminder row pointing at it).
 */
describe('replies to a reminder', () => {
  let c: ChannelsTestApp;
  let b: Awaited<ReturnType<typeof channelTenant>>;

  beforeAll(async () => {
    c = await startChannelsApp();
    b = await channelTenant(c.t);
  });
  afterAll(() => c.stop());

  const sms = (from: string, body: string) => postTwilioSms(c, twilioParams({ To: b.smsNumber, From: from, Body: body }));
  const whatsapp = (message: Parameters<typeof waNotification>[1]['messages']) =>
    postWhatsApp(c, waNotification(b.whatsappId, { messages: message }));

  async function book(phone: string, day: number, time: string): Promise<string> {
    const res = await c.t.request('POST', '/api/v1/bookings', {
      token: b.ownerToken,
      body: { serviceId: b.serviceId, start: b.at(b.day(day), time), customer: { name: 'Ana Reyes', phone } },
    });
    if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  /** A customer with two bookings who got a reminder about the later one, on `channel`. */
  let days = 0;
  async function reminded(channel: 'sms' | 'whatsapp') {
    const phone = phoneNumber();
    // Days of their own for every customer, both well outside the cancellation notice.
    days += 2;
    const first = await book(phone, days + 1, '10:00');
    const later = await book(phone, days + 2, '11:00');
    // The customer has written before, so the conversation (and, for WhatsApp, the window) exists.
    if (channel === 'sms') expect((await sms(phone, 'hello')).status).toBe(200);
    else expect((await whatsapp([waText(phone, 'hello')])).status).toBe(200);
    const conversation = (await conversationOf(c.t, b.tenant.id, phone))!;
    await remind(conversation.id, later, channel, 1440);
    return { phone, first, later, conversationId: conversation.id };
  }

  /** A planned reminder as the worker leaves it once sent: the outbound message, and the reminder row pointing at it. */
  async function remind(conversationId: string, bookingId: string, channel: 'sms' | 'whatsapp', offsetMinutes: number) {
    const [message] = await c.t.sql(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status)
       values ($1, $2, 'outbound', 'bot', $3, 'Reminder: Haircut. Reply C to confirm, R to reschedule, X to cancel.', 'sent')
       returning id`,
      [b.tenant.id, conversationId, channel],
    );
    const sent = await c.t.sql(
      `update reminders set status = 'sent', channel = $3, message_id = $4, sent_at = now()
        where booking_id = $1 and offset_minutes = $2 and status = 'scheduled' returning id`,
      [bookingId, offsetMinutes, channel, message.id],
    );
    expect(sent).toHaveLength(1);
  }

  const bookingRow = async (id: string) =>
    (await c.t.sql(`select status, customer_confirmed_at from bookings where id = $1`, [id]))[0] as {
      status: string;
      customer_confirmed_at: Date | null;
    };

  it('"C" over SMS confirms the reminded booking (the later one), once, and says thanks', async () => {
    const r = await reminded('sms');
    const res = await sms(r.phone, 'C');
    expect(twimlMessages(res.body).join(' ')).toMatch(/Thanks for confirming/);
    const confirmed = await bookingRow(r.later);
    expect(confirmed.customer_confirmed_at).toBeInstanceOf(Date);
    expect((await bookingRow(r.first)).customer_confirmed_at).toBeNull();
    const shown = await c.t.request('GET', `/api/v1/bookings/${r.later}`, { token: b.ownerToken });
    expect(shown.body.customerConfirmedAt).toBe(confirmed.customer_confirmed_at!.toISOString());
    // Once answered, "yes" is no answer to it any more; confirming again (to the 2-hour reminder) keeps the first time.
    expect(twimlMessages((await sms(r.phone, 'yes')).body).join(' ')).not.toMatch(/Thanks for confirming/);
    await remind(r.conversationId, r.later, 'sms', 120);
    expect(twimlMessages((await sms(r.phone, 'c')).body).join(' ')).toMatch(/Thanks for confirming/);
    expect((await bookingRow(r.later)).customer_confirmed_at).toEqual(confirmed.customer_confirmed_at);
  });

  it('"X" over SMS starts cancelling the reminded booking; "yes" cancels it and leaves the other', async () => {
    const r = await reminded('sms');
    const asked = await sms(r.phone, 'X');
    expect(twimlMessages(asked.body).join(' ')).toMatch(/Cancel your Haircut/);
    expect((await conversationOf(c.t, b.tenant.id, r.phone))!.state).toBe('CANCEL_CONFIRM');
    await sms(r.phone, 'yes');
    expect((await bookingRow(r.later)).status).toBe('cancelled');
    expect((await bookingRow(r.first)).status).toBe('confirmed');
  });

  it('"R" over SMS starts moving the reminded booking', async () => {
    const r = await reminded('sms');
    const res = await sms(r.phone, 'R');
    expect(twimlMessages(res.body).join(' ')).toMatch(/move your Haircut/);
    const conversation = (await conversationOf(c.t, b.tenant.id, r.phone))!;
    expect(conversation).toMatchObject({ state: 'RESCHEDULE_COLLECTING', booking_id: r.later });
  });

  it('the WhatsApp Confirm button confirms the reminded booking', async () => {
    const r = await reminded('whatsapp');
    expect((await whatsapp([waButtonTap(r.phone, 'reminder:confirm', 'Confirm')])).status).toBe(200);
    expect((await bookingRow(r.later)).customer_confirmed_at).toBeInstanceOf(Date);
    expect((await bookingRow(r.first)).customer_confirmed_at).toBeNull();
  });

  it('the WhatsApp Cancel button starts cancelling the reminded booking', async () => {
    const r = await reminded('whatsapp');
    expect((await whatsapp([waButtonTap(r.phone, 'reminder:cancel', 'Cancel')])).status).toBe(200);
    expect(await conversationOf(c.t, b.tenant.id, r.phone)).toMatchObject({ state: 'CANCEL_CONFIRM', booking_id: r.later });
  });

  it('a bare CANCEL over SMS opts the customer out and flags the thread, cancelling nothing', async () => {
    const r = await reminded('sms');
    expect((await sms(r.phone, 'CANCEL')).status).toBe(200);
    const [customer] = await c.t.sql(`select opted_out from customers where tenant_id = $1 and phone = $2`, [
      b.tenant.id,
      r.phone,
    ]);
    expect(customer.opted_out).toBe(true);
    const [thread] = await c.t.sql(`select flagged_for_staff, state from conversations where id = $1`, [r.conversationId]);
    expect(thread).toEqual({ flagged_for_staff: true, state: 'IDLE' });
    const [flag] = await c.t.sql(
      `select after from audit_log where entity_id = $1 and action = 'conversation.flag' order by created_at desc limit 1`,
      [r.conversationId],
    );
    expect(flag.after).toMatchObject({ reason: 'sms_opt_out' });
    // The inbox shows the thread waiting for staff, its customer opted out.
    const inbox = await c.t.request('GET', '/api/v1/conversations?flagged=true', { token: b.ownerToken });
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ id: r.conversationId, flaggedForStaff: true, optedOut: true, lastMessagePreview: 'CANCEL' }),
    );
    expect((await bookingRow(r.later)).status).toBe('confirmed');
    expect((await bookingRow(r.first)).status).toBe('confirmed');
  });

  it('"CANCEL" over WhatsApp keeps its meaning: the cancel flow for the reminded booking', async () => {
    const r = await reminded('whatsapp');
    await whatsapp([waText(r.phone, 'CANCEL')]);
    expect((await conversationOf(c.t, b.tenant.id, r.phone))!).toMatchObject({ state: 'CANCEL_CONFIRM', booking_id: r.later });
    const [customer] = await c.t.sql(`select opted_out from customers where tenant_id = $1 and phone = $2`, [
      b.tenant.id,
      r.phone,
    ]);
    expect(customer.opted_out).toBe(false);
  });
});
