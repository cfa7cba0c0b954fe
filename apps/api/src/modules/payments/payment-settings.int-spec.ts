import { DbFingerprint } from '../../../../../test/db-fingerprint';
import { PUBLIC_BASE_URL, type PaymentsTestApp, postStripeEvent, startPaymentsApp } from '../../../../../test/fakes/payments';
import { TestApp } from '../../../../../test/harness';
import { staffUserToken } from '../catalog/catalog.test-support';

type Owner = { tenant: { id: string }; ownerToken: string };

describe('payment settings without Stripe', () => {
  let t: TestApp;
  let a: Owner;
  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
  });
  afterAll(() => t.close());

  it('says payments are unavailable', async () => {
    const res = await t.request('GET', '/api/v1/settings/payments', { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ available: false, mode: 'platform', stripeAccountId: null, chargesEnabled: false });
  });

  it('refuses to connect with 409 conflict saying why, and writes nothing', async () => {
    const fingerprint = await DbFingerprint.open(t.databaseUrl);
    try {
      const before = await fingerprint.take();
      const res = await t.request('POST', '/api/v1/settings/payments/connect', { token: a.ownerToken });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'conflict', message: expect.stringContaining('not configured') });
      expect(await fingerprint.take()).toEqual(before);
    } finally {
      await fingerprint.close();
    }
  });
});

describe('payment settings with Stripe (Connect)', () => {
  let p: PaymentsTestApp;
  beforeAll(async () => {
    p = await startPaymentsApp();
  });
  afterAll(() => p.stop());
  beforeEach(() => p.stripe.reset());

  const connect = (owner: Owner) => p.t.request('POST', '/api/v1/settings/payments/connect', { token: owner.ownerToken });
  const settings = (owner: Owner) => p.t.request('GET', '/api/v1/settings/payments', { token: owner.ownerToken });
  const storedAccount = async (tenantId: string) =>
    (await p.t.sql(`select stripe_account_id from tenants where id = $1`, [tenantId]))[0].stripe_account_id as string | null;

  it('is available on the platform account until the business connects its own', async () => {
    const owner = await p.t.createTenant();
    expect((await settings(owner)).body).toEqual({
      available: true,
      mode: 'platform',
      stripeAccountId: null,
      chargesEnabled: false,
    });
  });

  it('creates the Express account once, stores it, audits it, and answers a fresh onboarding link each time', async () => {
    const owner = await p.t.createTenant();
    const first = await connect(owner);
    expect(first.status).toBe(200);
    const accountId = await storedAccount(owner.tenant.id);
    expect(accountId).toMatch(/^acct_/);
    expect(first.body).toEqual({ url: `${p.stripe.url}/connect/onboarding/${accountId}` });

    const [created] = p.stripe.callsTo('POST', /^\/v1\/accounts$/);
    expect(created.params).toMatchObject({ type: 'express', country: 'US', metadata: { tenantId: owner.tenant.id } });
    expect(created.idempotencyKey).toBe(`frontdesk:account:${owner.tenant.id}`);
    expect(created.account).toBeNull();
    const [link] = p.stripe.callsTo('POST', /^\/v1\/account_links$/);
    expect(link.params).toEqual({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: `${PUBLIC_BASE_URL}/settings/payments?stripe=refresh`,
      return_url: `${PUBLIC_BASE_URL}/settings/payments?stripe=return`,
    });

    const second = await connect(owner);
    expect(second.status).toBe(200);
    expect(p.stripe.callsTo('POST', /^\/v1\/accounts$/)).toHaveLength(1);
    expect(p.stripe.callsTo('POST', /^\/v1\/account_links$/)).toHaveLength(2);
    expect(await storedAccount(owner.tenant.id)).toBe(accountId);
    expect((await settings(owner)).body).toEqual({
      available: true,
      mode: 'platform',
      stripeAccountId: accountId,
      chargesEnabled: false,
    });
    const audits = await p.t.sql(
      `select after->>'stripeAccountId' as account from audit_log where action = 'payments.connect' and tenant_id = $1`,
      [owner.tenant.id],
    );
    expect(audits).toEqual([{ account: accountId }]);
  });

  it('gives two concurrent connects one account', async () => {
    const owner = await p.t.createTenant();
    const answers = await Promise.all([connect(owner), connect(owner), connect(owner)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const accountId = await storedAccount(owner.tenant.id);
    const made = p.stripe.objectsOf('account').filter((account) => account.metadata.tenantId === owner.tenant.id);
    expect(made.map((account) => account.id)).toEqual([accountId]);
    const creates = p.stripe.callsTo('POST', /^\/v1\/accounts$/);
    expect(creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(creates.map((c) => c.idempotencyKey))).toEqual(new Set([`frontdesk:account:${owner.tenant.id}`]));
    // Every link, whichever request made it, is for the one stored account.
    expect(p.stripe.callsTo('POST', /^\/v1\/account_links$/).map((c) => c.params.account)).toEqual([
      accountId,
      accountId,
      accountId,
    ]);
    expect(answers.map((r) => r.body.url)).toEqual(Array(3).fill(`${p.stripe.url}/connect/onboarding/${accountId}`));
  });

  it('turns to connect mode when a signed account.updated says charges are enabled', async () => {
    const owner = await p.t.createTenant();
    await connect(owner);
    const accountId = (await storedAccount(owner.tenant.id))!;
    const account = p.stripe.setChargesEnabled(accountId, true);
    const event = p.stripe.event('account.updated', account, accountId);
    expect((await postStripeEvent(p, event)).status).toBe(200);
    expect((await settings(owner)).body).toEqual({
      available: true,
      mode: 'connect',
      stripeAccountId: accountId,
      chargesEnabled: true,
    });
    const [row] = await p.t.sql(`select tenant_id, type, account, outcome from stripe_events where id = $1`, [event.id]);
    expect(row).toEqual({ tenant_id: owner.tenant.id, type: 'account.updated', account: accountId, outcome: 'charges enabled' });

    const disabled = p.stripe.event('account.updated', p.stripe.setChargesEnabled(accountId, false), accountId);
    expect((await postStripeEvent(p, disabled)).status).toBe(200);
    expect((await settings(owner)).body).toMatchObject({ mode: 'platform', chargesEnabled: false });
  });

  it("reads the account's state from Stripe on refresh (back from onboarding, before any webhook)", async () => {
    const owner = await p.t.createTenant();
    await connect(owner);
    const accountId = (await storedAccount(owner.tenant.id))!;
    p.stripe.setChargesEnabled(accountId, true);
    const res = await p.t.request('POST', '/api/v1/settings/payments/refresh', { token: owner.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ available: true, mode: 'connect', stripeAccountId: accountId, chargesEnabled: true });
    expect(p.stripe.callsTo('GET', new RegExp(`^/v1/accounts/${accountId}$`))).toHaveLength(1);
  });

  it('answers 502 payment_provider_error when Stripe keeps failing, and stores no account', async () => {
    const owner = await p.t.createTenant();
    p.stripe.failNext(10, 500);
    const res = await connect(owner);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'payment_provider_error', message: expect.stringContaining('try again') });
    expect(await storedAccount(owner.tenant.id)).toBeNull();
  });

  it('is for the owner only', async () => {
    const owner = await p.t.createTenant();
    const staff = await staffUserToken(p.t, owner.tenant.id);
    expect((await p.t.request('GET', '/api/v1/settings/payments', { token: staff })).status).toBe(403);
    expect((await p.t.request('POST', '/api/v1/settings/payments/connect', { token: staff })).status).toBe(403);
    expect(p.stripe.calls).toHaveLength(0);
  });
});
