import { DateTime } from 'luxon';
import type { WeeklyHours } from '@frontdesk/contracts';
import { understand } from '../understanding';
import type { ServiceRef, Understanding } from '../understanding';
import { step } from '../machine/step';
import {
  type Command,
  type Facts,
  type FactSlot,
  initialMemory,
  type Language,
  type Memory,
  type UpcomingBooking,
} from '../machine/types';

// An in-process conversation for the paraphrase suite: the built-in understanding and the engine's
// `step` against a small business with a fixed `now`, the backend's part (holds) played here.

export const ZONE = 'America/New_York';

export interface Business {
  now: Date;
  services: (ServiceRef & { durationMinutes: number; priceCents: number })[];
  staff: { id: string; name: string }[];
  /** Local dates the whole business is closed (holidays). */
  holidays: readonly string[];
  /** Slot starts ("YYYY-MM-DDTHH:mm", local) already taken, with everyone or (after "@") with one staff member. */
  taken: readonly string[];
}

const HOURS: WeeklyHours = {
  mon: [{ start: '09:00', end: '18:00' }],
  tue: [{ start: '09:00', end: '18:00' }],
  wed: [{ start: '09:00', end: '18:00' }],
  thu: [{ start: '09:00', end: '18:00' }],
  fri: [{ start: '09:00', end: '18:00' }],
  sat: [{ start: '09:00', end: '14:00' }],
  sun: [],
};

const daySlotsOf = new WeakMap<Business, Map<string, FactSlot[]>>();

/** Slots every 5 minutes inside the hours, a day a page, minus holidays and taken starts. */
export function factsOf(business: Business, customerName: string | null, upcoming: UpcomingBooking[] = []): Facts {
  const taken = new Set(business.taken);
  const free = (start: string, staffIds: string[]) => staffIds.filter((id) => !taken.has(`${start}@${id}`));
  const holidays = new Set(business.holidays);
  // Conversations search the same days again and again: each day's slots are made once per business.
  const days = daySlotsOf.get(business) ?? new Map<string, FactSlot[]>();
  daySlotsOf.set(business, days);
  return {
    now: business.now,
    business: {
      name: 'Demo Salon',
      timezone: ZONE,
      currency: 'usd',
      bookingUrl: 'https://x.test/book/demo',
      hours: HOURS,
      maxAdvanceDays: 60,
      cancellationNoticeHours: 24,
    },
    services: business.services.map(({ id, name, durationMinutes, priceCents }) => ({ id, name, durationMinutes, priceCents })),
    staff: business.staff,
    customer: { name: customerName, optedOut: false, botPaused: false },
    upcoming,
    closedAllDay: (date) => holidays.has(date),
    findSlots: (search) => {
      const service = business.services.find((s) => s.id === search.serviceId)!;
      const slots: FactSlot[] = [];
      const from = DateTime.fromISO(search.from, { zone: ZONE });
      for (let day = from; day.toISODate()! <= search.to; day = day.plus({ days: 1 })) {
        const date = day.toISODate()!;
        const hours = HOURS[(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)[day.weekday - 1]];
        if (holidays.has(date) || hours.length === 0) continue;
        const key = `${search.serviceId}|${search.staffId ?? ''}|${date}`;
        let daySlots = days.get(key);
        if (!daySlots) {
          daySlots = [];
          days.set(key, daySlots);
          const [open, close] = [hours[0].start, hours[0].end].map((t) => day.set({ hour: +t.slice(0, 2), minute: +t.slice(3) }));
          for (let start = open; start.plus({ minutes: service.durationMinutes }) <= close; start = start.plus({ minutes: 5 })) {
            const local = start.toFormat("yyyy-MM-dd'T'HH:mm");
            if (start.toMillis() <= business.now.getTime() || taken.has(local)) continue;
            const staffIds = free(local, search.staffId ? [search.staffId] : business.staff.map((s) => s.id));
            if (staffIds.length === 0) continue;
            daySlots.push({
              start: start.toUTC().toISO()!,
              end: start.plus({ minutes: service.durationMinutes }).toUTC().toISO()!,
              staffIds,
            });
          }
        }
        if (slots.length > 0) return { slots, nextFrom: date };
        slots.push(...daySlots);
      }
      return { slots, nextFrom: null };
    },
  };
}

export interface Turned {
  text: string;
  understanding: Understanding;
  replies: string[];
  commands: Command[];
  memory: Memory;
}

/** One conversation: messages in, what the bot said and did out. */
export class Conversation {
  memory: Memory;
  readonly turns: Turned[] = [];
  private readonly facts: Facts;
  private holds = 0;

  constructor(
    private readonly business: Business,
    language: Language,
    customerName: string | null = 'Priya',
    /** The customer's bookings (the slots they hold are not taken from the business's). */
    upcoming: UpcomingBooking[] = [],
  ) {
    this.memory = initialMemory(language);
    this.facts = factsOf(business, customerName, upcoming);
  }

  send(text: string): Turned {
    const understanding = understand(text, {
      now: this.business.now,
      timezone: ZONE,
      country: 'US',
      services: this.business.services.map(({ id, name, aliases }) => ({ id, name, aliases })),
      staff: this.business.staff,
      options: this.memory.options.map(({ id, label }) => ({ id, label })),
      awaiting: this.memory.awaiting,
      languageHint: this.memory.language,
    });
    const result = step(this.memory, { kind: 'message', text, understanding }, this.facts);
    // The shell carries out a hold and gives the memory its booking id, and writes the customer's name.
    if (result.commands.some((c) => c.type === 'hold')) result.memory.bookingId = `b-${++this.holds}`;
    for (const c of result.commands) if (c.type === 'update_customer' && c.name) this.facts.customer.name = c.name;
    this.memory = result.memory;
    const turned = {
      text,
      understanding,
      replies: result.replies.map((r) => r.text),
      commands: result.commands,
      memory: result.memory,
    };
    this.turns.push(turned);
    return turned;
  }

  /** The last hold asked for, as local "YYYY-MM-DDTHH:mm" and its service. */
  lastHold(): { serviceId: string; start: string; staffId: string } | undefined {
    const holds = this.turns.flatMap((t) => t.commands).filter((c) => c.type === 'hold');
    const hold = holds.at(-1);
    if (!hold) return undefined;
    const start = DateTime.fromISO(hold.start, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
    return { serviceId: hold.serviceId, start, staffId: hold.staffId };
  }

  /** The name the bot last wrote on the customer's record. */
  customerName(): string | undefined {
    const updates = this.turns
      .flatMap((t) => t.commands)
      .flatMap((c) => (c.type === 'update_customer' && c.name ? [c.name] : []));
    return updates.at(-1);
  }

  confirmed(): boolean {
    return this.turns.some((t) => t.commands.some((c) => c.type === 'confirm'));
  }

  transcript(): string {
    return this.turns.map((t) => `> ${t.text}\n  [${t.understanding.intent}] ${t.replies.join(' | ')}`).join('\n');
  }
}
