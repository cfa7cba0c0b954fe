import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

/**
 * The public availability and booking routes find their tenant by slug on every request: a
 * suspension or a slug that moved takes effect on the next one.
 */
describe('public routes after the slug was remembered', () => {
  let t: TestApp;
  let b: BookableTenant;
  let admin: string;

  const availability = (slug: string, tenant: BookableTenant) =>
    t.request(
      'GET',
      `/api/v1/public/${slug}/availability?serviceId=${tenant.serviceId}&from=${tenant.day(3)}&to=${tenant.day(3)}`,
    );
  const book = (slug: string, tenant: BookableTenant, time: string, phone: string) =>
    t.request('POST', `/api/v1/public/${slug}/bookings`, {
      body: { serviceId: tenant.serviceId, start: tenant.at(tenant.day(3), time), customer: customer(phone) },
    });
  const bookings = async (tenantId: string) =>
    (await t.sql(`select count(*)::int as n from bookings where tenant_id = $1`, [tenantId]))[0].n as number;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
    admin = await t.superAdminToken();
  });
  afterAll(() => t.close());

  it('stop at once when the business is suspended, and serve it again when it is reactivated', async () => {
    expect((await availability(b.tenant.slug, b)).status).toBe(200);
    expect((await book(b.tenant.slug, b, '10:00', '+1 212 555 0101')).status).toBe(201);

    const suspend = await t.request('PATCH', `/api/v1/admin/tenants/${b.tenant.id}`, {
      token: admin,
      body: { status: 'suspended' },
    });
    expect(suspend.status).toBe(200);
    const closed = await availability(b.tenant.slug, b);
    expect(closed.status).toBe(404);
    expect(closed.body.code).toBe('not_found');
    const refused = await book(b.tenant.slug, b, '11:00', '+1 212 555 0102');
    expect(refused.status).toBe(404);
    expect(await bookings(b.tenant.id)).toBe(1);
    expect(await t.sql(`select 1 from customers where phone = '+12125550102'`)).toHaveLength(0);

    await t.request('PATCH', `/api/v1/admin/tenants/${b.tenant.id}`, { token: admin, body: { status: 'active' } });
    expect((await availability(b.tenant.slug, b)).status).toBe(200);
    expect((await book(b.tenant.slug, b, '11:00', '+1 212 555 0102')).status).toBe(201);
  });

  it('follow a slug that moved to another business', async () => {
    const first = await bookableTenant(t);
    expect((await availability(first.tenant.slug, first)).status).toBe(200);
    const second = await bookableTenant(t);
    const slug = first.tenant.slug;
    await t.sql(`update tenants set slug = $2 where id = $1`, [first.tenant.id, `${slug}-old`]);
    await t.sql(`update tenants set slug = $2 where id = $1`, [second.tenant.id, slug]);

    // The slug now names the second business: its service, and bookings land there.
    const moved = await availability(slug, second);
    expect(moved.status).toBe(200);
    expect(moved.body.serviceId).toBe(second.serviceId);
    expect((await book(slug, second, '10:00', '+1 212 555 0103')).status).toBe(201);
    expect(await bookings(second.tenant.id)).toBe(1);
    expect(await bookings(first.tenant.id)).toBe(0);
  });
});
