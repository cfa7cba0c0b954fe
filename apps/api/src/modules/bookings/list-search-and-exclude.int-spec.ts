import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

/** Extensions to v1 the admin app asked for: `search` on the bookings list, `excludeBookingId` on availability. */
describe('bookings list search and availability excludeBookingId', () => {
  let t: TestApp;
  let b: BookableTenant;
  const book = async (date: string, time: string, who: { name: string; phone: string; email?: string }, staffId?: string) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(date, time), customer: who, ...(staffId ? { staffId } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; start: string; manageUrl: string };
  };
  const list = async (query: string) => {
    const res = await t.request('GET', `/api/v1/bookings?${query}`, { token: b.ownerToken });
    expect(res.status).toBe(200);
    return res.body as { items: { id: string; customer: { name: string } }[]; total: number };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
  });
  afterAll(() => t.close());

  describe('GET /bookings?search=', () => {
    let date: string;
    beforeAll(async () => {
      date = b.day(12);
      await book(date, '09:00', customer('+1 212 555 0101', 'María López'));
      await book(date, '10:00', customer('+1 212 555 0102', 'Marco Rossi'));
      await book(date, '11:00', customer('+1 646 555 0199', 'Priya Patel'));
      await book(date, '12:00', customer('+1 646 555 0177', '100% Stylish_Co'));
    });

    it.each([
      ['part of a name, any case', 'MAR', ['María López', 'Marco Rossi']],
      ['a name with spaces around it', '  rossi ', ['Marco Rossi']],
      ['part of a phone number with punctuation', '(212) 555-01', ['María López', 'Marco Rossi']],
      ['a whole E.164 number', '+16465550199', ['Priya Patel']],
      ['the last digits of a number', '0177', ['100% Stylish_Co']],
      ['LIKE wildcards as plain characters', '%', ['100% Stylish_Co']],
      ['an underscore as a plain character', 'h_c', ['100% Stylish_Co']],
      ['nothing that matches', 'zelda', []],
    ])('finds bookings by %s', async (_case, search, names) => {
      const res = await list(`from=${date}&to=${date}&search=${encodeURIComponent(search)}`);
      expect(res.items.map((i) => i.customer.name)).toEqual(names);
      expect(res.total).toBe(names.length);
    });

    it('combines with the other filters and pages with a matching total', async () => {
      const page = await list(`from=${date}&to=${date}&search=mar&status=confirmed&limit=1&offset=1`);
      expect(page.items.map((i) => i.customer.name)).toEqual(['Marco Rossi']);
      expect(page.total).toBe(2);
      expect((await list(`from=${date}&to=${date}&search=mar&status=cancelled`)).total).toBe(0);
    });

    it('answers 400 for a search longer than 100 characters', async () => {
      const res = await t.request('GET', `/api/v1/bookings?search=${'a'.repeat(101)}`, { token: b.ownerToken });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    });
  });

  describe('availability with excludeBookingId', () => {
    const slotStarts = async (scope: 'public' | 'tenant', date: string, staffId: string, excludeBookingId?: string) => {
      const q = `serviceId=${b.serviceId}&from=${date}&to=${date}&staffId=${staffId}${excludeBookingId ? `&excludeBookingId=${excludeBookingId}` : ''}`;
      const res =
        scope === 'public'
          ? await t.request('GET', `/api/v1/public/${b.tenant.slug}/availability?${q}`)
          : await t.request('GET', `/api/v1/availability?${q}`, { token: b.ownerToken });
      expect(res.status).toBe(200);
      return (res.body.slots as { start: string }[]).map((s) => s.start);
    };

    it('offers the slots the booking overlaps with itself, on both endpoints, and reschedule accepts them', async () => {
      const date = b.day(14);
      const staffId = b.staffIds[0];
      const booking = await book(date, '10:00', customer('+1 212 555 0150', 'Sam Shift'), staffId);
      // 30 minutes plus a 15-minute buffer after: 09:30–10:30 starts collide with 10:00–10:45.
      const overlapping = ['09:30', '09:45', '10:00', '10:15', '10:30'].map((time) => b.at(date, time));
      for (const scope of ['public', 'tenant'] as const) {
        const without = await slotStarts(scope, date, staffId);
        expect(without.filter((start) => overlapping.includes(start))).toEqual([]);
        const excluding = await slotStarts(scope, date, staffId, booking.id);
        expect(excluding.filter((start) => overlapping.includes(start))).toEqual(overlapping);
        expect(excluding).toHaveLength(without.length + overlapping.length);
      }
      // The reschedule path already tolerates its own range: 15 minutes later overlaps the old one.
      const moved = await t.request('POST', `/api/v1/bookings/${booking.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(date, '10:15'), staffId },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.start).toBe(b.at(date, '10:15'));
    });

    it('still lets other bookings block the slots', async () => {
      const date = b.day(15);
      const staffId = b.staffIds[1];
      const mine = await book(date, '13:00', customer('+1 212 555 0160', 'Mine'), staffId);
      await book(date, '14:00', customer('+1 212 555 0161', 'Theirs'), staffId);
      const starts = await slotStarts('public', date, staffId, mine.id);
      expect(starts).toContain(b.at(date, '13:00'));
      expect(starts).not.toContain(b.at(date, '14:00'));
      expect(starts).not.toContain(b.at(date, '13:45'));
    });

    it('changes nothing for an id that is no booking, and answers 400 for one that is no UUID', async () => {
      const date = b.day(16);
      const staffId = b.staffIds[0];
      await book(date, '09:00', customer('+1 212 555 0170', 'Early Bird'), staffId);
      expect(await slotStarts('public', date, staffId, '00000000-0000-4000-8000-000000000000')).toEqual(
        await slotStarts('public', date, staffId),
      );
      const res = await t.request(
        'GET',
        `/api/v1/public/${b.tenant.slug}/availability?serviceId=${b.serviceId}&from=${date}&to=${date}&excludeBookingId=nope`,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    });
  });
});
