import type { Understanding } from '../understanding';
import { merge } from './collecting';
import { formatWhen } from './format';
import { failed } from './prompts';
import { advance } from './slot-search';
import { hasBookingDetails, type Turn } from './turn';

// A new booking: details collected (collecting.ts), a slot found and held (slot-search.ts), then
// confirmed here.

export function startBooking(turn: Turn, u: Understanding): void {
  turn.m.state = 'COLLECTING';
  turn.m.draft = {};
  turn.m.attempts = 0;
  merge(turn, u);
  advance(turn);
}

export function confirming(turn: Turn, u: Understanding): void {
  const option = turn.pickedOption(u);
  const yes = u.intent === 'yes' || option?.value.kind === 'yes';
  const no = u.intent === 'no' || option?.value.kind === 'no';
  if (yes && turn.m.bookingId && turn.m.draft.slot) {
    turn.commands.push({ type: 'confirm', bookingId: turn.m.bookingId });
    const service = turn.serviceName(turn.m.draft.serviceId);
    turn.say(turn.t.booked(service, formatWhen(turn.m.draft.slot.start, turn.zone, turn.m.language)));
    turn.m.state = 'IDLE';
    turn.m.awaiting = null;
    turn.m.options = [];
    turn.m.draft = {};
    turn.m.attempts = 0;
    return;
  }
  if (no && !hasBookingDetails(u)) {
    turn.abandonHold();
    delete turn.m.draft.slot;
    delete turn.m.draft.time;
    turn.m.state = 'COLLECTING';
    turn.m.attempts = 0;
    return turn.ask('date', turn.t.notBooked);
  }
  if (hasBookingDetails(u)) {
    turn.abandonHold();
    turn.m.state = 'COLLECTING';
    delete turn.m.draft.slot;
    merge(turn, u);
    turn.m.attempts = 0;
    return advance(turn);
  }
  failed(turn);
}
