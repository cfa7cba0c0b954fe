import { DateTime } from 'luxon';
import type { Language } from '../machine/types';
import { ZONE } from './harness';

/**
 * The vocabulary of the paraphrase generator (generator.ts): how customers name services, dates
 * and times in words, politeness, typos and harmless noise, and the seeded dice that choose.
 */

/** How a customer names each service, per language. */
export const SERVICE_WORDS: Record<string, Record<Language, string[]>> = {
  haircut: { en: ['haircut', 'a haircut', 'a cut'], es: ['un corte', 'un corte de pelo', 'corte'] },
  beard: { en: ['a beard trim', 'beard trim'], es: ['un arreglo de barba', 'barba'] },
  color: { en: ['hair coloring', 'a coloring'], es: ['un tinte', 'tinte'] },
  manicure: { en: ['a manicure', 'manicure'], es: ['una manicura', 'manicura'] },
  massage: { en: ['a massage', 'massage'], es: ['un masaje', 'masaje'] },
};

/** Small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(readonly next: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const EN_HOURS = ['twelve', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const ES_HOURS = ['doce', 'una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];
const EN_MINUTES: Record<number, string> = {
  5: 'five',
  10: 'ten',
  15: 'quarter',
  20: 'twenty',
  25: 'twenty five',
  30: 'half',
};
const EN_FLAT: Record<number, string> = {
  10: 'ten',
  15: 'fifteen',
  20: 'twenty',
  30: 'thirty',
  40: 'forty',
  45: 'forty five',
  50: 'fifty',
};
const ES_MINUTES: Record<number, string> = {
  5: 'cinco',
  10: 'diez',
  15: 'cuarto',
  20: 'veinte',
  25: 'veinticinco',
  30: 'media',
  40: 'cuarenta',
  45: 'cuarenta y cinco',
  50: 'cincuenta',
};

/** Ways to say a time with its minutes; `words` only those in words with a part of the day. */
export function timePhrases(hour: number, minute: number, language: Language, words: boolean): string[] {
  const h12 = hour % 12 || 12;
  const pm = hour >= 12;
  const out: string[] = [];
  const mm = String(minute).padStart(2, '0');
  if (language === 'en') {
    const part = hour < 12 ? 'in the morning' : hour < 17 ? 'in the afternoon' : 'in the evening';
    if (minute > 0 && minute <= 30) {
      out.push(`at ${EN_MINUTES[minute] ?? minute} past ${EN_HOURS[h12]} ${part}`);
      out.push(`at ${minute === 30 ? 'half' : minute} past ${h12} ${part}`);
    }
    if (minute >= 40) {
      const to = 60 - minute;
      out.push(`at ${to === 15 ? 'quarter' : EN_MINUTES[to]} to ${EN_HOURS[(h12 % 12) + 1]} ${part}`);
    }
    if (minute > 0 && EN_FLAT[minute]) out.push(`at ${EN_HOURS[h12]} ${EN_FLAT[minute]} ${part}`);
    if (minute === 0) out.push(`at ${EN_HOURS[h12]} ${part}`, `at ${EN_HOURS[h12]} o'clock ${part}`);
    if (!words)
      out.push(
        `at ${h12}:${mm}${pm ? 'pm' : 'am'}`,
        `at ${h12}:${mm} ${pm ? 'pm' : 'am'}`,
        `at ${hour}:${mm}`,
        `at ${h12}:${mm} ${part}`,
      );
    return out;
  }
  const part = hour < 12 ? 'de la mañana' : hour < 14 ? 'del mediodía' : hour < 20 ? 'de la tarde' : 'de la noche';
  const cue = h12 === 1 ? 'a la' : 'a las';
  if (hour !== 12 && hour !== 13) {
    if (minute > 0 && minute <= 30) out.push(`${cue} ${ES_HOURS[h12]} y ${ES_MINUTES[minute]} ${part}`);
    if (minute > 0 && minute !== 15 && minute !== 30) out.push(`${cue} ${h12} y ${minute} ${part}`);
    if (minute >= 40) {
      const next = (h12 % 12) + 1;
      out.push(`a ${next === 1 ? 'la' : 'las'} ${ES_HOURS[next]} menos ${ES_MINUTES[60 - minute]} ${part}`);
      out.push(`${cue} ${ES_HOURS[h12]} y ${ES_MINUTES[minute]} ${part}`);
    }
    if (minute === 0) out.push(`${cue} ${ES_HOURS[h12]} ${part}`, `${cue} ${ES_HOURS[h12]} en punto ${part}`);
  }
  if (!words) out.push(`a las ${hour}:${mm}`, `${cue} ${h12}:${mm} ${part}`);
  return out;
}

export interface Day {
  date: string;
  en: string[];
  es: string[];
}

const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ES_WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ES_MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** Open weekdays (Monday–Friday) in the next 12 days, each with the ways to name it. */
export function openDays(now: Date): Day[] {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const days: Day[] = [];
  for (let n = 1; n <= 12; n++) {
    const d = today.plus({ days: n });
    if (d.weekday > 5) continue;
    const wd = d.weekday - 1;
    const en = [`on ${d.day} ${EN_MONTHS[d.month - 1]}`, `on ${EN_MONTHS[d.month - 1]} ${d.day}`];
    const es = [`el ${d.day} de ${ES_MONTHS[d.month - 1]}`];
    if (n === 1) {
      en.push('tomorrow');
      es.push('mañana');
    }
    // A weekday name means its next occurrence: only within the coming week.
    if (n < 7) {
      en.push(`on ${EN_WEEKDAYS[wd]}`, `this ${EN_WEEKDAYS[wd]}`);
      es.push(`el ${ES_WEEKDAYS[wd]}`, `este ${ES_WEEKDAYS[wd]}`);
    }
    days.push({ date: d.toISODate()!, en, es });
  }
  return days;
}

/** The coming Sunday (closed). */
export function nextSunday(now: Date): Day {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const d = today.plus({ days: 7 - today.weekday || 7 });
  return { date: d.toISODate()!, en: ['on sunday', 'this sunday'], es: ['el domingo', 'este domingo'] };
}

export const POLITE: Record<Language, string[]> = {
  en: ['', 'hi, ', 'hello! ', 'hey there, ', 'good morning, ', 'hi there. '],
  es: ['', 'hola, ', 'buenas, ', 'hola! ', 'buenos días, '],
};
export const ASK: Record<Language, string[]> = {
  en: [
    'can i book {s} {d} {t}',
    "i'd like {s} {d} {t}",
    'could you book me {s} {d} {t} please',
    'i need {s} {d} {t}',
    '{s} {d} {t} please',
    'book me in for {s} {d} {t}',
  ],
  es: [
    'quiero {s} {d} {t}',
    'me gustaría reservar {s} {d} {t}',
    'quisiera {s} {d} {t} por favor',
    '¿me reservas {s} {d} {t}?',
    'necesito {s} {d} {t}',
  ],
};

/** Harmless noise: capitals, no punctuation, doubled spaces, a trailing "thanks". */
export function noise(dice: Dice, text: string, language: Language): string {
  let out = text;
  if (dice.chance(0.3)) out = out.charAt(0).toUpperCase() + out.slice(1);
  if (dice.chance(0.2)) out = out.replace(/[,.!?¿]/g, '');
  if (dice.chance(0.15)) out = out.replace(/ /, '  ');
  if (dice.chance(0.2)) out += language === 'en' ? ' thanks' : ' gracias';
  return out;
}

/** One or two letters off: a letter dropped, doubled or two neighbours swapped (never the first letter). */
export function typo(dice: Dice, word: string, edits: number): string {
  let out = word;
  for (let i = 0; i < edits; i++) {
    const at = 1 + Math.floor(dice.next() * (out.length - 2));
    const kind = dice.pick(['drop', 'double', 'swap'] as const);
    if (kind === 'drop') out = out.slice(0, at) + out.slice(at + 1);
    else if (kind === 'double') out = out.slice(0, at) + out[at] + out.slice(at);
    else out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
  }
  return out;
}

export const fill = (template: string, s: string, d: string, t: string) =>
  template.replace('{s}', s).replace('{d}', d).replace('{t}', t).replace(/\s+/g, ' ').trim();

export const localStart = (date: string, hour: number, minute: number) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
