import type { Understanding } from '../understanding';
import { merge } from './collecting';
import { formatWhen, localDateOf } from './format';
import { offerBookings } from './prompts';
import { rescheduleBooking } from './reschedule';
import { advance, chooseSlot, nearest, offer } from './slot-search';
import type { Turn } from './turn';
import type { UpcomingBooking } from './types';
import { mayTouchCustomer } from './visitor';

// Changing the service of one of the customer's bookings ("can I change my haircut tomorrow to a
// beard trim?"): which booking, then its own time when the new service fits there (else the
// nearest times, or the new time the message asked for), then a confirmation before the change.
// It runs as a reschedule whose draft holds the new service (RESCHEDULE_COLLECTING, then
// RESCHEDULE_CONFIRM), so the backend re-checks and writes both in one `reschedule` command.

/**
 * Takes a message asking to change a booking's service; false when it is not about an existing
 * booking (while a new booking is being made, "switch to a beard trim" changes that request).
 */
export function serviceChangeRequested(turn: Turn, u: Understanding): boolean {
  if (!u.changesService || !u.serviceId) return false;
  const state = turn.m.state;
  const target = state === 'RESCHEDULE_COLLECTING' || state === 'RESCHEDULE_CONFIRM' ? turn.target() : undefined;
  const aboutBooking =
    state === 'IDLE' ||
    state === 'CANCEL_CONFIRM' ||
    target !== undefined ||
    ((state === 'COLLECTING' || state === 'CONFIRMING') && u.mentionsAppointment === true);
  if (!aboutBooking) return false;
  if (!mayTouchCustomer(turn, u)) return true;
  turn.abandonHold();
  turn.reset();
  const changeable = turn.facts.upcoming.filter((b) => b.status === 'confirmed');
  if (changeable.length === 0) {
    turn.say(turn.t.noUpcoming);
    return true;
  }
  const booking = target ?? bookingToChange(turn, u, changeable);
  if (booking) {
    changeServiceOf(turn, booking, u.serviceId, u);
    return true;
  }
  turn.m.state = 'RESCHEDULE_COLLECTING';
  turn.m.draft = { newServiceId: u.serviceId };
  offerBookings(turn, 'reschedule', changeable);
  return true;
}

/** The one booking the message points at: by the service it replaces and its day, or the only one. */
function bookingToChange(turn: Turn, u: Understanding, bookings: UpcomingBooking[]): UpcomingBooking | undefined {
  const named = u.fromServiceId ? bookings.filter((b) => b.serviceId === u.fromServiceId) : [];
  const pool = named.length > 0 ? named : bookings;
  const onDate = u.date ? pool.filter((b) => localDateOf(b.start, turn.zone) === u.date) : [];
  if (onDate.length === 1) return onDate[0];
  return pool.length === 1 ? pool[0] : undefined;
}

/**
 * Changing `booking` to `serviceId`: to the time the message asks for, if it asks for one; else at
 * the booking's own time when the new service fits there; else the nearest times it fits.
 */
export function changeServiceOf(turn: Turn, booking: UpcomingBooking, serviceId: string, u?: Understanding): void {
  if (serviceId === booking.serviceId) {
    if (u && (u.date || u.time || u.timeOfDay || u.dateRange)) return rescheduleBooking(turn, booking, u);
    turn.say(turn.t.sameService(turn.serviceName(serviceId)));
    return turn.reset(false);
  }
  turn.m.state = 'RESCHEDULE_COLLECTING';
  turn.m.draft = { targetBookingId: booking.id, serviceId };
  turn.m.bookingId = booking.id;
  turn.m.attempts = 0;
  // A day that only names the booking ("my haircut tomorrow") is not a new time.
  const namesBooking = u?.date !== undefined && localDateOf(booking.start, turn.zone) === u.date && !u.time;
  if (u && !namesBooking && merge(turn, u, { keepService: true })) return advance(turn);
  const date = localDateOf(booking.start, turn.zone);
  const sameTime = turn.facts
    .findSlots({ serviceId, from: date, to: date, excludeBookingId: booking.id })
    .slots.find((s) => Date.parse(s.start) === Date.parse(booking.start));
  if (sameTime) {
    const staffId = sameTime.staffIds.includes(booking.staffId) ? booking.staffId : sameTime.staffIds[0];
    return chooseSlot(turn, { start: booking.start, staffId });
  }
  turn.say(turn.t.serviceDoesNotFit(turn.serviceName(serviceId), formatWhen(booking.start, turn.zone, turn.m.language)));
  offer(turn, nearest(turn, serviceId, booking.start), turn.t.closest);
}
