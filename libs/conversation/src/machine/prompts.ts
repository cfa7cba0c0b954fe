import { formatMoney, formatWhen } from './format';
import { assertNever, type Turn } from './turn';
import type { UpcomingBooking } from './types';
import { identityPrompt } from './visitor';

/** Failed attempts at one question before the bot hands over to a person. */
export const MAX_ATTEMPTS = 3;

// The questions the bot asks in any flow, asking them again, and giving up on them.

export function askService(turn: Turn): void {
  const options = turn.facts.services
    .slice(0, 10)
    .map((s) => ({ id: `service:${s.id}`, label: s.name, value: { kind: 'service' as const, serviceId: s.id } }));
  turn.m.state = turn.m.state === 'IDLE' ? 'COLLECTING' : turn.m.state;
  turn.ask('service', turn.t.askService, options);
}

export function offerBookings(turn: Turn, verb: 'cancel' | 'reschedule', bookings: UpcomingBooking[]): void {
  const options = bookings.slice(0, 10).map((b) => ({
    id: `booking:${b.id}`,
    label: turn.describeBooking(b),
    value: { kind: 'booking' as const, bookingId: b.id },
  }));
  turn.ask('booking_choice', turn.t.whichBooking(verb), options);
}

/** Says the current question again (after answering a side question). */
export function reprompt(turn: Turn): void {
  const awaiting = turn.m.awaiting;
  // Idle, the bot asks nothing, unless it waits for a web visitor's phone or code.
  if (!awaiting || (turn.m.state === 'IDLE' && awaiting !== 'phone' && awaiting !== 'verification_code')) return;
  const last = lastPrompt(turn);
  if (last) turn.say(last.text, turn.m.options);
}

function lastPrompt(turn: Turn): { text: string } | undefined {
  switch (turn.m.awaiting) {
    case 'service':
      return { text: turn.t.askService };
    case 'date':
    case 'time':
      return { text: turn.t.askDate };
    case 'name':
      return { text: turn.t.askName };
    case 'phone':
    case 'verification_code':
      return { text: identityPrompt(turn) };
    case 'slot_choice':
      return { text: turn.t.askWhichOption };
    case 'booking_choice':
      return { text: turn.t.whichBooking(turn.m.state === 'CANCEL_CONFIRM' ? 'cancel' : 'reschedule') };
    case 'confirmation':
      return { text: confirmationQuestion(turn) };
    case 'staff':
    case 'payment':
    case null:
      return undefined;
    default:
      return assertNever(turn.m.awaiting);
  }
}

/** "Move your haircut from … to …?", or, when the draft holds another service, "Change your haircut on … to …?". */
export function rescheduleQuestion(turn: Turn, target: UpcomingBooking, slot: { start: string }): string {
  const from = formatWhen(target.start, turn.zone, turn.m.language);
  const to = formatWhen(slot.start, turn.zone, turn.m.language);
  const service = turn.facts.services.find((s) => s.id === turn.m.draft.serviceId);
  if (!service || service.id === target.serviceId) return turn.t.confirmReschedule(turn.serviceName(target.serviceId), from, to);
  return turn.t.confirmServiceChange(
    turn.serviceName(target.serviceId),
    from,
    service.name,
    Date.parse(slot.start) === Date.parse(target.start) ? null : to,
    formatMoney(service.priceCents, turn.facts.business.currency, turn.m.language),
  );
}

function confirmationQuestion(turn: Turn): string {
  const slot = turn.m.draft.slot;
  const target = turn.target();
  if (turn.m.state === 'CANCEL_CONFIRM' && target) return turn.t.confirmCancel(turn.describeBooking(target));
  if (turn.m.state === 'RESCHEDULE_CONFIRM' && target && slot) return rescheduleQuestion(turn, target, slot);
  if (slot) {
    const service = turn.facts.services.find((s) => s.id === turn.m.draft.serviceId);
    if (service) {
      return turn.t.confirmBooking(
        service.name,
        formatWhen(slot.start, turn.zone, turn.m.language),
        null,
        formatMoney(service.priceCents, turn.facts.business.currency, turn.m.language),
      );
    }
  }
  return turn.t.capabilities;
}

/** One more failed attempt at the current question; the third hands over to a person. */
export function failed(turn: Turn): void {
  turn.m.attempts += 1;
  if (turn.m.attempts >= MAX_ATTEMPTS) {
    turn.abandonHold();
    turn.reset();
    turn.commands.push({ type: 'flag_for_staff', reason: 'three_failed_attempts', pauseBot: false });
    const url = turn.facts.business.bookingUrl;
    return turn.say(turn.facts.visitor ? turn.t.strikeOutWeb(url) : turn.t.strikeOut(url));
  }
  if (turn.m.state === 'IDLE' && !turn.m.awaiting) return turn.say(turn.t.capabilities);
  turn.say(turn.t.didNotUnderstand);
  reprompt(turn);
}
