import { getExpectedTwilioSignature } from 'twilio';
import {
  answerFor,
  channelTenant,
  type ChannelsTestApp,
  conversationOf,
  messageCounts,
  phoneNumber,
  postTwilioSms,
  PUBLIC_BASE_URL,
  startChannelsApp,
  twilioParams,
  twimlMessages,
} from '../../../../../test/fakes/channels';
import { DbFingerprint } from '../../../../../test/db-fingerprint';
import { SMS_PART_LENGTH } from './sms-rendering';

describe('Twilio SMS webhook', () => {
  let c: ChannelsTestApp;
  let b: Awaited<ReturnType<typeof channelTenant>>;

  beforeAll(async () => {
    c = await startChannelsApp();
    b = await channelTenant(c.t);
  });
  afterAll(() => c.stop());
  beforeEach(() => c.twilio.reset());

  const sms = (from: string, body: string, extra: { MessageSid?: string } = {}) =>
    twilioParams({ To: b.smsNumber, From: from, Body: body, ...extra });

  it('answers a signed message with TwiML carrying the replies, recorded as sent', async () => {
    const from = phoneNumber();
    const before = await messageCounts(c.t);
    const res = await postTwilioSms(c, sms(from, 'Hi, what can I book?'));
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/xml/);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>/);
    const texts = twimlMessages(res.body);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t.length > 0 && t.length <= SMS_PART_LENGTH)).toBe(true);

    const rows = await c.t.sql(
      `select m.direction, m.status, m.channel from messages m join conversations cv on cv.id = m.conversation_id
        join customers cu on cu.id = cv.customer_id where cu.phone = $1 order by m.seq`,
      [from],
    );
    expect(rows[0]).toEqual({ direction: 'inbound', status: 'received', channel: 'sms' });
    expect(rows.slice(1).every((r) => r.direction === 'outbound' && r.status === 'sent' && r.channel === 'sms')).toBe(true);
    expect(rows.length - 1).toBeGreaterThan(0);
    expect(await messageCounts(c.t)).toEqual({ inbound: before.inbound + 1, outbound: before.outbound + rows.length - 1 });
    // Answered inline: nothing goes through Twilio's REST API, now or from the outbox.
    await c.outbox.deliverDue();
    expect(c.twilio.requests).toHaveLength(0);
  });

  it('renders options as a numbered list', async () => {
    const from = phoneNumber();
    const res = await postTwilioSms(c, sms(from, 'Haircut tomorrow please'));
    expect(res.status).toBe(200);
    const [offered] = await c.t.sql(
      `select m.options from messages m join conversations cv on cv.id = m.conversation_id join customers cu on cu.id = cv.customer_id
        where cu.phone = $1 and m.direction = 'outbound' and m.options is not null order by m.seq desc limit 1`,
      [from],
    );
    expect(offered?.options?.length).toBeGreaterThan(0);
    const answer = twimlMessages(res.body).join('\n');
    (offered.options as { label: string }[]).forEach((option, i) => expect(answer).toContain(`${i + 1}) ${option.label}`));
  });

  describe('signatures', () => {
    it.each([
      ['a missing signature', () => null],
      [
        'a signature of other parameters',
        (p: Record<string, string>) =>
          getExpectedTwilioSignature(c.twilio.authToken, `${PUBLIC_BASE_URL}/webhooks/twilio/sms`, { ...p, Body: 'other' }),
      ],
      [
        'a signature with another auth token',
        (p: Record<string, string>) => getExpectedTwilioSignature('not-the-token', `${PUBLIC_BASE_URL}/webhooks/twilio/sms`, p),
      ],
      [
        'a signature of another URL',
        (p: Record<string, string>) =>
          getExpectedTwilioSignature(c.twilio.authToken, 'https://elsewhere.example/webhooks/twilio/sms', p),
      ],
      ['garbage', () => 'bm90IGEgc2lnbmF0dXJl'],
    ])('refuses %s with 403 and stores nothing', async (_name, sign) => {
      const before = await messageCounts(c.t);
      const customersBefore = (await c.t.sql('select count(*)::int as n from customers'))[0].n;
      const params = sms(phoneNumber(), 'I would like a haircut tomorrow at 10am');
      const res = await postTwilioSms(c, params, { signature: sign(params) });
      expect(res.status).toBe(403);
      expect(await messageCounts(c.t)).toEqual(before);
      expect((await c.t.sql('select count(*)::int as n from customers'))[0].n).toBe(customersBefore);
    });
  });

  it('changes nothing and answers an empty TwiML for a repeated MessageSid', async () => {
    const from = phoneNumber();
    const params = sms(from, 'Hello');
    const first = await postTwilioSms(c, params);
    expect(twimlMessages(first.body).length).toBeGreaterThan(0);
    const before = await messageCounts(c.t);
    const conversation = await conversationOf(c.t, b.tenant.id, from);

    const again = await postTwilioSms(c, params);
    expect(again.status).toBe(200);
    expect(again.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await messageCounts(c.t)).toEqual(before);
    expect(await conversationOf(c.t, b.tenant.id, from)).toEqual(conversation);
    await c.outbox.deliverDue();
    expect(c.twilio.requests).toHaveLength(0);
  });

  it('changes nothing at all for a repeated MessageSid from another sender or to another business', async () => {
    const first = sms(phoneNumber(), 'Hello');
    expect((await postTwilioSms(c, first)).status).toBe(200);
    const other = await channelTenant(c.t);
    const fingerprint = await DbFingerprint.open(c.t.databaseUrl);
    try {
      const before = await fingerprint.take();
      const replayed = [
        sms(phoneNumber(), 'Another sender', { MessageSid: first.MessageSid }),
        twilioParams({ To: other.smsNumber, From: phoneNumber(), Body: 'Another business', MessageSid: first.MessageSid }),
      ];
      for (const params of replayed) {
        const again = await postTwilioSms(c, params);
        expect(again.status).toBe(200);
        expect(twimlMessages(again.body)).toEqual([]);
      }
      expect(await fingerprint.take()).toEqual(before);
    } finally {
      await fingerprint.close();
    }
  });

  it('keeps a message with a NUL character (U+0000), stored and answered without it', async () => {
    const from = phoneNumber();
    const res = await postTwilioSms(c, sms(from, 'Hi\u0000 there'));
    expect(res.status).toBe(200);
    expect(twimlMessages(res.body).length).toBeGreaterThan(0);
    const [inbound] = await c.t.sql(
      `select m.body from messages m join conversations cv on cv.id = m.conversation_id
        join customers cu on cu.id = cv.customer_id where cu.phone = $1 and m.direction = 'inbound'`,
      [from],
    );
    expect(inbound.body).toBe('Hi there');
  });

  it('answers 404 for a number no business uses, storing nothing', async () => {
    const before = await messageCounts(c.t);
    const res = await postTwilioSms(c, twilioParams({ To: phoneNumber(), From: phoneNumber(), Body: 'Hi' }));
    expect(res.status).toBe(404);
    expect(await messageCounts(c.t)).toEqual(before);
  });

  it('answers 400 when Twilio fields are missing', async () => {
    const params = sms(phoneNumber(), 'Hi');
    delete params.From;
    expect((await postTwilioSms(c, params)).status).toBe(400);
  });

  it('refuses messages to a suspended business with a clear 403, storing and booking nothing', async () => {
    const other = await channelTenant(c.t);
    const admin = await c.t.superAdminToken();
    expect(
      (await c.t.request('PATCH', `/api/v1/admin/tenants/${other.tenant.id}`, { token: admin, body: { status: 'suspended' } }))
        .status,
    ).toBe(200);
    const before = await messageCounts(c.t);
    const res = await postTwilioSms(
      c,
      twilioParams({ To: other.smsNumber, From: phoneNumber(), Body: "I'd like a haircut tomorrow at 10am" }),
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'tenant_suspended', message: expect.stringMatching(/not taking messages/) });
    expect(await messageCounts(c.t)).toEqual(before);
    expect(await c.t.sql('select id from bookings where tenant_id = $1', [other.tenant.id])).toEqual([]);
  });

  describe('a number whose business was remembered', () => {
    const inboundOf = async (tenantId: string) =>
      (await c.t.sql(`select id from messages where tenant_id = $1 and direction = 'inbound'`, [tenantId])).length;
    const setSmsNumber = async (owner: { ownerToken: string; whatsappId: string }, smsNumber: string | null) =>
      expect(
        (
          await c.t.request('PUT', '/api/v1/settings/channels', {
            token: owner.ownerToken,
            body: { smsNumber, whatsappPhoneNumberId: owner.whatsappId },
          })
        ).status,
      ).toBe(200);

    it('reaches the business the number has moved to, and nothing stays with the first', async () => {
      const first = await channelTenant(c.t);
      const number = first.smsNumber;
      expect((await postTwilioSms(c, twilioParams({ To: number, From: phoneNumber(), Body: 'Hi' }))).status).toBe(200);
      const firstInbound = await inboundOf(first.tenant.id);
      await setSmsNumber(first, null);
      const second = await channelTenant(c.t);
      await setSmsNumber(second, number);

      const res = await postTwilioSms(c, twilioParams({ To: number, From: phoneNumber(), Body: 'How much is a haircut?' }));
      expect(res.status).toBe(200);
      expect(await inboundOf(first.tenant.id)).toBe(firstInbound);
      expect(await inboundOf(second.tenant.id)).toBe(1);
    });

    it('refuses messages once the business is suspended, storing nothing', async () => {
      const paused = await channelTenant(c.t);
      const params = (body: string) => twilioParams({ To: paused.smsNumber, From: phoneNumber(), Body: body });
      expect((await postTwilioSms(c, params('Hi'))).status).toBe(200);
      const admin = await c.t.superAdminToken();
      const patch = { token: admin, body: { status: 'suspended' } };
      expect((await c.t.request('PATCH', `/api/v1/admin/tenants/${paused.tenant.id}`, patch)).status).toBe(200);
      const before = await messageCounts(c.t);
      const res = await postTwilioSms(c, params("I'd like a haircut tomorrow at 10am"));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'tenant_suspended' });
      expect(await messageCounts(c.t)).toEqual(before);
    });
  });

  it('STOP opts the customer out: a confirmation, then silence (inline and from the outbox), until START', async () => {
    const from = phoneNumber();
    await postTwilioSms(c, sms(from, 'Hello'));
    const stop = await postTwilioSms(c, sms(from, 'STOP'));
    expect(stop.status).toBe(200);
    expect(twimlMessages(stop.body).length).toBeGreaterThan(0);
    const optedOut = async () =>
      (await c.t.sql('select opted_out from customers where tenant_id = $1 and phone = $2', [b.tenant.id, from]))[0].opted_out;
    expect(await optedOut()).toBe(true);

    const before = await messageCounts(c.t);
    const ignored = await postTwilioSms(c, sms(from, "I'd like a haircut tomorrow at 10am"));
    expect(ignored.status).toBe(200);
    expect(twimlMessages(ignored.body)).toEqual([]);
    // Recorded, not answered.
    expect(await messageCounts(c.t)).toEqual({ inbound: before.inbound + 1, outbound: before.outbound });

    // Nothing from the outbox either: a message already waiting there is dropped, with the reason.
    const conversation = (await conversationOf(c.t, b.tenant.id, from))!;
    const [queued] = await c.t.sql(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, next_attempt_at)
       values ($1, $2, 'outbound', 'bot', 'sms', 'Reminder: your appointment is tomorrow', 'pending', now()) returning id`,
      [b.tenant.id, conversation.id],
    );
    await c.outbox.deliverDue();
    expect(c.twilio.requests).toHaveLength(0);
    expect((await c.t.sql('select status, last_error, attempts from messages where id = $1', [queued.id]))[0]).toEqual({
      status: 'failed',
      last_error: 'The customer opted out of messages',
      attempts: 0,
    });

    const start = await postTwilioSms(c, sms(from, 'START'));
    expect(twimlMessages(start.body).length).toBeGreaterThan(0);
    expect(await optedOut()).toBe(false);
  });

  it('books a haircut over SMS from start to finish (source sms)', async () => {
    const from = phoneNumber();
    let res = await postTwilioSms(c, sms(from, "I'd like a haircut tomorrow at 10am"));
    for (let turn = 0; turn < 10; turn++) {
      expect(res.status).toBe(200);
      expect(twimlMessages(res.body).length).toBeGreaterThan(0);
      const [booking] = await c.t.sql(
        `select b.status, b.source from bookings b join customers cu on cu.id = b.customer_id where cu.phone = $1 and b.status = 'confirmed'`,
        [from],
      );
      if (booking) break;
      const conversation = await conversationOf(c.t, b.tenant.id, from);
      res = await postTwilioSms(c, sms(from, answerFor(conversation!.awaiting)));
    }
    const bookings = await c.t.sql(
      `select b.status, b.source, b.service_id, b.start_at from bookings b join customers cu on cu.id = b.customer_id where cu.phone = $1`,
      [from],
    );
    expect(bookings).toEqual([expect.objectContaining({ status: 'confirmed', source: 'sms', service_id: b.serviceId })]);
    const [customer] = await c.t.sql('select name from customers where tenant_id = $1 and phone = $2', [b.tenant.id, from]);
    expect(customer.name).toBe('Priya Patel');
  });
});
