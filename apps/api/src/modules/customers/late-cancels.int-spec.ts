import { bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

describe('late cancels', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('records when a booking was cancelled and counts a cancel inside the notice against the customer', async () => {
    const b = await bookableTenant(t);
    const book = (time: string) =>
      t.request('POST', '/api/v1/bookings', {
        token: b.ownerToken,
        body: { serviceId: b.serviceId, start: b.at(b.day(3), time), customer: customer('+1 212 555 0150', 'Ana Ruiz') },
      });
    const early = (await book('10:00')).body;
    const late = (await book('11:00')).body;
    const cancel = (id: string) => t.request('POST', `/api/v1/bookings/${id}/cancel`, { token: b.ownerToken, body: {} });

    expect((await cancel(early.id)).status).toBe(200);
    // Three days ahead is inside a ten-day notice.
    await t.sql(`update tenants set cancellation_notice_hours = 240 where id = $1`, [b.tenant.id]);
    expect((await cancel(late.id)).status).toBe(200);

    const rows = await t.sql(`select id, late_cancel, cancelled_at is not null as stamped from bookings order by start_at`);
    expect(rows).toEqual([
      { id: early.id, late_cancel: false, stamped: true },
      { id: late.id, late_cancel: true, stamped: true },
    ]);
    const detail = await t.request('GET', `/api/v1/customers/${early.customer.id}`, { token: b.ownerToken });
    expect(detail.body).toMatchObject({ lateCancelCount: 1, noShowCount: 0, completedCount: 0, cancellationCount: 2 });
    const list = await t.request('GET', '/api/v1/customers', { token: b.ownerToken });
    expect(list.body.items[0]).toMatchObject({ lateCancelCount: 1, completedCount: 0 });
  });
});
