import type { Understanding } from '../understanding';
import { merge, reconsider } from './collecting';
import { formatWhen, localDateOf } from './format';
import { failed, offerBookings } from './prompts';
import { advance } from './slot-search';
import type { Turn } from './turn';
import type { UpcomingBooking } from './types';
import { mayTouchCustomer } from './visitor';

// Moving one of the customer's bookings: which one, the new time (collected like a booking's, see
// collecting.ts), then a confirmation before the move.

export function startReschedule(turn: Turn, u: Understanding): void {
  if (!mayTouchCustomer(turn, u)) return;
  turn.reset();
  const upcoming = turn.facts.upcoming.filter((b) => b.status !== 'held');
  if (upcoming.length === 0) return turn.say(turn.t.noUpcoming);
  turn.m.state = 'RESCHEDULE_COLLECTING';
  const match = turn.matchBooking(u) ?? (upcoming.length === 1 ? upcoming[0] : undefined);
  if (!match) return offerBookings(turn, 'reschedule', upcoming);
  rescheduleBooking(turn, match, u);
}

/** Moving this booking: details in the message describe its new time, else the bot asks for one. */
export function rescheduleBooking(turn: Turn, match: UpcomingBooking, u: Understanding): void {
  turn.m.state = 'RESCHEDULE_COLLECTING';
  turn.m.draft = { targetBookingId: match.id, serviceId: match.serviceId, staffId: match.staffId };
  turn.m.bookingId = match.id;
  // Details in the same message describe the new time, unless they only named the booking.
  const named = u.date && localDateOf(match.start, turn.zone) === u.date && !u.time;
  if (!named && merge(turn, u, { keepService: true })) return advance(turn);
  turn.ask('date', turn.t.askNewTime(turn.describeBooking(match)));
}

export function confirmingReschedule(turn: Turn, u: Understanding): void {
  const answer = turn.yesOrNo(u);
  const target = turn.target();
  const slot = turn.m.draft.slot;
  if (answer === 'yes' && target && slot) {
    const draftService = turn.m.draft.serviceId;
    const serviceId = draftService && draftService !== target.serviceId ? draftService : undefined;
    turn.commands.push({
      type: 'reschedule',
      bookingId: target.id,
      start: slot.start,
      staffId: slot.staffId,
      ...(serviceId && { serviceId }),
    });
    const when = formatWhen(slot.start, turn.zone, turn.m.language);
    turn.say(
      serviceId
        ? turn.t.serviceChanged(turn.serviceName(serviceId), when)
        : turn.t.rescheduled(turn.serviceName(target.serviceId), when),
    );
    turn.m.bookingId = target.id;
    return turn.reset(false);
  }
  if (!reconsider(turn, u, answer, 'RESCHEDULE_COLLECTING')) failed(turn);
}
