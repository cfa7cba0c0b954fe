import type { Understanding } from '../understanding';
import { failed, offerBookings } from './prompts';
import { formatMoney } from './format';
import type { Turn } from './turn';
import type { UpcomingBooking } from './types';
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
  turn.askYesNo(withDeposit(turn, turn.t.confirmCancel(turn.describeBooking(target)), target));
}

/** A cancellation says what happens to a paid deposit: refunded or kept, as the business's rule says. */
function withDeposit(turn: Turn, text: string, booking: UpcomingBooking): string {
  const deposit = booking.paidDeposit;
  if (!deposit) return text;
  const amount = formatMoney(deposit.cents, turn.facts.business.currency, turn.m.language);
  return `${text} ${deposit.refundedOnCancel ? turn.t.depositRefunded(amount) : turn.t.depositKept(amount)}`;
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
    turn.say(withDeposit(turn, turn.t.cancelled(turn.describeBooking(target)), target));
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
