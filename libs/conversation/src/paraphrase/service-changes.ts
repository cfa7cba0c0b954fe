import type { Language, UpcomingBooking } from '../machine/types';
import { type Business, ZONE } from './harness';
import { Dice, noise, openDays, POLITE, random, SERVICE_WORDS, timePhrases, typo } from './phrasings';
import { DateTime } from 'luxon';

/**
 * The `service-change` class of the paraphrase suite: a customer with an upcoming booking (or
 * two) asks to change its service — keeping its time, or at a new time said in the same message —
 * in many phrasings, both languages, with typos in the new service's name. Its own seeded dice,
 * so adding it leaves the other classes' cases as they were.
 */
export interface ServiceChangeCase {
  language: Language;
  messages: string[];
  upcoming: UpcomingBooking[];
  /** The booking changed, to this service at this local start ("YYYY-MM-DDTHH:mm"), once confirmed. */
  expect: { kind: 'changed'; bookingId: string; serviceId: string; start: string };
}

/** `{o}`: the old service, `{n}`: the new one, `{d}`: the booking's day. */
const SAME_TIME: Record<Language, string[]> = {
  en: [
    'can i change my {o} to {n}?',
    'could you switch my {o} {d} to {n} please',
    "i'd like to swap my {o} for {n}",
    'please change the {o} {d} to {n}',
    'i want {n} instead of my {o}',
    'can i get {n} instead of the {o} {d}?',
    'replace my {o} with {n}',
    'change my appointment {d} to {n}',
    'is it possible to change my {o} into {n}?',
    'actually can you switch the {o} to {n}',
  ],
  es: [
    '¿puedo cambiar mi {o} por {n}?',
    'quiero cambiar el {o} {d} por {n}',
    'cámbiame el {o} por {n}',
    'en vez del {o}, quiero {n}',
    'prefiero {n} en lugar del {o}',
    '¿me cambias la cita {d} a {n}?',
    'quisiera cambiar mi cita de {o} por {n}',
    'cambia mi {o} {d} por {n} por favor',
    '¿se puede cambiar el {o} por {n}?',
  ],
};

/** `{t}`: the new time, the same day. */
const NEW_TIME: Record<Language, string[]> = {
  en: ['can i change my {o} to {n} {t}?', 'switch my {o} to {n} {t} please', "i'd like {n} instead of my {o}, {t}"],
  es: ['¿puedo cambiar mi {o} por {n} {t}?', 'cámbiame el {o} por {n} {t}', 'quiero cambiar el {o} por {n} {t}'],
};

const fillIn = (template: string, words: Record<string, string>) =>
  template
    .replace(/\{(\w)\}/g, (_, k: string) => words[k] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/ ([,?])/g, '$1')
    .trim();

/** Without its article: "a haircut" → "haircut", "un corte" → "corte" (the templates say "my"/"el"). */
const bare = (words: string) => words.replace(/^(?:a|an|un|una) /, '');

export function serviceChangeCases(business: Business, seed: number, perLanguage: number): ServiceChangeCase[] {
  const dice = new Dice(random(seed));
  const days = openDays(business.now);
  const services = business.services.map((s) => s.id);
  const cases: ServiceChangeCase[] = [];
  for (const language of ['en', 'es'] as const) {
    for (let i = 0; i < perLanguage; i++) {
      const old = dice.pick(services);
      const next = dice.pick(services.filter((s) => s !== old));
      const day = dice.pick(days);
      // Early enough that the longest service (90 minutes) fits before closing, at the same time or the new one.
      const hour = dice.pick([9, 10, 11, 14]);
      const minute = dice.pick([0, 15, 30]);
      const booking: UpcomingBooking = {
        id: `booking-${language}-${i}`,
        serviceId: old,
        staffId: dice.pick(business.staff).id,
        start: DateTime.fromISO(`${day.date}T${pad(hour)}:${pad(minute)}`, { zone: ZONE })
          .toUTC()
          .toISO()!,
        status: 'confirmed',
      };
      // Half the customers have a second booking, of another service another day: the old service names the one.
      const other = dice.chance(0.5) ? otherBooking(dice, business, days, booking, next) : undefined;
      const newWords = dice.pick(SERVICE_WORDS[next][language]);
      const misspelt = dice.chance(0.25) ? withTypo(dice, newWords) : newWords;
      const words = {
        o: bare(dice.pick(SERVICE_WORDS[old][language])),
        n: misspelt,
        d: dice.pick(day[language]).replace(/^on /, ''),
      };
      const moved = dice.chance(0.3);
      const newHour = dice.pick([9, 10, 11, 14, 15].filter((h) => h !== hour));
      const templates = (moved ? NEW_TIME : SAME_TIME)[language].filter(
        // A template that names neither the old service nor the day cannot tell two bookings apart.
        (t) => !other || t.includes('{o}'),
      );
      const template = dice.pick(templates);
      const t = moved ? dice.pick(timePhrases(newHour, 0, language, false).filter((p) => /\d/.test(p))) : '';
      cases.push({
        language,
        messages: [noise(dice, dice.pick(POLITE[language]) + fillIn(template, { ...words, t }), language)],
        upcoming: other ? [booking, other] : [booking],
        expect: {
          kind: 'changed',
          bookingId: booking.id,
          serviceId: next,
          start: `${day.date}T${pad(moved ? newHour : hour)}:${pad(moved ? 0 : minute)}`,
        },
      });
    }
  }
  return cases;
}

const pad = (n: number) => String(n).padStart(2, '0');

function otherBooking(
  dice: Dice,
  business: Business,
  days: ReturnType<typeof openDays>,
  booking: UpcomingBooking,
  next: string,
): UpcomingBooking | undefined {
  const serviceId = dice.pick(business.services.map((s) => s.id).filter((s) => s !== booking.serviceId && s !== next));
  const day = dice.pick(days.filter((d) => !booking.start.startsWith(d.date)));
  return {
    id: `${booking.id}-other`,
    serviceId,
    staffId: booking.staffId,
    start: DateTime.fromISO(`${day.date}T16:00`, { zone: ZONE }).toUTC().toISO()!,
    status: 'confirmed',
  };
}

/** A typo in the service's longest word when it has six letters or more (shorter ones stay as typed). */
function withTypo(dice: Dice, words: string): string {
  const parts = words.split(' ');
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  if (longest.length < 6) return words;
  return parts.map((p) => (p === longest ? typo(dice, p, 1) : p)).join(' ');
}
