import { isSmsOptOutKeyword, type Understanding } from '../understanding';
import { answerAppointments, answerHours, answerQuestions } from './answers';
import { confirming, startBooking } from './booking';
import { cancelRequested, confirmingCancel } from './cancel';
import { collect, merge } from './collecting';
import { paymentRequired, paymentTurn, remindOfPayment } from './payment';
import { failed, reprompt } from './prompts';
import { answerReminder, smsOptOut } from './reminder-reply';
import { confirmingReschedule, startReschedule } from './reschedule';
import { serviceChangeRequested } from './service-change';
import { advance, nearest, offer } from './slot-search';
import { assertNever, hasBookingDetails, Turn } from './turn';
import type { Command, CommandRefusal, Facts, Input, Memory, StepResult } from './types';
import { answerIdentity, identified, mayTouchCustomer, takeResume, visitorOf } from './visitor';

export { MAX_ATTEMPTS } from './prompts';

/**
 * The conversation engine: given what the bot remembers, the customer's message (already
 * understood) and what the backend knows, decide the replies, the new memory and the commands
 * for the backend to carry out. Pure: no clock, no I/O.
 *
 * The flows live beside this file: booking.ts, reschedule.ts, cancel.ts, answers.ts (side
 * questions), collecting.ts and slot-search.ts (shared by booking and reschedule), prompts.ts
 * (asking again, giving up) and turn.ts (the step in progress).
 */
export function step(memory: Memory, input: Input, facts: Facts): StepResult {
  if (input.kind === 'message' && silent(facts, input.understanding, input.text)) return { memory, replies: [], commands: [] };
  const turn = new Turn(memory, facts);
  if (input.kind === 'command_failed') commandFailed(turn, input.command, input.reason);
  else if (input.kind === 'verified') verified(turn);
  else if (input.kind === 'payment_required') paymentRequired(turn, input.payment);
  else {
    noteCustomer(turn, input.understanding);
    // "I paid" and "cancel" while a deposit is awaited are answered alone; anything else, with a reminder.
    if (!paymentTurn(turn, input.understanding, input.text)) {
      message(turn, input.understanding, input.text, { optionId: input.optionId, noted: true });
      remindOfPayment(turn);
    }
  }
  return turn.result();
}

/**
 * Whether the bot lets a message pass without a word: an opted-out customer gets nothing until
 * they opt back in (START), and a bot paused for staff stays quiet, though STOP (and over SMS any
 * carrier opt-out keyword) is still honoured.
 */
function silent(facts: Facts, u: Understanding, text: string): boolean {
  const { customer } = facts;
  const optingOut = u.intent === 'stop' || (facts.channel === 'sms' && isSmsOptOutKeyword(text));
  return (customer.optedOut && u.intent !== 'start') || (customer.botPaused && !optingOut);
}

/** The phone was verified: the request that waited for it goes ahead, now with the customer's bookings. */
function verified(turn: Turn): void {
  const resume = takeResume(turn);
  if (resume) message(turn, resume, '');
}

function message(
  turn: Turn,
  u: Understanding,
  text: string,
  { optionId, noted = false }: { optionId?: string; noted?: boolean } = {},
): void {
  const lastTopic = turn.m.lastTopic;
  const topicServiceId = turn.m.topicServiceId;
  delete turn.m.lastTopic;
  delete turn.m.topicServiceId;
  if (!noted) noteCustomer(turn, u);
  const identity = answerIdentity(turn, u, text);
  if (identity === 'handled') return;
  if (identity === 'booking') return advance(turn);
  if (smsOptOut(turn, u, text) || answerReminder(turn, u, text, optionId)) return;

  if (serviceChangeRequested(turn, u)) return;
  // Opting out or in, and "when is my appointment?", are about the customer's record and bookings.
  const aboutCustomer = u.intent === 'stop' || u.intent === 'start' || u.intent === 'ask_appointment';
  if (aboutCustomer && !mayTouchCustomer(turn, u)) return;

  switch (u.intent) {
    case 'stop':
      turn.abandonHold();
      turn.reset();
      turn.commands.push({ type: 'opt_out' });
      return turn.say(turn.t.stopped);
    case 'start':
      turn.commands.push({ type: 'opt_in' });
      return turn.say(turn.t.started);
    case 'human':
      turn.abandonHold();
      turn.reset();
      turn.commands.push({ type: 'flag_for_staff', reason: 'asked_for_a_person', pauseBot: true });
      // Staff cannot answer a web chat session (it has no thread in the inbox): say how to reach them.
      return turn.say(turn.facts.visitor ? turn.t.handOffWeb : turn.t.handOff);
    case 'help':
      turn.say(turn.t.help(turn.facts.business.name));
      return reprompt(turn);
    case 'ask_services':
    case 'ask_prices':
      answerQuestions(turn, u, text, true);
      return reprompt(turn);
    case 'ask_hours':
      answerQuestions(turn, u, text, !carriesRequest(turn, u));
      return keepRequest(turn, u);
    case 'ask_appointment':
      answerAppointments(turn);
      return reprompt(turn);
    case 'cancel':
      return cancelRequested(turn, u);
    case 'reschedule':
      turn.abandonHold();
      return startReschedule(turn, u);
    case 'greeting':
    case 'thanks':
      if (turn.m.state === 'IDLE' && !hasBookingDetails(u)) {
        return turn.say(u.intent === 'greeting' ? turn.t.greeting(turn.facts.business.name) : turn.t.thanks);
      }
      break;
    case 'inform':
    case 'change':
      // "and Saturday?" right after the hours were given asks for that day's hours.
      if (lastTopic === 'hours' && turn.m.state === 'IDLE' && u.date && !u.serviceId && !u.time && !u.staffId) {
        return answerHours(turn, u);
      }
      if (u.intent === 'change') break;
      // Only a name, given while the bot asked something else: noted, and the question stands.
      if (u.name && !hasBookingDetails(u) && u.optionIndex === undefined && turn.m.awaiting !== 'name') {
        turn.say(turn.t.gotName(u.name));
        if (turn.m.state === 'IDLE') return turn.say(turn.t.capabilities);
        return reprompt(turn);
      }
      break;
    case 'book':
    case 'yes':
    case 'no':
    case 'choose':
    case 'unknown':
      break;
  }
  continueFlow(turn, u, topicServiceId);
}

/**
 * What the message says about the customer (language, name, email): written to their record
 * when they are known, kept on the session for a web visitor (their booking's contact).
 */
function noteCustomer(turn: Turn, u: Understanding): void {
  const known = identified(turn);
  if (u.language !== turn.m.language) {
    turn.m.language = u.language;
    if (known) turn.commands.push({ type: 'update_customer', language: u.language });
  }
  if (!u.name && !u.email) return;
  if (u.name) turn.knownName = u.name;
  if (!known) {
    const visitor = visitorOf(turn);
    if (u.name) visitor.name = u.name;
    if (u.email) visitor.email = u.email;
    return;
  }
  turn.commands.push({
    type: 'update_customer',
    ...(u.name ? { name: u.name } : {}),
    ...(u.email ? { email: u.email } : {}),
  });
}

/**
 * A question about the hours that also asked for something ("are you open Sunday? I'd like a cut
 * at 3"): the request is kept in the draft, without a closed day, and the flow goes on from it.
 */
function keepRequest(turn: Turn, u: Understanding): void {
  if (!carriesRequest(turn, u)) return reprompt(turn);
  const request: Understanding = { ...u, intent: 'book' };
  if (!u.date || !turn.closedOn(u.date)) return startBooking(turn, request);
  // Closed that day: everything else is kept, and the customer picks another day.
  delete request.date;
  turn.m.state = 'COLLECTING';
  turn.m.draft = {};
  turn.m.attempts = 0;
  merge(turn, request);
  turn.ask('date', turn.t.askDate);
}

/** Idle, a question about the hours that also names a service, a time or a staff member asks for them. */
const carriesRequest = (turn: Turn, u: Understanding): boolean =>
  turn.m.state === 'IDLE' && Boolean(u.serviceId || u.time || u.staffId);

function continueFlow(turn: Turn, u: Understanding, topicServiceId?: string): void {
  const state = turn.m.state;
  switch (state) {
    case 'IDLE':
      if (u.intent === 'book' || hasBookingDetails(u)) return startBooking(turn, u, topicServiceId);
      if (u.intent === 'yes' || u.intent === 'no' || u.intent === 'thanks') return turn.say(turn.t.capabilities);
      return failed(turn);
    case 'COLLECTING':
    case 'RESCHEDULE_COLLECTING':
      return collect(turn, u);
    case 'CONFIRMING':
      return confirming(turn, u);
    case 'RESCHEDULE_CONFIRM':
      return confirmingReschedule(turn, u);
    case 'CANCEL_CONFIRM':
      return confirmingCancel(turn, u);
    case 'PAYMENT_PENDING':
      // The reminder with the link follows every answer in this state (remindOfPayment).
      return turn.say(turn.t.paymentPending);
    default:
      return assertNever(state);
  }
}

function commandFailed(turn: Turn, command: Command, reason: CommandRefusal): void {
  if (reason === 'payment_unavailable') {
    turn.reset();
    return turn.say(turn.t.paymentUnavailable);
  }
  if (reason === 'too_late') {
    turn.reset();
    return turn.say(turn.t.tooLate(turn.facts.business.cancellationNoticeHours));
  }
  if (reason === 'not_active') {
    turn.reset();
    return turn.say(turn.t.noLongerActive);
  }
  if (reason === 'service_not_offered' || reason === 'deposit_required') {
    turn.reset();
    return turn.say(reason === 'deposit_required' ? turn.t.serviceChangeNeedsDeposit : turn.t.serviceNotOffered);
  }
  // The slot went to someone else between our offer and the hold (or the hold expired).
  turn.say(turn.t.justTaken);
  const wanted = 'start' in command ? command.start : turn.m.draft.slot?.start;
  turn.m.bookingId = command.type === 'reschedule' ? turn.m.bookingId : null;
  if (turn.m.state === 'CONFIRMING') turn.m.state = 'COLLECTING';
  if (turn.m.state === 'RESCHEDULE_CONFIRM') turn.m.state = 'RESCHEDULE_COLLECTING';
  delete turn.m.draft.slot;
  delete turn.m.draft.time;
  const serviceId = turn.m.draft.serviceId;
  if (!serviceId || !wanted) return advance(turn);
  offer(turn, nearest(turn, serviceId, wanted), turn.t.closest);
}
