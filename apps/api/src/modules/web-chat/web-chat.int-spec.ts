import { DateTime } from 'luxon';
import type { ChatResponse } from '@frontdesk/contracts';
import { type BookableTenant, bookableTenant, ZONE } from '../../../../../test/booking-fixtures';
import { channelTenant, type ChannelsTestApp, phoneNumber, startChannelsApp } from '../../../../../test/fakes/channels';

/** The public chat endpoint: who is talking (sessions, verification codes, staff talking as a phone). */
describe('web chat: who is talking', () => {
  let c: ChannelsTestApp;
  let shop: BookableTenant & { smsNumber: string };
  /** A business with no SMS number or WhatsApp id: it cannot send codes. */
  let silent: BookableTenant;

  const url = (b: BookableTenant) => `/api/v1/public/${b.tenant.slug}/chat`;
  const post = (b: BookableTenant, body: Record<string, unknown>, token?: string) =>
    c.t.request('POST', url(b), { body, ...(token && { token }) });

  /** A web visitor: sends without a session first, then with the one the answer gave. */
  function visitor(b: BookableTenant) {
    let session: string | undefined;
    return {
      get session() {
        return session;
      },
      async say(text: string): Promise<ChatResponse> {
        const res = await post(b, { text, ...(session && { session }) });
        if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${JSON.stringify(res.body)}`);
        const answer = res.body as ChatResponse;
        session = answer.session!;
        return answer;
      },
    };
  }

  const said = (answer: ChatResponse) => answer.replies.map((r) => r.text).join('\n');
  const bookingRow = async (id: string) =>
    (await c.t.sql<{ status: string; start_at: Date }>(`select status, start_at from bookings where id = $1`, [id]))[0];

  let slots = 0;
  /** A confirmed booking for `phone`, made on the booking page (each at its own time). */
  async function bookFor(b: BookableTenant, phone: string) {
    const start = DateTime.fromISO(b.at(b.day(4), '09:00')).plus({ minutes: 45 * slots++ });
    const res = await c.t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: {
        serviceId: b.serviceId,
        start: start.toISO(),
        customer: { name: 'Priya Shah', phone, email: 'priya@example.test' },
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; start: string };
  }

  /** The 6-digit code the fake Twilio last carried to `phone`. */
  function codeSentTo(phone: string): string {
    const sms = c.twilio.sent.filter((m) => m.to === phone).at(-1);
    const code = sms?.body.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no code was sent to ${phone}`);
    return code;
  }

  beforeAll(async () => {
    c = await startChannelsApp();
    shop = await channelTenant(c.t);
    silent = await bookableTenant(c.t);
  });
  afterAll(() => c.stop());

  describe('sessions', () => {
    it('a first message starts a session; later messages continue it', async () => {
      const v = visitor(shop);
      const first = await v.say('I want a haircut');
      expect(typeof first.session).toBe('string');
      expect(first.awaiting).toBe('date');
      const second = await v.say(DateTime.fromISO(shop.day(5), { zone: ZONE }).toFormat('LLLL d'));
      expect(second.session).toBe(first.session);
      expect(second.awaiting).toBe('slot_choice');
    });

    it('a tampered or unknown session answers 401 link_invalid', async () => {
      const v = visitor(shop);
      await v.say('hi');
      const [header, payload, signature] = v.session!.split('.');
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      for (const session of [`${header}.${payload}.${flipped}`, 'not-a-session', '']) {
        const res = await post(shop, { text: 'hi', session });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'link_invalid' });
      }
    });

    it("one business's session is no good on another's chat", async () => {
      const v = visitor(shop);
      await v.say('hi');
      const res = await post(silent, { text: 'hi', session: v.session });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'link_invalid' });
    });

    it('a manage link is not a session', async () => {
      const booked = await c.t.request('POST', `/api/v1/public/${shop.tenant.slug}/bookings`, {
        body: { serviceId: shop.serviceId, start: shop.at(shop.day(6), '11:00'), customer: { name: 'M', phone: phoneNumber() } },
      });
      const token = (booked.body as { manageUrl: string }).manageUrl.split('/').at(-1);
      const res = await post(shop, { text: 'hi', session: token });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'link_invalid' });
    });
  });

  describe('talking as a phone', () => {
    it('from without a sign-in answers 401 unauthorized and stores nothing', async () => {
      const phone = phoneNumber();
      for (const token of [undefined, 'not-a-token']) {
        const res = await post(shop, { from: phone, text: 'when is my appointment?' }, token);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthorized' });
      }
      // Another business's owner is not this one's.
      const other = await post(shop, { from: phone, text: 'hi' }, silent.ownerToken);
      expect(other.status).toBe(401);
      expect(await c.t.sql(`select 1 from customers where phone = $1`, [phone])).toEqual([]);
    });

    it('stops when the business is suspended, though its slug was remembered, and stores nothing', async () => {
      const paused = await bookableTenant(c.t);
      const phone = phoneNumber();
      expect((await post(paused, { from: phone, text: 'hi' }, paused.ownerToken)).status).toBe(200);
      const admin = await c.t.superAdminToken();
      const suspend = (status: string) =>
        c.t.request('PATCH', `/api/v1/admin/tenants/${paused.tenant.id}`, { token: admin, body: { status } });
      expect((await suspend('suspended')).status).toBe(200);
      const messages = async () => (await c.t.sql(`select id from messages where tenant_id = $1`, [paused.tenant.id])).length;
      const before = await messages();
      const res = await post(paused, { from: phone, text: 'when is my appointment?' }, paused.ownerToken);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthorized' });
      expect(await messages()).toBe(before);
      expect((await suspend('active')).status).toBe(200);
      expect((await post(paused, { from: phone, text: 'when is my appointment?' }, paused.ownerToken)).status).toBe(200);
    });

    it("with the owner's token, or a super-admin's with X-Tenant-Id, it is the phone's own conversation", async () => {
      const phone = phoneNumber();
      const booked = await bookFor(shop, phone);
      const res = await post(shop, { from: phone, text: 'when is my appointment?' }, shop.ownerToken);
      expect(res.status).toBe(200);
      expect(res.body.session).toBeNull();
      expect(said(res.body)).toMatch(/Your next appointment: Haircut/);
      const admin = await c.t.request('POST', url(shop), {
        token: await c.t.superAdminToken(),
        headers: { 'x-tenant-id': shop.tenant.id },
        body: { from: phone, text: 'cancel my appointment' },
      });
      expect(admin.status).toBe(200);
      expect(admin.body.state).toBe('CANCEL_CONFIRM');
      expect((await bookingRow(booked.id)).status).toBe('confirmed');
    });
  });

  describe('an anonymous visitor and earlier bookings', () => {
    it('can neither see, cancel nor reschedule them: the bot asks to verify the phone and nothing changes', async () => {
      const phone = phoneNumber();
      const booked = await bookFor(shop, phone);
      const before = await bookingRow(booked.id);
      const v = visitor(shop);
      for (const text of ['when is my appointment?', 'cancel my appointment', 'I need to reschedule my appointment']) {
        const asked = await v.say(text);
        expect(asked.awaiting).toBe('phone');
        expect(said(asked)).not.toMatch(/Haircut|appointment:/);
        expect(asked.bookingId).toBeNull();
      }
      const sent = await v.say(phone);
      expect(sent.awaiting).toBe('verification_code');
      expect(said(sent)).toMatch(/6-digit code/);
      expect(await bookingRow(booked.id)).toEqual(before);
      // Only a keyed hash of the code is kept.
      const code = codeSentTo(phone);
      const [stored] = await c.t.sql<{ code_hash: string; memory: unknown }>(
        `select code_hash, memory from web_chats where code_phone = $1`,
        [phone],
      );
      expect(stored.code_hash).not.toContain(code);
      expect(JSON.stringify(stored.memory)).not.toContain(code);
    });

    it('the code sent by SMS unlocks them for the session, and the waiting request goes ahead', async () => {
      const phone = phoneNumber();
      const booked = await bookFor(shop, phone);
      const v = visitor(shop);
      await v.say('cancel my appointment');
      await v.say(phone);
      const sms = c.twilio.sent.at(-1)!;
      expect(sms).toMatchObject({ from: shop.smsNumber, to: phone });
      const verified = await v.say(codeSentTo(phone));
      expect(said(verified)).toMatch(/that's you/);
      expect(verified).toMatchObject({ state: 'CANCEL_CONFIRM', awaiting: 'confirmation', bookingId: booked.id });
      const done = await v.say('yes');
      expect(said(done)).toMatch(/cancelled/);
      expect((await bookingRow(booked.id)).status).toBe('cancelled');
      // The session stays verified: the bookings are shown from now on.
      expect(said(await v.say('when is my appointment?'))).toMatch(/don't have any upcoming/);
      // Another session is anonymous again.
      expect((await visitor(shop).say('when is my appointment?')).awaiting).toBe('phone');
    });

    it('5 wrong codes end the attempt: the right code then counts for nothing', async () => {
      const phone = phoneNumber();
      const booked = await bookFor(shop, phone);
      const v = visitor(shop);
      await v.say('when is my appointment?');
      await v.say(phone);
      const code = codeSentTo(phone);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i++) expect((await v.say(wrong)).awaiting).toBe('verification_code');
      const ended = await v.say(wrong);
      expect(said(ended)).toMatch(/too many wrong codes/);
      expect(ended.awaiting).toBeNull();
      const late = await v.say(code);
      expect(said(late)).not.toMatch(/that's you|Haircut/);
      const [chat] = await c.t.sql<{ verified_phone: string | null; code_hash: string | null }>(
        `select verified_phone, code_hash from web_chats where memory->'visitor'->>'phone' = $1`,
        [phone],
      );
      expect(chat).toEqual({ verified_phone: null, code_hash: null });
      expect((await bookingRow(booked.id)).status).toBe('confirmed');
    });

    it('an expired code is refused', async () => {
      const phone = phoneNumber();
      await bookFor(shop, phone);
      const v = visitor(shop);
      await v.say('when is my appointment?');
      await v.say(phone);
      // Ten minutes pass: the code's deadline, as the engine remembers it, moves into the past.
      await c.t.sql(
        `update web_chats set memory = jsonb_set(memory, '{visitor,verification,expiresAt}', to_jsonb((now() - interval '1 second')::text))
          where code_phone = $1`,
        [phone],
      );
      const refused = await v.say(codeSentTo(phone));
      expect(said(refused)).toMatch(/expired/);
      expect(refused.awaiting).toBe('phone');
      const [chat] = await c.t.sql<{ verified_phone: string | null }>(
        `select verified_phone from web_chats where memory->'visitor'->>'phone' = $1`,
        [phone],
      );
      expect(chat.verified_phone).toBeNull();
    });

    it('a business on WhatsApp only sends the code by WhatsApp', async () => {
      const b = await bookableTenant(c.t);
      const whatsappId = String(2_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
      const set = await c.t.request('PUT', '/api/v1/settings/channels', {
        token: b.ownerToken,
        body: { smsNumber: null, whatsappPhoneNumberId: whatsappId },
      });
      expect(set.status).toBe(200);
      const phone = phoneNumber();
      const booked = await bookFor(b, phone);
      const v = visitor(b);
      await v.say('when is my appointment?');
      await v.say(phone);
      const message = c.whatsapp.sent.at(-1)!;
      expect(message).toMatchObject({ phoneNumberId: whatsappId, payload: { to: phone.replace('+', '') } });
      const code = (message.payload.text as { body: string }).body.match(/\b(\d{6})\b/)![1];
      expect(said(await v.say(code))).toMatch(/Your next appointment: Haircut/);
      expect((await bookingRow(booked.id)).status).toBe('confirmed');
    });

    it('with no channel to send a code, the bot points to the manage link', async () => {
      const phone = phoneNumber();
      const booked = await bookFor(silent, phone);
      const answer = await visitor(silent).say('cancel my appointment');
      expect(said(answer)).toMatch(/link in your booking confirmation/);
      expect(answer.awaiting).toBeNull();
      expect((await bookingRow(booked.id)).status).toBe('confirmed');
    });
  });

  describe("public bookings and the customer's record", () => {
    const customerOf = async (phone: string) =>
      (
        await c.t.sql<{ name: string; email: string; language: string }>(
          `select name, email, language from customers where phone = $1`,
          [phone],
        )
      )[0];

    async function existingCustomer(): Promise<string> {
      const phone = phoneNumber();
      const res = await c.t.request('POST', '/api/v1/bookings', {
        token: shop.ownerToken,
        body: {
          serviceId: shop.serviceId,
          start: shop.at(shop.day(7), '09:00'),
          customer: { name: 'Priya Shah', phone, email: 'priya@example.test' },
        },
      });
      expect(res.status).toBe(201);
      await c.t.sql(`update customers set language = 'es' where phone = $1`, [phone]);
      return phone;
    }

    it('the booking page keeps the stored name, email and language; the booking shows what was typed', async () => {
      const phone = await existingCustomer();
      const res = await c.t.request('POST', `/api/v1/public/${shop.tenant.slug}/bookings`, {
        body: {
          serviceId: shop.serviceId,
          start: shop.at(shop.day(8), '09:00'),
          customer: { name: 'Mallory', phone, email: 'mallory@evil.test' },
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.customer).toMatchObject({ name: 'Mallory', email: 'mallory@evil.test', phone });
      expect(await customerOf(phone)).toEqual({ name: 'Priya Shah', email: 'priya@example.test', language: 'es' });
      const shown = await c.t.request('GET', `/api/v1/bookings/${res.body.id}`, { token: shop.ownerToken });
      expect(shown.body.customer).toMatchObject({ name: 'Mallory', email: 'mallory@evil.test' });
      const searched = await c.t.request('GET', `/api/v1/bookings?search=Mallory`, { token: shop.ownerToken });
      expect(searched.body.items.map((x: { id: string }) => x.id)).toEqual([res.body.id]);
    });

    it('so does an unverified web chat booking', async () => {
      const phone = await existingCustomer();
      const v = visitor(shop);
      const when = DateTime.fromISO(shop.day(9), { zone: ZONE }).toFormat('LLLL d');
      expect((await v.say(`a haircut on ${when} at 2pm`)).awaiting).toBe('name');
      expect((await v.say('Mallory')).awaiting).toBe('phone');
      const holding = await v.say(phone);
      expect(holding.state).toBe('CONFIRMING');
      const booked = await v.say('yes');
      expect(said(booked)).toMatch(/You're booked/);
      expect(await customerOf(phone)).toEqual({ name: 'Priya Shah', email: 'priya@example.test', language: 'es' });
      const [row] = await c.t.sql<{ status: string; source: string; customer_name: string }>(
        `select status, source, customer_name from bookings where id = $1`,
        [booked.bookingId],
      );
      expect(row).toEqual({ status: 'confirmed', source: 'chat', customer_name: 'Mallory' });
    });
  });
});
