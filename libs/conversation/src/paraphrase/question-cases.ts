import type { Language } from '../machine/types';
import type { Business } from './harness';
import { type Day, type Dice, noise, POLITE, SERVICE_WORDS } from './phrasings';

/**
 * The `question-pairs` class of the paraphrase suite: two questions in one message beyond a price
 * and an open day (price and duration, duration and hours, the prices of two services, a closed
 * day and a price), each answered in the customer's language, ending on a next step (a question).
 */

type Service = Business['services'][number];

interface Pair {
  message: string;
  /** What the one reply must say, beyond the next step. */
  patterns: RegExp[];
}

const PRICE = /\d+[.,]\d{2}/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const named = (service: Service) => new RegExp(escape(service.name));
const lasts = (service: Service, language: Language) =>
  new RegExp(
    language === 'en' ? `takes about ${service.durationMinutes} minutes` : `dura unos ${service.durationMinutes} minutos`,
  );
const HOURS: Record<Language, RegExp> = { en: /\bOur hours\b|\bwe're open\b/, es: /\bNuestro horario\b|\babrimos\b/ };
const CLOSED: Record<Language, RegExp> = { en: /\bclosed\b/, es: /\bcerrados\b/ };

function pairsOf(dice: Dice, language: Language, one: Service, other: Service, open: Day, sunday: Day): Pair[] {
  const s = dice.pick(SERVICE_WORDS[one.id][language]);
  const s2 = dice.pick(SERVICE_WORDS[other.id][language]);
  const d = dice.pick(open[language]);
  const closed = dice.pick(sunday[language]);
  const both = [named(one), PRICE, lasts(one, language)];
  if (language === 'en') {
    return [
      {
        message: dice.pick([`how much is ${s} and how long does it take?`, `how long is ${s} and what does it cost?`]),
        patterns: both,
      },
      {
        message: dice.pick([`how long does ${s} take and what are your hours?`, `what are your hours? and how long is ${s}?`]),
        patterns: [named(one), lasts(one, language), HOURS.en],
      },
      { message: `what time do you open ${d} and how long is ${s}?`, patterns: [named(one), lasts(one, language), HOURS.en] },
      {
        message: dice.pick([`how much are ${s} and ${s2}?`, `what do ${s} and ${s2} cost?`, `prices for ${s} and ${s2}?`]),
        patterns: [named(one), named(other), PRICE],
      },
      { message: `do you open ${closed} and how much is ${s}`, patterns: [CLOSED.en, named(one), PRICE] },
    ];
  }
  return [
    { message: dice.pick([`¿cuánto dura y cuánto cuesta ${s}?`, `¿cuánto cuesta ${s} y cuánto tarda?`]), patterns: both },
    {
      message: dice.pick([`¿cuánto dura ${s} y qué horario tienen?`, `¿qué horario tienen? ¿y cuánto dura ${s}?`]),
      patterns: [named(one), lasts(one, language), HOURS.es],
    },
    { message: `¿a qué hora abren ${d} y cuánto dura ${s}?`, patterns: [named(one), lasts(one, language), HOURS.es] },
    {
      message: dice.pick([`¿cuánto cuestan ${s} y ${s2}?`, `precio de ${s} y ${s2}`, `¿qué precio tienen ${s} y ${s2}?`]),
      patterns: [named(one), named(other), PRICE],
    },
    { message: `¿abren ${closed} y cuánto cuesta ${s}?`, patterns: [CLOSED.es, named(one), PRICE] },
  ];
}

/** One case of the class: the `i`-th combination, about `one` (and `other`, a different service). */
export function questionPairCase(
  dice: Dice,
  language: Language,
  i: number,
  one: Service,
  other: Service,
  open: Day,
  sunday: Day,
): { messages: string[]; patterns: RegExp[] } {
  const pairs = pairsOf(dice, language, one, other, open, sunday);
  const pair = pairs[i % pairs.length];
  // The last reply ends on a question: an offer to book, or the booking's next question.
  return { messages: [noise(dice, dice.pick(POLITE[language]) + pair.message, language)], patterns: [...pair.patterns, /\?$/] };
}
