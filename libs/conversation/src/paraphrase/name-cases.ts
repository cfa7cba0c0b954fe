import type { Language } from '../machine/types';
import { type Day, type Dice, fill, localStart, noise, POLITE, timePhrases } from './phrasings';

/**
 * The `names` class of the paraphrase suite: new customers typing their name in lower case, names
 * whose words are also days, months, services or other words ("sam friday", "ana mañana", "paz
 * corte"), as the answer to "what name?" and inside "I'm …" / "soy …" / "me llamo …" sentences.
 */

/** First names no word list holds: they tell the name apart from a day or a service. */
const FIRSTS = [
  'sam', 'john', 'ana', 'maria', 'leo', 'tom', 'pedro', 'lucia', 'carmen', 'rosa', 'luz', 'paz', 'jesus', 'diego', 'sofia',
  'priya', 'omar', 'nadia', 'kevin', 'dana', 'grace', 'rose', 'mark', 'dawn', 'bill', 'hope', 'joy', 'faith', 'jack', 'max',
  'drew', 'amber', 'ruby',
]; // prettier-ignore

/** Surnames that are also words: days, months, parts of the day, services, or words that end like them. */
const SURNAMES = [
  'wells', 'banks', 'marks', 'hall', 'friday', 'sunday', 'monday', 'march', 'may', 'lane', 'knight', 'cutting', 'booking',
  'price', 'king', 'stone', 'young', 'long', 'best', 'day', 'morning', 'early', 'rosas', 'cruz', 'flores', 'mañana', 'tarde',
  'corte', 'cortes', 'barba', 'noche', 'lunes', 'viernes', 'trim', 'color', 'nails', 'masaje', 'hours', 'open',
]; // prettier-ignore

/** Names only the question makes names: every word is also a word, or a particle joins them. */
const ANSWER_ONLY = ['will may', 'june march', 'luz del mar', 'ana de la cruz', 'maria de los santos', 'rose lane'];

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los']);

/** How the bot writes a name typed in lower case: each word capitalised, particles inside kept small. */
export const presented = (name: string): string =>
  name
    .split(' ')
    .map((w, i) => (i > 0 && PARTICLES.has(w) ? w : w.charAt(0).toLocaleUpperCase() + w.slice(1)))
    .join(' ');

/** Answers to "what name should I put the booking under?". */
const ANSWERS: Record<Language, string[]> = {
  en: ['{n}', "i'm {n}", "it's {n}", 'my name is {n}', '{n} please', 'ok {n}', 'name is {n}', '{n}, thanks', 'im {n}'],
  es: ['{n}', 'soy {n}', 'me llamo {n}', 'a nombre de {n}', 'mi nombre es {n}', '{n} gracias', '{n}, por favor'],
};

/** A whole request with an introduction, with and without punctuation. */
const INTRODUCED: Record<Language, string[]> = {
  en: [
    "hi i'm {n}, can i book {s} {d} {t}",
    "this is {n}. i'd like {s} {d} {t}",
    'my name is {n} and i need {s} {d} {t}',
    "{s} {d} {t} please, i'm {n}",
    'im {n} can i book {s} {d} {t}',
  ],
  es: [
    'hola soy {n}, quiero {s} {d} {t}',
    'me llamo {n} y quisiera {s} {d} {t}',
    '{s} {d} {t} por favor, soy {n}',
    'soy {n} quiero {s} {d} {t}',
    'mi nombre es {n}, ¿me reservas {s} {d} {t}?',
  ],
};

const ASK: Record<Language, string[]> = {
  en: ['can i book {s} {d} {t}', "i'd like {s} {d} {t}", '{s} {d} {t} please'],
  es: ['quiero {s} {d} {t}', '¿me reservas {s} {d} {t}?', 'necesito {s} {d} {t}'],
};

export interface NameCase {
  messages: string[];
  name: string;
  start: string;
}

/**
 * One case: every other one answers the name question (the bot asks, the customer being new),
 * the others introduce themselves in the request.
 */
export function nameCase(
  dice: Dice,
  language: Language,
  i: number,
  s: string,
  day: Day,
  at: { hour: number; minute: number },
): NameCase {
  const d = dice.pick(day[language]);
  const t = dice.pick(timePhrases(at.hour, at.minute, language, false).filter((p) => /\d/.test(p)));
  const start = localStart(day.date, at.hour, at.minute);
  const polite = dice.pick(POLITE[language]);
  if (i % 2 === 0) {
    const name = dice.chance(0.15) ? dice.pick(ANSWER_ONLY) : `${dice.pick(FIRSTS)} ${dice.pick(SURNAMES)}`;
    const request = noise(dice, polite + fill(dice.pick(ASK[language]), s, d, t), language);
    const answer = noise(dice, dice.pick(ANSWERS[language]).replace('{n}', name), language);
    return { messages: [request, answer], name: presented(name), start };
  }
  const name = `${dice.pick(FIRSTS)} ${dice.pick(SURNAMES)}`;
  const message = fill(dice.pick(INTRODUCED[language]).replace('{n}', name), s, d, t);
  return { messages: [noise(dice, message, language)], name: presented(name), start };
}
