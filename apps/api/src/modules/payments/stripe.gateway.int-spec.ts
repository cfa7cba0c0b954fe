import { randomUUID } from 'node:crypto';
import { FakeStripe } from '../../../../../test/fakes/fake-stripe';
import { testConfig } from '../../../../../test/harness';
import { type CheckoutInput, PaymentGatewayError } from './payment-gateway';
import { StripeGateway } from './stripe.gateway';

/** The adapter against the wire-compatible fake: what stripe-node sends, and what it makes of the answers. */
describe('StripeGateway', () => {
  let stripe: FakeStripe;
  let gateway: StripeGateway;
  const make = (env: Record<string, string> = {}) => new StripeGateway(testConfig({ ...stripe.env(), ...env }));

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    gateway = make({ PLATFORM_FEE_PERCENT: '10' });
  });
  afterAll(() => stripe.stop());
  beforeEach(() => stripe.reset());

  const checkout = (overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
    tenantId: randomUUID(),
    bookingId: randomUUID(),
    account: null,
    amountCents: 1999,
    currency: 'usd',
    description: 'Deposit: Haircut, Sat 5 Dec 17:00',
    expiresAt: new Date(Math.floor(Date.now() / 1000 + 45 * 60) * 1000),
    successUrl: 'https://frontdesk.example/manage/tok?payment=success',
    cancelUrl: 'https://frontdesk.example/manage/tok?payment=cancel',
    ...overrides,
  });
  async function connectedAccount(): Promise<string> {
    const account = await gateway.createConnectedAccount({ tenantId: randomUUID(), country: 'US' });
    stripe.setChargesEnabled(account.id, true);
    return account.id;
  }

  it('creates a Checkout Session on the platform account as the contract says, keyed by the booking', async () => {
    const input = checkout();
    const session = await gateway.createCheckoutSession(input);
    expect(session).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
      url: `${stripe.url}/checkout/${session.id}`,
      amountTotalCents: 1999,
      currency: 'usd',
      expiresAt: input.expiresAt,
      bookingId: input.bookingId,
      tenantId: input.tenantId,
      account: null,
      applicationFeeCents: 0,
    });
    const [call] = stripe.callsTo('POST', /^\/v1\/checkout\/sessions$/);
    expect(call.account).toBeNull();
    expect(call.idempotencyKey).toBe(`frontdesk:checkout:${input.bookingId}`);
    expect(call.params).toEqual({
      mode: 'payment',
      line_items: {
        0: { quantity: '1', price_data: { currency: 'usd', unit_amount: '1999', product_data: { name: input.description } } },
      },
      expires_at: String(input.expiresAt.getTime() / 1000),
      client_reference_id: input.bookingId,
      metadata: { bookingId: input.bookingId, tenantId: input.tenantId },
      payment_intent_data: { metadata: { bookingId: input.bookingId, tenantId: input.tenantId } },
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    });
  });

  it('never makes a second session for the same booking', async () => {
    const input = checkout();
    const first = await gateway.createCheckoutSession(input);
    const again = await gateway.createCheckoutSession(input);
    expect(again.id).toBe(first.id);
    expect(stripe.objectsOf('checkout.session').filter((s) => s.client_reference_id === input.bookingId)).toHaveLength(1);
  });

  it('answers conflict when the same booking asks again with other terms', async () => {
    const input = checkout();
    await gateway.createCheckoutSession(input);
    const error = await gateway.createCheckoutSession({ ...input, amountCents: 2500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentGatewayError);
    expect(error).toMatchObject({ kind: 'conflict', retryable: false });
  });

  it('charges a connected account directly, with the platform fee rounded down', async () => {
    const account = await connectedAccount();
    const session = await gateway.createCheckoutSession(checkout({ account }));
    expect(session).toMatchObject({ account, applicationFeeCents: 199 });
    const [call] = stripe.callsTo('POST', /^\/v1\/checkout\/sessions$/);
    expect(call.account).toBe(account);
    expect(call.params.payment_intent_data.application_fee_amount).toBe('199');
    expect(stripe.object(session.id)).toBeDefined();
    // The session lives on the connected account: asking the platform for it finds nothing.
    await expect(gateway.retrieveCheckoutSession(session.id, null)).rejects.toMatchObject({ kind: 'not_found' });
    expect((await gateway.retrieveCheckoutSession(session.id, account)).id).toBe(session.id);
  });

  it('sends no fee when PLATFORM_FEE_PERCENT is 0, nor on the platform account', async () => {
    const account = await connectedAccount();
    stripe.reset();
    const noFee = make();
    await noFee.createCheckoutSession(checkout({ account }));
    await gateway.createCheckoutSession(checkout({ account: null }));
    const calls = stripe.callsTo('POST', /^\/v1\/checkout\/sessions$/);
    expect(calls.map((c) => c.params.payment_intent_data.application_fee_amount)).toEqual([undefined, undefined]);
  });

  it('refuses a connected account whose charges are not enabled as rejected', async () => {
    const account = await gateway.createConnectedAccount({ tenantId: randomUUID(), country: 'US' });
    await expect(gateway.createCheckoutSession(checkout({ account: account.id }))).rejects.toMatchObject({
      kind: 'rejected',
      providerCode: 'account_invalid',
    });
  });

  it('expires an open session, and answers the state of one no longer open instead of failing', async () => {
    const open = await gateway.createCheckoutSession(checkout());
    expect(await gateway.expireCheckoutSession(open.id, null)).toMatchObject({ id: open.id, status: 'expired' });
    expect(await gateway.expireCheckoutSession(open.id, null)).toMatchObject({ id: open.id, status: 'expired' });

    const paid = await gateway.createCheckoutSession(checkout());
    const intent = stripe.pay(paid.id).payment_intent as string;
    expect(await gateway.expireCheckoutSession(paid.id, null)).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      paymentIntentId: intent,
    });
    await expect(gateway.expireCheckoutSession('cs_test_missing', null)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refunds a payment once, whatever the number of calls', async () => {
    const account = await connectedAccount();
    const session = await gateway.createCheckoutSession(checkout({ account }));
    const intent = stripe.pay(session.id).payment_intent as string;
    const paymentId = randomUUID();
    const first = await gateway.createRefund({ paymentId, paymentIntentId: intent, account, reason: 'owner' });
    const again = await gateway.createRefund({ paymentId, paymentIntentId: intent, account, reason: 'owner' });
    expect(again).toEqual(first);
    expect(first).toMatchObject({ amountCents: 1999, status: 'succeeded' });
    const calls = stripe.callsTo('POST', /^\/v1\/refunds$/);
    expect(calls.map((c) => [c.account, c.idempotencyKey])).toEqual([
      [account, `frontdesk:refund:${paymentId}`],
      [account, `frontdesk:refund:${paymentId}`],
    ]);
    expect(stripe.objectsOf('refund').filter((r) => r.payment_intent === intent)).toHaveLength(1);
  });

  it('retries a failing Stripe with the same idempotency key, then gives up as unavailable', async () => {
    const input = checkout();
    stripe.failNext(1, 500);
    const session = await gateway.createCheckoutSession(input);
    // `requests` holds every attempt, the failed one too.
    const sent = stripe.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(Array(2).fill(`frontdesk:checkout:${input.bookingId}`));
    expect(session.status).toBe('open');

    stripe.failNext(10, 500);
    await expect(gateway.retrieveCheckoutSession(session.id, null)).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('maps what stripe-node throws to typed errors', async () => {
    await expect(make({ STRIPE_SECRET_KEY: 'sk_test_wrong' }).retrieveAccount('acct_1')).rejects.toMatchObject({
      kind: 'misconfigured',
    });
    await expect(gateway.retrieveAccount('acct_missing')).rejects.toMatchObject({
      kind: 'not_found',
      providerCode: 'resource_missing',
    });
    const closed = new StripeGateway(testConfig({ ...stripe.env(), STRIPE_API_BASE_URL: 'http://127.0.0.1:9' }));
    await expect(closed.retrieveAccount('acct_1')).rejects.toMatchObject({ kind: 'unreachable', retryable: true });
    const unset = new StripeGateway(testConfig());
    expect(unset.available).toBe(false);
    await expect(unset.retrieveAccount('acct_1')).rejects.toMatchObject({ kind: 'not_configured' });
  });
});
