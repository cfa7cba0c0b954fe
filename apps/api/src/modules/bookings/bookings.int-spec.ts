import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';
import { BookingsService } from './bookings.service';
import { Db } from '../../common/db/db.service';
import { HoldSweeper } from './hold-sweeper';

describe('availability and bookings', () => {
  let t: TestApp;
  let b: BookableTenant;
  const book = (body: Record<string, unknown>) => t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, { body });
  const slotsOn = async (date: string, staffId?: string) => {
    const res = await t.request(
      'GET',
      `/api/v1/public/${b.tenant.slug}/availability?serviceId=${b.serviceId}&from=${date}&to=${date}${staffId ? `&staffId=${staffId}` : ''}`,
    );
    expect(res.status).toBe(200);
    return res.body.slots as { start: string; end: string; staffIds: string[] }[];
  };
  const counts = async () =>
    (
      await t.sql(`select (select count(*) from bookings)::int as bookings, (select count(*) from customers)::int as customers`)
    )[0];

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
  });
  afterAll(() => t.close());

  describe('availability', () => {
    it('offers the grid inside working hours with the free staff of each slot', async () => {
      const date = b.day(10);
      const slots = await slotsOn(date);
      expect(slots[0]).toEqual({ start: b.at(date, '09:00'), end: b.at(date, '09:30'), staffIds: [...b.staffIds].sort() });
      // 09:00 to 16:30 every 15 minutes: the last 30-minute appointment ends at 17:00.
      expect(slots).toHaveLength(31);
      expect(slots[slots.length - 1].start).toBe(b.at(date, '16:30'));
    });

    it('answers the same on the tenant-scoped endpoint, with the contract shape', async () => {
      const date = b.day(10);
      const q = `serviceId=${b.serviceId}&from=${date}&to=${date}`;
      const scoped = await t.request('GET', `/api/v1/availability?${q}`, { token: b.ownerToken });
      const publicAnswer = await t.request('GET', `/api/v1/public/${b.tenant.slug}/availability?${q}`);
      expect(scoped.status).toBe(200);
      expect(scoped.body).toEqual(publicAnswer.body);
      expect(scoped.body.timezone).toBe('America/New_York');
      expect(scoped.body.serviceId).toBe(b.serviceId);
    });

    it('filters by staff member', async () => {
      const slots = await slotsOn(b.day(10), b.staffIds[1]);
      expect(slots.every((s) => s.staffIds.length === 1 && s.staffIds[0] === b.staffIds[1])).toBe(true);
    });

    it.each([
      ['more than 31 days', (d: (n: number) => string) => `from=${d(1)}&to=${d(33)}`],
      ['to before from', (d: (n: number) => string) => `from=${d(5)}&to=${d(4)}`],
      ['an impossible date', () => `from=2026-02-30&to=2026-03-01`],
      ['a missing from', (d: (n: number) => string) => `to=${d(4)}`],
    ])('answers 400 for %s', async (_name, range) => {
      const res = await t.request('GET', `/api/v1/public/${b.tenant.slug}/availability?serviceId=${b.serviceId}&${range(b.day)}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    });

    it('answers 404 for an unknown service, staff member or business', async () => {
      const date = b.day(3);
      const other = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
      expect(
        (await t.request('GET', `/api/v1/public/${b.tenant.slug}/availability?serviceId=${other}&from=${date}&to=${date}`))
          .status,
      ).toBe(404);
      expect(
        (
          await t.request(
            'GET',
            `/api/v1/public/${b.tenant.slug}/availability?serviceId=${b.serviceId}&staffId=${other}&from=${date}&to=${date}`,
          )
        ).status,
      ).toBe(404);
      expect(
        (await t.request('GET', `/api/v1/public/nobody-here/availability?serviceId=${b.serviceId}&from=${date}&to=${date}`))
          .status,
      ).toBe(404);
    });
  });

  describe('booking', () => {
    it('books an offered slot, normalising the phone, and returns a manage link', async () => {
      const date = b.day(11);
      const res = await book({
        serviceId: b.serviceId,
        start: b.at(date, '10:00'),
        customer: customer('(212) 555-0123'),
        notes: 'first visit',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'confirmed',
        serviceId: b.serviceId,
        start: b.at(date, '10:00'),
        end: b.at(date, '10:30'),
        customer: { name: 'Priya Patel', phone: '+12125550123', email: 'priya@example.test' },
        source: 'web',
        depositCents: 0,
        paymentStatus: 'none',
        notes: 'first visit',
      });
      expect(res.body.manageUrl).toMatch(/\/manage\/[\w-]+\.[\w-]+\.[\w-]+$/);
      const [row] = await t.sql(`select status, lower(blocked) as bs, upper(blocked) as be from bookings where id = $1`, [
        res.body.id,
      ]);
      expect(row.status).toBe('confirmed');
      // The 15-minute buffer after is part of the blocked range.
      expect(new Date(row.be).toISOString()).toBe(b.at(date, '10:45'));
    });

    it('chooses the free staff member with the fewest bookings that day', async () => {
      const date = b.day(12);
      const first = await book({
        serviceId: b.serviceId,
        start: b.at(date, '09:00'),
        staffId: b.staffIds[0],
        customer: customer(),
      });
      expect(first.status).toBe(201);
      const second = await book({ serviceId: b.serviceId, start: b.at(date, '13:00'), customer: customer() });
      expect(second.body.staffId).toBe(b.staffIds[1]);
    });

    it('refuses a taken slot with 409 slot_unavailable and up to 3 nearest alternatives', async () => {
      const date = b.day(13);
      const start = b.at(date, '11:00');
      expect((await book({ serviceId: b.serviceId, start, staffId: b.staffIds[0], customer: customer() })).status).toBe(201);
      const before = await counts();
      const taken = await book({
        serviceId: b.serviceId,
        start,
        staffId: b.staffIds[0],
        customer: customer('+1 212 555 0199', 'Other'),
      });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('slot_unavailable');
      expect(taken.body.alternatives).toHaveLength(3);
      // The booking blocks 11:00–11:45 (its buffer after), and a new one needs 45 minutes clear:
      // 10:15 and 11:45 are 45 minutes away; 10:00 and 12:00 tie at 60 and the earlier wins.
      expect(taken.body.alternatives.map((a: { start: string }) => a.start)).toEqual([
        b.at(date, '10:00'),
        b.at(date, '10:15'),
        b.at(date, '11:45'),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('respects both buffers: the slot after a booking starts once its buffer ends', async () => {
      const date = b.day(14);
      await book({ serviceId: b.serviceId, start: b.at(date, '09:00'), staffId: b.staffIds[1], customer: customer() });
      const starts = (await slotsOn(date, b.staffIds[1])).map((s) => s.start);
      expect(starts).not.toContain(b.at(date, '09:30'));
      expect(starts).toContain(b.at(date, '09:45'));
    });

    it.each([
      ['off the grid', '10:07'],
      ['outside working hours', '17:00'],
      ['before opening', '08:30'],
    ])('refuses a start %s', async (_name, time) => {
      const res = await book({ serviceId: b.serviceId, start: b.at(b.day(15), time), customer: customer() });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('slot_unavailable');
    });

    it('refuses a closed day and a closed range', async () => {
      const closedDay = b.day(16);
      const partial = b.day(17);
      await t.request('POST', '/api/v1/overrides', { token: b.ownerToken, body: { date: closedDay, kind: 'closed' } });
      await t.request('POST', '/api/v1/overrides', {
        token: b.ownerToken,
        body: { date: partial, kind: 'closed', start: '12:00', end: '13:00' },
      });
      expect((await book({ serviceId: b.serviceId, start: b.at(closedDay, '10:00'), customer: customer() })).status).toBe(409);
      expect((await book({ serviceId: b.serviceId, start: b.at(partial, '12:15'), customer: customer() })).status).toBe(409);
      expect((await book({ serviceId: b.serviceId, start: b.at(partial, '13:00'), customer: customer() })).status).toBe(201);
      expect(await slotsOn(closedDay)).toEqual([]);
    });

    it('refuses a start beyond the maximum advance', async () => {
      const res = await book({ serviceId: b.serviceId, start: b.at(b.day(61), '10:00'), customer: customer() });
      expect(res.status).toBe(409);
    });

    it('keeps one customer per phone; a public booking leaves their record alone, staff update it', async () => {
      const date = b.day(18);
      await book({ serviceId: b.serviceId, start: b.at(date, '09:00'), customer: { name: 'Ana', phone: '+1 415 555 2671' } });
      const typed = await book({
        serviceId: b.serviceId,
        start: b.at(date, '10:00'),
        customer: { name: 'Ana María', phone: '(415) 555-2671', email: 'ana@example.test' },
      });
      expect(typed.body.customer).toMatchObject({ name: 'Ana María', email: 'ana@example.test' });
      const customerRows = () => t.sql(`select name, email from customers where phone = '+14155552671'`);
      expect(await customerRows()).toEqual([{ name: 'Ana', email: null }]);
      const byStaff = await t.request('POST', '/api/v1/bookings', {
        token: b.ownerToken,
        body: {
          serviceId: b.serviceId,
          start: b.at(date, '11:00'),
          customer: { name: 'Ana María', phone: '+14155552671', email: 'ana@example.test' },
        },
      });
      expect(byStaff.status).toBe(201);
      expect(await customerRows()).toEqual([{ name: 'Ana María', email: 'ana@example.test' }]);
    });

    it.each([
      [
        'a start without offset',
        (s: BookableTenant) => ({ serviceId: s.serviceId, start: '2026-12-01T10:00:00', customer: customer() }),
      ],
      ['a missing customer', (s: BookableTenant) => ({ serviceId: s.serviceId, start: s.at(s.day(5), '10:00') })],
      [
        'a bad phone',
        (s: BookableTenant) => ({ serviceId: s.serviceId, start: s.at(s.day(5), '10:00'), customer: customer('12') }),
      ],
      [
        'an unknown field',
        (s: BookableTenant) => ({ serviceId: s.serviceId, start: s.at(s.day(5), '10:00'), customer: customer(), price: 0 }),
      ],
      [
        'a non-uuid service',
        (s: BookableTenant) => ({ serviceId: 'haircut', start: s.at(s.day(5), '10:00'), customer: customer() }),
      ],
    ])('answers 400 for %s and writes nothing', async (_name, payload) => {
      const before = await counts();
      const res = await book(payload(b));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(await counts()).toEqual(before);
    });

    it('books from the admin side with source admin', async () => {
      const res = await t.request('POST', '/api/v1/bookings', {
        token: b.ownerToken,
        body: { serviceId: b.serviceId, start: b.at(b.day(19), '15:00'), customer: customer() },
      });
      expect(res.status).toBe(201);
      expect(res.body.source).toBe('admin');
    });
  });

  describe('changes', () => {
    it('reschedules keeping the id, freeing the old slot and taking the new one', async () => {
      const date = b.day(20);
      const created = await book({
        serviceId: b.serviceId,
        start: b.at(date, '09:00'),
        staffId: b.staffIds[0],
        customer: customer(),
      });
      const moved = await t.request('POST', `/api/v1/bookings/${created.body.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(date, '14:00') },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: created.body.id, start: b.at(date, '14:00'), staffId: b.staffIds[0] });
      const starts = (await slotsOn(date, b.staffIds[0])).map((s) => s.start);
      expect(starts).toContain(b.at(date, '09:00'));
      expect(starts).not.toContain(b.at(date, '14:00'));
    });

    it('moves a booking by a few minutes onto its own buffered range', async () => {
      const date = b.day(20);
      const created = await book({
        serviceId: b.serviceId,
        start: b.at(date, '10:00'),
        staffId: b.staffIds[1],
        customer: customer(),
      });
      const moved = await t.request('POST', `/api/v1/bookings/${created.body.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(date, '10:15'), staffId: b.staffIds[1] },
      });
      expect(moved.status).toBe(200);
    });

    it('refuses a reschedule onto a taken slot and changes nothing', async () => {
      const date = b.day(21);
      const a = await book({ serviceId: b.serviceId, start: b.at(date, '09:00'), staffId: b.staffIds[0], customer: customer() });
      await book({ serviceId: b.serviceId, start: b.at(date, '11:00'), staffId: b.staffIds[0], customer: customer() });
      const res = await t.request('POST', `/api/v1/bookings/${a.body.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(date, '11:00'), staffId: b.staffIds[0] },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('slot_unavailable');
      const after = await t.request('GET', `/api/v1/bookings/${a.body.id}`, { token: b.ownerToken });
      expect(after.body.start).toBe(b.at(date, '09:00'));
    });

    it('cancels, freeing the slot and counting it on the customer', async () => {
      const date = b.day(22);
      const phone = '+1 646 555 0101';
      const created = await book({
        serviceId: b.serviceId,
        start: b.at(date, '09:00'),
        staffId: b.staffIds[0],
        customer: customer(phone),
      });
      const res = await t.request('POST', `/api/v1/bookings/${created.body.id}/cancel`, {
        token: b.ownerToken,
        body: { reason: 'sick' },
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
      expect((await slotsOn(date, b.staffIds[0])).map((s) => s.start)).toContain(b.at(date, '09:00'));
      const [c] = await t.sql(`select cancellation_count from customers where phone = '+16465550101'`);
      expect(c.cancellation_count).toBe(1);
      const again = await t.request('POST', `/api/v1/bookings/${created.body.id}/cancel`, { token: b.ownerToken, body: {} });
      expect(again.status).toBe(409);
    });

    it('marks completed or no-show only once the appointment has started', async () => {
      const date = b.day(23);
      const created = await book({ serviceId: b.serviceId, start: b.at(date, '09:00'), customer: customer('+1 646 555 0102') });
      const early = await t.request('POST', `/api/v1/bookings/${created.body.id}/status`, {
        token: b.ownerToken,
        body: { status: 'completed' },
      });
      expect(early.status).toBe(409);
      // Move the appointment into the past, as time would.
      await t.sql(
        `update bookings set start_at = now() - interval '1 hour', end_at = now() - interval '30 minutes',
                blocked = tstzrange(now() - interval '1 hour', now() - interval '15 minutes', '[)') where id = $1`,
        [created.body.id],
      );
      const noShow = await t.request('POST', `/api/v1/bookings/${created.body.id}/status`, {
        token: b.ownerToken,
        body: { status: 'no_show' },
      });
      expect(noShow.status).toBe(200);
      expect(noShow.body.status).toBe('no_show');
      const [c] = await t.sql(`select no_show_count, visit_count from customers where phone = '+16465550102'`);
      expect(c).toEqual({ no_show_count: 1, visit_count: 0 });
      const bad = await t.request('POST', `/api/v1/bookings/${created.body.id}/status`, {
        token: b.ownerToken,
        body: { status: 'cancelled' },
      });
      expect(bad.status).toBe(400);
    });

    it('writes every change to the audit log', async () => {
      const date = b.day(24);
      const created = await book({ serviceId: b.serviceId, start: b.at(date, '09:00'), customer: customer() });
      await t.request('POST', `/api/v1/bookings/${created.body.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(date, '10:00') },
      });
      await t.request('POST', `/api/v1/bookings/${created.body.id}/cancel`, { token: b.ownerToken, body: {} });
      const audit = await t.sql(`select action from audit_log where entity_id = $1 order by id`, [created.body.id]);
      expect(audit.map((a) => a.action)).toEqual(['booking.create', 'booking.reschedule', 'booking.cancel']);
    });
  });

  describe('listing and isolation', () => {
    it('lists by date range, status, staff and phone, ordered by start, with a total', async () => {
      const date = b.day(25);
      await book({
        serviceId: b.serviceId,
        start: b.at(date, '15:00'),
        staffId: b.staffIds[0],
        customer: customer('+1 917 555 0111'),
      });
      await book({
        serviceId: b.serviceId,
        start: b.at(date, '09:00'),
        staffId: b.staffIds[0],
        customer: customer('+1 917 555 0111'),
      });
      const res = await t.request(
        'GET',
        `/api/v1/bookings?from=${date}&to=${date}&phone=${encodeURIComponent('(917) 555-0111')}&status=confirmed&staffId=${b.staffIds[0]}`,
        {
          token: b.ownerToken,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((x: { start: string }) => x.start)).toEqual([b.at(date, '09:00'), b.at(date, '15:00')]);
    });

    it("answers 404 for another tenant's booking and never lists it", async () => {
      const other = await bookableTenant(t);
      const theirs = await t.request('POST', `/api/v1/public/${other.tenant.slug}/bookings`, {
        body: { serviceId: other.serviceId, start: other.at(other.day(5), '10:00'), customer: customer() },
      });
      expect(theirs.status).toBe(201);
      const id = theirs.body.id;
      for (const [method, path, body] of [
        ['GET', `/api/v1/bookings/${id}`, undefined],
        ['POST', `/api/v1/bookings/${id}/cancel`, {}],
        ['POST', `/api/v1/bookings/${id}/reschedule`, { start: b.at(b.day(5), '10:00') }],
        ['POST', `/api/v1/bookings/${id}/status`, { status: 'confirmed' }],
      ] as const) {
        const res = await t.request(method, path, { token: b.ownerToken, body });
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const list = await t.request('GET', '/api/v1/bookings?limit=1000', { token: b.ownerToken });
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
      // Booking with the other tenant's service through this tenant's slug is a 404 too.
      const cross = await book({ serviceId: other.serviceId, start: b.at(b.day(5), '10:00'), customer: customer() });
      expect(cross.status).toBe(404);
    });
  });

  describe('holds', () => {
    const sweeper = () => t.app.get(HoldSweeper);
    const confirmHold = (id: string) =>
      t.app.get(Db).asTenant(b.tenant.id, (m) => t.app.get(BookingsService).confirmHoldIn(m, b.tenant.id, id));

    it('reserves a slot, then releases it when the hold expires', async () => {
      const service = t.app.get(BookingsService);
      const date = b.day(26);
      const start = b.at(date, '09:00');
      const { body: held } = await service.create(
        b.tenant.id,
        { serviceId: b.serviceId, start: new Date(start), staffId: b.staffIds[0], customer: customer(), source: 'chat' },
        { hold: true },
      );
      expect(held.status).toBe('held');
      expect((await slotsOn(date, b.staffIds[0])).map((s) => s.start)).not.toContain(start);

      await t.sql(`update bookings set hold_expires_at = now() - interval '1 second' where id = $1`, [held.id]);
      expect(await sweeper().expireStaleHolds()).toBe(1);
      const [row] = await t.sql(`select status from bookings where id = $1`, [held.id]);
      expect(row.status).toBe('expired');
      expect((await slotsOn(date, b.staffIds[0])).map((s) => s.start)).toContain(start);
      await expect(confirmHold(held.id)).rejects.toMatchObject({ code: 'conflict' });
    });

    it('expires each stale hold exactly once when two sweepers run at the same moment', async () => {
      const service = t.app.get(BookingsService);
      const date = b.day(27);
      const ids: string[] = [];
      for (const time of ['09:00', '10:00', '11:00', '12:00', '13:00']) {
        const { body: held } = await service.create(
          b.tenant.id,
          {
            serviceId: b.serviceId,
            start: new Date(b.at(date, time)),
            staffId: b.staffIds[1],
            customer: customer(),
            source: 'chat',
          },
          { hold: true },
        );
        ids.push(held.id);
      }
      await t.sql(`update bookings set hold_expires_at = now() - interval '1 second' where id = any($1)`, [ids]);
      const [first, second] = await Promise.all([sweeper().expireStaleHolds(), sweeper().expireStaleHolds()]);
      // The app's own sweeper (every 15 s) may have taken some of them just before: a third
      // sweeper at the same moment. Each hold is still expired, and audited, exactly once.
      expect(first + second).toBeLessThanOrEqual(ids.length);
      const statuses = await t.sql(`select status from bookings where id = any($1)`, [ids]);
      expect(statuses.map((r) => r.status)).toEqual(ids.map(() => 'expired'));
      const audit = await t.sql(
        `select count(*)::int as n from audit_log where action = 'booking.expire' and entity_id = any($1)`,
        [ids],
      );
      expect(audit[0].n).toBe(ids.length);
    });

    it('confirms a hold that is still valid', async () => {
      const service = t.app.get(BookingsService);
      const { body: held } = await service.create(
        b.tenant.id,
        { serviceId: b.serviceId, start: new Date(b.at(b.day(26), '11:00')), customer: customer(), source: 'chat' },
        { hold: true },
      );
      const confirmed = await confirmHold(held.id);
      expect(confirmed.status).toBe('confirmed');
      const [row] = await t.sql(`select hold_expires_at from bookings where id = $1`, [held.id]);
      expect(row.hold_expires_at).toBeNull();
    });
  });
});
