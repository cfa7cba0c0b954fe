import {
  channelTenant,
  type ChannelsTestApp,
  conversationOf,
  phoneNumber,
  PUBLIC_BASE_URL,
  postTwilioSms,
  postWhatsApp,
  startChannelsApp,
  twilioParams,
  waNotification,
  waText,
} from '../../../../../test/fakes/channels';
import { MAX_DELIVERY_ATTEMPTS } from './outbox-policy';

describe('outbox sender', () => {
  let c: ChannelsTestApp;
  let b: Awaited<ReturnType<typeof channelTenant>>;

  beforeAll(async () => {
    c = await startChannelsApp();
    b = await channelTenant(c.t);
  });
  afterAll(() => c.stop());
  beforeEach(() => {
    c.twilio.reset();
    c.whatsapp.reset();
  });

  const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

  /** A customer who texted in, and the id of their conversation. */
  async function smsCustomer(): Promise<{ phone: string; conversationId: string }> {
    const phone = phoneNumber();
    expect((await postTwilioSms(c, twilioParams({ To: b.smsNumber, From: phone, Body: 'Hello' }))).status).toBe(200);
    return { phone, conversationId: (await conversationOf(c.t, b.tenant.id, phone))!.id };
  }

  async function whatsappCustomer(): Promise<{ phone: string; conversationId: string }> {
    const phone = phoneNumber();
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(phone, 'Hello')] }))).status).toBe(200);
    await c.outbox.deliverDue();
    c.whatsapp.reset();
    return { phone, conversationId: (await conversationOf(c.t, b.tenant.id, phone))!.id };
  }

  /** Staff answer in the inbox: the message waits in the outbox. */
  async function staffReply(conversationId: string, text: string): Promise<string> {
    const res = await c.t.request('POST', `/api/v1/conversations/${conversationId}/reply`, {
      token: b.ownerToken,
      body: { text },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    return res.body.id as string;
  }

  const row = async (id: string) =>
    (
      await c.t.sql('select status, attempts, provider_message_id, next_attempt_at, last_error from messages where id = $1', [id])
    )[0];

  it('sends SMS through Twilio from the business number, retrying after provider errors until it is sent once', async () => {
    const { phone, conversationId } = await smsCustomer();
    const id = await staffReply(conversationId, 'Your stylist is running 10 minutes late.');
    c.twilio.failNext(2);

    const t0 = new Date();
    expect(await c.outbox.deliverDue(t0)).toBe(1);
    let message = await row(id);
    expect(message).toMatchObject({ status: 'pending', attempts: 1, provider_message_id: null });
    expect(message.last_error).toMatch(/Twilio answered 500/);
    expect(new Date(message.next_attempt_at).getTime()).toBe(t0.getTime() + 5_000);

    // Not due yet: nothing happens.
    expect(await c.outbox.deliverDue(t0)).toBe(0);
    expect(c.twilio.requests).toHaveLength(1);

    expect(await c.outbox.deliverDue(minutesLater(1))).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(await c.outbox.deliverDue(minutesLater(2))).toBe(1);

    message = await row(id);
    expect(message).toMatchObject({ status: 'sent', attempts: 3, next_attempt_at: null, last_error: null });
    expect(c.twilio.requests).toHaveLength(3);
    expect(c.twilio.sent).toEqual([
      {
        sid: message.provider_message_id,
        from: b.smsNumber,
        to: phone,
        body: 'Your stylist is running 10 minutes late.',
        statusCallback: `${PUBLIC_BASE_URL}/webhooks/twilio/status`,
      },
    ]);
    expect(await c.outbox.deliverDue(minutesLater(60))).toBe(0);
    expect(c.twilio.requests).toHaveLength(3);
  });

  it('sends WhatsApp through the Graph API, retrying after a provider error', async () => {
    const { phone, conversationId } = await whatsappCustomer();
    const id = await staffReply(conversationId, 'See you soon!');
    c.whatsapp.failNext(1);
    await c.outbox.deliverDue();
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    await c.outbox.deliverDue(minutesLater(1));
    const message = await row(id);
    expect(message).toMatchObject({ status: 'sent', attempts: 2 });
    expect(c.whatsapp.requests).toHaveLength(2);
    expect(c.whatsapp.sent).toEqual([
      {
        id: message.provider_message_id,
        phoneNumberId: b.whatsappId,
        payload: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: phone.slice(1),
          type: 'text',
          text: { body: 'See you soon!', preview_url: false },
        },
      },
    ]);
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} failed attempts`, async () => {
    const { conversationId } = await smsCustomer();
    const id = await staffReply(conversationId, 'Are you still coming?');
    c.twilio.failNext(100, 503);
    for (let i = 1; i <= MAX_DELIVERY_ATTEMPTS + 2; i++) await c.outbox.deliverDue(minutesLater(i * 60));
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: MAX_DELIVERY_ATTEMPTS,
      next_attempt_at: null,
      last_error: expect.stringMatching(/503/),
    });
    expect(c.twilio.requests).toHaveLength(MAX_DELIVERY_ATTEMPTS);
  });

  it('does not retry a message the provider refused for good', async () => {
    const { conversationId } = await smsCustomer();
    const id = await staffReply(conversationId, 'Hello again');
    c.twilio.failNext(1, 400);
    await c.outbox.deliverDue();
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringMatching(/Twilio answered 400/),
    });
    await c.outbox.deliverDue(minutesLater(60));
    expect(c.twilio.requests).toHaveLength(1);
  });

  it("keeps a conversation's messages in order: later ones wait while an earlier one is retried", async () => {
    const { conversationId } = await smsCustomer();
    const ids = [
      await staffReply(conversationId, 'one'),
      await staffReply(conversationId, 'two'),
      await staffReply(conversationId, 'three'),
    ];
    c.twilio.failNext(1);
    await c.outbox.deliverDue();
    expect(c.twilio.sent).toEqual([]);
    expect((await Promise.all(ids.map(row))).map((m) => [m.status, m.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    await c.outbox.deliverDue(minutesLater(1));
    expect(c.twilio.sent.map((s) => s.body)).toEqual(['one', 'two', 'three']);
  });

  it('sends each message exactly once with several senders running at the same time', async () => {
    const customers = await Promise.all([smsCustomer(), smsCustomer(), smsCustomer()]);
    const expected: string[] = [];
    for (const [i, customer] of customers.entries()) {
      for (let n = 0; n < 3; n++) {
        const text = `customer ${i} message ${n}`;
        expected.push(text);
        await staffReply(customer.conversationId, text);
      }
    }
    const handled = await Promise.all([c.outbox.deliverDue(), c.outbox.deliverDue(), c.outbox.deliverDue()]);
    expect(handled.reduce((a, n) => a + n, 0)).toBe(9);
    expect(c.twilio.sent.map((s) => s.body).sort()).toEqual([...expected].sort());
    // Per customer, in the order written.
    for (const [i, customer] of customers.entries()) {
      expect(c.twilio.sent.filter((s) => s.to === customer.phone).map((s) => s.body)).toEqual(
        [0, 1, 2].map((n) => `customer ${i} message ${n}`),
      );
    }
  });

  it("sends a bot's several replies to one message in the order the engine gave them", async () => {
    const { conversationId } = await whatsappCustomer();
    const [conversation] = await c.t.sql('select tenant_id from conversations where id = $1', [conversationId]);
    // Written in one transaction, as the engine's replies are: they share created_at.
    await c.t.sql(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, next_attempt_at)
       select $1, $2, 'outbound', 'bot', 'whatsapp', 'reply ' || n, 'pending', now() from generate_series(1, 5) n`,
      [conversation.tenant_id, conversationId],
    );
    await c.outbox.deliverDue();
    expect(c.whatsapp.sent.map((s) => s.payload.text.body)).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4', 'reply 5']);
  });
});
