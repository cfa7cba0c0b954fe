import type { Understanding } from '../understanding';
import { merge, reconsider, relativeToOffer } from './collecting';
import { formatWhen } from './format';
import { failed } from './prompts';
import { advance } from './slot-search';
import { hasBookingDetails, type Turn } from './turn';

// A new booking: details collected (collecting.ts), a slot found and held (slot-search.ts), then
// confirmed here.

/** `topicServiceId`: the service the last answer was about, the default when the request names none. */
export function startBooking(turn: Turn, u: Understanding, topicServiceId?: string): void {
  turn.m.state = 'COLLECTING';
  turn.m.draft = {};
  turn.m.attempts = 0;
  if (topicServiceId && turn.facts.services.some((s) => s.id === topicServiceId)) turn.m.draft.serviceId = topicServiceId;
  merge(turn, u);
  advance(turn);
}

export function confirming(turn: Turn, u: Understanding): void {
  const answer = turn.yesOrNo(u);
  if (answer === 'yes' && turn.m.bookingId && turn.m.draft.slot) {
    turn.commands.push({ type: 'confirm', bookingId: turn.m.bookingId });
    const service = turn.serviceName(turn.m.draft.serviceId);
    turn.say(turn.t.booked(service, formatWhen(turn.m.draft.slot.start, turn.zone, turn.m.language)));
    return turn.reset(false);
  }
  if (u.relative && answer !== 'yes') {
    // "anything later?" while a slot is held: let it go and look past it.
    turn.abandonHold();
    turn.m.state = 'COLLECTING';
    if (relativeToOffer(turn, u)) return;
  }
  if (answer === 'no' || hasBookingDetails(u)) turn.abandonHold();
  if (!reconsider(turn, u, answer, 'COLLECTING')) failed(turn);
}
