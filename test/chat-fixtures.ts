import type { ChatResponse } from '@frontdesk/contracts';
import { type BookableTenant, bookableTenant } from './booking-fixtures';
import type { ApiClient, TestApp } from './harness';

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export interface Barbershop extends BookableTenant {
  /** Service ids by name. */
  services: Record<string, string>;
  /** Staff ids by first name ("Alex", "Jordan"). */
  staff: Record<string, string>;
}

async function ok(res: Promise<{ status: number; body: any }>, expected: number) {
  const r = await res;
  if (r.status !== expected) throw new Error(`setup call answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The demo shop's extra services, beside the fixture's 30-minute "Haircut" ($30, alias "cut"). */
const EXTRA_SERVICES = [
  { name: 'Beard Trim', durationMinutes: 20, priceCents: 1800, bufferAfterMinutes: 5, aliases: ['beard', 'barba'] },
  { name: 'Hot Towel Shave', durationMinutes: 30, priceCents: 3500, bufferAfterMinutes: 5, aliases: ['shave', 'afeitado'] },
  {
    name: 'Haircut & Beard',
    durationMinutes: 50,
    priceCents: 4500,
    bufferAfterMinutes: 10,
    aliases: ['combo', 'cut and beard', 'corte y barba'],
  },
];

/**
 * A barbershop shaped like the demo seed, built on `bookableTenant` (New York, no minimum notice):
 * open 09:00–12:30 and 13:30–18:00, closed on `closedDay`; Haircut, Beard Trim, Hot Towel Shave
 * and Haircut & Beard; staff "Alex Rivera" and "Jordan Lee", who both do everything.
 */
export async function barbershop(t: ApiClient, closedDay: WeekdayKey): Promise<Barbershop> {
  const base = await bookableTenant(t);
  const token = base.ownerToken;
  const open = [
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '18:00' },
  ];
  const weekly = Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, d === closedDay ? [] : open]));
  await ok(t.request('PUT', '/api/v1/hours', { token, body: { weekly } }), 200);
  await ok(
    t.request('PATCH', `/api/v1/services/${base.serviceId}`, {
      token,
      body: { aliases: ['cut', 'hair cut', 'trim', 'corte', 'corte de pelo'] },
    }),
    200,
  );
  const services: Record<string, string> = { Haircut: base.serviceId };
  for (const service of EXTRA_SERVICES) {
    services[service.name] = (await ok(t.request('POST', '/api/v1/services', { token, body: service }), 201)).id;
  }
  const [alex, jordan] = base.staffIds;
  await ok(t.request('PATCH', `/api/v1/staff/${alex}`, { token, body: { name: 'Alex Rivera' } }), 200);
  await ok(t.request('PATCH', `/api/v1/staff/${jordan}`, { token, body: { name: 'Jordan Lee' } }), 200);
  return { ...base, services, staff: { Alex: alex, Jordan: jordan } };
}

/** Sends one chat message as `from` and returns the answer (failing on anything but 200). */
export async function chatAs(t: ApiClient, slug: string, from: string, text: string): Promise<ChatResponse> {
  const res = await t.request('POST', `/api/v1/public/${slug}/chat`, { body: { from, text } });
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as ChatResponse;
}

export interface BookingRow {
  id: string;
  status: string;
  source: string;
  start_at: Date;
  service: string;
  staff: string;
}

/** A customer's bookings (by E.164 phone), ordered by start. */
export function bookingsOfPhone(t: TestApp, phone: string): Promise<BookingRow[]> {
  return t.sql<BookingRow>(
    `select b.id, b.status, b.source, b.start_at, s.name as service, st.name as staff from bookings b
       join customers c on c.id = b.customer_id join services s on s.id = b.service_id join staff st on st.id = b.staff_id
      where c.phone = $1 order by b.start_at, b.created_at`,
    [phone],
  );
}
