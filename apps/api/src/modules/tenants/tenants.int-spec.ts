import { TestApp } from '../../../../../test/harness';

const body = (slug: string, extra: Record<string, unknown> = {}) => ({
  name: 'Casa Corte',
  slug,
  timezone: 'Europe/Madrid',
  currency: 'eur',
  country: 'ES',
  locale: 'es',
  owner: { email: `${slug}@example.test`, name: 'Lucía Gómez', password: 'lucia-password' },
  ...extra,
});

describe('tenants (super-admin)', () => {
  let t: TestApp;
  let admin: string;
  const counts = async () =>
    (
      await t.sql(
        `select (select count(*) from tenants)::int as tenants, (select count(*) from users)::int as users, (select count(*) from staff)::int as staff, (select count(*) from audit_log)::int as audit`,
      )
    )[0];

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.superAdminToken();
  });
  afterAll(() => t.close());

  it('onboards a tenant with its owner and one staff member who performs every service', async () => {
    const res = await t.request('POST', '/api/v1/admin/tenants', { token: admin, body: body('casa-corte') });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      slug: 'casa-corte',
      name: 'Casa Corte',
      timezone: 'Europe/Madrid',
      currency: 'eur',
      country: 'ES',
      locale: 'es',
      status: 'active',
    });
    const staff = await t.sql(`select name, performs_all_services from staff where tenant_id = $1`, [res.body.id]);
    expect(staff).toEqual([{ name: 'Lucía Gómez', performs_all_services: true }]);
    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'casa-corte@example.test', password: 'lucia-password' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'owner', tenantId: res.body.id, name: 'Lucía Gómez' });
    const audit = await t.sql(`select action from audit_log where tenant_id = $1 order by id`, [res.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['tenant.create', 'user.create', 'staff.create']);
  });

  it('lists tenants', async () => {
    const res = await t.request('GET', '/api/v1/admin/tenants', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { slug: string }) => x.slug)).toContain('casa-corte');
  });

  it('answers 409 slug_taken for a slug in use and writes nothing', async () => {
    const before = await counts();
    const res = await t.request('POST', '/api/v1/admin/tenants', {
      token: admin,
      body: body('casa-corte', { owner: { email: 'other@example.test', name: 'X', password: 'password-x' } }),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('slug_taken');
    expect(await counts()).toEqual(before);
  });

  it('answers 409 conflict when the owner email is in use, and writes nothing', async () => {
    const before = await counts();
    const res = await t.request('POST', '/api/v1/admin/tenants', {
      token: admin,
      body: body('another-slug', { owner: { email: 'casa-corte@example.test', name: 'X', password: 'password-x' } }),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown time zone', body('tz-bad', { timezone: 'Mars/Olympus_Mons' }), 'timezone'],
    ['a missing owner', (({ owner: _owner, ...rest }) => rest)(body('no-owner')), 'owner'],
    ['an unknown field', body('extra-field', { plan: 'gold' }), 'plan'],
    [
      'an unknown field inside owner',
      body('extra-owner', { owner: { email: 'e@example.test', name: 'E', password: 'password-e', admin: true } }),
      'admin',
    ],
    ['a number where a string belongs', body('wrong-type', { name: 42 }), 'name'],
    ['an upper-case currency', body('cur-bad', { currency: 'USD' }), 'currency'],
    ['a bad slug', body('Bad Slug!'), 'slug'],
    ['a reserved slug', body('manage'), 'slug'],
    ['an unsupported locale', body('loc-bad', { locale: 'fr' }), 'locale'],
    ['a short password', body('pw-short', { owner: { email: 'pw@example.test', name: 'P', password: 'short' } }), 'password'],
  ])('answers 400 validation_failed for %s and writes nothing', async (_name, payload, field) => {
    const before = await counts();
    const res = await t.request('POST', '/api/v1/admin/tenants', { token: admin, body: payload });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'shorter than 10 characters',
      'pw-long@example.test',
      'nine-char',
      'owner.password must be longer than or equal to 10 characters',
    ],
    [
      'containing the email',
      'fiona.fade@example.test',
      'Fiona.Fade-2026!',
      'owner.password must not contain the email address or its part before the @',
    ],
    [
      'that is a common one',
      'pw-common@example.test',
      'qwertyuiop',
      'owner.password is one of the most commonly used passwords; choose another',
    ],
  ])("refuses an owner's password %s with 400 validation_failed, and writes nothing", async (_name, email, password, message) => {
    const before = await counts();
    const res = await t.request('POST', '/api/v1/admin/tenants', {
      token: admin,
      body: body(`pw-policy-${before.tenants}`, { owner: { email, name: 'Fiona Fade', password } }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', message: [message] });
    expect(await counts()).toEqual(before);
  });

  it('answers malformed JSON with 400 validation_failed', async () => {
    const res = await t.request('POST', '/api/v1/admin/tenants', {
      token: admin,
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('keeps platform routes for super-admins only', async () => {
    const { ownerToken } = await t.createTenant();
    const res = await t.request('GET', '/api/v1/admin/tenants', { token: ownerToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('answers 404 for an unknown tenant id', async () => {
    const res = await t.request('PATCH', '/api/v1/admin/tenants/7c9e6679-7425-40de-944b-e07fc1f90ae7', {
      token: admin,
      body: { status: 'suspended' },
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  describe('suspension', () => {
    it("stops a suspended tenant's users and public profile, and lifts it on activation", async () => {
      const { tenant, ownerToken, ownerEmail } = await t.createTenant();
      expect((await t.request('GET', `/api/v1/public/${tenant.slug}`)).status).toBe(200);

      const suspended = await t.request('PATCH', `/api/v1/admin/tenants/${tenant.id}`, {
        token: admin,
        body: { status: 'suspended' },
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');

      // Signing in answers as for a wrong password: the answer does not tell that the password was right.
      const login = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: 'owner-password' } });
      expect(login.status).toBe(401);
      expect(login.body.code).toBe('unauthorized');
      expect((await t.request('GET', '/api/v1/audit', { token: ownerToken })).status).toBe(403);
      const profile = await t.request('GET', `/api/v1/public/${tenant.slug}`);
      expect(profile.status).toBe(404);

      await t.request('PATCH', `/api/v1/admin/tenants/${tenant.id}`, { token: admin, body: { status: 'active' } });
      expect(
        (await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: 'owner-password' } })).status,
      ).toBe(200);
      const audit = await t.sql(
        `select action, before->>'status' as before, after->>'status' as after from audit_log where tenant_id = $1 and action = 'tenant.update' order by id`,
        [tenant.id],
      );
      expect(audit).toEqual([
        { action: 'tenant.update', before: 'active', after: 'suspended' },
        { action: 'tenant.update', before: 'suspended', after: 'active' },
      ]);
    });
  });

  describe('acting on a tenant', () => {
    it('lets a super-admin act on one tenant with X-Tenant-Id, and requires the header', async () => {
      const { tenant } = await t.createTenant();
      const withHeader = await t.request('GET', '/api/v1/audit', { token: admin, headers: { 'x-tenant-id': tenant.id } });
      expect(withHeader.status).toBe(200);
      expect(withHeader.body.items.length).toBeGreaterThan(0);
      const without = await t.request('GET', '/api/v1/audit', { token: admin });
      expect(without.status).toBe(403);
      const unknown = await t.request('GET', '/api/v1/audit', {
        token: admin,
        headers: { 'x-tenant-id': '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
      });
      expect(unknown.status).toBe(404);
    });

    it('shows owners their own business at /api/v1/tenant', async () => {
      const { tenant, ownerToken } = await t.createTenant();
      const res = await t.request('GET', '/api/v1/tenant', { token: ownerToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(tenant);
      const asAdmin = await t.request('GET', '/api/v1/tenant', { token: admin, headers: { 'x-tenant-id': tenant.id } });
      expect(asAdmin.body).toEqual(tenant);
    });

    it('keeps an owner in their own tenant whatever X-Tenant-Id says', async () => {
      const a = await t.createTenant();
      const b = await t.createTenant();
      const res = await t.request('GET', '/api/v1/audit', { token: a.ownerToken, headers: { 'x-tenant-id': b.tenant.id } });
      expect(res.status).toBe(200);
      const ids = new Set(res.body.items.map((e: { entityId: string }) => e.entityId));
      expect(ids.has(a.tenant.id)).toBe(true);
      expect(ids.has(b.tenant.id)).toBe(false);
    });
  });
});
