import { DateTime } from 'luxon';
import type { WeeklyHours } from '@frontdesk/contracts';
import type { Understanding } from '../understanding';
import type { Facts, UpcomingBooking } from './types';

/** A small business for the machine's specs: Monday 23 Nov 2026, 10:00 in New York. */
export const ZONE = 'America/New_York';
export const NOW = new Date('2026-11-23T15:00:00Z');
export const HAIRCUT = 'svc-haircut';
export const SHAVE = 'svc-shave';
export const ALEX = 'staff-alex';

const OPEN: WeeklyHours = {
  mon: [{ start: '09:00', end: '17:00' }],
  tue: [{ start: '09:00', end: '17:00' }],
  wed: [{ start: '09:00', end: '17:00' }],
  thu: [{ start: '09:00', end: '17:00' }],
  fri: [{ start: '09:00', end: '17:00' }],
  sat: [{ start: '09:00', end: '17:00' }],
  sun: [],
};

export const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO()!;

export const booking = (id: string, date: string, time: string, serviceId = HAIRCUT): UpcomingBooking => ({
  id,
  serviceId,
  staffId: ALEX,
  start: at(date, time),
  status: 'confirmed',
});

/** No openings at all: enough for flows that never search. */
export function smallFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    now: NOW,
    business: {
      name: 'Demo Barbers',
      timezone: ZONE,
      currency: 'usd',
      bookingUrl: 'https://x.test/book/demo',
      hours: OPEN,
      maxAdvanceDays: 30,
      cancellationNoticeHours: 24,
    },
    services: [
      { id: HAIRCUT, name: 'Haircut', durationMinutes: 30, priceCents: 3000 },
      { id: SHAVE, name: 'Shave', durationMinutes: 30, priceCents: 2500 },
    ],
    staff: [{ id: ALEX, name: 'Alex' }],
    customer: { name: 'Priya', optedOut: false, botPaused: false },
    upcoming: [],
    findSlots: () => ({ slots: [], nextFrom: null }),
    closedAllDay: () => false,
    ...overrides,
  };
}

export const understood = (intent: Understanding['intent'], details: Partial<Understanding> = {}): Understanding => ({
  intent,
  language: 'en',
  ...details,
});
