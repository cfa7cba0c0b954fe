import { STRIPE_NETWORK_RETRIES } from './stripe.gateway';
import { bookableTenant, type BookableTenant, customer } from '../../../../../test/booking-fixtures';
import { type PaymentsTestApp, postStripeEvent, startPaymentsApp } from '../../../../../test/fakes/payments';
import { TestApp } from '../../../../../test/harness';

const deposits = (changes: Record<string, unknown> = {}) => ({
  enabled: true,
  default: { type: 'fixed', amountCents: 2000 },
  primeTime: null,
  weekend: null,
  repeatNoShow: null,
  highRisk: null,
  paymentWindowMinutes: 45,
  refundOnTimelyCancel: true,
  ...changes,
});

let day = 1;
const publicBook = (t: TestApp, a: BookableTenant) =>
  t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
    body: { serviceId: a.serviceId, start: a.at(a.day(day++), '11:00'), customer: customer() },
  });

describe('which bookings ask for a deposit', () => {
  let p: PaymentsTestApp;

  beforeAll(async () => {
    p = await startPaymentsApp({ PLATFORM_FEE_PERCENT: '10' });
  });
  afterAll(() => p.stop());

  const tenantWith = async (settings: Record<string, unknown>) => {
    const a = await bookableTenant(p.t);
    const res = await p.t.request('PUT', '/api/v1/settings/deposits', { token: a.ownerToken, body: settings });
    expect(res.status).toBe(200);
    return a;
  };

  it('none while deposits are disabled', async () => {
    const a = await tenantWith(deposits({ enabled: false }));
    const res = await publicBook(p.t, a);
    expect(res.body).toMatchObject({ status: 'confirmed', paymentStatus: 'none', depositCents: 0, paymentUrl: null });
  });

  it('none when the rules come to 0 (default none)', async () => {
    const a = await tenantWith(deposits({ default: { type: 'none' } }));
    expect((await publicBook(p.t, a)).body).toMatchObject({ status: 'confirmed', depositCents: 0 });
  });

  it('a repeat no-show pays the larger repeat rule, with its reason stored', async () => {
    const a = await tenantWith(deposits({ repeatNoShow: { threshold: 1, rule: { type: 'percent', percent: 100 } } }));
    const first = await publicBook(p.t, a);
    await p.t.sql(`update customers set no_show_count = 1 where id = $1`, [first.body.customer.id]);
    const second = await publicBook(p.t, a);
    expect(second.body).toMatchObject({ status: 'pending_payment', depositCents: 3000 });
    const [row] = await p.t.sql(`select deposit_reasons from bookings where id = $1`, [second.body.id]);
    expect(row.deposit_reasons).toEqual(['repeat_no_show']);
  });

  it('a booking scored high-risk when made pays the high-risk rule; a low-risk one pays nothing', async () => {
    const a = await tenantWith(deposits({ default: { type: 'none' }, highRisk: { rule: { type: 'percent', percent: 50 } } }));
    // The customer's answer leaves the score out; the owner's view of the booking has it.
    const riskOf = async (id: string) =>
      (await p.t.request('GET', `/api/v1/bookings/${id}`, { token: a.ownerToken })).body.noShowRisk;
    const clean = await publicBook(p.t, a);
    expect(clean.body).toMatchObject({ status: 'confirmed', depositCents: 0 });
    expect((await riskOf(clean.body.id)).tier).not.toBe('high');
    await p.t.sql(`update customers set no_show_count = 3 where id = $1`, [clean.body.customer.id]);
    const risky = await publicBook(p.t, a);
    expect(risky.body).toMatchObject({ status: 'pending_payment', depositCents: 1500 });
    expect(await riskOf(risky.body.id)).toMatchObject({ tier: 'high', reasons: expect.arrayContaining(['prior_no_shows']) });
    // Scored into the high tier while it was still being made: its reminders wait for the deposit.
    expect(await p.t.sql(`select status from reminders where booking_id = $1 and status = 'scheduled'`, [risky.body.id])).toEqual(
      [],
    );
    const [row] = await p.t.sql(`select deposit_reasons from bookings where id = $1`, [risky.body.id]);
    expect(row.deposit_reasons).toEqual(['high_risk']);
  });

  it('connect mode: the session is made on the connected account with the platform fee', async () => {
    const a = await tenantWith(deposits());
    await p.t.request('POST', '/api/v1/settings/payments/connect', { token: a.ownerToken });
    const [{ stripe_account_id: account }] = await p.t.sql(`select stripe_account_id from tenants where id = $1`, [a.tenant.id]);
    await postStripeEvent(p, p.stripe.event('account.updated', p.stripe.setChargesEnabled(account, true), account));
    const res = await publicBook(p.t, a);
    expect(res.body).toMatchObject({ status: 'pending_payment', depositCents: 2000 });
    const [call] = p.stripe.callsTo('POST', /^\/v1\/checkout\/sessions$/).slice(-1);
    expect(call.account).toBe(account);
    expect(call.params.payment_intent_data).toMatchObject({ application_fee_amount: '200' });
    const [payment] = await p.t.sql(`select stripe_account_id, application_fee_cents from payments where booking_id = $1`, [
      res.body.id,
    ]);
    expect(payment).toEqual({ stripe_account_id: account, application_fee_cents: 200 });

    // Its paid event arrives from the connected account.
    const sessionId = (await p.t.sql(`select checkout_session_id as id from payments where booking_id = $1`, [res.body.id]))[0]
      .id;
    await postStripeEvent(p, p.stripe.event('checkout.session.completed', p.stripe.pay(sessionId), account));
    const after = await p.t.request('GET', `/api/v1/bookings/${res.body.id}`, { token: a.ownerToken });
    expect(after.body).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  });

  it('a connected account without charges enabled leaves deposits on the platform account', async () => {
    const a = await tenantWith(deposits());
    await p.t.request('POST', '/api/v1/settings/payments/connect', { token: a.ownerToken });
    await publicBook(p.t, a);
    const [call] = p.stripe.callsTo('POST', /^\/v1\/checkout\/sessions$/).slice(-1);
    expect(call.account).toBeNull();
    expect(call.params.payment_intent_data?.application_fee_amount).toBeUndefined();
  });

  it('Stripe failing to make the session: 502 payment_provider_error and the slot is free again', async () => {
    const a = await tenantWith(deposits());
    const start = a.at(a.day(day++), '11:00');
    p.stripe.failNext(1, 400);
    const res = await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start, customer: customer() },
    });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('payment_provider_error');
    const rows = await p.t.sql(`select status from bookings where tenant_id = $1 and start_at = $2`, [a.tenant.id, start]);
    expect(rows).toEqual([{ status: 'expired' }]);
    const again = await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start, customer: customer() },
    });
    expect(again.body).toMatchObject({ status: 'pending_payment' });
  });

  it("Stripe's 409 for the same key still in flight past stripe-node's retries: 502, but the booking keeps its slot", async () => {
    const a = await tenantWith(deposits());
    const start = a.at(a.day(day++), '11:00');
    const body = {
      error: { type: 'idempotency_error', message: 'There is currently another in-progress request using this key.' },
    };
    // stripe-node retries a 409 itself; here every attempt meets one.
    p.stripe.failNext(STRIPE_NETWORK_RETRIES + 1, 409, { body });
    const res = await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start, customer: customer() },
    });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 502, code: 'payment_provider_error' });
    const rows = await p.t.sql(`select status from bookings where tenant_id = $1 and start_at = $2`, [a.tenant.id, start]);
    expect(rows).toEqual([{ status: 'pending_payment' }]);
  });
});

describe('without Stripe configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('nothing asks for a deposit, even with deposits enabled or requested', async () => {
    const a = await bookableTenant(t);
    await t.request('PUT', '/api/v1/settings/deposits', { token: a.ownerToken, body: deposits() });
    expect((await publicBook(t, a)).body).toMatchObject({ status: 'confirmed', depositCents: 0, paymentStatus: 'none' });
    const admin = await t.request('POST', '/api/v1/bookings', {
      token: a.ownerToken,
      body: { serviceId: a.serviceId, start: a.at(a.day(day++), '11:00'), customer: customer(), requestDeposit: true },
    });
    expect(admin.body).toMatchObject({ status: 'confirmed', depositCents: 0 });
  });
});
