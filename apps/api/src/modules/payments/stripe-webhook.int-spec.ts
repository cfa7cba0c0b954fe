import { DbFingerprint } from '../../../../../test/db-fingerprint';
import { type PaymentsTestApp, postStripeEvent, STRIPE_WEBHOOK_PATH, startPaymentsApp } from '../../../../../test/fakes/payments';
import { TestApp } from '../../../../../test/harness';

describe('POST /webhooks/stripe', () => {
  let p: PaymentsTestApp;
  let fingerprint: DbFingerprint;
  let owner: { tenant: { id: string }; ownerToken: string };
  let accountId: string;

  beforeAll(async () => {
    p = await startPaymentsApp();
    fingerprint = await DbFingerprint.open(p.t.databaseUrl);
    owner = await p.t.createTenant();
    await p.t.request('POST', '/api/v1/settings/payments/connect', { token: owner.ownerToken });
    [{ stripe_account_id: accountId }] = await p.t.sql(`select stripe_account_id from tenants where id = $1`, [owner.tenant.id]);
  });
  afterAll(async () => {
    await fingerprint.close();
    await p.stop();
  });

  const chargesEnabled = async () =>
    (await p.t.sql(`select stripe_charges_enabled from tenants where id = $1`, [owner.tenant.id]))[0]
      .stripe_charges_enabled as boolean;
  const enabledEvent = (created?: number) => {
    const event = p.stripe.event('account.updated', p.stripe.setChargesEnabled(accountId, true), accountId);
    if (created !== undefined) event.created = created;
    return event;
  };

  describe('refuses with 400 and changes nothing', () => {
    it.each([
      ['a missing signature', { signature: null }],
      ['a signature made with another secret', { secret: 'whsec_not_ours' }],
      ['a stale signature (over 300 s old)', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
      ['a signature that is not Stripe-shaped', { signature: 'v1=deadbeef' }],
    ])('%s', async (_name, options) => {
      const before = await fingerprint.take();
      const res = await postStripeEvent(p, enabledEvent(), options);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(await fingerprint.take()).toEqual(before);
      expect(await chargesEnabled()).toBe(false);
    });

    it('a body changed after signing', async () => {
      const before = await fingerprint.take();
      const event = enabledEvent();
      const { signature } = p.stripe.sign(event);
      const tampered = JSON.stringify({ ...event, id: 'evt_forged' });
      const res = await p.t.request('POST', STRIPE_WEBHOOK_PATH, {
        payload: tampered,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
      expect(res.status).toBe(400);
      expect(await fingerprint.take()).toEqual(before);
    });

    it('a body that is not JSON', async () => {
      const before = await fingerprint.take();
      const res = await p.t.request('POST', STRIPE_WEBHOOK_PATH, {
        payload: 'not json',
        headers: { 'content-type': 'text/plain', 'stripe-signature': 't=1,v1=00' },
      });
      expect(res.status).toBe(400);
      expect(await fingerprint.take()).toEqual(before);
    });
  });

  it('records an event by its id once: a repeat answers 200 and changes nothing', async () => {
    const event = enabledEvent();
    expect((await postStripeEvent(p, event)).status).toBe(200);
    expect(await chargesEnabled()).toBe(true);
    const [row] = await p.t.sql(`select tenant_id, outcome, payload->>'id' as id from stripe_events where id = $1`, [event.id]);
    expect(row).toEqual({ tenant_id: owner.tenant.id, outcome: 'charges enabled', id: event.id });

    // Meanwhile the account lost its charges; a redelivery of the old event must not bring them back.
    await p.t.sql(`update tenants set stripe_charges_enabled = false where id = $1`, [owner.tenant.id]);
    const before = await fingerprint.take();
    const again = await postStripeEvent(p, event);
    expect(again.status).toBe(200);
    expect(await fingerprint.take()).toEqual(before);
  });

  it('does not let an older account.updated undo a newer one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const newer = enabledEvent(now + 10);
    const older = p.stripe.event('account.updated', p.stripe.setChargesEnabled(accountId, false), accountId);
    older.created = now;
    expect((await postStripeEvent(p, newer)).status).toBe(200);
    expect((await postStripeEvent(p, older)).status).toBe(200);
    expect(await chargesEnabled()).toBe(true);
    const [row] = await p.t.sql(`select outcome from stripe_events where id = $1`, [older.id]);
    expect(row.outcome).toBe('ignored: a newer account.updated was applied');
  });

  it('records an event of an unknown connected account with 200, as no business', async () => {
    const stranger = { id: 'acct_1Unknown', object: 'account', charges_enabled: true };
    const event = p.stripe.event('account.updated', stranger, 'acct_1Unknown');
    const res = await postStripeEvent(p, event);
    expect(res.status).toBe(200);
    const [row] = await p.t.sql(`select tenant_id, account, type, outcome from stripe_events where id = $1`, [event.id]);
    expect(row).toEqual({
      tenant_id: null,
      account: 'acct_1Unknown',
      type: 'account.updated',
      outcome: 'ignored: no business for this event',
    });
  });

  it("records an event it does not use for the business named in the object's metadata", async () => {
    const event = p.stripe.event('customer.created', {
      id: 'cus_1',
      object: 'customer',
      metadata: { tenantId: owner.tenant.id },
    });
    expect((await postStripeEvent(p, event)).status).toBe(200);
    const [row] = await p.t.sql(`select tenant_id, outcome from stripe_events where id = $1`, [event.id]);
    expect(row).toEqual({ tenant_id: owner.tenant.id, outcome: 'ignored: customer.created is not used' });
  });

  it('treats metadata naming no business as no business', async () => {
    const event = p.stripe.event('charge.succeeded', {
      id: 'ch_1',
      object: 'charge',
      metadata: { tenantId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
    });
    expect((await postStripeEvent(p, event)).status).toBe(200);
    const [row] = await p.t.sql(`select tenant_id, outcome from stripe_events where id = $1`, [event.id]);
    expect(row).toEqual({ tenant_id: null, outcome: 'ignored: no business for this event' });
  });
});

describe('POST /webhooks/stripe with one secret per Stripe endpoint (platform, connected accounts)', () => {
  it('accepts an event signed with any of them, and nothing else', async () => {
    const p = await startPaymentsApp((stripe) => ({ STRIPE_WEBHOOK_SECRET: `whsec_platformEndpoint, ${stripe.webhookSecret}` }));
    try {
      const event = p.stripe.event('customer.created', { id: 'cus_1', object: 'customer' });
      expect((await postStripeEvent(p, event)).status).toBe(200);
      expect(
        (await postStripeEvent(p, p.stripe.event('customer.created', {}), { secret: 'whsec_platformEndpoint' })).status,
      ).toBe(200);
      expect((await postStripeEvent(p, p.stripe.event('customer.created', {}), { secret: 'whsec_neither' })).status).toBe(400);
      expect(await p.t.sql(`select count(*)::int as n from stripe_events`)).toEqual([{ n: 2 }]);
    } finally {
      await p.stop();
    }
  });
});

describe('POST /webhooks/stripe without Stripe configured', () => {
  it('answers 400 and stores nothing', async () => {
    const t = await TestApp.start();
    try {
      const res = await t.request('POST', STRIPE_WEBHOOK_PATH, {
        payload: JSON.stringify({ id: 'evt_1', type: 'account.updated' }),
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('not configured') });
      expect(await t.sql(`select count(*)::int as n from stripe_events`)).toEqual([{ n: 0 }]);
    } finally {
      await t.close();
    }
  });
});
