import { bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

describe('customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('lists, searches, shows history and keeps notes', async () => {
    const b = await bookableTenant(t);
    const booked = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(3), '10:00'), customer: customer('+1 212 555 0140', 'Lucía Gómez') },
    });
    await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(3), '11:00'), customer: customer('+1 212 555 0141', 'Tom Baker') },
    });

    const all = await t.request('GET', '/api/v1/customers', { token: b.ownerToken });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    const byName = await t.request('GET', '/api/v1/customers?search=luc', { token: b.ownerToken });
    expect(byName.body.items.map((c: { name: string }) => c.name)).toEqual(['Lucía Gómez']);
    const byPhone = await t.request('GET', '/api/v1/customers?search=0141', { token: b.ownerToken });
    expect(byPhone.body.items.map((c: { name: string }) => c.name)).toEqual(['Tom Baker']);

    const id = booked.body.customer.id;
    const detail = await t.request('GET', `/api/v1/customers/${id}`, { token: b.ownerToken });
    expect(detail.body).toMatchObject({ phone: '+12125550140', visitCount: 0, noShowCount: 0, optedOut: false });
    expect(detail.body.bookings.map((x: { id: string }) => x.id)).toEqual([booked.body.id]);

    const noted = await t.request('PATCH', `/api/v1/customers/${id}`, { token: b.ownerToken, body: { notes: 'Prefers Jordan' } });
    expect(noted.status).toBe(200);
    expect(noted.body.notes).toBe('Prefers Jordan');
    const [audit] = await t.sql(
      `select before->>'notes' as before, after->>'notes' as after from audit_log where action = 'customer.update' and entity_id = $1`,
      [id],
    );
    expect(audit).toEqual({ before: null, after: 'Prefers Jordan' });

    const bad = await t.request('PATCH', `/api/v1/customers/${id}`, { token: b.ownerToken, body: { visitCount: 9 } });
    expect(bad.status).toBe(400);

    const other = await t.createTenant();
    expect((await t.request('GET', `/api/v1/customers/${id}`, { token: other.ownerToken })).status).toBe(404);
    expect((await t.request('PATCH', `/api/v1/customers/${id}`, { token: other.ownerToken, body: { notes: 'x' } })).status).toBe(
      404,
    );
    expect((await t.request('GET', '/api/v1/customers', { token: other.ownerToken })).body.total).toBe(0);
  });
});
