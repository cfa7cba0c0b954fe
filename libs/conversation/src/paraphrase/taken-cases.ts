import type { Language } from '../machine/types';
import { type Day, type Dice, localStart, noise, POLITE, timePhrases } from './phrasings';

/**
 * The `taken-times` class of the paraphrase suite: the time asked for is taken, the bot offers
 * the nearest ones, and the customer answers with another time, another staff member or another
 * day. The draft (service, staff, name, day) must survive: the booking is the first request with
 * only that one thing changed, and a new customer is not asked their name again.
 */

const FIRSTS = ['sam', 'ana', 'leo', 'lucia', 'omar', 'nadia'];
const SURNAMES = ['wells', 'cruz', 'banks', 'rosas', 'hall', 'flores'];

const FOLLOW_TIME: Record<Language, string[]> = {
  en: ['ok what about {t}?', 'how about {t} then', '{t} then', 'can you do {t}?'],
  es: ['vale, ¿y {t}?', 'entonces {t}', '¿puede ser {t}?', 'mejor {t}'],
};
const FOLLOW_STAFF: Record<Language, string[]> = {
  en: ['then with maria', 'ok with maria then', 'can maria do it?', 'what about with maria?'],
  es: ['entonces con maria', 'vale, con maria', '¿y con maria?', 'mejor con maria'],
};
const FOLLOW_DAY: Record<Language, string[]> = {
  en: ['{d} instead', 'what about {d}?', 'ok {d} then'],
  es: ['mejor {d}', '¿y {d}?', 'entonces {d}'],
};

const QUESTIONS: Record<Language, string[]> = {
  en: ['how much is it?', 'how long does it take?', 'what are your hours?'],
  es: ['¿cuánto cuesta?', '¿cuánto dura?', '¿qué horario tienen?'],
};

export interface TakenCase {
  messages: string[];
  /** Starts ("YYYY-MM-DDTHH:mm", local) taken with everyone or "…@staffId" with one. */
  taken: string[];
  start: string;
  staffId?: string;
  name?: string;
}

/**
 * The `i`-th case: the follow-up changes the time, the staff member or the day in turn; half
 * the customers are new and give their name in the first message; every other round asks a
 * question before answering the offer.
 */
export function takenCase(
  dice: Dice,
  language: Language,
  i: number,
  s: string,
  durationMinutes: number,
  day: Day,
  otherDay: Day,
): TakenCase {
  const kind = (['time', 'staff', 'day'] as const)[i % 3];
  let hour: number;
  let minute: number;
  do {
    hour = dice.pick([10, 11, 14, 15]);
    minute = dice.pick([0, 30]);
  } while ((hour + 1) * 60 + minute + durationMinutes > 18 * 60);
  const digits = (h: number, m: number) => dice.pick(timePhrases(h, m, language, false).filter((p) => /\d/.test(p)));
  const withAlex = kind === 'staff' || dice.chance(0.5);
  const name = dice.chance(0.5) ? `${dice.pick(FIRSTS)} ${dice.pick(SURNAMES)}` : undefined;
  const intro = name ? (language === 'en' ? `i'm ${name}, ` : `soy ${name}, `) : '';
  const staff = withAlex ? (language === 'en' ? ' with alex' : ' con alex') : '';
  const ask = language === 'en' ? 'can i book' : 'quiero';
  const first = `${dice.pick(POLITE[language])}${intro}${ask} ${s}${staff} ${dice.pick(day[language])} ${digits(hour, minute)}`;
  const wanted = localStart(day.date, hour, minute);
  const taken = [kind === 'staff' ? `${wanted}@alex` : wanted];

  let follow: string;
  let start = wanted;
  if (kind === 'time') {
    follow = dice.pick(FOLLOW_TIME[language]).replace('{t}', digits(hour + 1, minute).replace(/^at /, ''));
    start = localStart(day.date, hour + 1, minute);
  } else if (kind === 'staff') {
    follow = dice.pick(FOLLOW_STAFF[language]);
  } else {
    follow = dice.pick(FOLLOW_DAY[language]).replace('{d}', dice.pick(otherDay[language]));
    start = localStart(otherDay.date, hour, minute);
  }
  // Every other round, a question comes between the offer and the answer to it.
  const question = i % 6 >= 3 ? [dice.pick(QUESTIONS[language])] : [];
  return {
    messages: [noise(dice, first, language), ...question, noise(dice, follow, language)],
    taken,
    start,
    staffId: kind === 'staff' ? 'maria' : withAlex ? 'alex' : undefined,
    name: name && name.replace(/\b\p{L}/gu, (c) => c.toLocaleUpperCase()),
  };
}
