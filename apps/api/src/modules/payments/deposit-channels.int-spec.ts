import { DateTime } from 'luxon';
import { ZONE } from '../../../../../test/booking-fixtures';
import {
  type ChannelsTestApp,
  channelTenant,
  conversationOf,
  phoneNumber,
  postTwilioSms,
  postWhatsApp,
  startChannelsApp,
  twilioParams,
  twimlMessages,
  waNotification,
  waText,
} from '../../../../../test/fakes/channels';
import type { ChatResponse } from '@frontdesk/contracts';
import { FakeStripe } from '../../../../../test/fakes/fake-stripe';
import { postStripeEvent } from '../../../../../test/fakes/payments';

const DEPOSITS = {
  enabled: true,
  default: { type: 'percent', percent: 50 },
  primeTime: null,
  weekend: null,
  repeatNoShow: null,
  highRisk: null,
  paymentWindowMinutes: 60,
  refundOnTimelyCancel: true,
};

describe('deposits for bookings made by SMS and chat', () => {
  let c: ChannelsTestApp;
  let stripe: FakeStripe;
  let b: Awaited<ReturnType<typeof channelTenant>>;
  let daysAhead = 3;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    c = await startChannelsApp(stripe.env());
    b = await channelTenant(c.t);
    const res = await c.t.request('PUT', '/api/v1/settings/deposits', { token: b.ownerToken, body: DEPOSITS });
    if (res.status !== 200) throw new Error(`deposit settings refused: ${JSON.stringify(res.body)}`);
  });
  afterAll(async () => {
    await c.stop();
    await stripe.stop();
  });

  /** The webhook poster's view of this app and fake. */
  const payments = () => ({ t: c.t, stripe, stop: () => Promise.resolve() });
  const bookingsOf = (phone: string) =>
    c.t.sql(
      `select b.id, b.status, b.payment_status, b.deposit_cents, b.source, b.deposit_reasons from bookings b
         join customers cu on cu.id = b.customer_id where cu.phone = $1 order by b.created_at`,
      [phone],
    );
  const sms = (from: string, body: string) => postTwilioSms(c, twilioParams({ To: b.smsNumber, From: from, Body: body }));
  const askFor = () =>
    `Can I get a haircut on ${DateTime.now().setZone(ZONE).plus({ days: daysAhead++ }).toFormat('LLL d')} at 3pm?`;

  it('pending → paid → confirmed by SMS, the customer told by SMS', async () => {
    const from = phoneNumber();
    expect((await sms(from, askFor())).status).toBe(200);
    await sms(from, 'Priya Patel');
    await sms(from, 'yes');
    const [booking] = await bookingsOf(from);
    expect(booking).toMatchObject({
      status: 'pending_payment',
      payment_status: 'pending',
      deposit_cents: 1500,
      source: 'sms',
      deposit_reasons: ['default'],
    });
    const view = (await c.t.request('GET', `/api/v1/bookings/${booking.id}`, { token: b.ownerToken })).body;
    expect(view.paymentUrl).toEqual(expect.any(String));
    const [payment] = await c.t.sql(`select checkout_session_id from payments where booking_id = $1`, [booking.id]);

    c.twilio.reset();
    const paid = stripe.event('checkout.session.completed', stripe.pay(payment.checkout_session_id));
    expect((await postStripeEvent(payments(), paid)).status).toBe(200);
    expect((await bookingsOf(from))[0]).toMatchObject({ status: 'confirmed', payment_status: 'paid' });
    await c.outbox.deliverDue();
    const told = c.twilio.sent.filter((m) => m.to === from);
    expect(told).toHaveLength(1);
    expect(told[0].body).toMatch(/deposit/i);
    expect(told[0].body).toMatch(/confirmed/i);
  });

  it('a chat booking asks for its deposit; its session expiring lets the slot go', async () => {
    const from = `+1 212 555 ${String(3000 + Math.floor(Math.random() * 999))}`;
    const chat = (text: string) =>
      c.t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text } });
    await chat(askFor());
    await chat('Sam Lee');
    await chat('yes');
    const [booking] = await bookingsOf(`+1212555${from.slice(-4)}`);
    expect(booking).toMatchObject({ status: 'pending_payment', source: 'chat', deposit_cents: 1500 });
    const [payment] = await c.t.sql(`select checkout_session_id from payments where booking_id = $1`, [booking.id]);
    const expired = stripe.event('checkout.session.expired', stripe.expire(payment.checkout_session_id));
    await postStripeEvent(payments(), expired);
    expect((await bookingsOf(`+1212555${from.slice(-4)}`))[0]).toMatchObject({ status: 'expired' });
  });

  it('by SMS the confirming reply carries the Checkout link; "I paid" is answered from the real status', async () => {
    const from = phoneNumber();
    await sms(from, askFor());
    await sms(from, 'Ana Ruiz');
    const asked = twimlMessages((await sms(from, 'yes')).body).join('\n');
    const [booking] = await bookingsOf(from);
    const [payment] = await c.t.sql(`select checkout_session_id, checkout_url from payments where booking_id = $1`, [booking.id]);
    expect(asked).toContain(payment.checkout_url);
    expect(asked).toMatch(/deposit/);
    expect(asked).not.toMatch(/You're booked/);
    expect(await conversationOf(c.t, b.tenant.id, from)).toMatchObject({ state: 'PAYMENT_PENDING', awaiting: 'payment' });

    const notYet = twimlMessages((await sms(from, 'I paid')).body).join('\n');
    expect(notYet).toContain(payment.checkout_url);
    expect((await bookingsOf(from))[0].status).toBe('pending_payment');

    await postStripeEvent(payments(), stripe.event('checkout.session.completed', stripe.pay(payment.checkout_session_id)));
    const paid = twimlMessages((await sms(from, 'I paid')).body).join('\n');
    expect(paid).toMatch(/confirmed|booked/i);
    expect(paid).not.toContain(payment.checkout_url);
  });

  it('"please cancel it" while the deposit is awaited lets the slot go and ends the session at Stripe', async () => {
    const from = phoneNumber();
    await sms(from, askFor());
    await sms(from, 'Ana Ruiz');
    await sms(from, 'yes');
    const [booking] = await bookingsOf(from);
    const [{ checkout_session_id: sessionId }] = await c.t.sql(`select checkout_session_id from payments where booking_id = $1`, [
      booking.id,
    ]);
    const answer = twimlMessages((await sms(from, 'please cancel it')).body).join('\n');
    expect(answer).toMatch(/let that time go/);
    expect((await bookingsOf(from))[0].status).toBe('expired');
    expect(stripe.requests.some((r) => r.method === 'POST' && r.url === `/v1/checkout/sessions/${sessionId}/expire`)).toBe(true);
    expect(await c.t.sql(`select status from payments where booking_id = $1`, [booking.id])).toEqual([{ status: 'expired' }]);
  });

  it('Stripe failing to open the page: the customer is told the time is not kept, and the slot is free again', async () => {
    const from = phoneNumber();
    await sms(from, askFor());
    await sms(from, 'Ana Ruiz');
    stripe.failNext(1, 400);
    const answer = twimlMessages((await sms(from, 'yes')).body).join('\n');
    expect(answer).toMatch(/couldn't open the deposit payment/);
    expect(answer).not.toMatch(/You're booked/);
    expect((await bookingsOf(from))[0]).toMatchObject({ status: 'expired' });
    expect(await conversationOf(c.t, b.tenant.id, from)).toMatchObject({ state: 'IDLE' });
  });

  it('a web chat visitor is asked for the deposit with a Pay link (state PAYMENT_PENDING)', async () => {
    const url = `/api/v1/public/${b.tenant.slug}/chat`;
    let session: string | undefined;
    const say = async (text: string) => {
      const res = await c.t.request('POST', url, { body: { text, ...(session && { session }) } });
      expect(res.status).toBe(200);
      session = (res.body as ChatResponse).session!;
      return res.body as ChatResponse;
    };
    await say(askFor());
    await say('Mia Chen');
    expect((await say(phoneNumber())).state).toBe('CONFIRMING');
    const asked = await say('yes');
    const [payment] = await c.t.sql(`select checkout_url from payments where booking_id = $1`, [asked.bookingId]);
    expect(asked).toMatchObject({ state: 'PAYMENT_PENDING', awaiting: 'payment' });
    expect(asked.replies).toEqual([expect.objectContaining({ link: { url: payment.checkout_url, label: 'Pay deposit' } })]);
  });

  it('by WhatsApp: the link goes out as a URL button; paid → confirmed, the customer told on WhatsApp', async () => {
    const from = phoneNumber();
    const wa = (text: string) => postWhatsApp(c, waNotification(b.whatsappId, { messages: [waText(from, text)] }));
    await wa(askFor());
    await wa('Lena Park');
    await wa('yes');
    const [booking] = await bookingsOf(from);
    expect(booking).toMatchObject({ status: 'pending_payment', source: 'whatsapp' });
    const [payment] = await c.t.sql(`select checkout_session_id, checkout_url from payments where booking_id = $1`, [booking.id]);

    c.whatsapp.reset();
    await c.outbox.deliverDue();
    const buttons = c.whatsapp.sent.map((m) => m.payload).filter((p) => p.type === 'interactive');
    expect(buttons.at(-1)).toMatchObject({
      to: from.slice(1),
      interactive: {
        type: 'cta_url',
        action: { name: 'cta_url', parameters: { display_text: 'Pay deposit', url: payment.checkout_url } },
      },
    });

    c.whatsapp.reset();
    await postStripeEvent(payments(), stripe.event('checkout.session.completed', stripe.pay(payment.checkout_session_id)));
    expect((await bookingsOf(from))[0]).toMatchObject({ status: 'confirmed', payment_status: 'paid' });
    await c.outbox.deliverDue();
    const told = c.whatsapp.sent.filter((m) => m.payload.to === from.slice(1));
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0].payload)).toMatch(/confirmed/i);
  });

  it('cancelling a paid booking by SMS says the deposit will be refunded, and it is marked for refund', async () => {
    const from = phoneNumber();
    await sms(from, askFor());
    await sms(from, 'Ana Ruiz');
    await sms(from, 'yes');
    const [booking] = await bookingsOf(from);
    const [payment] = await c.t.sql(`select checkout_session_id from payments where booking_id = $1`, [booking.id]);
    await postStripeEvent(payments(), stripe.event('checkout.session.completed', stripe.pay(payment.checkout_session_id)));

    const asked = twimlMessages((await sms(from, 'cancel my appointment')).body).join('\n');
    expect(asked).toMatch(/\$15\.00 deposit will be refunded/);
    const done = twimlMessages((await sms(from, 'yes')).body).join('\n');
    expect(done).toMatch(/cancelled.*\$15\.00 deposit will be refunded/s);
    expect((await bookingsOf(from))[0].status).toBe('cancelled');
    const [ledger] = await c.t.sql(`select refund_due_reason, refunded_cents from payments where booking_id = $1`, [booking.id]);
    expect(ledger.refund_due_reason === 'timely_cancel' || ledger.refunded_cents === 1500).toBe(true);
  });
});
