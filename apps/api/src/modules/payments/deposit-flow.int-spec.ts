import { bookableTenant, type BookableTenant, customer } from '../../../../../test/booking-fixtures';
import { DbFingerprint } from '../../../../../test/db-fingerprint';
import {
  FIXED_DEPOSIT,
  type PaymentsTestApp,
  postStripeEvent,
  PUBLIC_BASE_URL,
  startPaymentsApp,
} from '../../../../../test/fakes/payments';
import { TestApp } from '../../../../../test/harness';
import { PaymentSweeper } from '../bookings/payment-sweeper';
import { Refunds } from '../bookings/refunds';

describe('bookings that need a deposit', () => {
  let p: PaymentsTestApp;
  let a: BookableTenant;
  let fingerprint: DbFingerprint;
  let hour = 9;

  beforeAll(async () => {
    p = await startPaymentsApp();
    fingerprint = await DbFingerprint.open(p.t.databaseUrl);
    a = await bookableTenant(p.t);
    const res = await p.t.request('PUT', '/api/v1/settings/deposits', { token: a.ownerToken, body: FIXED_DEPOSIT });
    if (res.status !== 200) throw new Error(`deposit settings refused: ${JSON.stringify(res.body)}`);
  });
  afterAll(async () => {
    await fingerprint.close();
    await p.stop();
  });

  /** A fresh start each time (one hour apart, tomorrow onwards). */
  const nextStart = () => {
    const n = hour++;
    return a.at(a.day(1 + Math.floor((n - 9) / 8)), `${String(9 + ((n - 9) % 8)).padStart(2, '0')}:00`);
  };
  const book = (start = nextStart(), headers: Record<string, string> = {}) =>
    p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start, customer: customer() },
      headers,
    });
  const adminBook = (body: Record<string, unknown>) =>
    p.t.request('POST', '/api/v1/bookings', {
      token: a.ownerToken,
      body: { serviceId: a.serviceId, start: nextStart(), customer: customer(), ...body },
    });
  const sessionOf = async (bookingId: string) =>
    (await p.t.sql(`select checkout_session_id as id, status from payments where booking_id = $1`, [bookingId]))[0] as {
      id: string;
      status: string;
    };
  const getBooking = async (id: string) => (await p.t.request('GET', `/api/v1/bookings/${id}`, { token: a.ownerToken })).body;

  it('a web booking is created pending_payment with its Checkout page', async () => {
    const res = await book();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending_payment', paymentStatus: 'pending', depositCents: 1000 });
    expect(res.body.paymentUrl).toMatch(/^https?:\/\//);
    const deadline = Date.parse(res.body.paymentExpiresAt);
    expect(deadline).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    const [call] = p.stripe.callsTo('POST', /^\/v1\/checkout\/sessions$/).slice(-1);
    expect(call.params).toMatchObject({
      mode: 'payment',
      client_reference_id: res.body.id,
      metadata: { bookingId: res.body.id, tenantId: a.tenant.id },
      // Five minutes past the booking's deadline: Stripe wants 30 minutes from the session's making.
      expires_at: String(Math.floor((deadline + 5 * 60_000) / 1000)),
      line_items: { 0: { price_data: { unit_amount: '1000', currency: 'usd' } } },
    });
    expect(call.params.success_url).toBe(`${call.params.success_url.split('?')[0]}?payment=success`);
    expect(call.params.success_url).toMatch(/^https:\/\/frontdesk\.example\/manage\//);
    expect(call.account).toBeNull();
    expect(call.idempotencyKey).toBe(`frontdesk:checkout:${res.body.id}`);
    expect(await sessionOf(res.body.id)).toMatchObject({ status: 'open' });
    expect((await getBooking(res.body.id)).paymentUrl).toBe(res.body.paymentUrl);
  });

  it('an Idempotency-Key replay answers the same booking and payment page', async () => {
    const start = nextStart();
    const first = await book(start, { 'idempotency-key': 'k-deposit-1' });
    const again = await book(start, { 'idempotency-key': 'k-deposit-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.paymentUrl).toBe(first.body.paymentUrl);
    expect(await p.t.sql(`select 1 from payments where booking_id = $1`, [first.body.id])).toHaveLength(1);
  });

  it('admin bookings need none unless requestDeposit', async () => {
    const plain = await adminBook({});
    expect(plain.body).toMatchObject({ status: 'confirmed', paymentStatus: 'none', depositCents: 0, paymentUrl: null });
    const asked = await adminBook({ requestDeposit: true });
    expect(asked.body).toMatchObject({ status: 'pending_payment', paymentStatus: 'pending', depositCents: 1000 });
    expect(asked.body.paymentUrl).toEqual(expect.any(String));
  });

  it('completed → confirmed and paid, once; a later expired event changes nothing', async () => {
    const { body } = await book();
    const { id: sessionId } = await sessionOf(body.id);
    const paid = p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId));
    expect((await postStripeEvent(p, paid)).status).toBe(200);
    const after = await getBooking(body.id);
    expect(after).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', paymentUrl: null, paymentExpiresAt: null });
    expect(await sessionOf(body.id)).toMatchObject({ status: 'paid' });

    expect((await postStripeEvent(p, paid)).status).toBe(200);
    const completedAgain = p.stripe.event('checkout.session.completed', p.stripe.object(sessionId)!);
    expect((await postStripeEvent(p, completedAgain)).status).toBe(200);
    const expiredLate = p.stripe.event('checkout.session.expired', { ...p.stripe.object(sessionId)!, status: 'expired' });
    expect((await postStripeEvent(p, expiredLate)).status).toBe(200);
    expect(await getBooking(body.id)).toEqual(after);
    const outcomes = await p.t.sql(`select outcome from stripe_events where id = any($1) order by received_at`, [
      [completedAgain.id, expiredLate.id],
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['ignored: already recorded as paid', 'ignored: the booking is confirmed']);
  });

  it('expired → the booking expires and its slot is free again', async () => {
    const start = nextStart();
    const { body } = await book(start);
    const { id: sessionId } = await sessionOf(body.id);
    expect((await postStripeEvent(p, p.stripe.event('checkout.session.expired', p.stripe.expire(sessionId)))).status).toBe(200);
    expect(await getBooking(body.id)).toMatchObject({ status: 'expired', paymentUrl: null });
    expect(await sessionOf(body.id)).toMatchObject({ status: 'expired' });
    const again = await p.t.request('POST', '/api/v1/bookings', {
      token: a.ownerToken,
      body: { serviceId: a.serviceId, start, staffId: body.staffId, customer: customer('+1 212 555 0199') },
    });
    expect(again.status).toBe(201);
  });

  it.each([
    ['no signature', { signature: null }],
    ['another secret', { secret: 'whsec_not_ours' }],
    ['a stale signature', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
  ])('a paid event with %s answers 400 and changes nothing', async (_name, options) => {
    const { body } = await book();
    const { id: sessionId } = await sessionOf(body.id);
    const before = await fingerprint.take();
    const res = await postStripeEvent(p, p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId)), options);
    expect(res.status).toBe(400);
    expect(await fingerprint.take()).toEqual(before);
    expect(await getBooking(body.id)).toMatchObject({ status: 'pending_payment', paymentStatus: 'pending' });
  });

  it('a delayed payment method: completed unpaid waits, async_payment_succeeded confirms', async () => {
    const { body } = await book();
    const { id: sessionId } = await sessionOf(body.id);
    const unpaid = { ...p.stripe.object(sessionId)!, status: 'complete', payment_status: 'unpaid' };
    await postStripeEvent(p, p.stripe.event('checkout.session.completed', unpaid));
    expect((await getBooking(body.id)).status).toBe('pending_payment');
    await postStripeEvent(p, p.stripe.event('checkout.session.async_payment_succeeded', p.stripe.pay(sessionId)));
    expect(await getBooking(body.id)).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  });

  it('async_payment_failed lets the slot go', async () => {
    const { body } = await book();
    const { id: sessionId } = await sessionOf(body.id);
    const failed = { ...p.stripe.object(sessionId)!, status: 'complete', payment_status: 'unpaid' };
    await postStripeEvent(p, p.stripe.event('checkout.session.async_payment_failed', failed));
    expect(await getBooking(body.id)).toMatchObject({ status: 'expired', paymentStatus: 'none' });
  });

  it('cancelling a booking still waiting for its deposit expires its session at Stripe', async () => {
    const { body } = await book();
    const { id: sessionId } = await sessionOf(body.id);
    const res = await p.t.request('POST', `/api/v1/bookings/${body.id}/cancel`, { token: a.ownerToken, body: {} });
    expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'none', paymentUrl: null });
    expect(p.stripe.object(sessionId)!.status).toBe('expired');
    expect(await sessionOf(body.id)).toMatchObject({ status: 'expired' });
  });

  it('a late payment with the slot still free confirms the booking after all', async () => {
    const { body } = await book();
    const { id: sessionId } = await sessionOf(body.id);
    await postStripeEvent(p, p.stripe.event('checkout.session.expired', { ...p.stripe.object(sessionId)!, status: 'expired' }));
    expect((await getBooking(body.id)).status).toBe('expired');
    await postStripeEvent(p, p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId)));
    expect(await getBooking(body.id)).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  });

  it('a late payment for a taken slot is marked for a full refund', async () => {
    const start = nextStart();
    const { body } = await book(start);
    const { id: sessionId } = await sessionOf(body.id);
    await postStripeEvent(p, p.stripe.event('checkout.session.expired', { ...p.stripe.object(sessionId)!, status: 'expired' }));
    const taker = await p.t.request('POST', '/api/v1/bookings', {
      token: a.ownerToken,
      body: { serviceId: a.serviceId, start, staffId: body.staffId, customer: customer('+1 212 555 0188') },
    });
    expect(taker.status).toBe(201);
    await postStripeEvent(p, p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId)));
    expect((await getBooking(body.id)).status).toBe('expired');
    const [payment] = await p.t.sql(`select status, refund_due_reason from payments where booking_id = $1`, [body.id]);
    expect(payment).toEqual({ status: 'paid', refund_due_reason: 'late_payment' });
  });
});

describe('payment expiry by the sweeper, and refunds', () => {
  let p: PaymentsTestApp;
  let second: TestApp;
  let a: BookableTenant;
  let b: BookableTenant;
  let day = 2;

  beforeAll(async () => {
    p = await startPaymentsApp();
    second = await TestApp.start({ PUBLIC_BASE_URL, ...p.stripe.env() }, p.t.databaseUrl);
    a = await bookableTenant(p.t);
    b = await bookableTenant(p.t);
    for (const tenant of [a, b]) {
      await p.t.request('PUT', '/api/v1/settings/deposits', { token: tenant.ownerToken, body: FIXED_DEPOSIT });
    }
  });
  afterAll(async () => {
    await second.close();
    await p.stop();
  });

  const book = async (daysAhead = day++) => {
    const res = await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start: a.at(a.day(daysAhead), '10:00'), customer: customer() },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; staffId: string };
  };
  const sessionOf = async (bookingId: string) =>
    (await p.t.sql(`select checkout_session_id as id from payments where booking_id = $1`, [bookingId]))[0].id as string;
  const lapse = (bookingId: string) =>
    p.t.sql(`update bookings set hold_expires_at = now() - interval '1 second' where id = $1`, [bookingId]);
  const getBooking = async (id: string, token = a.ownerToken) => p.t.request('GET', `/api/v1/bookings/${id}`, { token });
  const paid = async () => {
    const booking = await book();
    const sessionId = await sessionOf(booking.id);
    await postStripeEvent(p, p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId)));
    expect((await getBooking(booking.id)).body.paymentStatus).toBe('paid');
    return booking;
  };
  const refundsOf = (bookingId: string) =>
    p.t.sql(
      `select r.amount_cents, r.reason, p.refunded_cents from refunds r join payments p on p.id = r.payment_id
        where p.booking_id = $1`,
      [bookingId],
    );

  it('two processes expire a lapsed booking once, and its session at Stripe', async () => {
    const booking = await book();
    const sessionId = await sessionOf(booking.id);
    await lapse(booking.id);
    const [one, two] = await Promise.all([
      p.t.app.get(PaymentSweeper).settleLapsed(),
      second.app.get(PaymentSweeper).settleLapsed(),
    ]);
    expect([...one, ...two].filter((o) => o === 'expired')).toHaveLength(1);
    expect((await getBooking(booking.id)).body.status).toBe('expired');
    expect(p.stripe.object(sessionId)!.status).toBe('expired');
    expect(p.stripe.callsTo('POST', new RegExp(`/v1/checkout/sessions/${sessionId}/expire`)).length).toBeGreaterThanOrEqual(1);
    const events = await p.t.sql(`select action from audit_log where entity_id = $1 and action = 'booking.payment_expired'`, [
      booking.id,
    ]);
    expect(events).toHaveLength(1);
  });

  it('a lapsed booking whose payment webhook never came is confirmed, not lost', async () => {
    const booking = await book();
    p.stripe.pay(await sessionOf(booking.id));
    await lapse(booking.id);
    expect(await p.t.app.get(PaymentSweeper).settleLapsed()).toEqual(['confirmed']);
    expect((await getBooking(booking.id)).body).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  });

  it('a timely cancellation refunds the deposit in full, once', async () => {
    const booking = await paid();
    const res = await p.t.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token: a.ownerToken, body: {} });
    expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(await refundsOf(booking.id)).toEqual([{ amount_cents: 1000, reason: 'timely_cancel', refunded_cents: 1000 }]);
    const again = await p.t.request('POST', `/api/v1/bookings/${booking.id}/refund`, { token: a.ownerToken });
    expect(again.status).toBe(200);
    expect(again.body).toEqual((await getBooking(booking.id)).body);
    expect(await refundsOf(booking.id)).toHaveLength(1);
  });

  it('a late cancellation keeps the deposit', async () => {
    const booking = await paid();
    await p.t.sql(`update tenants set cancellation_notice_hours = 24 * 90 where id = $1`, [a.tenant.id]);
    try {
      const res = await p.t.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token: a.ownerToken, body: {} });
      expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'paid' });
      expect(await refundsOf(booking.id)).toEqual([]);
    } finally {
      await p.t.sql(`update tenants set cancellation_notice_hours = 24 where id = $1`, [a.tenant.id]);
    }
  });

  it('the owner refunds a paid deposit; twice refunds once; nothing paid is 409', async () => {
    const booking = await paid();
    const refund = () => p.t.request('POST', `/api/v1/bookings/${booking.id}/refund`, { token: a.ownerToken });
    const [first, secondTry] = await Promise.all([refund(), refund()]);
    expect([first.status, secondTry.status]).toEqual([200, 200]);
    expect((await getBooking(booking.id)).body).toMatchObject({ status: 'confirmed', paymentStatus: 'refunded' });
    expect(await refundsOf(booking.id)).toEqual([{ amount_cents: 1000, reason: 'owner', refunded_cents: 1000 }]);
    const intent = p.stripe.object(await sessionOf(booking.id))!.payment_intent;
    expect(p.stripe.objectsOf('refund').filter((r) => r.payment_intent === intent)).toHaveLength(1);

    const unpaid = await p.t.request('POST', '/api/v1/bookings', {
      token: a.ownerToken,
      body: { serviceId: a.serviceId, start: a.at(a.day(day++), '10:00'), customer: customer() },
    });
    const refused = await p.t.request('POST', `/api/v1/bookings/${unpaid.body.id}/refund`, { token: a.ownerToken });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
  });

  it('a late payment for a taken slot is refunded by the refund sweep', async () => {
    const start = a.at(a.day(day++), '10:00');
    const late = (
      await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
        body: { serviceId: a.serviceId, start, customer: customer() },
      })
    ).body;
    const sessionId = await sessionOf(late.id);
    await postStripeEvent(p, p.stripe.event('checkout.session.expired', p.stripe.expire(sessionId)));
    await p.t.request('POST', '/api/v1/bookings', {
      token: a.ownerToken,
      body: { serviceId: a.serviceId, start, staffId: late.staffId, customer: customer('+1 212 555 0177') },
    });
    await postStripeEvent(p, p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId)));
    expect(await p.t.app.get(Refunds).makeDue()).toBe(1);
    expect(await second.app.get(Refunds).makeDue()).toBe(0);
    expect(await refundsOf(late.id)).toEqual([{ amount_cents: 1000, reason: 'late_payment', refunded_cents: 1000 }]);
    expect((await getBooking(late.id)).body).toMatchObject({ status: 'expired', paymentStatus: 'refunded' });
  });

  it("a business can neither see nor refund another business's payments", async () => {
    const booking = await paid();
    expect((await getBooking(booking.id, b.ownerToken)).status).toBe(404);
    const res = await p.t.request('POST', `/api/v1/bookings/${booking.id}/refund`, { token: b.ownerToken });
    expect(res.status).toBe(404);
    expect(await refundsOf(booking.id)).toEqual([]);
  });
});
