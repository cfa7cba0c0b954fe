import { DateTime } from 'luxon';
import { WEEKDAYS } from '@frontdesk/contracts';
import type { Understanding } from '../understanding';
import { formatDate, formatHours, formatIntervals, formatMoney } from './format';
import type { Turn } from './turn';

// Side questions, answered in any state: services and prices, opening hours, "when is my appointment".

const ASKS_HOURS =
  /\b(?:open|opened|opening|hours|close|closes|closing|closed|abren|abris|abrís|abierto|abiertos|horario|horarios|cierran|cerrado|cerrados)\b/i;
const ASKS_ABOUT_SERVICE =
  /\b(?:how much|price|prices|cost|costs|how long|cuanto|cuánto|precio|precios|cuesta|cuestan|vale|dura|tarda)\b/i;

/**
 * Every question of one message about services, prices, durations and hours, answered in one
 * reply in the order the intent gives ("how much is a cut and are you open Sunday?", "how long is
 * a massage and what are your hours?", "how much are a haircut and a beard trim?"); idle, the
 * reply ends with an offer to book when it was about services, unless `offer` is false (a request
 * in the same message goes on instead).
 */
export function answerQuestions(turn: Turn, u: Understanding, text: string, offer: boolean): void {
  const hoursFirst = u.intent === 'ask_hours';
  const aboutHours = hoursFirst || ASKS_HOURS.test(text);
  const aboutServices = !hoursFirst || (Boolean(u.serviceId) && ASKS_ABOUT_SERVICE.test(text));
  const answers = hoursFirst ? [hoursAnswer(turn, u)] : [servicesAnswer(turn, u)];
  if (hoursFirst && aboutServices) answers.push(servicesAnswer(turn, u));
  if (!hoursFirst && aboutHours) answers.push(hoursAnswer(turn, u));
  // Idle, the next step is to offer a booking; mid-flow, it is the question the flow asks again.
  if (offer && aboutServices && turn.m.state === 'IDLE') answers.push(turn.t.offerToBook);
  turn.say(answers.join(' '));
}

/** The price and duration of each service asked about, else the whole menu. */
function servicesAnswer(turn: Turn, u: Understanding): string {
  const lang = turn.m.language;
  const currency = turn.facts.business.currency;
  const ids = u.serviceId ? [u.serviceId, ...(u.moreServiceIds ?? [])] : [];
  const asked = turn.facts.services.filter((s) => ids.includes(s.id)).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  // "Book me for Friday" after one service's answer means that one; after two, it asks which.
  if (turn.m.state === 'IDLE' && asked.length === 1) turn.m.topicServiceId = asked[0].id;
  if (asked.length > 0)
    return asked.map((s) => turn.t.price(s.name, formatMoney(s.priceCents, currency, lang), s.durationMinutes)).join(' ');
  const list = turn.facts.services
    .map((s) => `${s.name} (${formatMoney(s.priceCents, currency, lang)}, ${s.durationMinutes} min)`)
    .join(', ');
  return turn.t.services(list);
}

/** The hours of the day asked about ("are you open Saturday?"), else the whole week. */
export function answerHours(turn: Turn, u: Understanding): void {
  turn.say(hoursAnswer(turn, u));
}

function hoursAnswer(turn: Turn, u: Understanding): string {
  const lang = turn.m.language;
  if (turn.m.state === 'IDLE') turn.m.lastTopic = 'hours';
  if (!u.date) return turn.t.hours(formatHours(turn.facts.business.hours, lang));
  const day = formatDate(u.date, lang);
  if (turn.closedOn(u.date)) return turn.t.closedOn(day);
  const weekday = WEEKDAYS[DateTime.fromISO(u.date, { zone: 'utc' }).weekday - 1];
  return turn.t.hoursOn(day, formatIntervals(turn.facts.business.hours[weekday], lang));
}

export function answerAppointments(turn: Turn): void {
  const upcoming = turn.facts.upcoming.filter((b) => b.status !== 'held');
  if (upcoming.length === 0) return turn.say(turn.t.noUpcoming);
  if (upcoming.length === 1) return turn.say(turn.t.upcomingOne(turn.describeBooking(upcoming[0])));
  turn.say(turn.t.upcomingMany(upcoming.map((b) => turn.describeBooking(b)).join('; ')));
}
