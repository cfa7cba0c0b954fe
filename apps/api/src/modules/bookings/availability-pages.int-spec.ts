import { DateTime } from 'luxon';
import type { AvailabilityResponse, AvailableSlot, WeeklyHours } from '@frontdesk/contracts';
import { seedTenant, type SeededTenant } from '../../../../../test/factories';
import { TestApp } from '../../../../../test/harness';

const ZONE = 'America/New_York';
const ALL_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '23:59' }]]),
) as unknown as WeeklyHours;
const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!;
const dateOf = (slot: AvailableSlot) => DateTime.fromISO(slot.start, { zone: ZONE }).toISODate()!;

/**
 * A 31-day request of a five-minute service on a five-minute grid, open all day: 287 slots a
 * day, far more than one answer holds. The answer is whole days and says where to go on.
 */
describe('availability answers in pages of whole days', () => {
  let t: TestApp;
  const tenants: Record<string, SeededTenant> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    for (const staff of [2, 40]) {
      tenants[staff] = await seedTenant(t, {
        timezone: ZONE,
        businessHours: ALL_DAY,
        policy: { minNoticeMinutes: 0, maxAdvanceDays: 60, slotIntervalMinutes: 5, sameDayCutoff: null },
        staff: Array.from({ length: staff }, (_, i) => `Staff ${i}`),
        services: [{ name: 'Quick check', durationMinutes: 5, priceCents: 500 }],
      });
    }
    // Some blocked time, so the pages are not all alike.
    const two = tenants[2];
    const start = DateTime.fromISO(`${day(2)}T10:00`, { zone: ZONE })
      .toUTC()
      .toISO()!;
    const booked = await t.request('POST', `/api/v1/public/${two.tenant.slug}/bookings`, {
      body: { serviceId: two.serviceIds[0], start, customer: { name: 'Ana', phone: '+1 212 555 0199' } },
    });
    if (booked.status !== 201) throw new Error(`setup booking answered ${booked.status}`);
  });
  afterAll(() => t.close());

  const ask = async (tenant: SeededTenant, from: string, to: string, scoped = false): Promise<AvailabilityResponse> => {
    const q = `serviceId=${tenant.serviceIds[0]}&from=${from}&to=${to}`;
    const res = scoped
      ? await t.request('GET', `/api/v1/availability?${q}`, { token: tenant.ownerToken })
      : await t.request('GET', `/api/v1/public/${tenant.tenant.slug}/availability?${q}`);
    expect(res.status).toBe(200);
    return res.body as AvailabilityResponse;
  };

  it.each([
    // 287 slots a day: three days fit 1,000.
    ['2 staff: the slot cap', 2, 3],
    // 287 slots listing 40 staff each: one day is 11,480 staff ids, two pass 20,000.
    ['40 staff: the staff id limit', 40, 1],
  ])('%s binds; whole days, nextFrom the next day, the same on both endpoints', async (_name, staff, days) => {
    const tenant = tenants[staff];
    const first = await ask(tenant, day(1), day(31));
    expect(first.slots.length).toBeLessThanOrEqual(1000);
    const dates = [...new Set(first.slots.map(dateOf))];
    expect(dates).toEqual(Array.from({ length: days }, (_, i) => day(1 + i)));
    expect(first.nextFrom).toBe(day(1 + days));
    // No day is cut short: the last one listed is all of that day.
    const lastDay = dates[dates.length - 1];
    expect(first.slots.filter((s) => dateOf(s) === lastDay)).toEqual((await ask(tenant, lastDay, lastDay)).slots);
    expect(await ask(tenant, day(1), day(31), true)).toEqual(first);
  });

  it('following nextFrom until null gives exactly the slots of asking day by day', async () => {
    const tenant = tenants[2];
    const followed: AvailableSlot[] = [];
    let pages = 0;
    for (let from: string | null = day(1); from !== null; pages++) {
      const page = await ask(tenant, from, day(31));
      expect(page.slots.length).toBeLessThanOrEqual(1000);
      followed.push(...page.slots);
      from = page.nextFrom;
    }
    const dayByDay: AvailableSlot[] = [];
    for (let n = 1; n <= 31; n++) {
      const answer = await ask(tenant, day(n), day(n));
      expect(answer.nextFrom).toBeNull();
      dayByDay.push(...answer.slots);
    }
    // About 287 slots a day (a day losing an hour to daylight saving has fewer): ten pages or so.
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(followed.length).toBeGreaterThan(30 * 280);
    expect(followed).toEqual(dayByDay);
  });

  it('answers nextFrom null when the range fits', async () => {
    const answer = await ask(tenants[2], day(5), day(6));
    expect(answer.slots).toHaveLength(2 * 287);
    expect(answer.nextFrom).toBeNull();
  });
});
