import { isSmsOptOutKeyword, type ReminderAnswer, reminderAnswer, reminderButton, type Understanding } from '../understanding';
import { askCancelConfirmation } from './cancel';
import { reprompt } from './prompts';
import { rescheduleBooking } from './reschedule';
import { hasBookingDetails, type Turn } from './turn';
import type { UpcomingBooking } from './types';

// Replies to a reminder, and the carrier's opt-out keywords over SMS.

/**
 * A reply to the reminder the customer last got is about the reminded booking, not their next
 * one: `C`, "yes", "sí", "confirm" (or the Confirm button) confirm it; `R` or a reschedule word
 * starts moving it; `X` or a cancel word starts cancelling it (the cancel flow's confirmation,
 * `too_late` and deposit answers apply as anywhere). A bare answer counts only while the reminder is
 * the last thing we sent; a tapped reminder button counts until another reminder comes. Returns
 * false when the message is no such reply, for the conversation to read as usual.
 */
export function answerReminder(turn: Turn, u: Understanding, text: string, optionId: string | undefined): boolean {
  const reminder = turn.facts.lastReminder;
  if (!reminder) return false;
  const booking = turn.facts.upcoming.find((b) => b.id === reminder.bookingId && b.status === 'confirmed');
  if (!booking) return false;
  const answer = reminderButton(optionId) ?? (reminder.awaitingReply ? answerIn(turn, u, text, booking) : undefined);
  switch (answer) {
    case undefined:
      return false;
    case 'confirm':
      turn.commands.push({ type: 'confirm_attendance', bookingId: booking.id });
      turn.say(turn.t.attendanceConfirmed(turn.describeBooking(booking)));
      // A question the bot had asked before the reminder still stands.
      reprompt(turn);
      return true;
    case 'reschedule':
      turn.abandonHold();
      turn.reset();
      rescheduleBooking(turn, booking, u);
      return true;
    case 'cancel':
      turn.abandonHold();
      turn.reset();
      askCancelConfirmation(turn, booking.id);
      return true;
  }
}

/** What the message answers: one of the reminder's words, else a plain yes, cancel or reschedule. */
function answerIn(turn: Turn, u: Understanding, text: string, booking: UpcomingBooking): ReminderAnswer | undefined {
  const word = reminderAnswer(text);
  if (word) return word;
  // "cancel my shave on Friday" names another booking: the usual flows take it.
  const named = turn.matchBooking(u);
  if (named && named.id !== booking.id) return undefined;
  if (u.intent === 'yes' && !hasBookingDetails(u)) return 'confirm';
  if (u.intent === 'cancel') return 'cancel';
  if (u.intent === 'reschedule') return 'reschedule';
  return undefined;
}

/**
 * Over SMS, a carrier opt-out keyword alone (STOP, CANCEL, END, QUIT, …) has already blocked
 * every further text from the business's number, whatever the customer meant: they are opted
 * out, and the thread is flagged so staff see it (a customer who wrote CANCEL may have meant their
 * appointment, which the bot could never finish cancelling by text).
 */
export function smsOptOut(turn: Turn, u: Understanding, text: string): boolean {
  if (turn.facts.channel !== 'sms' || !isSmsOptOutKeyword(text)) return false;
  turn.abandonHold();
  turn.reset();
  turn.commands.push({ type: 'opt_out' }, { type: 'flag_for_staff', reason: 'sms_opt_out', pauseBot: false });
  turn.say(u.intent === 'cancel' ? turn.t.stoppedByCancel : turn.t.stopped);
  return true;
}
