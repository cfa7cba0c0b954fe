import type { Understanding } from '../understanding';
import { failed, offerBookings } from './prompts';
import type { Turn } from './turn';
import { mayTouchCustomer } from './visitor';

/**
 * "cancel": while a booking is being made it lets that request go (unless the message is about an
 * existing booking); otherwise it starts cancelling one of the customer's bookings.
 */
export function cancelRequested(turn: Turn, u: Understanding): void {
  if (turn.m.state === 'CONFIRMING' || (turn.m.state === 'COLLECTING' && !mentionsBooking(turn, u))) {
    turn.abandonHold();
    turn.reset();
    return turn.say(turn.t.letGo);
  }
  return startCancel(turn, u);
}

function startCancel(turn: Turn, u: Understanding): void {
  if (!mayTouchCustomer(turn, u)) return;
  turn.reset();
  const upcoming = turn.facts.upcoming.filter((b) => b.status !== 'held');
  if (upcoming.length === 0) return turn.say(turn.t.noUpcoming);
  const match = turn.matchBooking(u) ?? (upcoming.length === 1 ? upcoming[0] : undefined);
  turn.m.state = 'CANCEL_CONFIRM';
  if (match) return askCancelConfirmation(turn, match.id);
  offerBookings(turn, 'cancel', upcoming);
}

export function askCancelConfirmation(turn: Turn, bookingId: string): void {
  turn.m.state = 'CANCEL_CONFIRM';
  turn.m.draft = { targetBookingId: bookingId };
  turn.m.bookingId = bookingId;
  const target = turn.target()!;
  turn.askYesNo(turn.t.confirmCancel(turn.describeBooking(target)));
}

export function confirmingCancel(turn: Turn, u: Understanding): void {
  const option = turn.pickedOption(u);
  if (turn.m.awaiting === 'booking_choice') {
    const chosen = option?.value.kind === 'booking' ? option.value.bookingId : turn.matchBooking(u)?.id;
    if (chosen) return askCancelConfirmation(turn, chosen);
    return failed(turn);
  }
  const answer = turn.yesOrNo(u);
  const target = turn.target();
  if (answer === 'yes' && target) {
    turn.commands.push({ type: 'cancel', bookingId: target.id });
    turn.say(turn.t.cancelled(turn.describeBooking(target)));
    turn.m.bookingId = target.id;
    return turn.reset(false);
  }
  if (answer === 'no') {
    turn.reset();
    return turn.say(turn.t.keptBooking);
  }
  failed(turn);
}

function mentionsBooking(turn: Turn, u: Understanding): boolean {
  return turn.matchBooking(u) !== undefined || u.mentionsAppointment === true;
}
