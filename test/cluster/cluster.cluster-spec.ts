/**
 * The proof of the contract's "several API processes may share one database": two real API
 * processes on one Postgres behind a round-robin proxy, each case checking that the pair
 * behaves as one process would. Extend it whenever a new background job appears.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CLAIM_BATCH } from '../../apps/api/src/modules/channels/outbox-sender';
import { bookableTenant, type BookableTenant, customer } from '../booking-fixtures';
import { chatAs } from '../chat-fixtures';
import { answerFor, twilioParams, twimlMessages, waNotification, waText, wamid } from '../fakes/channels';
import { FIXED_DEPOSIT } from '../fakes/payments';
import { LOGIN_FAILURES_PER_PAIR } from '../../apps/api/src/common/access/rate-limits.service';
import { type Cluster, PUBLIC_RATE_LIMIT_PER_MINUTE, startCluster } from './cluster';

let phones = 0;
/** A fresh phone number for each customer of this run. */
const phone = () => `+1917${String(process.pid % 1000).padStart(3, '0')}${String(phones++).padStart(4, '0')}`;

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(200);
  }
}

describe('two API processes on one database behind a round-robin balancer', () => {
  let c: Cluster;
  let shop: BookableTenant & { smsNumber: string; whatsappId: string; ownerEmail: string };

  const ok = async <T>(res: Promise<{ status: number; body: T }>, expected = 200): Promise<T> => {
    const r = await res;
    if (r.status !== expected) throw new Error(`answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const pendingOutbound = async () =>
    (await c.sql<{ n: number }>(`select count(*)::int as n from messages where status = 'pending'`))[0].n;
  const bothServed = async <T>(work: () => Promise<T>): Promise<T> => {
    const before = c.servers.map((s) => c.proxy.served.get(s.baseUrl) ?? 0);
    const result = await work();
    c.servers.forEach((s, i) => expect(c.proxy.served.get(s.baseUrl) ?? 0).toBeGreaterThan(before[i]));
    return result;
  };

  beforeAll(async () => {
    c = await startCluster();
    const b = await bookableTenant(c.api);
    const channels = { smsNumber: phone(), whatsappPhoneNumberId: String(1_000_000_000 + Math.floor(Math.random() * 8e9)) };
    await ok(c.api.request('PUT', '/api/v1/settings/channels', { token: b.ownerToken, body: channels }));
    // No quiet hours: the reminders below are made due now, whatever the hour of the run.
    await ok(
      c.api.request('PUT', '/api/v1/settings/reminders', {
        token: b.ownerToken,
        body: { enabled: true, offsetsMinutes: [1440, 120], quietHours: null, whatsappTemplate: 'appointment_reminder' },
      }),
    );
    const [owner] = await c.sql<{ email: string }>(`select email from users where tenant_id = $1`, [b.tenant.id]);
    shop = { ...b, smsNumber: channels.smsNumber, whatsappId: channels.whatsappPhoneNumberId, ownerEmail: owner.email };
  }, 180_000);

  afterAll(async () => {
    await c?.stop();
  });

  it('lets exactly one of 50 concurrent overlapping bookings through, whichever process takes each', async () => {
    const staffId = shop.staffIds[0];
    const date = shop.day(7);
    const starts = [shop.at(date, '10:00'), shop.at(date, '10:15')];
    const results = await bothServed(() =>
      Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          c.api.request('POST', `/api/v1/public/${shop.tenant.slug}/bookings`, {
            body: { serviceId: shop.serviceId, staffId, start: starts[i % 2], customer: customer(phone(), `Racer ${i}`) },
          }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.body.code])).toEqual(
      Array.from({ length: 49 }, () => [409, 'slot_unavailable']),
    );
    const [row] = await c.sql(`select count(*)::int as n from bookings where staff_id = $1 and start_at::date = $2`, [
      staffId,
      date,
    ]);
    expect(row.n).toBe(1);
  });

  it("keeps one customer's chat in one conversation, replies in order, with each message on the other process", async () => {
    const from = phone();
    const sent: string[] = [];
    let turn = await bothServed(async () => {
      let answer = await chatAs(c.api, shop, from, (sent[sent.length] = 'Hi, I want a haircut'));
      for (let i = 0; i < 8 && !(answer.bookingId && answer.awaiting === 'confirmation'); i++) {
        answer = await chatAs(c.api, shop, from, (sent[sent.length] = answerFor(answer.awaiting)));
      }
      return answer;
    });
    expect(turn).toMatchObject({ awaiting: 'confirmation', bookingId: expect.any(String) });
    const conversations = await c.sql(
      `select cv.id from conversations cv join customers cu on cu.tenant_id = cv.tenant_id and cu.id = cv.customer_id
        where cu.tenant_id = $1 and cu.phone = $2`,
      [shop.tenant.id, from],
    );
    expect(conversations).toHaveLength(1);
    const messages = await c.sql<{ direction: string; body: string }>(
      `select direction, body from messages where conversation_id = $1 order by seq`,
      [conversations[0].id],
    );
    // Each message the customer sent, in order, and right after it the bot's answer to it.
    expect(messages.filter((m) => m.direction === 'inbound').map((m) => m.body)).toEqual(sent);
    const turns = messages
      .map((m) => (m.direction === 'inbound' ? 'in' : 'out'))
      .join(' ')
      .split('in')
      .slice(1);
    expect(turns).toHaveLength(sent.length);
    expect(turns.every((t) => t.trim().startsWith('out'))).toBe(true);
    turn = await chatAs(c.api, shop, from, 'yes');
    expect((await c.sql(`select status from bookings where id = $1`, [turn.bookingId]))[0].status).toBe('confirmed');
  });

  it('processes an inbound SMS delivered to both processes once', async () => {
    const params = twilioParams({ To: shop.smsNumber, From: phone(), Body: 'Hi, what do you offer?' });
    const answers = await Promise.all(c.servers.map((s) => c.postTwilioSms(s.baseUrl, params)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // One process answers with the replies; the other finds the MessageSid already handled.
    const replies = answers.map((a) => twimlMessages(a.body).length);
    expect(replies.filter((n) => n > 0)).toHaveLength(1);
    const inbound = await c.sql(`select count(*)::int as n from messages where provider_message_id = $1`, [params.MessageSid]);
    expect(inbound[0].n).toBe(1);
  });

  it('processes a WhatsApp message delivered to both processes once, and sends each reply once', async () => {
    const from = phone();
    const id = wamid();
    const payload = JSON.stringify(waNotification(shop.whatsappId, { messages: [waText(from, 'Hi, what do you offer?', id)] }));
    const answers = await Promise.all(c.servers.map((s) => c.postWhatsApp(s.baseUrl, payload)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await until('the outbox is empty', async () => (await pendingOutbound()) === 0, 30_000);
    const inbound = await c.sql(`select count(*)::int as n from messages where provider_message_id = $1`, [id]);
    expect(inbound[0].n).toBe(1);
    const outbound = await c.sql<{ provider_message_id: string; status: string }>(
      `select m.provider_message_id, m.status from messages m join customers cu on cu.tenant_id = m.tenant_id
        join conversations cv on cv.tenant_id = m.tenant_id and cv.id = m.conversation_id and cv.customer_id = cu.id
        where cu.phone = $1 and m.direction = 'outbound'`,
      [from],
    );
    expect(outbound.length).toBeGreaterThan(0);
    expect(outbound.every((m) => m.status === 'sent')).toBe(true);
    const delivered = c.whatsapp.sent.filter((s) => `+${String(s.payload.to)}` === from);
    expect(delivered.map((s) => s.id).sort()).toEqual(outbound.map((m) => m.provider_message_id).sort());
  });

  it('expires chat holds and lapsed payment windows once, with every process sweeping', async () => {
    const held: string[] = [];
    for (let i = 0; i < 3; i++) {
      const from = phone();
      let answer = await chatAs(c.api, shop, from, 'Hi, I want a haircut');
      for (let j = 0; j < 8 && !(answer.bookingId && answer.awaiting === 'confirmation'); j++) {
        answer = await chatAs(
          c.api,
          shop,
          from,
          answerFor(answer.awaiting) === '10am' ? `${10 + i}am` : answerFor(answer.awaiting),
        );
      }
      expect(answer.bookingId).toEqual(expect.any(String));
      held.push(answer.bookingId!);
    }
    const paying = await bookableTenant(c.api);
    await ok(c.api.request('PUT', '/api/v1/settings/deposits', { token: paying.ownerToken, body: FIXED_DEPOSIT }));
    const unpaid: string[] = [];
    for (let i = 0; i < 3; i++) {
      const booking = await ok(
        c.api.request('POST', `/api/v1/public/${paying.tenant.slug}/bookings`, {
          body: { serviceId: paying.serviceId, start: paying.at(paying.day(3 + i), '10:00'), customer: customer(phone()) },
        }),
        201,
      );
      expect(booking.status).toBe('pending_payment');
      unpaid.push(booking.id);
    }
    const all = [...held, ...unpaid];
    expect(
      await c.sql(`select status from bookings where id = any($1) and status in ('held', 'pending_payment')`, [all]),
    ).toHaveLength(6);

    await c.sql(`update bookings set hold_expires_at = now() - interval '1 second' where id = any($1)`, [all]);
    // The hold sweep runs every 15 s and the payment sweep every 20 s, in each process.
    await until(
      'every hold and payment window has expired',
      async () => (await c.sql(`select 1 from bookings where id = any($1) and status <> 'expired'`, [all])).length === 0,
      60_000,
    );
    const expiries = await c.sql<{ entity_id: string; n: number }>(
      `select entity_id, count(*)::int as n from audit_log
        where entity_id = any($1) and action in ('booking.expire', 'booking.payment_expired') group by entity_id`,
      [all],
    );
    expect(expiries.map((e) => e.n)).toEqual(all.map(() => 1));
    for (const bookingId of unpaid) {
      const [payment] = await c.sql(`select checkout_session_id as id from payments where booking_id = $1`, [bookingId]);
      expect(c.stripe.object(payment.id)!.status).toBe('expired');
    }
  }, 120_000);

  it('sends each due reminder once, by SMS through the outbox', async () => {
    const customers = [phone(), phone(), phone()];
    const bookings: string[] = [];
    for (const [i, to] of customers.entries()) {
      const booking = await ok(
        c.api.request('POST', '/api/v1/bookings', {
          token: shop.ownerToken,
          body: {
            serviceId: shop.serviceId,
            start: shop.at(shop.day(10), `${String(9 + i).padStart(2, '0')}:00`),
            customer: customer(to),
          },
        }),
        201,
      );
      bookings.push(booking.id);
    }
    const reminders = await c.sql(`select id from reminders where booking_id = any($1) and status = 'scheduled'`, [bookings]);
    expect(reminders).toHaveLength(bookings.length * 2);
    await c.sql(`update reminders set due_at = now() where booking_id = any($1)`, [bookings]);
    await until(
      'every reminder is sent',
      async () =>
        (await c.sql(`select 1 from reminders where booking_id = any($1) and status = 'scheduled'`, [bookings])).length === 0 &&
        (await pendingOutbound()) === 0,
      30_000,
    );
    const statuses = await c.sql(`select status from reminders where booking_id = any($1)`, [bookings]);
    expect(statuses.map((r) => r.status)).toEqual(reminders.map(() => 'sent'));
    for (const to of customers) expect(c.twilio.sent.filter((s) => s.to === to)).toHaveLength(2);
  });

  it('rescores each reminded, unconfirmed booking once at T−2 h, with every process sweeping', async () => {
    const bookings: string[] = [];
    for (const time of ['09:00', '10:00']) {
      for (const staffId of shop.staffIds) {
        const booking = await ok(
          c.api.request('POST', '/api/v1/bookings', {
            token: shop.ownerToken,
            body: { serviceId: shop.serviceId, staffId, start: shop.at(shop.day(20), time), customer: customer(phone()) },
          }),
          201,
        );
        bookings.push(booking.id);
      }
    }
    // The day-before reminders go out now; nobody answers.
    await c.sql(`update reminders set due_at = now() where booking_id = any($1) and offset_minutes = 1440`, [bookings]);
    await until(
      'the day-before reminders are sent',
      async () =>
        (
          await c.sql(`select 1 from reminders where booking_id = any($1) and offset_minutes = 1440 and status <> 'sent'`, [
            bookings,
          ])
        ).length === 0,
      30_000,
    );
    // Then the appointments come near: the first two start in 40 minutes, the others in 100.
    await c.sql(
      `with shift as (select (now() + interval '40 minutes') - min(start_at) as by from bookings where id = any($1))
       update bookings set start_at = start_at + shift.by, end_at = end_at + shift.by,
              blocked = tstzrange(lower(blocked) + shift.by, upper(blocked) + shift.by, '[)')
         from shift where id = any($1)`,
      [bookings],
    );
    // The rescoring sweep runs every 30 s in each process.
    await until(
      'every booking is rescored',
      async () =>
        (await c.sql(`select 1 from bookings where id = any($1) and risk_rescored_for = start_at`, [bookings])).length ===
        bookings.length,
      45_000,
    );
    const rescores = await c.sql<{ entity_id: string; n: number }>(
      `select entity_id, count(*)::int as n from audit_log
        where entity_id = any($1) and action = 'booking.rescore_unconfirmed' group by entity_id`,
      [bookings],
    );
    expect(rescores.map((r) => r.n)).toEqual(bookings.map(() => 1));
    const reasons = await c.sql<{ reasons: string[] }>(`select risk_reasons as reasons from bookings where id = any($1)`, [
      bookings,
    ]);
    expect(reasons.every((r) => r.reasons.includes('unconfirmed'))).toBe(true);
  }, 90_000);

  it('counts failed sign-ins for both processes in one budget', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.23' };
    const attempt = (password: string) =>
      c.api.request('POST', '/api/v1/auth/login', { body: { email: shop.ownerEmail, password }, headers });
    const statuses: number[] = [];
    await bothServed(async () => {
      for (let i = 0; i < LOGIN_FAILURES_PER_PAIR * 2; i++) statuses.push((await attempt(`wrong-${i}`)).status);
    });
    // Per-process counting would let each process take its own five.
    expect(statuses).toEqual([...Array(LOGIN_FAILURES_PER_PAIR).fill(401), ...Array(LOGIN_FAILURES_PER_PAIR).fill(429)]);
    expect((await attempt('owner-password')).body.code).toBe('rate_limited');
    // From another address the owner still signs in.
    expect(
      (await c.api.request('POST', '/api/v1/auth/login', { body: { email: shop.ownerEmail, password: 'owner-password' } }))
        .status,
    ).toBe(200);
  });

  it("counts one client's public requests for both processes in one budget", async () => {
    const headers = { 'x-forwarded-for': '198.51.100.42' };
    const total = PUBLIC_RATE_LIMIT_PER_MINUTE + 100;
    let next = 0;
    const statuses: number[] = [];
    await bothServed(() =>
      Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next++ < total) {
            statuses.push((await c.api.request('GET', `/api/v1/public/${shop.tenant.slug}`, { headers })).status);
          }
        }),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(PUBLIC_RATE_LIMIT_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100);
  });

  it('loses no reply when one process is SIGKILLed mid-burst: the survivor sends its claims once their lease lapses', async () => {
    const customers = Array.from({ length: 60 }, () => phone());
    const notifications = customers.map((from) =>
      JSON.stringify(waNotification(shop.whatsappId, { messages: [waText(from, 'Hi, what do you offer?')] })),
    );
    // Each send takes 3 s at the provider: claimed batches stay in flight long enough to catch.
    c.whatsapp.delayMs = 3_000;
    const sentBefore = c.whatsapp.sent.length;
    const requestsBefore = c.whatsapp.requests.length;
    const inFlight = () => c.whatsapp.requests.length - requestsBefore - (c.whatsapp.sent.length - sentBefore);
    const acknowledged = new Set<number>();
    let next = 0;
    const deliverAll = async () => {
      while (next < notifications.length) {
        const i = next++;
        if ((await c.postWhatsApp(c.proxy.url, notifications[i])).status === 200) acknowledged.add(i);
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, deliverAll));
    // A process sends one claim batch at a time: more than one batch in flight means both hold claims.
    await until('both processes are sending', () => inFlight() > CLAIM_BATCH, 60_000);
    const [victim] = c.servers;
    process.kill(victim.pid!, 'SIGKILL');
    c.whatsapp.delayMs = 200;
    await victim.stop();
    c.proxy.remove(victim.baseUrl);
    await burst;
    // Meta redelivers what was not acknowledged; the balancer now sends it all to the survivor.
    const redelivered: number[] = [];
    for (const [i, body] of notifications.entries()) {
      if (!acknowledged.has(i)) redelivered.push((await c.postWhatsApp(c.proxy.url, body)).status);
    }
    expect(redelivered.filter((status) => status !== 200)).toEqual([]);
    // The survivor sends everything it can; what is left is held by the dead process's leases.
    const claimable = `status = 'pending' and (leased_until is null or leased_until < now())`;
    await until(
      'the survivor has sent all it can',
      async () => (await c.sql(`select 1 from messages where ${claimable}`)).length === 0,
      60_000,
    );
    // The survivor's own claims, if a batch was being sent just then, end within the 3 s delay.
    await sleep(4_000);
    const stranded = await c.sql<{ id: string; leased_until: Date }>(
      `select id, leased_until from messages where status = 'pending' and leased_until >= now()`,
    );
    expect(stranded.length).toBeGreaterThan(0);
    // Those leases run 60 s from their claim; then the survivor takes them.
    await until('the outbox is empty', async () => (await pendingOutbound()) === 0, 90_000);
    const after = await c.sql<{ id: string; status: string; updated_at: Date }>(
      `select id, status, updated_at from messages where id = any($1) order by id`,
      [stranded.map((m) => m.id)],
    );
    const leaseEnd = new Map(stranded.map((m) => [m.id, m.leased_until.getTime()]));
    expect(after.map((m) => m.status)).toEqual(stranded.map(() => 'sent'));
    expect(after.filter((m) => m.updated_at.getTime() < leaseEnd.get(m.id)!)).toEqual([]);

    const outbound = await c.sql<{ id: string; provider_message_id: string; phone: string }>(
      `select m.id, m.provider_message_id, cu.phone from messages m
         join conversations cv on cv.tenant_id = m.tenant_id and cv.id = m.conversation_id
         join customers cu on cu.tenant_id = cv.tenant_id and cu.id = cv.customer_id
        where cu.phone = any($1) and m.direction = 'outbound'`,
      [customers],
    );
    expect(await c.sql(`select id from messages where id = any($1) and status <> 'sent'`, [outbound.map((m) => m.id)])).toEqual(
      [],
    );
    const delivered = c.whatsapp.sent.slice(sentBefore);
    const answered = new Set(delivered.map((s) => `+${String(s.payload.to)}`));
    expect(customers.filter((p) => !answered.has(p))).toEqual([]);
    // A send the dead process made but never recorded goes out again: at most its one claim batch.
    const duplicates = delivered.length - outbound.length;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(CLAIM_BATCH);
  }, 180_000);
});
