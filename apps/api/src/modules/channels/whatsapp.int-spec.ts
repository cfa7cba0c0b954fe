import { createHmac } from 'node:crypto';
import {
  answerFor,
  channelTenant,
  type ChannelsTestApp,
  conversationOf,
  messageCounts,
  phoneNumber,
  postWhatsApp,
  startChannelsApp,
  waButtonTap,
  waListTap,
  wamid,
  waNotification,
  waText,
} from '../../../../../test/fakes/channels';
import { DbFingerprint } from '../../../../../test/db-fingerprint';

describe('WhatsApp webhook', () => {
  let c: ChannelsTestApp;
  let b: Awaited<ReturnType<typeof channelTenant>>;

  beforeAll(async () => {
    c = await startChannelsApp();
    b = await channelTenant(c.t);
  });
  afterAll(() => c.stop());
  beforeEach(() => c.whatsapp.reset());

  const messagesOf = (phone: string) =>
    c.t.sql(
      `select m.id, m.direction, m.status, m.channel, m.options, m.provider_message_id, m.attempts from messages m
         join conversations cv on cv.id = m.conversation_id join customers cu on cu.id = cv.customer_id
        where cu.phone = $1 order by m.seq`,
      [phone],
    );

  describe('verification handshake', () => {
    const verify = (query: string) => c.t.request('GET', `/webhooks/whatsapp?${query}`);

    it('echoes hub.challenge as text for the right verify token', async () => {
      const res = await verify(`hub.mode=subscribe&hub.verify_token=${c.verifyToken}&hub.challenge=1158201444`);
      expect(res.status).toBe(200);
      expect(res.body).toBe('1158201444');
      expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
    });

    it.each([
      ['a wrong token', () => 'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1'],
      ['no token', () => 'hub.mode=subscribe&hub.challenge=1'],
      ['another mode', () => `hub.mode=unsubscribe&hub.verify_token=${c.verifyToken}&hub.challenge=1`],
    ])('answers 403 for %s', async (_name, query) => {
      expect((await verify(query())).status).toBe(403);
    });
  });

  it('takes a signed text message in; the replies go out through the outbox to the Graph API', async () => {
    const from = phoneNumber();
    const id = wamid();
    const res = await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(from, 'Hi there', id)] }));
    expect(res.status).toBe(200);

    const rows = await messagesOf(from);
    expect(rows[0]).toMatchObject({ direction: 'inbound', status: 'received', channel: 'whatsapp', provider_message_id: id });
    const replies = rows.slice(1);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.direction === 'outbound' && r.status === 'pending')).toBe(true);
    // The customer record is the E.164 number, whatever the channel.
    expect(
      (await c.t.sql('select count(*)::int as n from customers where tenant_id = $1 and phone = $2', [b.tenant.id, from]))[0].n,
    ).toBe(1);

    expect(await c.outbox.deliverDue()).toBe(replies.length);
    expect(c.whatsapp.sent).toHaveLength(replies.length);
    for (const sent of c.whatsapp.sent) {
      expect(sent.phoneNumberId).toBe(b.whatsappId);
      expect(sent.payload).toMatchObject({ messaging_product: 'whatsapp', to: from.slice(1) });
    }
    const after = await messagesOf(from);
    expect(after.slice(1).map((r) => [r.status, r.provider_message_id, r.attempts])).toEqual(
      c.whatsapp.sent.map((s) => ['sent', s.id, 1]),
    );
  });

  describe('signatures', () => {
    it.each([
      ['a missing signature', () => null],
      ['a signature with another secret', () => 'sha256=' + '0'.repeat(64)],
      [
        'a signature of other bytes',
        (body: string) => `sha256=${createHmac('sha256', c.appSecret).update(`${body} `).digest('hex')}`,
      ],
      ['a malformed header', () => 'sha1=abc'],
    ])('refuses %s with 403 and stores nothing', async (_name, sign) => {
      const before = await messageCounts(c.t);
      const body = waNotification(b.whatsappId, { messages: [waText(phoneNumber(), "I'd like a haircut tomorrow at 10am")] });
      const res = await postWhatsApp(c, body, { signature: sign(JSON.stringify(body)) });
      expect(res.status).toBe(403);
      expect(await messageCounts(c.t)).toEqual(before);
      await c.outbox.deliverDue();
      expect(c.whatsapp.requests).toHaveLength(0);
    });

    it('checks the signature over the exact bytes received (whitespace included)', async () => {
      const from = phoneNumber();
      const raw = JSON.stringify(waNotification(b.whatsappId, { messages: [waText(from, 'Hello')] }), null, 2);
      expect((await postWhatsApp(c, undefined, { raw })).status).toBe(200);
      expect((await messagesOf(from)).length).toBeGreaterThan(1);
    });
  });

  it('acknowledges a signed body that is not JSON, storing nothing', async () => {
    const before = await messageCounts(c.t);
    const res = await postWhatsApp(c, undefined, { raw: '{"object": "whatsapp_business_account", "entry": [' });
    expect(res.status).toBe(200);
    expect(await messageCounts(c.t)).toEqual(before);
  });

  it('acknowledges notifications for a phone number id no business uses, and types it does not read', async () => {
    const before = await messageCounts(c.t);
    expect((await postWhatsApp(c, waNotification('999000111', { messages: [waText(phoneNumber(), 'Hi')] }))).status).toBe(200);
    const image = {
      from: phoneNumber().slice(1),
      id: wamid(),
      type: 'image',
      image: { id: 'media-id', mime_type: 'image/jpeg' },
    };
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { messages: [image] }))).status).toBe(200);
    expect(await messageCounts(c.t)).toEqual(before);
  });

  it('changes nothing and sends nothing new for a repeated message id', async () => {
    const from = phoneNumber();
    const notification = waNotification(b.whatsappId, { messages: [waText(from, 'Hello', wamid())] });
    expect((await postWhatsApp(c, notification)).status).toBe(200);
    await c.outbox.deliverDue();
    const sentBefore = c.whatsapp.sent.length;
    const before = await messageCounts(c.t);
    const conversation = await conversationOf(c.t, b.tenant.id, from);

    expect((await postWhatsApp(c, notification)).status).toBe(200);
    expect(await messageCounts(c.t)).toEqual(before);
    expect(await conversationOf(c.t, b.tenant.id, from)).toEqual(conversation);
    expect(await c.outbox.deliverDue()).toBe(0);
    expect(c.whatsapp.sent).toHaveLength(sentBefore);
  });

  it('changes nothing at all for a repeated message id from another sender or to another business', async () => {
    const id = wamid();
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(phoneNumber(), 'Hello', id)] }))).status).toBe(
      200,
    );
    await c.outbox.deliverDue();
    const other = await channelTenant(c.t);
    const fingerprint = await DbFingerprint.open(c.t.databaseUrl);
    try {
      const before = await fingerprint.take();
      for (const phoneNumberId of [b.whatsappId, other.whatsappId]) {
        const replay = waNotification(phoneNumberId, { messages: [waText(phoneNumber(), 'Someone else', id)] });
        expect((await postWhatsApp(c, replay)).status).toBe(200);
      }
      expect(await fingerprint.take()).toEqual(before);
    } finally {
      await fingerprint.close();
    }
  });

  it('keeps a message with a NUL character (U+0000), stored and answered without it', async () => {
    const from = phoneNumber();
    const message = waText(from, 'Hi\u0000 there');
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { messages: [message] }))).status).toBe(200);
    const [inbound] = await c.t.sql(`select body from messages where provider_message_id = $1`, [message.id]);
    expect(inbound.body).toBe('Hi there');
    expect((await messagesOf(from)).some((m) => m.direction === 'outbound')).toBe(true);
  });

  it('sends options as interactive messages whose ids are the option ids, and a tap reaches the engine as that option', async () => {
    const from = phoneNumber();
    await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(from, "I'd like a haircut tomorrow")] }));
    await c.outbox.deliverDue();
    const offered = (await messagesOf(from)).filter((m) => m.direction === 'outbound' && m.options?.length);
    expect(offered.length).toBeGreaterThan(0);
    const options = offered[offered.length - 1].options as { id: string; label: string }[];
    const interactive = c.whatsapp.sent.map((s) => s.payload).filter((p) => p.type === 'interactive');
    expect(interactive.length).toBeGreaterThan(0);
    const last = interactive[interactive.length - 1].interactive;
    const ids =
      last.type === 'button'
        ? last.action.buttons.map((x: any) => x.reply.id)
        : last.action.sections.flatMap((s: any) => s.rows.map((r: any) => r.id));
    expect(ids).toEqual(options.map((o) => o.id));

    // The tapped title is meaningless on purpose: the engine must go by the id.
    const before = await conversationOf(c.t, b.tenant.id, from);
    const chosen = options[options.length - 1];
    const tap = last.type === 'button' ? waButtonTap(from, chosen.id, 'zzz') : waListTap(from, chosen.id, 'zzz');
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { messages: [tap] }))).status).toBe(200);
    const after = await conversationOf(c.t, b.tenant.id, from);
    expect(after!.awaiting).not.toBe(before!.awaiting);
    const [inbound] = await c.t.sql(`select body from messages where provider_message_id = $1`, [tap.id]);
    expect(inbound.body).toBe('zzz');
  });

  it('moves delivery status forward only, from status notifications', async () => {
    const from = phoneNumber();
    await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(from, 'Hello')] }));
    await c.outbox.deliverDue();
    const [reply] = (await messagesOf(from)).filter((m) => m.direction === 'outbound');
    expect(reply.status).toBe('sent');
    const status = (s: string) => ({
      id: reply.provider_message_id,
      status: s,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: from.slice(1),
    });
    const statusOf = async () => (await c.t.sql('select status from messages where id = $1', [reply.id]))[0].status;

    expect((await postWhatsApp(c, waNotification(b.whatsappId, { statuses: [status('delivered')] }))).status).toBe(200);
    expect(await statusOf()).toBe('delivered');
    await postWhatsApp(c, waNotification(b.whatsappId, { statuses: [status('read')] }));
    expect(await statusOf()).toBe('read');
    // Late or out-of-order reports do not move it back.
    await postWhatsApp(c, waNotification(b.whatsappId, { statuses: [status('delivered'), status('sent'), status('failed')] }));
    expect(await statusOf()).toBe('read');
    // A report about a message we never sent is acknowledged and changes nothing.
    expect((await postWhatsApp(c, waNotification(b.whatsappId, { statuses: [{ id: wamid(), status: 'read' }] }))).status).toBe(
      200,
    );
  });

  it('records the reason of a failure Meta reports', async () => {
    const from = phoneNumber();
    await postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(from, 'Hello')] }));
    await c.outbox.deliverDue();
    const [reply] = (await messagesOf(from)).filter((m) => m.direction === 'outbound');
    await postWhatsApp(
      c,
      waNotification(b.whatsappId, {
        statuses: [
          { id: reply.provider_message_id, status: 'failed', errors: [{ code: 131026, title: 'Message undeliverable' }] },
        ],
      }),
    );
    expect((await c.t.sql('select status, last_error from messages where id = $1', [reply.id]))[0]).toEqual({
      status: 'failed',
      last_error: 'WhatsApp error 131026: Message undeliverable',
    });
  });

  it('refuses messages to a suspended business with a clear 403, storing nothing', async () => {
    const other = await channelTenant(c.t);
    const admin = await c.t.superAdminToken();
    await c.t.request('PATCH', `/api/v1/admin/tenants/${other.tenant.id}`, { token: admin, body: { status: 'suspended' } });
    const before = await messageCounts(c.t);
    const res = await postWhatsApp(
      c,
      waNotification(other.whatsappId, { messages: [waText(phoneNumber(), "I'd like a haircut tomorrow at 10am")] }),
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'tenant_suspended' });
    expect(await messageCounts(c.t)).toEqual(before);
  });

  it('books a haircut over WhatsApp from start to finish (source whatsapp), tapping the offered options', async () => {
    const from = phoneNumber();
    let message = waText(from, "I'd like a haircut tomorrow at 10am");
    for (let turn = 0; turn < 10; turn++) {
      expect((await postWhatsApp(c, waNotification(b.whatsappId, { messages: [message] }))).status).toBe(200);
      await c.outbox.deliverDue();
      const [booking] = await c.t.sql(
        `select b.id from bookings b join customers cu on cu.id = b.customer_id where cu.phone = $1 and b.status = 'confirmed'`,
        [from],
      );
      if (booking) break;
      const conversation = await conversationOf(c.t, b.tenant.id, from);
      const [offered] = await c.t.sql(
        `select m.options from messages m where m.conversation_id = $1 and m.direction = 'outbound' order by m.seq desc limit 1`,
        [conversation!.id],
      );
      const options = (offered?.options ?? []) as { id: string; label: string }[];
      message =
        options.length > 0 && conversation!.awaiting !== 'name'
          ? waButtonTap(from, options[0].id, options[0].label)
          : waText(from, answerFor(conversation!.awaiting));
    }
    const bookings = await c.t.sql(
      `select b.status, b.source from bookings b join customers cu on cu.id = b.customer_id where cu.phone = $1`,
      [from],
    );
    expect(bookings).toEqual([{ status: 'confirmed', source: 'whatsapp' }]);
    const outbound = (await messagesOf(from)).filter((m) => m.direction === 'outbound');
    expect(outbound.every((m) => m.status === 'sent')).toBe(true);
    expect(c.whatsapp.sent.length).toBe(outbound.length);
  });
});
