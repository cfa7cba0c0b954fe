import fc from 'fast-check';
import { bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

/**
 * Whatever sequence of outcomes, undos and cancellations the business records, a customer's
 * counts equal what their bookings say.
 */
describe("customers' outcome counts", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const action = fc.record({
    booking: fc.integer({ min: 0, max: 2 }),
    change: fc.constantFrom('no_show', 'completed', 'cancel'),
  });

  it('always equal the bookings, across any sequence of status changes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const b = await bookableTenant(t);
        const phone = `+1 212 555 0${String(100 + (run++ % 100))}`;
        const ids: string[] = [];
        // Two appointments that took place two days ago (a cancel of them is late), one days ahead (timely).
        for (const [day, time] of [
          [1, '10:00'],
          [1, '11:00'],
          [4, '10:00'],
        ] as const) {
          const made = await t.request('POST', '/api/v1/bookings', {
            token: b.ownerToken,
            body: { serviceId: b.serviceId, start: b.at(b.day(day), time), customer: customer(phone, 'Rae Quinn') },
          });
          expect(made.status).toBe(201);
          ids.push(made.body.id);
        }
        await t.sql(
          `update bookings set start_at = start_at - interval '3 days', end_at = end_at - interval '3 days',
                  blocked = tstzrange(lower(blocked) - interval '3 days', upper(blocked) - interval '3 days', '[)')
            where id = any($1)`,
          [ids.slice(0, 2)],
        );
        for (const { booking, change } of actions) {
          const res =
            change === 'cancel'
              ? await t.request('POST', `/api/v1/bookings/${ids[booking]}/cancel`, { token: b.ownerToken, body: {} })
              : await t.request('POST', `/api/v1/bookings/${ids[booking]}/status`, {
                  token: b.ownerToken,
                  body: { status: change },
                });
          // A change the rules refuse is a 4xx and changes nothing; never a server error.
          expect(res.status).toBeLessThan(500);
        }
        const [counts] = await t.sql(
          `select c.no_show_count, c.visit_count, c.late_cancel_count, c.cancellation_count,
                  count(*) filter (where b.status = 'no_show')::int as no_shows,
                  count(*) filter (where b.status = 'completed')::int as completed,
                  count(*) filter (where b.late_cancel)::int as late,
                  count(*) filter (where b.status = 'cancelled')::int as cancelled
             from customers c join bookings b on b.customer_id = c.id
            where b.id = any($1)
            group by c.tenant_id, c.id`,
          [ids],
        );
        expect(counts.no_show_count).toBe(counts.no_shows);
        expect(counts.visit_count).toBe(counts.completed);
        expect(counts.late_cancel_count).toBe(counts.late);
        expect(counts.cancellation_count).toBe(counts.cancelled);
        const api = await t.request(
          'GET',
          `/api/v1/customers/${(await t.request('GET', `/api/v1/bookings/${ids[0]}`, { token: b.ownerToken })).body.customer.id}`,
          { token: b.ownerToken },
        );
        expect(api.body).toMatchObject({
          noShowCount: counts.no_shows,
          completedCount: counts.completed,
          lateCancelCount: counts.late,
        });
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
