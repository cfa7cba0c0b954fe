import type { Awaiting, ChatOption } from '@frontdesk/contracts';
import type { DateTime } from 'luxon';
import { findDates } from './dates';
import { editDistance, typoAllowance } from './fuzzy';
import { FUNCTION_WORDS } from './lexicon';
import { cleanText, foldedTokens } from './text';
import { findTimes } from './times';
import type { ClockTime } from './times';
import type { TimeOfDay } from './types';

/** Bot questions whose answer is a pick from the options. */
export const CHOICE_QUESTIONS: ReadonlySet<Awaiting> = new Set(['slot_choice', 'booking_choice', 'service', 'staff']);

const MAX_OPTIONS = 50;

export interface OptionInput {
  clean: string;
  /** Content words of the message (fillers removed), for matching option labels by text. */
  contentTokens: readonly string[];
  time?: ClockTime;
  date?: string;
  /** "the evening one", "la de la mañana". */
  timeOfDay?: TimeOfDay;
  serviceId?: string;
  staffId?: string;
  /** A message that is a number and nothing else ("2", "#2", "2 please"). */
  bareNumber?: number;
  /** A bare day ordinal ("the 3rd", "el 3") that the date parser also read. */
  ordinalDay?: number;
}

export interface OptionChoice {
  index: number;
  /** True when the pick came from a number or ordinal the date parser also read as a day. */
  fromOrdinal: boolean;
}

export const EXPLICIT_NUMBER =
  /(?:#|\b(?:number|num|option|opcion|opt|choice|numero)\.?)\s*(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th|o|a)?\s+(?:one|option|opcion|choice)\b/;
const ORDINAL_WORD = new RegExp(
  '(?<!\\b(?:a|one|un|1|wait a|just a)\\s)\\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|last|latter|former|primer|primera|primero|segunda|segundo|tercera|tercero|tercer|cuarta|quinta|quinto|sexta|ultima|ultimo|penultima|penultimo|middle one|later one|earlier one|earliest one|latest one|the earliest|the latest|la mas tarde|la de mas tarde|la mas temprana|la de mas temprano)\\b' +
    '(?!\\s+(?:of|de)\\s+\\p{L})(?!\\s+(?:thing|time|times|vez|hora|week|month|year|night|semana|mes)\\b)',
  'u',
);
// prettier-ignore
const ORDINAL_VALUE: Readonly<Record<string, number>> = {
  first: 0, '1st': 0, primer: 0, primera: 0, primero: 0, former: 0, 'earlier one': 0, 'earliest one': 0, 'the earliest': 0,
  'la mas temprana': 0, 'la de mas temprano': 0,
  second: 1, '2nd': 1, segunda: 1, segundo: 1,
  third: 2, '3rd': 2, tercera: 2, tercero: 2, tercer: 2,
  fourth: 3, '4th': 3, cuarta: 3,
  fifth: 4, '5th': 4, quinta: 4, quinto: 4,
  sixth: 5, '6th': 5, sexta: 5,
  last: -1, latter: -1, ultima: -1, ultimo: -1, 'later one': -1, 'latest one': -1, 'the latest': -1, 'la mas tarde': -1,
  'la de mas tarde': -1,
  penultima: -2, penultimo: -2,
};

/**
 * A part of the day picks an option only when phrased as a pick ("the evening one", "la de la
 * mañana"); "in the morning" alone asks to see the morning's times.
 */
const CHOICE_MARKER = /\b(?:one|ones|that|la de|el de|la del|el del|esa|ese|option|opcion)\b/;

interface ParsedLabel {
  tokens: string[];
  time?: ClockTime;
  date?: string;
}

function parseLabel(label: string, today: DateTime | null, country: string): ParsedLabel {
  const clean = cleanText(label.slice(0, 200));
  const times = findTimes(clean);
  const dates = findDates(clean, today, country);
  const parsed: ParsedLabel = {
    tokens: foldedTokens(label.slice(0, 200)).filter((t) => !FUNCTION_WORDS.has(t) && !/^\d+$/.test(t)),
  };
  if (times.time) parsed.time = times.time;
  if (dates.date) parsed.date = dates.date;
  return parsed;
}

const tokenMatches = (a: string, b: string): boolean =>
  a === b ||
  (a.length > 3 &&
    b.length > 3 &&
    editDistance(a, b, typoAllowance(Math.max(a.length, b.length))) <= typoAllowance(Math.max(a.length, b.length)));

/** Morning before noon, afternoon until 17:00, evening after. */
function partOfDay(time: ClockTime | undefined): TimeOfDay | undefined {
  if (!time) return undefined;
  if (time.hour < 12) return 'morning';
  return time.hour < 17 ? 'afternoon' : 'evening';
}

function uniqueIndex(indices: number[]): number | undefined {
  return indices.length === 1 ? indices[0] : undefined;
}

/**
 * Which offered option the message picks, if any: an explicit number ("#2",
 * "option 3", "the 2nd one"), a bare number when the bot asked for a choice,
 * an ordinal ("the second", "la última", "the later one"), the id of the
 * service or staff member named, a time or date that one label alone carries
 * ("4:30 works", "the Tuesday one"), or the words of one label ("Haircut").
 * An out-of-range number picks nothing.
 */
export function chooseOption(
  input: OptionInput,
  options: readonly ChatOption[],
  awaiting: Awaiting | null,
  today: DateTime | null,
  country: string,
): OptionChoice | undefined {
  const list = options.slice(0, MAX_OPTIONS);
  const count = list.length;
  if (count === 0) return undefined;
  const inRange = (n: number): number | undefined => (n >= 0 && n < count ? n : undefined);
  const choiceAsked = awaiting === null || CHOICE_QUESTIONS.has(awaiting) || awaiting === 'confirmation';

  const explicit = EXPLICIT_NUMBER.exec(input.clean);
  if (explicit) {
    const index = inRange(Number(explicit[1] ?? explicit[2]) - 1);
    return index === undefined ? undefined : { index, fromOrdinal: true };
  }
  if (input.bareNumber !== undefined && awaiting !== 'time' && awaiting !== 'date') {
    const index = inRange(input.bareNumber - 1);
    if (index !== undefined) return { index, fromOrdinal: true };
  }
  if (input.ordinalDay !== undefined && choiceAsked && awaiting !== null) {
    const index = inRange(input.ordinalDay - 1);
    if (index !== undefined) return { index, fromOrdinal: true };
  }
  const ordinal = ORDINAL_WORD.exec(input.clean);
  if (ordinal) {
    const key = ordinal[1];
    const value = key === 'middle one' ? (count % 2 === 1 ? (count - 1) / 2 : -99) : ORDINAL_VALUE[key];
    const index = value !== undefined ? inRange(value < 0 ? count + value : value) : undefined;
    if (index !== undefined) return { index, fromOrdinal: /^\d/.test(key) };
  }

  // Options may carry the id itself or a prefixed one ("service:haircut").
  for (const id of [input.serviceId, input.staffId]) {
    if (id === undefined) continue;
    const index = uniqueIndex(
      list.flatMap((o, i) => (o && typeof o.id === 'string' && (o.id === id || o.id.endsWith(`:${id}`)) ? [i] : [])),
    );
    if (index !== undefined) return { index, fromOrdinal: false };
  }

  if (!input.time && !input.date && !input.timeOfDay && input.contentTokens.length === 0) return undefined;
  const labels = list.map((o) => parseLabel(typeof o?.label === 'string' ? o.label : '', today, country));

  if (input.time) {
    const { hour, minute, certain } = input.time;
    const sameMinute = labels.flatMap((l, i) => (l.time && l.time.minute === minute ? [{ l, i }] : []));
    let candidates = sameMinute.filter(({ l }) => l.time?.hour === hour);
    // "9" or "4:30" without am/pm still picks the one label at that hour on a 12-hour clock.
    if (candidates.length === 0 && !certain) candidates = sameMinute.filter(({ l }) => (l.time?.hour ?? -1) % 12 === hour % 12);
    if (input.date && candidates.length > 1) candidates = candidates.filter(({ l }) => l.date === input.date);
    const index = uniqueIndex(candidates.map(({ i }) => i));
    if (index !== undefined) return { index, fromOrdinal: false };
  } else if (input.date || (input.timeOfDay && CHOICE_MARKER.test(input.clean))) {
    const index = uniqueIndex(
      labels.flatMap((l, i) =>
        (!input.date || l.date === input.date) && (!input.timeOfDay || partOfDay(l.time) === input.timeOfDay) ? [i] : [],
      ),
    );
    if (index !== undefined) return { index, fromOrdinal: false };
  }

  // Words: every word of a label in the message ("haircut please"), else every content word of the message in one label ("the beard one").
  const content = input.contentTokens;
  if (content.length === 0 || content.length > 12) return undefined;
  const full: number[] = [];
  const partial: number[] = [];
  labels.forEach((label, i) => {
    if (label.tokens.length === 0) return;
    if (label.tokens.every((t) => content.some((c) => tokenMatches(c, t)))) full.push(i);
    else if (content.every((c) => label.tokens.some((t) => tokenMatches(c, t)))) partial.push(i);
  });
  const index = uniqueIndex(full) ?? (full.length === 0 ? uniqueIndex(partial) : undefined);
  return index === undefined ? undefined : { index, fromOrdinal: false };
}
