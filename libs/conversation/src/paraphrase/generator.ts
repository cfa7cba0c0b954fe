import type { Language, UpcomingBooking } from '../machine/types';
import type { Business } from './harness';
import {
  SERVICE_WORDS,
  random,
  Dice,
  timePhrases,
  openDays,
  nextSunday,
  POLITE,
  ASK,
  noise,
  typo,
  fill,
  localStart,
} from './phrasings';
import { type ServiceChangeCase, serviceChangeCases } from './service-changes';
import { nameCase } from './name-cases';
import { questionPairCase } from './question-cases';
import { takenCase } from './taken-cases';

/**
 * The paraphrase generator of the scenario suite: templates × services × dates × time phrasings ×
 * politeness and typo noise, in English and Spanish, each case with the outcome it must reach.
 * Everything is derived from the `now` and the seed passed in (never the wall clock), so a run
 * is the same on every day.
 *
 * Classes (issue 14):
 * - `one-message`: a whole request in one message, times in digits;
 * - `time-words`: times said in words with their minutes and a part of the day;
 * - `draft-memory`: the request survives a closed day, a taken time and a question in between;
 * - `topic`: after a price or duration question, "book me …" is about that service;
 * - `typos`: service names one or two letters off;
 * - `receptionist`: answers are full sentences with a next step, in the customer's language;
 * - `two-questions`: both questions of one message answered;
 * - `several-offered`: a bare "yes" while several times are offered asks which;
 * - `earlier-later`: "anything later/earlier?" relative to what was just offered;
 * - `names`: lowercase names whose words are also words ("sam friday"), answered or introduced;
 * - `question-pairs`: two questions beyond price and open day (price and duration, duration and
 *   hours, two services' prices), both answered, ending on a next step;
 * - `taken-times`: the time asked for is taken; "what about 5?", "then with Maria", "tomorrow
 *   instead" keep the rest of the draft (service, staff, name, day).
 * - `service-change`: changing the service of an upcoming booking (service-changes.ts).
 */
export const CLASSES = [
  'one-message',
  'time-words',
  'draft-memory',
  'topic',
  'typos',
  'receptionist',
  'two-questions',
  'several-offered',
  'earlier-later',
  'names',
  'question-pairs',
  'taken-times',
  'service-change',
] as const;
export type CaseClass = (typeof CLASSES)[number];

export type Expectation =
  /**
   * A booking made (held, then confirmed by a "yes" the runner sends) for this service at this
   * local start; `name`: under this name, as the customer gave it.
   */
  | { kind: 'booked'; serviceId: string; start: string; name?: string; staffId?: string }
  /** The last reply matches every pattern and no slot was held. */
  | { kind: 'replied'; patterns: RegExp[] }
  /** The last reply offers times, all after (`later`) or before (`earlier`) the first offer's. */
  | { kind: 'offered'; direction: 'later' | 'earlier' }
  /** A booking of the customer's changed (once the runner confirms) to this service at this local start. */
  | ServiceChangeCase['expect'];

export interface Case {
  class: CaseClass;
  language: Language;
  messages: string[];
  expect: Expectation;
  /** The customer's upcoming bookings; none when absent. */
  upcoming?: UpcomingBooking[];
  /** Slot starts taken before the conversation (see `Business.taken`). */
  taken?: string[];
}

/** Monday 23 November 2026, 10:00 in New York. */
export const FIXED_NOW = new Date('2026-11-23T15:00:00Z');

export function salon(now: Date): Business {
  return {
    now,
    services: [
      { id: 'haircut', name: 'Haircut', aliases: ['cut', 'corte', 'corte de pelo'], durationMinutes: 30, priceCents: 3000 },
      { id: 'beard', name: 'Beard Trim', aliases: ['beard', 'barba', 'arreglo de barba'], durationMinutes: 20, priceCents: 1500 },
      { id: 'color', name: 'Hair Coloring', aliases: ['coloring', 'color', 'tinte'], durationMinutes: 90, priceCents: 8000 },
      { id: 'manicure', name: 'Manicure', aliases: ['manicura', 'nails', 'unas'], durationMinutes: 45, priceCents: 2500 },
      { id: 'massage', name: 'Massage', aliases: ['masaje'], durationMinutes: 60, priceCents: 6000 },
    ],
    staff: [
      { id: 'alex', name: 'Alex' },
      { id: 'maria', name: 'Maria' },
    ],
    holidays: [],
    taken: [],
  };
}

/** Every case of the suite for a business at `now`, `perClass` of each class and language (about). */
export function generate(now: Date, seed: number, perClass: number): Case[] {
  const dice = new Dice(random(seed));
  // Classes added later draw from dice of their own: the earlier classes' cases stay as they were.
  const later = new Dice(random(seed + 1));
  const business = salon(now);
  const days = openDays(now);
  const services = business.services.map((s) => s.id);
  const cases: Case[] = [];
  const languages: Language[] = ['en', 'es'];
  const minutes = [0, 10, 15, 20, 30, 40, 45, 50];
  /** A time the service fits in before closing (18:00). */
  const timeFor = (serviceId: string, from = dice) => {
    const duration = business.services.find((x) => x.id === serviceId)!.durationMinutes;
    for (;;) {
      const hour = from.pick([9, 10, 11, 14, 15, 16]);
      const minute = from.pick(minutes);
      if (hour * 60 + minute + duration <= 18 * 60) return { hour, minute };
    }
  };

  for (const language of languages) {
    for (let i = 0; i < perClass; i++) {
      const service = dice.pick(services);
      const s = dice.pick(SERVICE_WORDS[service][language]);
      const day = dice.pick(days);
      const d = dice.pick(day[language]);
      const polite = dice.pick(POLITE[language]);

      // one-message and time-words: the whole request at once.
      for (const words of [false, true]) {
        const { hour, minute } = timeFor(service);
        const phrases = timePhrases(hour, minute, language, words);
        const t = dice.pick(words ? phrases : phrases.filter((p) => /\d/.test(p)));
        cases.push({
          class: words ? 'time-words' : 'one-message',
          language,
          messages: [noise(dice, polite + fill(dice.pick(ASK[language]), s, d, t), language)],
          expect: { kind: 'booked', serviceId: service, start: localStart(day.date, hour, minute) },
        });
      }

      // draft-memory: a closed day, then another day; a question in between; a new day only.
      {
        const { hour, minute } = timeFor(service);
        const t = dice.pick(timePhrases(hour, minute, language, false));
        const sunday = nextSunday(now);
        const open = dice.pick(days);
        const variant = i % 3;
        const messages =
          variant === 0
            ? language === 'en'
              ? [`are you open ${dice.pick(sunday.en)}? i'd like ${s} ${t}`, `ok, then ${dice.pick(open.en)}`]
              : [`¿abren ${dice.pick(sunday.es)}? quiero ${s} ${t}`, `vale, entonces ${dice.pick(open.es)}`]
            : variant === 1
              ? language === 'en'
                ? [`${polite}i'd like ${s} ${dice.pick(open.en)}`, 'how much is it?', t]
                : [`${polite}quiero ${s} ${dice.pick(open.es)}`, '¿cuánto cuesta?', t]
              : language === 'en'
                ? [`${polite}${s} ${t} please`, 'what are your hours?', dice.pick(open.en)]
                : [`${polite}${s} ${t} por favor`, '¿qué horario tienen?', dice.pick(open.es)];
        cases.push({
          class: 'draft-memory',
          language,
          messages: messages.map((m) => noise(dice, m, language)),
          expect: { kind: 'booked', serviceId: service, start: localStart(open.date, hour, minute) },
        });
      }

      // topic: a question about one service, then a request without it.
      {
        const { hour, minute } = timeFor(service);
        const t = dice.pick(timePhrases(hour, minute, language, false));
        const question =
          language === 'en'
            ? dice.pick([`how much is ${s}?`, `how long does ${s} take?`, `what's the price of ${s}?`, `how much for ${s}`])
            : dice.pick([`¿cuánto cuesta ${s}?`, `¿cuánto dura ${s}?`, `precio de ${s}?`, `cuanto vale ${s}`]);
        const request =
          language === 'en'
            ? dice.pick([
                `great, book me for ${d} ${t}`,
                `ok can i come ${d} ${t}?`,
                `perfect, ${d} ${t} then`,
                `book it ${d} ${t}`,
              ])
            : dice.pick([`genial, resérvame ${d} ${t}`, `vale, ¿puedo ir ${d} ${t}?`, `perfecto, ${d} ${t} entonces`]);
        cases.push({
          class: 'topic',
          language,
          messages: [noise(dice, question, language), noise(dice, request, language)],
          expect: { kind: 'booked', serviceId: service, start: localStart(day.date, hour, minute) },
        });
      }

      // typos: the service's name one or two letters off.
      {
        const { hour, minute } = timeFor(service);
        const t = dice.pick(timePhrases(hour, minute, language, false));
        const ref = business.services.find((x) => x.id === service)!;
        // The understanding reads a typo only when five letters or more are left ("have" is never "shave").
        const names = (language === 'en' ? [ref.name.toLowerCase(), ...ref.aliases] : ref.aliases).filter((a) =>
          /^[a-z ]{6,}$/.test(a),
        );
        const word = dice.pick(names.length > 0 ? names : [ref.name.toLowerCase()]);
        const misspelt = typo(dice, word, word.replace(/ /g, '').length >= 8 ? dice.pick([1, 2]) : 1);
        cases.push({
          class: 'typos',
          language,
          messages: [noise(dice, polite + fill(dice.pick(ASK[language]), misspelt, d, t), language)],
          expect: { kind: 'booked', serviceId: service, start: localStart(day.date, hour, minute) },
        });
      }

      // receptionist: a price question answered in a sentence that offers to book, in the customer's language.
      {
        const question =
          language === 'en'
            ? dice.pick([
                `how much is ${s}?`,
                `price for ${s}?`,
                `how long is ${s}`,
                'what services do you offer?',
                'how much do you charge?',
              ])
            : dice.pick([
                `¿cuánto cuesta ${s}?`,
                `precio de ${s}`,
                `¿cuánto dura ${s}?`,
                '¿qué servicios tienen?',
                '¿cuáles son los precios?',
              ]);
        cases.push({
          class: 'receptionist',
          language,
          messages: [noise(dice, polite + question, language)],
          expect: {
            kind: 'replied',
            patterns:
              language === 'en'
                ? [/\bWould you like to book\b.*\?$/, /^[A-Z].*[.?!]$/]
                : [/¿Quieres reservar\b.*\?$/, /^[A-ZÁÉÍÓÚ¿].*[.?!]$/],
          },
        });
      }

      // two questions in one message: both answered.
      {
        const ref = business.services.find((x) => x.id === service)!;
        const sunday = nextSunday(now);
        const message =
          language === 'en'
            ? dice.pick([
                `how much is ${s} and are you open ${dice.pick(sunday.en)}?`,
                `are you open ${dice.pick(sunday.en)}? and how much is ${s}?`,
              ])
            : dice.pick([
                `¿cuánto cuesta ${s} y abren ${dice.pick(sunday.es)}?`,
                `¿abren ${dice.pick(sunday.es)}? ¿y cuánto cuesta ${s}?`,
              ]);
        cases.push({
          class: 'two-questions',
          language,
          messages: [noise(dice, message, language)],
          expect: {
            kind: 'replied',
            patterns: [new RegExp(ref.name), language === 'en' ? /closed/ : /cerrad/, /\d+[.,]\d{2}/],
          },
        });
      }

      // several times offered and a bare "yes": the bot asks which.
      {
        const request = language === 'en' ? `${polite}${s} ${d}` : `${polite}${s} ${d}`;
        const yes = dice.pick(language === 'en' ? ['yes', 'yes please', 'ok', 'sure'] : ['sí', 'si por favor', 'vale', 'claro']);
        cases.push({
          class: 'several-offered',
          language,
          messages: [noise(dice, request, language), yes],
          expect: { kind: 'replied', patterns: [language === 'en' ? /\bwhich\b/i : /\bcuál\b/i] },
        });
      }

      // "anything later/earlier?" after times were offered.
      {
        const direction = dice.pick(['later', 'earlier'] as const);
        const part =
          direction === 'later'
            ? language === 'en'
              ? 'in the morning'
              : 'por la mañana'
            : language === 'en'
              ? 'in the afternoon'
              : 'por la tarde';
        const follow =
          language === 'en'
            ? dice.pick(
                direction === 'later'
                  ? ['anything later?', 'do you have anything later?', 'something later please']
                  : ['anything earlier?', 'do you have anything earlier?', 'something earlier please'],
              )
            : dice.pick(
                direction === 'later'
                  ? ['¿algo más tarde?', '¿tienes algo más tarde?', 'algo más tarde por favor']
                  : ['¿algo más temprano?', '¿tienes algo antes?', 'algo más temprano por favor'],
              );
        cases.push({
          class: 'earlier-later',
          language,
          messages: [noise(dice, `${polite}${s} ${d} ${part}`, language), follow],
          expect: { kind: 'offered', direction },
        });
      }

      // names: a new customer's lowercase name, also made of words, answered or introduced.
      {
        const { messages, name, start } = nameCase(later, language, i, s, day, timeFor(service, later));
        cases.push({ class: 'names', language, messages, expect: { kind: 'booked', serviceId: service, start, name } });
      }

      // question-pairs: two questions in one message, both answered.
      {
        const one = business.services.find((x) => x.id === service)!;
        const other = later.pick(business.services.filter((x) => x.id !== service));
        const sunday = nextSunday(now);
        const { messages, patterns } = questionPairCase(later, language, i, one, other, later.pick(days), sunday);
        cases.push({ class: 'question-pairs', language, messages, expect: { kind: 'replied', patterns } });
      }

      // taken-times: another time, staff member or day after a taken time keeps the rest of the draft.
      {
        const { durationMinutes } = business.services.find((x) => x.id === service)!;
        const other = later.pick(days.filter((x) => x.date !== day.date));
        const { messages, taken, start, staffId, name } = takenCase(later, language, i, s, durationMinutes, day, other);
        cases.push({
          class: 'taken-times',
          language,
          messages,
          taken,
          expect: { kind: 'booked', serviceId: service, start, ...(staffId && { staffId }), ...(name && { name }) },
        });
      }
    }
  }
  for (const c of serviceChangeCases(business, seed + 1, perClass)) cases.push({ class: 'service-change', ...c });
  return cases;
}
