import { BOOKINGS_CSV_COLUMNS, type AnalyticsSummary, type NoShowRow } from '@frontdesk/contracts';
import { seedTenant, type SeededTenant } from '../../../../../test/factories';
import { TestApp } from '../../../../../test/harness';
import { staffUserToken } from '../catalog/catalog.test-support';

/** A history written as the database owner, each time given as a local wall time in the tenant's zone. */
class History {
  private phones = 0;
  constructor(
    private readonly t: TestApp,
    readonly seeded: SeededTenant,
  ) {}

  private get tz() {
    return this.seeded.tenant.timezone;
  }

  async customer(name: string): Promise<string> {
    const [row] = await this.t.sql<{ id: string }>(
      `insert into customers (tenant_id, phone, name) values ($1, $2, $3) returning id`,
      [this.seeded.tenant.id, `+1212555${String(1000 + this.phones++).slice(-4)}`, name],
    );
    return row.id;
  }

  async booking(b: {
    customerId: string;
    start: string;
    status: string;
    service?: number;
    staff?: number;
    tier?: 'low' | 'medium' | 'high';
    lateCancel?: boolean;
    source?: string;
    createdAt?: string;
    confirmedAfterMinutes?: number;
    depositCents?: number;
    paymentStatus?: string;
  }): Promise<string> {
    const [row] = await this.t.sql<{ id: string }>(
      `insert into bookings (tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source,
                             late_cancel, cancelled_at, risk_tier, risk_score, created_at, customer_confirmed_at,
                             deposit_cents, payment_status)
       select $1, $2, $3, $4, $5, s.at, s.at + interval '30 minutes', tstzrange(s.at, s.at + interval '30 minutes'), $7,
              $8, case when $5 = 'cancelled' then s.at - interval '1 hour' end, $9,
              case $9 when 'low' then 0.05 when 'medium' then 0.2 else 0.5 end, c.at,
              c.at + make_interval(mins => $11), $12, $13
         from (select ($6::timestamp at time zone $14) as at) s,
              (select coalesce($10::timestamp at time zone $14, ($6::timestamp at time zone $14) - interval '7 days') as at) c
       returning id`,
      [
        this.seeded.tenant.id,
        this.seeded.serviceIds[b.service ?? 0],
        this.seeded.staffIds[b.staff ?? 0],
        b.customerId,
        b.status,
        b.start,
        b.source ?? 'web',
        b.lateCancel ?? false,
        b.tier ?? 'low',
        b.createdAt ?? null,
        b.confirmedAfterMinutes ?? null,
        b.depositCents ?? 0,
        b.paymentStatus ?? 'none',
        this.tz,
      ],
    );
    return row.id;
  }

  async conversation(customerId: string, createdAt: string): Promise<string> {
    const [row] = await this.t.sql<{ id: string }>(
      `insert into conversations (tenant_id, customer_id, channel, created_at)
       values ($1, $2, 'sms', $3::timestamp at time zone $4) returning id`,
      [this.seeded.tenant.id, customerId, createdAt, this.tz],
    );
    return row.id;
  }

  /**
   * A sent reminder of the booking whose message the provider knows as `providerId`, planned for the
   * booking's start or, had it been moved since, for the local time `plannedStart`.
   */
  async sentReminder(
    bookingId: string,
    conversationId: string,
    offsetMinutes: number,
    providerId: string,
    plannedStart?: string,
  ): Promise<void> {
    const [message] = await this.t.sql<{ id: string }>(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, provider_message_id)
       values ($1, $2, 'outbound', 'bot', 'sms', 'Reminder', 'sent', $3) returning id`,
      [this.seeded.tenant.id, conversationId, providerId],
    );
    await this.t.sql(
      `insert into reminders (tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status, channel, message_id, sent_at)
       select b.tenant_id, b.id, b.customer_id, $2, p.at, p.at - make_interval(mins => $2), 'sent', 'sms', $3,
              p.at - make_interval(mins => $2)
         from bookings b cross join lateral (select coalesce($4::timestamp at time zone $5, b.start_at) as at) p
        where b.id = $1`,
      [bookingId, offsetMinutes, message.id, plannedStart ?? null, this.tz],
    );
  }

  async payment(bookingId: string, amountCents: number, refundedCents = 0): Promise<void> {
    await this.t.sql(
      `insert into payments (tenant_id, booking_id, checkout_session_id, payment_intent_id, checkout_url, amount_cents, currency,
                             status, refunded_cents, expires_at, paid_at)
       values ($1, $2::uuid, 'cs_' || md5($2::text), 'pi_' || md5($2::text), 'https://checkout.test/x', $3, 'usd', 'paid', $4, now(), now())`,
      [this.seeded.tenant.id, bookingId, amountCents, refundedCents],
    );
  }
}

const rowsOf = (rows: NoShowRow[]) => rows.map((r) => [r.key, r.label, r.bookings, r.completed, r.noShows, r.rate]);

describe('analytics', () => {
  let t: TestApp;
  let ny: SeededTenant;
  let nz: SeededTenant;
  let np: SeededTenant;
  const ids: Record<string, string> = {};

  const get = (token: string, path: string, headers?: Record<string, string>) =>
    t.request('GET', `/api/v1/analytics/${path}`, { token, headers });

  beforeAll(async () => {
    t = await TestApp.start();
    ny = await seedTenant(t, {
      timezone: 'America/New_York',
      staff: ['Ana', 'Ben'],
      services: [
        { name: 'Cut', durationMinutes: 30, priceCents: 5000 },
        { name: 'Color', durationMinutes: 30, priceCents: 9000 },
      ],
    });
    const h = new History(t, ny);
    const customers: string[] = [];
    for (const name of ['Alice', 'Bob', 'Carol', 'Dan', 'Eve', 'Frank', 'Gina']) customers.push(await h.customer(name));
    const [alice, bob, carol, dan, eve, frank, gina] = customers;
    // The week of Monday 2026-10-26 ends on the night New York leaves daylight time (1 November, 02:00).
    ids.b1 = await h.booking({
      customerId: alice,
      start: '2026-10-26 09:00',
      status: 'completed',
      confirmedAfterMinutes: 90,
      depositCents: 2000,
      paymentStatus: 'paid',
    });
    // Sunday 23:30 EST is Monday 04:30 UTC: still the local Sunday of the range's last day.
    ids.b2 = await h.booking({
      customerId: bob,
      start: '2026-11-01 23:30',
      status: 'no_show',
      service: 1,
      staff: 1,
      tier: 'high',
      depositCents: 1500,
      paymentStatus: 'paid',
    });
    ids.b3 = await h.booking({ customerId: bob, start: '2026-10-28 14:00', status: 'no_show', staff: 1, tier: 'medium' });
    ids.b4 = await h.booking({
      customerId: carol,
      start: '2026-10-28 15:00',
      status: 'cancelled',
      lateCancel: true,
      tier: 'medium',
      depositCents: 1000,
      paymentStatus: 'refunded',
    });
    ids.b5 = await h.booking({ customerId: carol, start: '2026-10-29 10:00', status: 'cancelled', service: 1 });
    ids.b6 = await h.booking({ customerId: carol, start: '2026-10-30 11:00', status: 'expired' });
    ids.b7 = await h.booking({
      customerId: alice,
      start: '2026-10-31 16:00',
      status: 'confirmed',
      tier: 'high',
      confirmedAfterMinutes: 150,
    });
    ids.b8 = await h.booking({ customerId: carol, start: '2026-10-27 09:00', status: 'completed', service: 1, staff: 1 });
    // Outside the range by local date, though inside it by UTC date (Sunday 20:30 EDT is Monday 00:30 UTC) …
    ids.o1 = await h.booking({ customerId: bob, start: '2026-10-25 20:30', status: 'no_show', staff: 1 });
    // … and the first minutes after it (Monday 00:30 EST).
    ids.o2 = await h.booking({ customerId: carol, start: '2026-11-02 00:30', status: 'completed' });
    await h.payment(ids.b1, 2000);
    await h.payment(ids.b2, 1500);
    await h.payment(ids.b4, 1000, 1000);

    const aliceChat = await h.conversation(alice, '2026-10-01 10:00');
    const bobChat = await h.conversation(bob, '2026-10-01 11:00');
    const carolChat = await h.conversation(carol, '2026-10-01 12:00');
    await h.sentReminder(ids.b1, aliceChat, 1440, 'SMb1');
    // b7 was moved a day later after its first reminder: one reminded booking still, with two planned starts.
    await h.sentReminder(ids.b7, aliceChat, 1440, 'SMb7a', '2026-10-30 16:00');
    await h.sentReminder(ids.b7, aliceChat, 120, 'SMb7b');
    await h.sentReminder(ids.b3, bobChat, 1440, 'SMb3');
    await h.sentReminder(ids.o2, carolChat, 1440, 'SMo2');
    // Delivery reports arrive the way the webhooks apply them (no tenant set, through the definer function).
    for (const [id, status] of [
      ['SMb1', 'delivered'],
      ['SMb7a', 'read'],
      ['SMb7b', 'failed'],
      ['SMo2', 'delivered'],
    ]) {
      await t.sql(`select record_delivery_status('sms', $1, $2, array['pending', 'sent', 'delivered'])`, [id, status]);
    }

    // Conversations begun in the range: Dan's led to a booking by SMS, Frank's to one made in the admin app.
    await h.booking({
      customerId: dan,
      start: '2026-11-10 10:00',
      status: 'confirmed',
      source: 'sms',
      createdAt: '2026-10-27 12:10',
    });
    await h.conversation(dan, '2026-10-27 12:00');
    await h.conversation(eve, '2026-10-28 09:00');
    await h.booking({
      customerId: frank,
      start: '2026-11-12 10:00',
      status: 'confirmed',
      source: 'admin',
      createdAt: '2026-11-01 08:00',
    });
    await h.conversation(frank, '2026-10-31 23:00');
    // 23:30 EST on the last day is 04:30 UTC the day after: still in the range.
    await h.conversation(gina, '2026-11-01 23:30');

    nz = await seedTenant(t, {
      timezone: 'Pacific/Auckland',
      services: [{ name: 'Massage', durationMinutes: 30, priceCents: 8000 }],
    });
    const k = new History(t, nz);
    const kiri = await k.customer('Kiri');
    // Monday 08:00 NZDT is Sunday 19:00 UTC; Sunday 23:00 NZDT is Sunday 10:00 UTC.
    ids.a1 = await k.booking({ customerId: kiri, start: '2026-12-07 08:00', status: 'no_show', tier: 'high' });
    ids.a2 = await k.booking({ customerId: kiri, start: '2026-12-06 23:00', status: 'completed' });
    // The Sunday New Zealand enters daylight time (27 September 2026, 02:00 → 03:00).
    ids.a3 = await k.booking({ customerId: kiri, start: '2026-09-27 03:30', status: 'completed' });

    // Kathmandu is 5:45 ahead of UTC: its local hours begin at a quarter past the UTC hour.
    np = await seedTenant(t, {
      timezone: 'Asia/Kathmandu',
      services: [{ name: 'Threading', durationMinutes: 30, priceCents: 1000 }],
    });
    const n = new History(t, np);
    const sita = await n.customer('Sita');
    // 05:50 and 06:05 local are 00:05 and 00:20 UTC: one UTC hour, two local ones.
    await n.booking({ customerId: sita, start: '2026-12-07 05:50', status: 'completed' });
    await n.booking({ customerId: sita, start: '2026-12-07 06:05', status: 'no_show' });
  });
  afterAll(() => t.close());

  const NY_WEEK = 'from=2026-10-26&to=2026-11-01';

  it('sums up the bookings, reminders, deposits and conversations of a DST week by local dates', async () => {
    const res = await get(ny.ownerToken, `summary?${NY_WEEK}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual<AnalyticsSummary>({
      bookings: { total: 8, confirmed: 1, completed: 2, noShow: 2, cancelled: 2, lateCancelled: 1, expired: 1 },
      noShowRate: 0.5,
      conversations: { started: 4, booked: 1, conversionRate: 0.25 },
      reminders: { sent: 4, delivered: 2, failed: 1, confirmedByReply: 2, deliveryRate: 0.5, confirmationRate: 2 / 3 },
      deposits: { collectedCents: 4500, refundedCents: 1000, keptCents: 3500 },
      medianMinutesToConfirm: 120,
    });
  });

  it('keeps each reminder in step with its message, whichever way the message changes', async () => {
    const statuses = async () =>
      Object.fromEntries(
        (
          await t.sql<{ provider: string; status: string }>(
            `select m.provider_message_id as provider, r.message_status as status
               from reminders r join messages m on m.id = r.message_id order by 1`,
          )
        ).map((r) => [r.provider, r.status]),
      );
    expect(await statuses()).toEqual({ SMb1: 'delivered', SMb3: 'sent', SMb7a: 'read', SMb7b: 'failed', SMo2: 'delivered' });
    await t.sql(`update messages set status = 'delivered' where provider_message_id = 'SMb3'`);
    expect((await statuses()).SMb3).toBe('delivered');
  });

  it('breaks no-shows down by week, weekday, hour, weekday and hour, service, staff and risk tier in the tenant zone', async () => {
    const by = async (query: string) => {
      const res = await get(ny.ownerToken, `no-shows?${query}`);
      expect(res.status).toBe(200);
      return rowsOf(res.body.rows);
    };
    expect(await by('from=2026-10-19&to=2026-11-08&by=week')).toEqual([
      ['2026-10-19', 'Week of 2026-10-19', 1, 0, 1, 1],
      ['2026-10-26', 'Week of 2026-10-26', 8, 2, 2, 0.5],
      ['2026-11-02', 'Week of 2026-11-02', 1, 1, 0, 0],
    ]);
    expect(await by(`${NY_WEEK}&by=weekday`)).toEqual([
      ['mon', 'Monday', 1, 1, 0, 0],
      ['tue', 'Tuesday', 1, 1, 0, 0],
      ['wed', 'Wednesday', 2, 0, 1, 1],
      ['thu', 'Thursday', 1, 0, 0, null],
      ['fri', 'Friday', 1, 0, 0, null],
      ['sat', 'Saturday', 1, 0, 0, null],
      ['sun', 'Sunday', 1, 0, 1, 1],
    ]);
    const hours = await by(`${NY_WEEK}&by=hour`);
    expect(hours).toHaveLength(24);
    expect(hours.filter((row) => row[2] !== 0)).toEqual([
      ['09', '09:00', 2, 2, 0, 0],
      ['10', '10:00', 1, 0, 0, null],
      ['11', '11:00', 1, 0, 0, null],
      ['14', '14:00', 1, 0, 1, 1],
      ['15', '15:00', 1, 0, 0, null],
      ['16', '16:00', 1, 0, 0, null],
      ['23', '23:00', 1, 0, 1, 1],
    ]);
    expect(hours[0]).toEqual(['00', '00:00', 0, 0, 0, null]);
    const heatMap = await by(`${NY_WEEK}&by=weekdayHour`);
    expect(heatMap).toHaveLength(7 * 24);
    expect(heatMap[0]).toEqual(['mon-00', 'Monday 00:00', 0, 0, 0, null]);
    expect(heatMap[24 + 9]).toEqual(['tue-09', 'Tuesday 09:00', 1, 1, 0, 0]);
    expect(heatMap.filter((row) => row[2] !== 0)).toEqual([
      ['mon-09', 'Monday 09:00', 1, 1, 0, 0],
      ['tue-09', 'Tuesday 09:00', 1, 1, 0, 0],
      ['wed-14', 'Wednesday 14:00', 1, 0, 1, 1],
      ['wed-15', 'Wednesday 15:00', 1, 0, 0, null],
      ['thu-10', 'Thursday 10:00', 1, 0, 0, null],
      ['fri-11', 'Friday 11:00', 1, 0, 0, null],
      ['sat-16', 'Saturday 16:00', 1, 0, 0, null],
      ['sun-23', 'Sunday 23:00', 1, 0, 1, 1],
    ]);
    const [cut, color] = ny.serviceIds;
    expect(await by(`${NY_WEEK}&by=service`)).toEqual([
      [color, 'Color', 3, 1, 1, 0.5],
      [cut, 'Cut', 5, 1, 1, 0.5],
    ]);
    const [ana, ben] = ny.staffIds;
    expect(await by(`${NY_WEEK}&by=staff`)).toEqual([
      [ana, 'Ana', 5, 1, 0, 0],
      [ben, 'Ben', 3, 1, 2, 2 / 3],
    ]);
    expect(await by(`${NY_WEEK}&by=riskTier`)).toEqual([
      ['low', 'Low', 4, 2, 0, 0],
      ['medium', 'Medium', 2, 0, 1, 1],
      ['high', 'High', 2, 0, 1, 1],
    ]);
  });

  it('buckets a tenant far east of UTC by its own dates, weekdays and hours, across its DST change', async () => {
    const monday = await get(nz.ownerToken, 'summary?from=2026-12-07&to=2026-12-07');
    expect(monday.body.bookings).toMatchObject({ total: 1, noShow: 1, completed: 0 });
    const days = await get(nz.ownerToken, 'no-shows?from=2026-12-06&to=2026-12-07&by=weekday');
    expect(rowsOf(days.body.rows).filter((row) => row[2] !== 0)).toEqual([
      ['mon', 'Monday', 1, 0, 1, 1],
      ['sun', 'Sunday', 1, 1, 0, 0],
    ]);
    const hours = await get(nz.ownerToken, 'no-shows?from=2026-12-06&to=2026-12-07&by=hour');
    expect(
      rowsOf(hours.body.rows)
        .filter((row) => row[2] !== 0)
        .map((row) => row[0]),
    ).toEqual(['08', '23']);
    const dstDay = await get(nz.ownerToken, 'no-shows?from=2026-09-27&to=2026-09-27&by=hour');
    expect(rowsOf(dstDay.body.rows).filter((row) => row[2] !== 0)).toEqual([['03', '03:00', 1, 1, 0, 0]]);
    const week = await get(nz.ownerToken, 'no-shows?from=2026-09-21&to=2026-09-27&by=week');
    expect(rowsOf(week.body.rows)).toEqual([['2026-09-21', 'Week of 2026-09-21', 1, 1, 0, 0]]);
  });

  it('buckets a tenant whose offset is not whole hours by its own local hours', async () => {
    const hours = await get(np.ownerToken, 'no-shows?from=2026-12-07&to=2026-12-07&by=hour');
    expect(rowsOf(hours.body.rows).filter((row) => row[2] !== 0)).toEqual([
      ['05', '05:00', 1, 1, 0, 0],
      ['06', '06:00', 1, 0, 1, 1],
    ]);
  });

  it("shows a tenant none of another tenant's rows", async () => {
    const nzSeesNy = await get(nz.ownerToken, `summary?${NY_WEEK}`);
    expect(nzSeesNy.body).toMatchObject({
      bookings: { total: 0 },
      noShowRate: null,
      conversations: { started: 0, booked: 0, conversionRate: null },
      reminders: { sent: 0, deliveryRate: null, confirmationRate: null },
      deposits: { collectedCents: 0 },
      medianMinutesToConfirm: null,
    });
    const nySeesNz = await get(ny.ownerToken, 'no-shows?from=2026-09-01&to=2026-12-31&by=staff');
    expect(nySeesNz.body.rows.map((row: NoShowRow) => row.key)).not.toContain(nz.staffIds[0]);
    const csv = await get(nz.ownerToken, `bookings.csv?${NY_WEEK}`);
    expect(csv.body.trim().split('\n')).toHaveLength(1);
  });

  it('exports the range as CSV with outcome, risk and payment columns', async () => {
    const res = await get(ny.ownerToken, `bookings.csv?${NY_WEEK}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bookings-2026-10-26-to-2026-11-01.csv"');
    const [header, ...lines] = res.body.trim().split('\n');
    expect(header).toBe(BOOKINGS_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(8);
    const records = lines.map((line: string) => Object.fromEntries(line.split(',').map((v, i) => [BOOKINGS_CSV_COLUMNS[i], v])));
    expect(records.map((r: Record<string, string>) => r.id)).toEqual(
      ['b1', 'b8', 'b3', 'b4', 'b5', 'b6', 'b7', 'b2'].map((b) => ids[b]),
    );
    expect(records[7]).toMatchObject({
      start: '2026-11-02T04:30:00.000Z',
      localDate: '2026-11-01',
      localTime: '23:30',
      status: 'no_show',
      lateCancelled: 'false',
      serviceName: 'Color',
      staffName: 'Ben',
      customerName: 'Bob',
      riskScore: '0.5',
      riskTier: 'high',
      depositCents: '1500',
      paymentStatus: 'paid',
      paidCents: '1500',
      refundedCents: '0',
    });
    expect(records[3]).toMatchObject({ status: 'cancelled', lateCancelled: 'true', paidCents: '1000', refundedCents: '1000' });
  });

  it('refuses bad ranges and breakdowns with validation_failed', async () => {
    const cases: [string, RegExp][] = [
      ['summary?to=2026-11-01', /from must be a real date/],
      ['summary?from=2026-02-30&to=2026-03-01', /from must be a real date/],
      ['summary?from=2026-11-01&to=11/30/2026', /to must be a real date/],
      ['summary?from=2026-11-02&to=2026-11-01', /must not be after/],
      ['summary?from=2025-01-01&to=2026-01-02', /spans 367 days; at most 366/],
      ['no-shows?from=2026-10-26&to=2026-11-01', /by must be one of/],
      ['no-shows?from=2026-10-26&to=2026-11-01&by=month', /by must be one of/],
      ['bookings.csv?from=2026-11-02&to=2026-11-01', /must not be after/],
    ];
    for (const [path, message] of cases) {
      const res = await get(ny.ownerToken, path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'validation_failed' });
      expect([res.body.message].flat().join(' ')).toMatch(message);
    }
    expect((await get(ny.ownerToken, 'summary?from=2025-01-01&to=2026-01-01')).status).toBe(200);
  });

  it('answers owners and super-admins acting on the tenant; refuses staff and anonymous callers', async () => {
    const staff = await staffUserToken(t, ny.tenant.id);
    for (const path of [`summary?${NY_WEEK}`, `no-shows?${NY_WEEK}&by=week`, `bookings.csv?${NY_WEEK}`]) {
      expect((await get(staff, path)).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      expect((await t.request('GET', `/api/v1/analytics/${path}`)).body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    }
    const admin = await get(await t.superAdminToken(), `summary?${NY_WEEK}`, { 'x-tenant-id': ny.tenant.id });
    expect(admin.status).toBe(200);
    expect(admin.body.bookings.total).toBe(8);
  });
});
