import { DateTime } from 'luxon';
import { ZONE } from '../../../../../test/booking-fixtures';
import {
  type ChannelsTestApp,
  channelTenant,
  phoneNumber,
  postTwilioSms,
  startChannelsApp,
  twilioParams,
} from '../../../../../test/fakes/channels';
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
});
