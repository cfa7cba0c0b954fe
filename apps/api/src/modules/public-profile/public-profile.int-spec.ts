import { TestApp } from '../../../../../test/harness';

describe('public profile', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('shows an active business, its active services, and its active staff with the services they perform', async () => {
    const { tenant, ownerToken: token } = await t.createTenant({ name: 'Corner Barbers', timezone: 'America/Chicago' });
    const create = async (path: string, body: object) => (await t.request('POST', path, { token, body })).body as { id: string };
    const cut = await create('/api/v1/services', { name: 'Haircut', durationMinutes: 30, priceCents: 3000 });
    const shave = await create('/api/v1/services', { name: 'Shave', durationMinutes: 20, priceCents: 2000 });
    await create('/api/v1/services', { name: 'Retired', durationMinutes: 20, priceCents: 0, active: false });
    const jordan = await create('/api/v1/staff', { name: 'Jordan', serviceIds: [shave.id], hours: null });
    await create('/api/v1/staff', { name: 'Away', serviceIds: null, hours: null, active: false });

    const res = await t.request('GET', `/api/v1/public/${tenant.slug}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: tenant.slug,
      name: 'Corner Barbers',
      timezone: 'America/Chicago',
      currency: 'usd',
      locale: 'en',
    });
    expect(res.body.services).toEqual([
      { id: cut.id, name: 'Haircut', durationMinutes: 30, priceCents: 3000 },
      { id: shave.id, name: 'Shave', durationMinutes: 20, priceCents: 2000 },
    ]);
    // The onboarded owner performs every service; Jordan only shaves; inactive staff are left out.
    expect(res.body.staff).toHaveLength(2);
    expect(res.body.staff).toContainEqual({ id: jordan.id, name: 'Jordan', serviceIds: [shave.id] });
    expect(res.body.staff).toContainEqual(expect.objectContaining({ serviceIds: null }));
  });

  it('answers 404 not_found for an unknown business', async () => {
    const res = await t.request('GET', '/api/v1/public/no-such-business');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
