import type { Understanding } from '../understanding';
import { localDateOf, localTimeOf } from './format';
import { failed } from './prompts';
import { changeServiceOf } from './service-change';
import { advance, chooseSlot } from './slot-search';
import { assertNever, hasBookingDetails, type Turn } from './turn';
import type { Draft, OfferedOption } from './types';

// Collecting the details of a new booking (COLLECTING) or of a booking's new time
// (RESCHEDULE_COLLECTING): both fold the customer's answers into the draft the same way.

/** Collecting details for a booking or a reschedule: take what the message gives, then move on. */
export function collect(turn: Turn, u: Understanding): void {
  const awaiting = turn.m.awaiting;
  const option = turn.pickedOption(u);
  if (option?.value.kind === 'service') {
    // "a haircut with Alex tomorrow at 5:30" names the offered service and more: keep it all.
    merge(turn, { ...u, serviceId: option.value.serviceId });
    turn.m.attempts = 0;
    return advance(turn);
  }
  if (option) return takeOption(turn, option);
  if (relativeToOffer(turn, u)) return;
  if (awaiting === 'name' && u.name) return advance(turn);
  // "never mind", "forget it", "no" to an open question: the customer lets the whole request go.
  if (u.intent === 'no' && !hasBookingDetails(u) && awaiting !== 'slot_choice' && awaiting !== 'time') {
    const rescheduling = turn.m.state === 'RESCHEDULE_COLLECTING';
    turn.reset();
    return turn.say(rescheduling ? turn.t.keptBooking : turn.t.letGo);
  }
  if (u.intent === 'no' && (awaiting === 'slot_choice' || awaiting === 'time')) {
    delete turn.m.draft.time;
    delete turn.m.draft.slot;
    turn.m.attempts = 0;
    return turn.ask('date', turn.t.notBooked);
  }
  if (u.intent === 'yes' && awaiting === 'slot_choice' && turn.m.options.length === 1) {
    return takeOption(turn, turn.m.options[0]);
  }
  if (merge(turn, u)) {
    turn.m.attempts = 0;
    return advance(turn);
  }
  failed(turn);
}

/**
 * "anything later?" / "something earlier": the same day, after the latest time just offered (or
 * held), or before the earliest; false when no time is on the table to be relative to.
 */
export function relativeToOffer(turn: Turn, u: Understanding): boolean {
  if (!u.relative) return false;
  const offered = turn.m.options.flatMap((o) => (o.value.kind === 'slot' ? [o.value.start] : []));
  const held = turn.m.draft.slot?.start;
  const starts = (offered.length > 0 ? offered : held ? [held] : []).sort();
  if (starts.length === 0) return false;
  const later = u.relative === 'later';
  const pivot = later ? starts[starts.length - 1] : starts[0];
  const d = turn.m.draft;
  delete d.slot;
  delete d.timeOfDay;
  delete d.dateRange;
  delete d.earliest;
  d.date = localDateOf(pivot, turn.zone);
  // The bound "after" takes the time itself: a minute past the latest offered is strictly later.
  d.time = later ? localTimeOf(new Date(Date.parse(pivot) + 60_000).toISOString(), turn.zone) : localTimeOf(pivot, turn.zone);
  d.timeBound = later ? 'after' : 'before';
  d.approximate = false;
  turn.m.attempts = 0;
  advance(turn);
  return true;
}

function takeOption(turn: Turn, option: OfferedOption): void {
  const value = option.value;
  switch (value.kind) {
    case 'slot':
      turn.m.attempts = 0;
      return chooseSlot(turn, { start: value.start, staffId: turn.m.draft.staffId ?? value.staffId });
    case 'service':
      turn.m.draft.serviceId = value.serviceId;
      turn.m.attempts = 0;
      return advance(turn);
    case 'booking': {
      const booking = turn.facts.upcoming.find((b) => b.id === value.bookingId);
      if (!booking) return failed(turn);
      const newServiceId = turn.m.draft.newServiceId;
      if (newServiceId) return changeServiceOf(turn, booking, newServiceId);
      turn.m.draft = { targetBookingId: booking.id, serviceId: booking.serviceId, staffId: booking.staffId };
      turn.m.bookingId = booking.id;
      turn.m.attempts = 0;
      return turn.ask('date', turn.t.askNewTime(turn.describeBooking(booking)));
    }
    case 'yes':
    case 'no':
      return failed(turn);
    default:
      return assertNever(value);
  }
}

/**
 * The customer turned down the offered slot (`no`: ask for another day) or answered it with
 * other details (search again with them), and the flow goes back to collecting in `state`;
 * false when the message was neither.
 */
export function reconsider(
  turn: Turn,
  u: Understanding,
  answer: 'yes' | 'no' | undefined,
  state: 'COLLECTING' | 'RESCHEDULE_COLLECTING',
): boolean {
  const details = hasBookingDetails(u);
  if (answer !== 'no' && !details) return false;
  turn.m.state = state;
  delete turn.m.draft.slot;
  if (!details) {
    delete turn.m.draft.time;
    turn.m.attempts = 0;
    turn.ask('date', turn.t.notBooked);
    return true;
  }
  merge(turn, u);
  turn.m.attempts = 0;
  advance(turn);
  return true;
}

/** Folds the message's details into the draft; false when it carried none that matter here. */
export function merge(turn: Turn, u: Understanding, options: { keepService?: boolean } = {}): boolean {
  const d: Draft = turn.m.draft;
  let changed = false;
  if (u.serviceId && !options.keepService && u.serviceId !== d.serviceId) {
    d.serviceId = u.serviceId;
    changed = true;
  }
  if (u.staffId) {
    d.staffId = u.staffId;
    changed = true;
  } else if (u.anyStaff && d.staffId) {
    delete d.staffId;
    changed = true;
  }
  if (u.date) {
    d.date = u.date;
    delete d.dateRange;
    delete d.earliest;
    changed = true;
  } else if (u.dateRange) {
    d.dateRange = u.dateRange;
    delete d.date;
    delete d.earliest;
    changed = true;
  }
  if (u.time) {
    d.time = u.time;
    d.approximate = u.approximate ?? false;
    if (u.timeBound) d.timeBound = u.timeBound;
    else delete d.timeBound;
    delete d.timeOfDay;
    changed = true;
  } else if (u.timeOfDay) {
    d.timeOfDay = u.timeOfDay;
    delete d.time;
    changed = true;
  }
  // "Sunday, same time" when moving a booking: the booking's own time.
  if (!u.time && u.sameTime && !d.time && turn.target()) {
    d.time = localTimeOf(turn.target()!.start, turn.zone);
    changed = true;
  }
  // A new day without a time keeps the time already asked for ("make it Saturday").
  if (u.earliest) {
    d.earliest = true;
    // "Friday, first thing" is the earliest that day; "the earliest you have" is the earliest of all.
    if (!u.date && !u.dateRange) {
      delete d.date;
      delete d.dateRange;
    }
    delete d.time;
    changed = true;
  }
  if (changed) delete d.slot;
  if (u.name && turn.m.awaiting === 'name') changed = true;
  return changed;
}
