import type { ChatResponse, WeeklyHours } from '@frontdesk/contracts';
import { type BookableTenant, seededBookableTenant } from './booking-fixtures';
import type { ApiClient, TestApp } from './harness';

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export interface Barbershop extends BookableTenant {
  /** Service ids by name. */
  services: Record<string, string>;
  /** Staff ids by first name ("Alex", "Jordan"). */
  staff: Record<string, string>;
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

const OPEN = [
  { start: '09:00', end: '12:30' },
  { start: '13:30', end: '18:00' },
];
const HAIRCUT_ALIASES = ['cut', 'hair cut', 'trim', 'corte', 'corte de pelo'];

/**
 * A barbershop shaped like the demo seed, `bookableTenant` (New York, no minimum notice) with:
 * open 09:00–12:30 and 13:30–18:00, closed on `closedDay`; Haircut, Beard Trim, Hot Towel Shave
 * and Haircut & Beard; staff "Alex Rivera" and "Jordan Lee", who both do everything.
 *
 * Written by the SQL factory in one statement: the chat is under test here, not the catalog
 * endpoints (which have their own tests).
 */
export async function barbershop(t: TestApp, closedDay: WeekdayKey): Promise<Barbershop> {
  const weekly = Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, d === closedDay ? [] : OPEN])) as WeeklyHours;
  const { serviceIds, ...shop } = await seededBookableTenant(t, {
    businessHours: weekly,
    staff: ['Alex Rivera', 'Jordan Lee'],
    haircutAliases: HAIRCUT_ALIASES,
    moreServices: EXTRA_SERVICES,
  });
  const names = ['Haircut', ...EXTRA_SERVICES.map((x) => x.name)];
  return {
    ...shop,
    services: Object.fromEntries(names.map((name, i) => [name, serviceIds[i]])),
    staff: { Alex: shop.staffIds[0], Jordan: shop.staffIds[1] },
  };
}

/**
 * Sends one chat message as `from` (the business's owner talking as that phone, as the admin
 * app's playground does) and returns the answer (failing on anything but 200).
 */
export async function chatAs(
  t: ApiClient,
  shop: { tenant: { slug: string }; ownerToken: string },
  from: string,
  text: string,
): Promise<ChatResponse> {
  const res = await t.request('POST', `/api/v1/public/${shop.tenant.slug}/chat`, {
    token: shop.ownerToken,
    body: { from, text },
  });
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
