import type { Booking, WeeklyHours } from '@frontdesk/contracts';
import { DateTime } from 'luxon';
import { seedTenant, type SeededService, type TenantSeed } from './factories';
import { type ApiClient, TestApp } from './harness';

export const ZONE = 'America/New_York';
const EVERY_DAY = { start: '09:00', end: '17:00' };
const EVERY_DAY_OPEN = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [EVERY_DAY]]),
) as unknown as WeeklyHours;
const BOOKING_POLICY = {
  minNoticeMinutes: 0,
  maxAdvanceDays: 60,
  slotIntervalMinutes: 15,
  sameDayCutoff: null,
  cancellationNoticeHours: 24,
};
const HAIRCUT = { name: 'Haircut', durationMinutes: 30, priceCents: 3000, bufferAfterMinutes: 15, aliases: ['cut'] };

export interface BookableTenant {
  tenant: { id: string; slug: string };
  ownerToken: string;
  serviceId: string;
  /** The onboarded owner-staff first, then "Jordan". */
  staffIds: [string, string];
  /** The local date `n` days from today in the tenant's zone. */
  day: (n: number) => string;
  /** The instant of a local date and time in the tenant's zone, as ISO UTC. */
  at: (date: string, time: string) => string;
}

async function ok(res: Promise<{ status: number; body: any }>, expected: number) {
  const r = await res;
  if (r.status !== expected) throw new Error(`setup call answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const clockOf = () => ({
  day: (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!,
  at: (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO()!,
});

export type BookingPolicy = TenantSeed['policy'];

/**
 * A tenant open 09:00–17:00 every day in New York, with no minimum notice, a 30-minute
 * "Haircut" with a 15-minute buffer after, and two staff members who perform it.
 *
 * In-process apps get it from the SQL factory (these tests are about bookings, not onboarding or
 * the catalog endpoints); an API in another process gets it through the API.
 */
export async function bookableTenant(t: ApiClient, policy: BookingPolicy = {}): Promise<BookableTenant> {
  if (t instanceof TestApp) return seededBookableTenant(t, { policy });
  const { tenant, ownerToken } = await t.createTenant({ timezone: ZONE });
  const token = ownerToken;
  await ok(t.request('PUT', '/api/v1/hours', { token, body: { weekly: EVERY_DAY_OPEN } }), 200);
  await ok(t.request('PUT', '/api/v1/settings/booking-policy', { token, body: { ...BOOKING_POLICY, ...policy } }), 200);
  const service = await ok(t.request('POST', '/api/v1/services', { token, body: HAIRCUT }), 201);
  const staff = await ok(t.request('GET', '/api/v1/staff', { token }), 200);
  const jordan = await ok(
    t.request('POST', '/api/v1/staff', { token, body: { name: 'Jordan', serviceIds: null, hours: null } }),
    201,
  );
  const ownerStaff = staff.items[0].id as string;
  return { tenant, ownerToken, serviceId: service.id, staffIds: [ownerStaff, jordan.id], ...clockOf() };
}

/**
 * `bookableTenant` written by the SQL factory, with what differs given: other hours, staff
 * names, services after the Haircut, or a Haircut with other aliases.
 */
export async function seededBookableTenant(
  t: TestApp,
  options: {
    policy?: BookingPolicy;
    businessHours?: TenantSeed['businessHours'];
    staff?: [string, string];
    haircutAliases?: string[];
    moreServices?: SeededService[];
  } = {},
): Promise<BookableTenant & { serviceIds: string[] }> {
  const ownerName = 'Owner';
  const seeded = await seedTenant(t, {
    timezone: ZONE,
    businessHours: options.businessHours ?? EVERY_DAY_OPEN,
    policy: { ...BOOKING_POLICY, ...options.policy },
    ownerName,
    staff: options.staff ?? [ownerName, 'Jordan'],
    services: [{ ...HAIRCUT, aliases: options.haircutAliases ?? HAIRCUT.aliases }, ...(options.moreServices ?? [])],
  });
  return {
    tenant: seeded.tenant,
    ownerToken: seeded.ownerToken,
    serviceId: seeded.serviceIds[0],
    serviceIds: seeded.serviceIds,
    staffIds: [seeded.staffIds[0], seeded.staffIds[1]],
    ...clockOf(),
  };
}

export const customer = (phone = '+1 212 555 0123', name = 'Priya Patel') => ({ name, phone, email: 'priya@example.test' });

/** A booking of the tenant's service made by its owner for the customer with `phone`, at a local date and time. */
export async function bookFor(
  t: ApiClient,
  b: BookableTenant,
  phone: string,
  at: { date: string; time: string },
  name = 'Ana Lopez',
): Promise<Booking> {
  return ok(
    t.request('POST', '/api/v1/bookings', {
      token: b.ownerToken,
      body: { serviceId: b.serviceId, start: b.at(at.date, at.time), customer: { name, phone } },
    }),
    201,
  );
}
