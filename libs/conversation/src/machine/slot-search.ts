import { DateTime } from 'luxon';
import type { WeeklyHours } from '@frontdesk/contracts';
import { WEEKDAYS } from '@frontdesk/contracts';
import { shiftLocalDate } from '@frontdesk/scheduling';
import { formatDate, formatMoney, formatWhen, localDateOf, localTimeOf, minutesOfDay, slotLabel, todayIn } from './format';
import { askService, offerBookings, rescheduleQuestion } from './prompts';
import type { Turn } from './turn';
import type { FactSlot } from './types';
import { askBookingPhone, bookingContact } from './visitor';

// Finding a slot for the draft of a booking or a reschedule: ask for what is missing, search the
// openings, offer up to three (or explain why the time asked for is not free), hold the one chosen.

const MAX_OPTIONS = 3;
/** How far past a requested day the bot looks for the nearest openings. */
const SEARCH_AHEAD_DAYS = 14;

const PARTS_OF_DAY = {
  morning: [0, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 24 * 60],
} as const;

/** Asks for whatever is missing, or offers, holds or confirms a slot. */
export function advance(turn: Turn): void {
  const d = turn.m.draft;
  const rescheduling = turn.m.state === 'RESCHEDULE_COLLECTING';
  if (rescheduling && !turn.target()) {
    return offerBookings(
      turn,
      'reschedule',
      turn.facts.upcoming.filter((b) => b.status !== 'held'),
    );
  }
  if (!d.serviceId) {
    if (turn.facts.services.length === 1) d.serviceId = turn.facts.services[0].id;
    else return askService(turn);
  }
  if (d.slot) return chooseSlot(turn, d.slot);
  const today = todayIn(turn.facts.now, turn.zone);
  if (!d.date && !d.dateRange && !d.earliest) {
    if (!d.time && !d.timeOfDay) return turn.ask('date', turn.t.askDate);
    // A time alone moves a booking within its own day ("can I move it to 4pm?"); a new booking means today.
    const target = rescheduling ? turn.target() : undefined;
    d.date = target ? maxDate(localDateOf(target.start, turn.zone), today) : today;
  }
  const lastDay = shiftLocalDate(today, turn.facts.business.maxAdvanceDays);
  if (d.date && d.date > lastDay) {
    turn.say(turn.t.tooFar(turn.facts.business.maxAdvanceDays));
    delete d.date;
    return turn.ask('date', turn.t.askDate);
  }
  const from = d.date ?? d.dateRange?.from ?? today;
  const to = d.date ?? (d.dateRange ? minDate(d.dateRange.to, lastDay) : lastDay);
  // Over a range, the search stops once it has what is offered: the first opening that fits
  // (the earliest one), or the first three days that have one.
  const part = d.timeOfDay;
  const bound = d.time && d.timeBound ? { time: d.time, kind: d.timeBound } : undefined;
  const fits = (s: FactSlot) =>
    bound
      ? bound.kind === 'after'
        ? localTimeOf(s.start, turn.zone) >= bound.time
        : localTimeOf(s.start, turn.zone) < bound.time
      : !part || inPartOfDay(localTimeOf(s.start, turn.zone), part);
  const slots = searchSlots(turn, d.serviceId, from, to, daysWith(d.earliest ? 1 : MAX_OPTIONS, turn.zone, fits));

  if (bound) {
    // "after 5", "before noon": a bound on the time, not a wish for that exact time.
    const within = slots.filter(fits);
    if (within.length > 0) {
      if (d.earliest) return chooseSlot(turn, pickStaff(turn, within[0]));
      return d.date
        ? offer(turn, spread(within), turn.t.askWhichTime(formatDate(d.date, turn.m.language)))
        : offer(turn, firstPerDay(within, turn.zone), turn.t.askWhichTimeAcrossDays);
    }
  }
  if (d.time && d.date && !d.timeBound) {
    const exact = slots.find((s) => localTimeOf(s.start, turn.zone) === d.time);
    if (exact) return chooseSlot(turn, pickStaff(turn, exact));
    const requested = instantOf(turn, d.date, d.time);
    if (d.approximate) {
      const near = nearest(turn, d.serviceId, requested).filter(
        (s) => Math.abs(Date.parse(s.start) - Date.parse(requested)) <= 90 * 60_000,
      );
      if (near.length > 0) return offer(turn, near, turn.t.askWhichTime(formatDate(d.date, turn.m.language)));
    }
    turn.say(unavailableReason(turn, d.date, d.time, slots));
    // Nothing at all that day (closed, full): the same time of day on the nearest days that have it.
    if (slots.length === 0) return offer(turn, sameTimeOnNearbyDays(turn, d.serviceId, d.date, d.time), turn.t.closest);
    return offer(turn, nearest(turn, d.serviceId, requested), turn.t.closest);
  }

  // A bound nothing fits that day ("after 5", "anything later?") is a day without openings, not the whole day again.
  const inPart = bound && d.date ? [] : part ? slots.filter((s) => inPartOfDay(localTimeOf(s.start, turn.zone), part)) : slots;
  if (d.earliest && inPart.length > 0) return chooseSlot(turn, pickStaff(turn, inPart[0]));
  if (inPart.length === 0) {
    if (d.date) {
      const day = formatDate(d.date, turn.m.language);
      if (slots.length === 0 && turn.closedOn(d.date)) turn.say(turn.t.closedOn(day));
      else turn.say(part ? turn.t.noOpeningsInPart(day, turn.t[part]) : turn.t.noOpenings(day));
      const inPartOf = (s: FactSlot) => !part || inPartOfDay(localTimeOf(s.start, turn.zone), part);
      const later = searchSlots(
        turn,
        d.serviceId,
        shiftLocalDate(d.date, 1),
        minDate(shiftLocalDate(d.date, SEARCH_AHEAD_DAYS), lastDay),
        daysWith(MAX_OPTIONS, turn.zone, inPartOf),
      );
      const laterInPart = part ? later.filter(inPartOf) : later;
      return offer(turn, firstPerDay(laterInPart.length ? laterInPart : later, turn.zone), turn.t.askWhichTimeAcrossDays);
    }
    turn.say(turn.t.nothingAtAll);
    return turn.ask('date', turn.t.askDate);
  }
  if (d.date) return offer(turn, spread(inPart), turn.t.askWhichTime(formatDate(d.date, turn.m.language)));
  offer(turn, firstPerDay(inPart, turn.zone), turn.t.askWhichTimeAcrossDays);
}

/** A concrete slot: ask the name if needed, then hold it and ask for confirmation. */
export function chooseSlot(turn: Turn, slot: { start: string; staffId: string }): void {
  const d = turn.m.draft;
  d.slot = slot;
  d.date = localDateOf(slot.start, turn.zone);
  d.time = localTimeOf(slot.start, turn.zone);
  turn.m.attempts = turn.m.awaiting === 'name' || turn.m.awaiting === 'phone' ? turn.m.attempts : 0;
  if (turn.m.state === 'RESCHEDULE_COLLECTING') {
    turn.m.state = 'RESCHEDULE_CONFIRM';
    return turn.askYesNo(rescheduleQuestion(turn, turn.target()!, slot));
  }
  if (!turn.knownName) return turn.ask('name', turn.t.askName);
  const contact = bookingContact(turn);
  if (contact === null) return askBookingPhone(turn);
  const service = turn.facts.services.find((s) => s.id === d.serviceId)!;
  turn.commands.push({
    type: 'hold',
    serviceId: service.id,
    staffId: slot.staffId,
    start: slot.start,
    ...(contact && { contact }),
  });
  turn.m.state = 'CONFIRMING';
  const staff = d.staffId ? (turn.facts.staff.find((s) => s.id === d.staffId)?.name ?? null) : null;
  turn.askYesNo(
    turn.t.confirmBooking(
      service.name,
      formatWhen(slot.start, turn.zone, turn.m.language),
      staff,
      formatMoney(service.priceCents, turn.facts.business.currency, turn.m.language),
    ),
  );
}

export function offer(turn: Turn, slots: FactSlot[], intro: string): void {
  if (slots.length === 0) {
    turn.say(turn.t.nothingAtAll);
    return turn.ask('date', turn.t.askDate);
  }
  const chosen = slots.slice(0, MAX_OPTIONS);
  const sameDay = new Set(chosen.map((s) => localDateOf(s.start, turn.zone))).size === 1;
  const options = chosen.map((s) => {
    const picked = pickStaff(turn, s);
    return {
      id: `slot:${s.start}`,
      label: slotLabel(s.start, turn.zone, turn.m.language, sameDay),
      value: { kind: 'slot' as const, start: s.start, staffId: picked.staffId },
    };
  });
  turn.ask('slot_choice', intro, options);
}

/** Tells, a page of slots at a time, whether the slots so far answer the search. */
type Enough = (page: readonly FactSlot[]) => boolean;

/**
 * The offered slots of `from`..`to`, in start order. The engine answers a page of whole days
 * at a time (a busy business's range holds many), so the search follows `nextFrom` until the
 * range is done or `enough` says the slots so far answer the question.
 */
function searchSlots(turn: Turn, serviceId: string, from: string, to: string, enough: Enough = () => false): FactSlot[] {
  const found: FactSlot[] = [];
  for (let next: string | null = from; next !== null && next <= to;) {
    const page = turn.facts.findSlots({
      serviceId,
      staffId: turn.m.draft.staffId,
      from: next,
      to,
      excludeBookingId: turn.m.state.startsWith('RESCHEDULE') ? turn.m.draft.targetBookingId : turn.released,
    });
    for (const slot of page.slots) found.push(slot);
    if (enough(page.slots)) break;
    // Every page moves on by at least a day; one that did not would search forever.
    next = page.nextFrom !== null && page.nextFrom > next ? page.nextFrom : null;
  }
  return found;
}

/** Enough once `days` local dates have a slot that `fits`. */
function daysWith(days: number, zone: string, fits: (slot: FactSlot) => boolean): Enough {
  const seen = new Set<string>();
  return (page) => {
    for (const slot of page) if (fits(slot)) seen.add(localDateOf(slot.start, zone));
    return seen.size >= days;
  };
}

/** Up to three slots nearest a wanted instant, within two weeks either side. */
export function nearest(turn: Turn, serviceId: string, wanted: string): FactSlot[] {
  const today = todayIn(turn.facts.now, turn.zone);
  const day = localDateOf(wanted, turn.zone);
  const from = maxDate(shiftLocalDate(day, -SEARCH_AHEAD_DAYS), today);
  const to = minDate(shiftLocalDate(day, SEARCH_AHEAD_DAYS), shiftLocalDate(today, turn.facts.business.maxAdvanceDays));
  if (from > to) return [];
  const target = Date.parse(wanted);
  // Slots are searched in start order: once three start at or after the wanted instant, any
  // later one is farther than they are.
  let after = 0;
  const enough: Enough = (page) => {
    for (const slot of page) if (Date.parse(slot.start) >= target) after++;
    return after >= MAX_OPTIONS;
  };
  return searchSlots(turn, serviceId, from, to, enough)
    .map((s) => ({ s, distance: Math.abs(Date.parse(s.start) - target) }))
    .sort((a, b) => a.distance - b.distance || Date.parse(a.s.start) - Date.parse(b.s.start))
    .slice(0, MAX_OPTIONS)
    .map((x) => x.s)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** For a day with no openings: on each of the nearest days that have some, the one closest to the wanted time. */
function sameTimeOnNearbyDays(turn: Turn, serviceId: string, date: string, time: string): FactSlot[] {
  const today = todayIn(turn.facts.now, turn.zone);
  const from = maxDate(shiftLocalDate(date, -SEARCH_AHEAD_DAYS), today);
  const to = minDate(shiftLocalDate(date, SEARCH_AHEAD_DAYS), shiftLocalDate(today, turn.facts.business.maxAdvanceDays));
  if (from > to) return [];
  const wanted = minutesOfDay(time);
  const bestPerDay = new Map<string, { slot: FactSlot; distance: number }>();
  // Once three days from `date` on have openings, any later day is farther than they are.
  const enough = daysWith(MAX_OPTIONS, turn.zone, (slot) => localDateOf(slot.start, turn.zone) >= date);
  for (const slot of searchSlots(turn, serviceId, from, to, enough)) {
    const day = localDateOf(slot.start, turn.zone);
    const distance = Math.abs(minutesOfDay(localTimeOf(slot.start, turn.zone)) - wanted);
    const best = bestPerDay.get(day);
    if (!best || distance < best.distance) bestPerDay.set(day, { slot, distance });
  }
  const dayDistance = (day: string) => Math.abs(DateTime.fromISO(day).diff(DateTime.fromISO(date), 'days').days);
  return (
    [...bestPerDay.entries()]
      // Nearest days first; of two equally near, the later one (people move forward more than back).
      .sort(([a], [b]) => dayDistance(a) - dayDistance(b) || (a < b ? 1 : -1))
      .slice(0, MAX_OPTIONS)
      .map(([, best]) => best.slot)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
  );
}

function pickStaff(turn: Turn, slot: FactSlot): { start: string; staffId: string } {
  // Moving a booking (to another service too) keeps its staff member where they are free.
  const preferred = turn.m.draft.staffId ?? turn.target()?.staffId;
  return { start: slot.start, staffId: preferred && slot.staffIds.includes(preferred) ? preferred : slot.staffIds[0] };
}

function unavailableReason(turn: Turn, date: string, time: string, slotsThatDay: FactSlot[]): string {
  const when = formatWhen(instantOf(turn, date, time), turn.zone, turn.m.language);
  const today = todayIn(turn.facts.now, turn.zone);
  if (date < today || (date === today && Date.parse(instantOf(turn, date, time)) <= turn.facts.now.getTime()))
    return turn.t.tooSoon(when);
  if (slotsThatDay.length === 0) {
    const day = formatDate(date, turn.m.language);
    return turn.closedOn(date) ? turn.t.closedOn(day) : turn.t.noOpenings(day);
  }
  // Outside hours when the appointment would not fit in the weekly hours (before opening, over lunch, past closing).
  const duration = turn.facts.services.find((s) => s.id === turn.m.draft.serviceId)?.durationMinutes ?? 1;
  if (!fitsInsideHours(turn.facts.business.hours, date, time, duration)) return turn.t.outsideHours(when);
  return turn.t.taken(when);
}

function instantOf(turn: Turn, date: string, time: string): string {
  return localInstant(date, time, turn.zone);
}

// ---- small pure helpers ----

function localInstant(date: string, time: string, zone: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO()!;
}

function fitsInsideHours(hours: WeeklyHours, date: string, time: string, durationMinutes: number): boolean {
  const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1];
  const start = minutesOfDay(time);
  return hours[weekday].some((iv) => minutesOfDay(iv.start) <= start && start + durationMinutes <= minutesOfDay(iv.end));
}

function inPartOfDay(time: string, part: keyof typeof PARTS_OF_DAY): boolean {
  const m = minutesOfDay(time);
  const [from, to] = PARTS_OF_DAY[part];
  return m >= from && m < to;
}

/** Three choices across the day rather than three in a row. */
function spread(slots: FactSlot[]): FactSlot[] {
  if (slots.length <= MAX_OPTIONS) return slots;
  const middle = slots[Math.floor(slots.length / 2)];
  return [slots[0], middle, slots[slots.length - 1]];
}

/** The first opening of each of the next days. */
function firstPerDay(slots: FactSlot[], zone: string): FactSlot[] {
  const seen = new Set<string>();
  const picked: FactSlot[] = [];
  for (const s of slots) {
    const day = localDateOf(s.start, zone);
    if (seen.has(day)) continue;
    seen.add(day);
    picked.push(s);
    if (picked.length === MAX_OPTIONS) break;
  }
  return picked;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
