import { DateTime } from 'luxon';
import { WEEKDAYS } from '@frontdesk/contracts';
import type { Understanding } from '../understanding';
import { formatDate, formatHours, formatIntervals, formatMoney } from './format';
import type { Turn } from './turn';

// Side questions, answered in any state: services and prices, opening hours, "when is my appointment".

export function answerServices(turn: Turn, u: Understanding): void {
  const lang = turn.m.language;
  const currency = turn.facts.business.currency;
  const idle = turn.m.state === 'IDLE';
  // Idle, the next step is to offer a booking; mid-flow, it is the question the flow asks again.
  const next = idle ? ` ${turn.t.offerToBook}` : '';
  const service = u.serviceId ? turn.facts.services.find((s) => s.id === u.serviceId) : undefined;
  if (service) {
    if (idle) turn.m.topicServiceId = service.id;
    return turn.say(turn.t.price(service.name, formatMoney(service.priceCents, currency, lang), service.durationMinutes) + next);
  }
  const list = turn.facts.services
    .map((s) => `${s.name} (${formatMoney(s.priceCents, currency, lang)}, ${s.durationMinutes} min)`)
    .join(', ');
  turn.say(turn.t.services(list) + next);
}

/** The hours of the day asked about ("are you open Saturday?"), else the whole week. */
export function answerHours(turn: Turn, u: Understanding): void {
  const lang = turn.m.language;
  if (turn.m.state === 'IDLE') turn.m.lastTopic = 'hours';
  if (!u.date) return turn.say(turn.t.hours(formatHours(turn.facts.business.hours, lang)));
  const day = formatDate(u.date, turn.zone, lang);
  if (turn.closedOn(u.date)) return turn.say(turn.t.closedOn(day));
  const weekday = WEEKDAYS[DateTime.fromISO(u.date, { zone: 'utc' }).weekday - 1];
  turn.say(turn.t.hoursOn(day, formatIntervals(turn.facts.business.hours[weekday], lang)));
}

export function answerAppointments(turn: Turn): void {
  const upcoming = turn.facts.upcoming.filter((b) => b.status !== 'held');
  if (upcoming.length === 0) return turn.say(turn.t.noUpcoming);
  if (upcoming.length === 1) return turn.say(turn.t.upcomingOne(turn.describeBooking(upcoming[0])));
  turn.say(turn.t.upcomingMany(upcoming.map((b) => turn.describeBooking(b)).join('; ')));
}
