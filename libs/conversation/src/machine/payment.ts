import { fold } from '../understanding/text';
import { isSmsOptOutKeyword, type Understanding } from '../understanding';
import { formatMoney, formatWhen } from './format';
import type { Turn } from './turn';
import type { PendingPayment } from './types';

// A booking waiting for its deposit (state PAYMENT_PENDING, awaiting `payment`). The engine never
// assumes the money arrived: it reads the booking's status in the facts each time (the webhook
// confirms it, the sweeper or Stripe's expiry lets it go).

/** "I paid", "paid", "done", "ya pagué", "ya está pagado", "hice el pago". */
const SAYS_PAID =
  /\b(i('ve| have)? (just )?paid|paid|payment (is )?(done|made|sent)|done paying|ya pague|pague|ya (esta|lo he) pagado|ya lo pague|hice el pago|he pagado|pagado)\b/;

/** "I haven't paid", "no he pagado", "todavía no": not a claim of payment. */
const NEGATED = /\b(not|never|haven'?t|hasn'?t|didn'?t|havent|didnt|no|todavia|aun)\b/;

export function saysPaid(text: string): boolean {
  const folded = fold(text);
  return SAYS_PAID.test(folded) && !NEGATED.test(folded);
}

/** The booking command answered `pending_payment`: send the link and the deadline, and wait. */
export function paymentRequired(turn: Turn, payment: PendingPayment): void {
  turn.m.state = 'PAYMENT_PENDING';
  turn.m.awaiting = 'payment';
  turn.m.options = [];
  turn.m.draft = {};
  turn.m.attempts = 0;
  turn.m.bookingId = payment.bookingId;
  turn.m.payment = payment;
  const { language } = turn.m;
  sayWithLink(
    turn,
    payment,
    turn.t.payDeposit(
      turn.serviceName(payment.serviceId),
      formatWhen(payment.start, turn.zone, language),
      formatMoney(payment.depositCents, turn.facts.business.currency, language),
      payment.paymentUrl,
      deadlineOf(turn, payment),
    ),
  );
}

/** Where the booking stands now, from the facts loaded for this message. */
function standing(turn: Turn, payment: PendingPayment): 'paid' | 'pending' | 'gone' {
  const booking = turn.facts.upcoming.find((b) => b.id === payment.bookingId);
  if (!booking) return 'gone';
  return booking.status === 'pending_payment' ? 'pending' : 'paid';
}

/**
 * A message while a deposit is awaited. "I paid" and "cancel" are answered here (returns true);
 * anything else goes on as usual (returns false), the reminder added by `remindOfPayment`. A
 * booking no longer pending (paid, expired) ends the wait first.
 */
export function paymentTurn(turn: Turn, u: Understanding, text: string): boolean {
  const payment = turn.m.payment;
  if (turn.m.state !== 'PAYMENT_PENDING') return false;
  if (!payment) {
    turn.reset();
    return false;
  }
  const now = standing(turn, payment);
  const paidClaim = saysPaid(text);
  if (now !== 'pending') {
    // The customer was told when it settled (paid or ran out); the wait just ends. A question
    // about the payment is answered; anything else (cancelling the paid booking, say) goes on.
    endWait(turn);
    if (now === 'paid') {
      turn.m.bookingId = payment.bookingId;
      if (!paidClaim) return false;
      turn.say(
        turn.t.paymentConfirmed(turn.serviceName(payment.serviceId), formatWhen(payment.start, turn.zone, turn.m.language)),
      );
      return true;
    }
    turn.say(turn.t.paymentRanOut);
    return paidClaim || u.intent === 'cancel';
  }
  if (paidClaim) {
    sayWithLink(turn, payment, turn.t.paymentNotSeen(payment.paymentUrl, deadlineOf(turn, payment)));
    return true;
  }
  // A bare opt-out word by SMS ("CANCEL" too: Twilio blocks the number after it) opts out as well.
  const optingOut = u.intent === 'stop' || (turn.facts.channel === 'sms' && isSmsOptOutKeyword(text));
  if (u.intent === 'cancel' || optingOut) {
    turn.commands.push({ type: 'abandon_payment', bookingId: payment.bookingId });
    endWait(turn);
    turn.m.bookingId = null;
    if (optingOut) return false;
    turn.say(turn.t.paymentLetGo);
    return true;
  }
  return false;
}

/** After any other answer while a deposit is awaited: the link and the deadline again. */
export function remindOfPayment(turn: Turn): void {
  const payment = turn.m.payment;
  if (turn.m.state !== 'PAYMENT_PENDING' || !payment) return;
  sayWithLink(turn, payment, turn.t.paymentReminder(payment.paymentUrl, deadlineOf(turn, payment)));
}

/** The Checkout link also as a button where the channel has one (WhatsApp's URL button). */
function sayWithLink(turn: Turn, payment: PendingPayment, text: string): void {
  turn.replies.push({ text, link: { url: payment.paymentUrl, label: turn.t.payButton } });
}

function endWait(turn: Turn): void {
  delete turn.m.payment;
  turn.reset(false);
}

const deadlineOf = (turn: Turn, payment: PendingPayment) => formatWhen(payment.paymentExpiresAt, turn.zone, turn.m.language);
