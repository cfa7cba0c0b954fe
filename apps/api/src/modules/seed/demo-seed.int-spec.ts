import { DEMO } from './demo-seed';
import { HISTORY_DAYS_AHEAD, HISTORY_DAYS_BACK } from './demo-history';
import { TestApp } from '../../../../../test/harness';

describe('the demo tenant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ DEMO_SEED: 'true', DEMO_HISTORY: 'true' });
  });
  afterAll(() => t.close());

  const login = async () =>
    (await t.request('POST', '/api/v1/auth/login', { body: { email: DEMO.ownerEmail, password: DEMO.ownerPassword } })).body
      .accessToken as string;

  it('comes with months of history whose numbers hold together', async () => {
    const [tenant] = await t.sql(`select id from tenants where slug = 'demo'`);
    const [totals] = await t.sql(
      `select count(*)::int as bookings,
              count(*) filter (where status = 'no_show')::int as no_shows,
              count(*) filter (where status = 'completed')::int as completed,
              count(*) filter (where late_cancel)::int as late_cancels,
              count(*) filter (where start_at > now())::int as ahead,
              min(start_at) as first, max(start_at) as last,
              count(distinct customer_id)::int as customers, count(distinct service_id)::int as services,
              count(distinct staff_id)::int as staff
         from bookings where tenant_id = $1`,
      [tenant.id],
    );
    expect(totals.bookings).toBeGreaterThan(300);
    expect(totals.ahead).toBeGreaterThan(10);
    expect(totals.services).toBe(4);
    expect(totals.staff).toBe(2);
    const rate = totals.no_shows / (totals.no_shows + totals.completed);
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.15);
    expect(totals.late_cancels).toBeGreaterThan(0);
    const days = (ms: number) => ms / 86_400_000;
    expect(days(Date.now() - totals.first.getTime())).toBeGreaterThan(HISTORY_DAYS_BACK - 3);
    expect(days(totals.last.getTime() - Date.now())).toBeLessThan(HISTORY_DAYS_AHEAD + 1);

    // No-shows sit with a few customers.
    const [spread] = await t.sql(
      `select count(*) filter (where no_show_count > 0)::int as missed, count(*)::int as customers from customers where tenant_id = $1`,
      [tenant.id],
    );
    expect(spread.missed).toBeLessThan(spread.customers / 3);

    // Counts equal what the bookings say.
    const wrong = await t.sql(
      `select c.id from customers c
         left join bookings b on b.customer_id = c.id
        where c.tenant_id = $1
        group by c.tenant_id, c.id
       having c.no_show_count <> count(b.id) filter (where b.status = 'no_show')
           or c.visit_count <> count(b.id) filter (where b.status = 'completed')
           or c.late_cancel_count <> count(b.id) filter (where b.late_cancel)`,
      [tenant.id],
    );
    expect(wrong).toEqual([]);

    // Reminders went out and were confirmed; deposits were paid, refunded and kept.
    const [reminders] = await t.sql(
      `select count(*) filter (where r.status = 'sent')::int as sent, count(*) filter (where m.status = 'delivered')::int as delivered,
              count(*) filter (where r.status = 'failed')::int as failed,
              (select count(*)::int from bookings where tenant_id = $1 and customer_confirmed_at is not null) as confirmed
         from reminders r left join messages m on m.id = r.message_id where r.tenant_id = $1`,
      [tenant.id],
    );
    expect(reminders.sent).toBeGreaterThan(100);
    expect(reminders.delivered).toBeGreaterThan(50);
    expect(reminders.failed).toBeGreaterThan(0);
    expect(reminders.confirmed).toBeGreaterThan(50);
    const payments = await t.sql(
      `select b.payment_status, b.status, b.late_cancel from payments p join bookings b on b.id = p.booking_id where p.tenant_id = $1`,
      [tenant.id],
    );
    expect(payments.some((p) => p.payment_status === 'refunded')).toBe(true);
    expect(payments.some((p) => p.payment_status === 'paid' && (p.status === 'no_show' || p.late_cancel))).toBe(true);
    const [chats] = await t.sql(
      `select count(*)::int as started, count(booking_id)::int as booked from conversations where tenant_id = $1`,
      [tenant.id],
    );
    expect(chats.booked).toBeGreaterThan(10);
    expect(chats.started).toBeGreaterThan(chats.booked);

    // Through the API: bookings carry their risk, customers their counts.
    const token = await login();
    const list = await t.request('GET', '/api/v1/bookings?from=2000-01-01&to=2100-01-01&limit=5', { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(totals.bookings);
    expect(list.body.items[0].noShowRisk).toMatchObject({ tier: expect.stringMatching(/^(low|medium|high)$/) });
  });

  it('is seeded once: a second provisioning adds nothing', async () => {
    const before = await t.sql(`select (select count(*) from bookings) as b, (select count(*) from messages) as m`);
    const again = await TestApp.start({ DEMO_SEED: 'true', DEMO_HISTORY: 'true' }, t.databaseUrl);
    await again.close();
    expect(await t.sql(`select (select count(*) from bookings) as b, (select count(*) from messages) as m`)).toEqual(before);
  });
});
