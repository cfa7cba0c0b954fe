import { DateTime } from 'luxon';
import type { ApiClient } from './harness';

export const ZONE = 'America/New_York';
const EVERY_DAY = { start: '09:00', end: '17:00' };

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

/**
 * A tenant open 09:00–17:00 every day in New York, with no minimum notice, a 30-minute
 * "Haircut" with a 15-minute buffer after, and two staff members who perform it.
 */
export async function bookableTenant(t: ApiClient, policy: Record<string, unknown> = {}): Promise<BookableTenant> {
  const { tenant, ownerToken } = await t.createTenant({ timezone: ZONE });
  const token = ownerToken;
  const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [EVERY_DAY]]));
  await ok(t.request('PUT', '/api/v1/hours', { token, body: { weekly } }), 200);
  await ok(
    t.request('PUT', '/api/v1/settings/booking-policy', {
      token,
      body: {
        minNoticeMinutes: 0,
        maxAdvanceDays: 60,
        slotIntervalMinutes: 15,
        sameDayCutoff: null,
        cancellationNoticeHours: 24,
        ...policy,
      },
    }),
    200,
  );
  const service = await ok(
    t.request('POST', '/api/v1/services', {
      token,
      body: { name: 'Haircut', durationMinutes: 30, priceCents: 3000, bufferAfterMinutes: 15, aliases: ['cut'] },
    }),
    201,
  );
  const staff = await ok(t.request('GET', '/api/v1/staff', { token }), 200);
  const jordan = await ok(
    t.request('POST', '/api/v1/staff', { token, body: { name: 'Jordan', serviceIds: null, hours: null } }),
    201,
  );
  const ownerStaff = staff.items[0].id as string;
  return {
    tenant,
    ownerToken,
    serviceId: service.id,
    staffIds: [ownerStaff, jordan.id],
    day: (n) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!,
    at: (date, time) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO()!,
  };
}

export const customer = (phone = '+1 212 555 0123', name = 'Priya Patel') => ({ name, phone, email: 'priya@example.test' });
