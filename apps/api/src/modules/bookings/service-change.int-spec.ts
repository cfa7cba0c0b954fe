import { customer, seededBookableTenant } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

// Changing the service of an existing booking: POST /bookings/:id/reschedule and the manage
// link's reschedule with `serviceId` (an extension of v1).

const BEARD_TRIM = { name: 'Beard Trim', durationMinutes: 45, priceCents: 2000 };
const COLOUR = { name: 'Colour', durationMinutes: 60, priceCents: 6000 };

describe('changing the service of a booking', () => {
  let t: TestApp;
  let b: Awaited<ReturnType<typeof seededBookableTenant>>;
  let haircut: string;
  let beardTrim: string;
  let colour: string;
  let day = 3;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await seededBookableTenant(t, { moreServices: [BEARD_TRIM, COLOUR] });
    [haircut, beardTrim, colour] = b.serviceIds;
  });
  afterAll(() => t.close());

  const book = async (date: string, time: string, staff = 0, serviceId = haircut) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId, start: b.at(date, time), staffId: b.staffIds[staff], customer: customer() },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; start: string; end: string; staffId: string; manageUrl: string };
  };
  const change = (id: string, body: Record<string, unknown>, token = b.ownerToken) =>
    t.request('POST', `/api/v1/bookings/${id}/reschedule`, { token, body });
  const row = async (id: string) =>
    (
      await t.sql<{ service_id: string; start_at: Date; end_at: Date; version: number; calendar_sequence: number }>(
        'select service_id, start_at, end_at, version, calendar_sequence from bookings where id = $1',
        [id],
      )
    )[0];

  it('keeps the time, ends after the new service and records the change', async () => {
    const date = b.day(day++);
    const booking = await book(date, '10:00');
    const before = await row(booking.id);
    const res = await change(booking.id, { serviceId: beardTrim });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: booking.id,
      serviceId: beardTrim,
      staffId: booking.staffId,
      start: b.at(date, '10:00'),
      end: b.at(date, '10:45'),
    });
    const after = await row(booking.id);
    // The manage link of the old service no longer changes it; the staff calendar gets the new event.
    expect(after.version).toBe(before.version + 1);
    expect(after.calendar_sequence).toBe(before.calendar_sequence + 1);
    const audit = await t.sql<{ action: string }>(`select action from audit_log where entity_id = $1 order by created_at`, [
      booking.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['booking.create', 'booking.change_service']);
    const reminders = await t.sql<{ planned_start: Date }>(
      `select planned_start from reminders where booking_id = $1 and status = 'scheduled'`,
      [booking.id],
    );
    expect(reminders.every((r) => r.planned_start.toISOString() === b.at(date, '10:00'))).toBe(true);
  });

  it('changes the service and the time in one request', async () => {
    const date = b.day(day++);
    const booking = await book(date, '10:00');
    const res = await change(booking.id, { serviceId: colour, start: b.at(date, '14:00') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serviceId: colour, start: b.at(date, '14:00'), end: b.at(date, '15:00') });
    // The old time is free again.
    expect((await book(date, '10:00', 0)).start).toBe(b.at(date, '10:00'));
  });

  it('refuses a staff member who does not offer the new service with 409 service_not_offered', async () => {
    const date = b.day(day++);
    const booking = await book(date, '10:00', 1);
    await t.sql(`update staff set performs_all_services = false where id = $1`, [b.staffIds[1]]);
    await t.sql(`insert into staff_services (tenant_id, staff_id, service_id) values ($1, $2, $3)`, [
      b.tenant.id,
      b.staffIds[1],
      haircut,
    ]);
    try {
      const res = await change(booking.id, { serviceId: colour, staffId: b.staffIds[1] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('service_not_offered');
      expect((await row(booking.id)).service_id).toBe(haircut);
      // Without a staff member named, someone who offers it takes it at the same time.
      const moved = await change(booking.id, { serviceId: colour });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ serviceId: colour, staffId: b.staffIds[0], start: b.at(date, '10:00') });
    } finally {
      await t.sql(`delete from staff_services where staff_id = $1`, [b.staffIds[1]]);
      await t.sql(`update staff set performs_all_services = true where id = $1`, [b.staffIds[1]]);
    }
  });

  it('answers 409 slot_unavailable when the longer service would run into the next booking, and changes nothing', async () => {
    const date = b.day(day++);
    const booking = await book(date, '10:00', 0);
    // 10:00 + 60 minutes runs into 10:45, which the haircut alone (10:00–10:30, buffer to 10:45) does not.
    await book(date, '10:45', 0);
    const res = await change(booking.id, { serviceId: colour, staffId: b.staffIds[0] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('slot_unavailable');
    expect(Array.isArray(res.body.alternatives)).toBe(true);
    const unchanged = await row(booking.id);
    expect(unchanged.service_id).toBe(haircut);
    expect(unchanged.end_at.toISOString()).toBe(b.at(date, '10:30'));
  });

  it('lets exactly one of two concurrent changes into the same range win', async () => {
    const date = b.day(day++);
    const first = await book(date, '13:00', 0);
    const second = await book(date, '16:00', 0);
    const results = await Promise.all([
      // 13:00–14:00 with the colour…
      change(first.id, { serviceId: colour, staffId: b.staffIds[0] }),
      // …against a beard trim moved to 13:30.
      change(second.id, { serviceId: beardTrim, start: b.at(date, '13:30'), staffId: b.staffIds[0] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('slot_unavailable');
    const overlaps = await t.sql(
      `select 1 from bookings x join bookings y on x.id < y.id and x.staff_id = y.staff_id and x.blocked && y.blocked
        where x.id in ($1, $2) and y.id in ($1, $2)`,
      [first.id, second.id],
    );
    expect(overlaps).toEqual([]);
  });

  it("answers 404 for another tenant's booking or service, and changes nothing", async () => {
    const other = await seededBookableTenant(t, { moreServices: [BEARD_TRIM] });
    const date = b.day(day++);
    const booking = await book(date, '10:00');
    const foreignBooking = await change(booking.id, { serviceId: other.serviceIds[1] }, other.ownerToken);
    expect(foreignBooking.status).toBe(404);
    const foreignService = await change(booking.id, { serviceId: other.serviceIds[1] });
    expect(foreignService.status).toBe(404);
    expect(foreignService.body.code).toBe('not_found');
    expect((await row(booking.id)).service_id).toBe(haircut);
  });

  it('refuses a body with neither a start nor a service with 400', async () => {
    const booking = await book(b.day(day++), '10:00');
    const res = await change(booking.id, {});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  describe('through the manage link', () => {
    const tokenOf = (manageUrl: string) => manageUrl.split('/manage/')[1];
    const manageChange = (manageUrl: string, body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/public/manage/${tokenOf(manageUrl)}/reschedule`, { body });

    it("changes the customer's own booking and issues a link for its new version", async () => {
      const date = b.day(day++);
      const mine = await book(date, '10:00', 0);
      const theirs = await book(date, '10:00', 1);
      const res = await manageChange(mine.manageUrl, { serviceId: beardTrim });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: mine.id, serviceId: beardTrim, start: b.at(date, '10:00'), end: b.at(date, '10:45') });
      expect(res.body.manageUrl).not.toBe(mine.manageUrl);
      // Only the link's own booking changed; the old link now only shows it.
      expect((await row(theirs.id)).service_id).toBe(haircut);
      const stale = await manageChange(mine.manageUrl, { serviceId: colour });
      expect(stale.status).toBe(410);
      expect(stale.body.code).toBe('link_expired');
    });

    it("refuses a link re-pointed at someone else's booking, and changes neither", async () => {
      const date = b.day(day++);
      const mine = await book(date, '10:00', 0);
      const theirs = await book(date, '11:00', 0);
      const [header, payload, signature] = tokenOf(mine.manageUrl).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, bid: theirs.id })).toString('base64url');
      const res = await t.request('POST', `/api/v1/public/manage/${header}.${forged}.${signature}/reschedule`, {
        body: { serviceId: beardTrim },
      });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('link_invalid');
      expect((await row(mine.id)).service_id).toBe(haircut);
      expect((await row(theirs.id)).service_id).toBe(haircut);
    });

    it('refuses a manage-link body naming a staff member (customers do not choose through the link)', async () => {
      const mine = await book(b.day(day++), '10:00', 0);
      const res = await manageChange(mine.manageUrl, { serviceId: beardTrim, staffId: b.staffIds[1] });
      expect(res.status).toBe(400);
      expect((await row(mine.id)).service_id).toBe(haircut);
    });
  });
});
