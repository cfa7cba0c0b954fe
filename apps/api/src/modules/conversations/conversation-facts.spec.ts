import { initialMemory, step } from '@frontdesk/conversation';
import type { WeeklyHours } from '@frontdesk/contracts';
import type { AppConfig } from '../../config/config';
import type { BookableCatalog } from '../bookings/schedule.repository';
import { ConversationFacts } from './conversation-facts';

const ZONE = 'America/New_York';
const ALL_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '23:59' }]]),
) as unknown as WeeklyHours;
const SERVICE = 'svc-check';
const STAFF = Array.from({ length: 40 }, (_, i) => `staff-${String(i).padStart(2, '0')}`);

/** 40 staff, a five-minute service on a five-minute grid, open all day: one day is an answer's worth of staff ids. */
const catalog: BookableCatalog = {
  tenant: {
    id: 'tenant',
    slug: 'busy',
    name: 'Busy Clinic',
    timezone: ZONE,
    currency: 'usd',
    country: 'US',
    locale: 'en',
    businessHours: ALL_DAY,
    policy: { minNoticeMinutes: 0, maxAdvanceDays: 60, slotIntervalMinutes: 5, sameDayCutoff: null },
    cancellationNoticeHours: 24,
    depositSettings: null,
    reminderSettings: null,
  },
  services: [
    {
      id: SERVICE,
      name: 'Quick check',
      durationMinutes: 5,
      priceCents: 500,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      deposit: null,
      aliases: [],
      active: true,
    },
  ],
  staff: STAFF.map((id) => ({ id, name: id, hours: null, performsAllServices: true, serviceIds: [] })),
};

describe('ConversationFacts: slot searches of a busy business', () => {
  it('the bot follows nextFrom past the first answer to the earliest afternoon opening', () => {
    // Just after midnight on Monday 23 November; the afternoons of the 23rd and 24th are closed.
    const now = new Date('2026-11-23T05:30:00Z');
    const facts = new ConversationFacts({ publicBaseUrl: 'https://frontdesk.test' } as AppConfig);
    const schedule = {
      from: '2026-11-22',
      to: '2027-01-24',
      complete: true,
      bookings: [],
      externalBusy: [],
      overrides: ['2026-11-23', '2026-11-24'].map((date) => ({
        date,
        kind: 'closed' as const,
        start: '12:00',
        end: '23:59',
        staffId: null,
      })),
    };
    const built = facts.build(catalog, { name: 'Priya', optedOut: false, botPaused: false }, [], now, schedule, []);
    // The first answer holds the two mornings (about 11,000 staff ids); the 25th starts the next.
    const first = built.findSlots({ serviceId: SERVICE, from: '2026-11-23', to: '2027-01-22' });
    expect(first.nextFrom).toBe('2026-11-25');
    expect(first.slots.length).toBeLessThanOrEqual(1000);
    // The next page carries on the same computation, and answers as a fresh search from that day does.
    const second = built.findSlots({ serviceId: SERVICE, from: '2026-11-25', to: '2027-01-22' });
    const fresh = facts
      .build(catalog, { name: 'Priya', optedOut: false, botPaused: false }, [], now, schedule, [])
      .findSlots({ serviceId: SERVICE, from: '2026-11-25', to: '2027-01-22' });
    expect(second).toEqual(fresh);
    expect(second.slots[0].start).toBe('2026-11-25T05:00:00.000Z');

    const result = step(
      initialMemory('en'),
      {
        kind: 'message',
        text: 'the earliest you have in the afternoon',
        understanding: { intent: 'book', language: 'en', serviceId: SERVICE, earliest: true, timeOfDay: 'afternoon' },
      },
      built,
    );
    expect(result.commands).toContainEqual({
      type: 'hold',
      serviceId: SERVICE,
      staffId: STAFF[0],
      start: '2026-11-25T17:00:00.000Z',
    });
  });
});
