import type { LocalTime } from '@frontdesk/contracts';
import { dropOverlaps, dropReplaced } from './dates';
import { NUMBER_WORDS } from './lexicon';
import type { TimeBound, TimeOfDay } from './types';

/**
 * Times of day.
 *
 * An hour said without am/pm follows the business rule: 1–7 are afternoon or
 * evening (13:00–19:00), 8–11 are morning, 12 is noon. A part of the day
 * anywhere in the message overrides it ("tomorrow morning at 7" is 07:00,
 * "tonight at 8" is 20:00), as does a 24-hour reading: an hour of 13–23 or a
 * leading zero ("07:30") is taken as written. A bare number alone in a
 * message is read by `understand`, which knows what the bot asked.
 */
export interface ClockTime {
  hour: number;
  minute: number;
  /** The hour was pinned by am/pm, a part of the day or 24-hour writing, not by the business rule. */
  certain: boolean;
}

export interface TimeFindings {
  time?: ClockTime;
  approximate?: boolean;
  bound?: TimeBound;
  /** A part of the day named anywhere ("tomorrow afternoon", "por la tarde"). */
  dayPart?: TimeOfDay;
  /** "same time", "a la misma hora". */
  sameTime?: boolean;
  index?: number;
}

type Meridiem = 'am' | 'pm';

interface TimeHit {
  index: number;
  end: number;
  hour: number;
  minute: number;
  meridiem?: Meridiem;
  part?: TimeOfDay | 'night';
  explicit24?: boolean;
  approximate?: boolean;
  bound?: TimeBound;
}

const NUMBER_WORD = `(?:${Object.keys(NUMBER_WORDS).join('|')})`;
const HOUR = `(\\d{1,2}|${NUMBER_WORD}|noon|midday|mediodia|medio dia|midnight|medianoche|lunchtime|lunch)`;

/** Cue → what it says about the time. Longest first: the regex takes the first alternative that fits. */
const CUES: readonly [string, { approximate?: true; bound?: TimeBound }][] = [
  ['no later than', { bound: 'before' }],
  ['no earlier than', { bound: 'after' }],
  ['not before', { bound: 'after' }],
  ['not after', { bound: 'before' }],
  ['later than', { bound: 'after' }],
  ['earlier than', { bound: 'before' }],
  ['a partir de las', { bound: 'after' }],
  ['a partir de la', { bound: 'after' }],
  ['despues de las', { bound: 'after' }],
  ['despues de la', { bound: 'after' }],
  ['despues del', { bound: 'after' }],
  ['antes de las', { bound: 'before' }],
  ['antes de la', { bound: 'before' }],
  ['antes del', { bound: 'before' }],
  ['hasta las', { bound: 'before' }],
  ['hasta la', { bound: 'before' }],
  ['desde las', { bound: 'after' }],
  ['desde la', { bound: 'after' }],
  ['alrededor de las', { approximate: true }],
  ['alrededor de la', { approximate: true }],
  ['alrededor del', { approximate: true }],
  ['mas o menos a las', { approximate: true }],
  ['como a las', { approximate: true }],
  ['como a la', { approximate: true }],
  ['como las', { approximate: true }],
  ['sobre las', { approximate: true }],
  ['sobre la', { approximate: true }],
  ['hacia las', { approximate: true }],
  ['hacia la', { approximate: true }],
  ['tipo a las', { approximate: true }],
  ['tipo las', { approximate: true }],
  ['a eso de las', { approximate: true }],
  ['what about', {}],
  ['how about', {}],
  ['can we do', {}],
  ['could we do', {}],
  ['can you do', {}],
  ['could you do', {}],
  ['make it', {}],
  ['change it to', {}],
  ['move it to', {}],
  ['lets do', {}],
  ['lets say', {}],
  ['around', { approximate: true }],
  ['arround', { approximate: true }],
  ['round', { approximate: true }],
  ['about', { approximate: true }],
  ['abt', { approximate: true }],
  ['approximately', { approximate: true }],
  ['approx', { approximate: true }],
  ['roughly', { approximate: true }],
  ['~', { approximate: true }],
  ['after', { bound: 'after' }],
  ['from', { bound: 'after' }],
  ['before', { bound: 'before' }],
  ['until', { bound: 'before' }],
  ['till', { bound: 'before' }],
  ['til', { bound: 'before' }],
  ['by', { bound: 'before' }],
  ['a las', {}],
  ['a la', {}],
  // "alas 4", "ala 1": "a las" typed without its space.
  ['alas', {}],
  ['ala', {}],
  ['al', {}],
  ['las', {}],
  ['at', {}],
  ['@', {}],
];
const CUE_INFO = new Map(CUES);
const CUE = `(${CUES.map(([c]) => c).join('|')})`;

const PART =
  `(?:\\s+(?:(?:de|en|por) la (manana|tarde|noche|madrugada)|in the (morning|afternoon|evening)|this (morning|afternoon|evening)` +
  `|(tonight)|at (night)|(?:tomorrow|today) (morning|afternoon|evening|night)|(?:tomorrow|today)\\b))?`;
/** Minutes said in words after the hour: "y veinte", "con diez", "menos cuarto", "four forty five". Longest first. */
const SPANISH_MINUTE =
  '(?:media|cuarto|cincuenta y cinco|cuarenta y cinco|treinta y cinco|cincuenta|cuarenta|treinta|veinticinco|veinte|quince|diez|cinco|\\d{1,2})';
const ENGLISH_MINUTE =
  '(?:(?:twenty|thirty|forty|fifty)[\\s-]?(?:five)|thirty|fifteen|twenty|forty|fifty|ten|oh[\\s-]?five|\\d{2})';
const MINUTES =
  `(?:(?::|\\.|h)(\\d{2}))?(?![\\d/])(?:\\s?(am|pm)\\b)?` +
  `(?:\\s+(?:y|con)\\s+(${SPANISH_MINUTE})\\b|\\s+menos\\s+(${SPANISH_MINUTE})\\b` +
  `|\\s+(${ENGLISH_MINUTE})(?![\\d:/]|\\s+(?:minutes|past|after|to|til|till|before)\\b))?(?:\\s?(am|pm)\\b)?(?:\\s?-?\\s?(ish)\\b|\\s?(oclock|o clock|en punto)\\b)?`;

const BEFORE = '(?<![\\p{L}\\d:/.$])';
// Only "@" and "~" may touch the hour: "after" + "noon" must not read "afternoon" as a time.
const WITH_CUE = new RegExp(`${BEFORE}${CUE}(?:\\s+|(?<=[@~])\\s*)${HOUR}${MINUTES}${PART}`, 'gu');
const WITH_MERIDIEM = new RegExp(
  `${BEFORE}(\\d{1,2}|${NUMBER_WORD})(?:(?::|\\.|h)(\\d{2}))?\\s?(am|pm)(?![\\p{L}\\d])(?:\\s?-?\\s?(ish)\\b)?`,
  'gu',
);
const WITH_LETTER = /(?<![\p{L}\d:/.$])(?<!\b(?:la|el)\s)(\d{1,2})(?:[:.](\d{2}))?([ap])(?![\p{L}\d])/gu;
const CLOCK = new RegExp(`${BEFORE}(\\d{1,2})(?::|h)(\\d{2})(?![\\d:/])(?:\\s?-?\\s?(ish)\\b)?${PART}`, 'gu');
const SUFFIXED = new RegExp(`${BEFORE}(\\d{1,2}|${NUMBER_WORD})\\s?-?\\s?(ish|oclock|o clock|en punto)(?!\\p{L})${PART}`, 'gu');
// "twenty past four in the afternoon", "quarter to five pm": the part of the day or am/pm belongs to the phrase, so
// the hit covers it and wins over "four in the afternoon" inside it (the minutes must never be lost).
const PAST = new RegExp(
  `\\b(half|quarter|ten|twenty[\\s-]five|twenty|five|\\d{1,2})\\s+(?:minutes\\s+)?(past|after)\\s+(\\d{1,2}|${NUMBER_WORD})\\b(?:\\s?(am|pm)\\b)?${PART}`,
  'gu',
);
const TO = new RegExp(
  `\\b(quarter|ten|twenty[\\s-]five|twenty|five|\\d{1,2})\\s+(?:minutes\\s+)?(to|til|till|before)\\s+(\\d{1,2}|${NUMBER_WORD})\\b(?:\\s?(am|pm)\\b)?${PART}`,
  'gu',
);
/** British "half four in the afternoon" (16:30): read only with a part of the day or am/pm after it. */
const HALF_HOUR = new RegExp(
  `${BEFORE}half\\s+(\\d{1,2}|${NUMBER_WORD})(?:\\s?(am|pm)\\b|(?=\\s+(?:in the|this|tonight|at night)\\b)${PART})`,
  'gu',
);
const SPANISH_HALF = new RegExp(`${BEFORE}(\\d{1,2}|${NUMBER_WORD})\\s+(y media|y cuarto|menos cuarto)\\b${PART}`, 'gu');
const NOON = /\b(12 noon|noon|midday|mediodia|medio dia|midnight|medianoche|lunchtime|lunch time|lunch|la hora de comer)\b/g;
// "el 9 por la mañana", "el viernes 9 por la tarde": a number after "el", "día" or a Spanish weekday is the
// day of the month, not the hour ("friday 9 in the morning" stays 09:00: English names the day first).
// So is a number after a month's name ("december 2 in the afternoon" is the 2nd, in the afternoon).
const DAY_BEFORE =
  '(?<!\\b(?:el|the|dia|lunes|martes|miercoles|jueves|viernes|sabado|domingo|january|february|march|april|may|june|july' +
  '|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\s)';
const WITH_PART = new RegExp(`${BEFORE}${DAY_BEFORE}(\\d{1,2}|${NUMBER_WORD})${PART.replace(/\)\?$/, ')')}`, 'gu');
const DAY_THEN_HOUR =
  /\b(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hoy|manana)\s+(\d{1,2})(?![\d:/.]|\s?-?\s?(?:st|nd|rd|th|am|pm|of|de|ish)\b|\s?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)\w*)/g;
/** "at 930", "1030am", "tomorrow 930": hour and minutes run together, read only with a cue, am/pm or a day before it. */
const COMPACT = new RegExp(
  `${BEFORE}(?:(at|@|a las|around|about|by|after|before|from|until)\\s*)?(\\d{1,2})([0-5]\\d)\\s?(am|pm)?(?![\\p{L}\\d:/])`,
  'gu',
);
const DAY_THEN_COMPACT =
  /\b(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hoy|manana)\s+(\d{1,2})([0-5]\d)(?![\d:/.])/g;
const HOUR_THEN_DAY = /(?<![\p{L}\d:/.$])(\d{1,2})\s+(?:today|tomorrow|tonight)\b/gu;

const DAY_PARTS: readonly [RegExp, TimeOfDay][] = [
  [/\b(?:mornings?|in the am|temprano)\b|\b(?:la|las|esta) mananas?\b/g, 'morning'],
  [/\b(?:afternoons?|in the pm)\b|\b(?:la|las|esta|de) tardes?\b/g, 'afternoon'],
  [
    /\b(?:evenings?|tonight|nights?|after work|end of (?:the )?day|late in the day|as late as possible|latest (?:you have|possible|time|slot|appointment|opening)|last (?:appointment|slot|time|opening) of the day)\b|\b(?:la|las|esta|de) noches?\b|\b(?:a ultima hora|lo mas tarde posible|al final del dia|ultima hora de la tarde)\b/g,
    'evening',
  ],
];
const SAME_TIME = /\b(same time|same hour|misma hora|mismo horario|la misma)\b/;

// prettier-ignore
const MINUTE_WORDS: Readonly<Record<string, number>> = {
  half: 30, quarter: 15, ten: 10, twenty: 20, 'twenty five': 25, five: 5, media: 30, cuarto: 15, diez: 10, veinte: 20,
  veinticinco: 25, cinco: 5, thirty: 30, fifteen: 15, 'forty five': 45, forty: 40, fifty: 50, 'thirty five': 35,
  'fifty five': 55, 'oh five': 5, quince: 15, treinta: 30, cuarenta: 40, cincuenta: 50, 'treinta y cinco': 35,
  'cuarenta y cinco': 45, 'cincuenta y cinco': 55,
};

function hourValue(text: string): number {
  if (/^(noon|midday|mediodia|medio dia|12 noon|lunch|lunchtime)$/.test(text)) return 12;
  if (/^(midnight|medianoche)$/.test(text)) return 0;
  return NUMBER_WORDS[text] ?? Number(text);
}

function minuteValue(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const normal = text.replace(/[\s-]+/g, ' ').replace(/^(twenty|thirty|forty|fifty|oh)(five)$/, '$1 $2');
  return MINUTE_WORDS[normal] ?? Number(normal);
}

function partOf(groups: (string | undefined)[]): TimeHit['part'] {
  for (const g of groups) {
    if (!g) continue;
    if (/^(manana|morning|madrugada)$/.test(g)) return 'morning';
    if (/^(tarde|afternoon)$/.test(g)) return 'afternoon';
    if (/^(noche|evening|night|tonight)$/.test(g)) return 'evening';
  }
  return undefined;
}

const meridiemOf = (...values: (string | undefined)[]): Meridiem | undefined => {
  for (const v of values) {
    if (v === 'am' || v === 'a') return 'am';
    if (v === 'pm' || v === 'p') return 'pm';
  }
  return undefined;
};

function collect(clean: string): TimeHit[] {
  const hits: TimeHit[] = [];
  const add = (m: RegExpMatchArray, hit: Omit<TimeHit, 'index' | 'end'>): void => {
    if (Number.isFinite(hit.hour) && Number.isFinite(hit.minute)) {
      hits.push({ ...hit, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    }
  };

  for (const m of clean.matchAll(WITH_CUE)) {
    const [, cue, hourText, mm, mer1, yMin, lessMin, enMin, mer2, ish, oclock, ...parts] = m;
    const info = CUE_INFO.get(cue) ?? {};
    let hour = hourValue(hourText);
    let minute = mm !== undefined ? Number(mm) : (minuteValue(yMin) ?? minuteValue(enMin) ?? 0);
    if (lessMin !== undefined) {
      hour -= 1;
      minute = 60 - (minuteValue(lessMin) ?? 0);
    }
    // A bare word number after a cue needs more than the cue ("at one point" is not 13:00).
    const wordHour = NUMBER_WORDS[hourText] !== undefined;
    const meridiem = meridiemOf(mer1, mer2);
    const part = partOf(parts);
    const cueIsSpanishTime = /las?$|^al$/.test(cue);
    const moreEvidence = meridiem || part || oclock || ish || enMin !== undefined;
    const plainCue = /^(at|around|about|by|after|before|until)$/.test(cue) && hourText !== 'one';
    if (wordHour && !cueIsSpanishTime && !moreEvidence && !plainCue) continue;
    add(m, {
      hour,
      minute,
      meridiem,
      part,
      explicit24: /^0\d$/.test(hourText) || hour >= 13,
      approximate: info.approximate || ish !== undefined || /^lunch/.test(hourText),
      bound: info.bound,
    });
  }
  for (const m of clean.matchAll(WITH_MERIDIEM)) {
    add(m, {
      hour: hourValue(m[1]),
      minute: m[2] ? Number(m[2]) : 0,
      meridiem: meridiemOf(m[3]),
      approximate: m[4] !== undefined,
    });
  }
  for (const m of clean.matchAll(WITH_LETTER)) {
    add(m, { hour: Number(m[1]), minute: m[2] ? Number(m[2]) : 0, meridiem: meridiemOf(m[3]) });
  }
  for (const m of clean.matchAll(CLOCK)) {
    const hour = Number(m[1]);
    add(m, {
      hour,
      minute: Number(m[2]),
      explicit24: /^0\d$/.test(m[1]) || hour >= 13,
      approximate: m[3] !== undefined,
      part: partOf(m.slice(4)),
    });
  }
  for (const m of clean.matchAll(SUFFIXED)) {
    add(m, { hour: hourValue(m[1]), minute: 0, approximate: m[2] === 'ish', part: partOf(m.slice(3)) });
  }
  for (const m of clean.matchAll(PAST)) {
    add(m, { hour: hourValue(m[3]), minute: minuteValue(m[1]) ?? 0, meridiem: meridiemOf(m[4]), part: partOf(m.slice(5)) });
  }
  for (const m of clean.matchAll(TO)) {
    const part = partOf(m.slice(5));
    add(m, { hour: hourValue(m[3]) - 1, minute: 60 - (minuteValue(m[1]) ?? 0), meridiem: meridiemOf(m[4]), part });
  }
  for (const m of clean.matchAll(HALF_HOUR)) {
    add(m, { hour: hourValue(m[1]), minute: 30, meridiem: meridiemOf(m[2]), part: partOf(m.slice(3)) });
  }
  for (const m of clean.matchAll(SPANISH_HALF)) {
    const phrase = m[2];
    const hour = hourValue(m[1]);
    const part = partOf(m.slice(3));
    if (phrase === 'menos cuarto') add(m, { hour: hour - 1, minute: 45, part });
    else add(m, { hour, minute: phrase === 'y media' ? 30 : 15, part });
  }
  for (const m of clean.matchAll(NOON)) {
    const word = m[1];
    // "a las 12:30 del mediodía", "la 1 y media del mediodía": the part of the day of the time before, not noon.
    if (hits.some((h) => /^\s*del?\s+$/.test(clean.slice(h.end, m.index)))) continue;
    if (/lunch|comer/.test(word)) add(m, { hour: 12, minute: 0, explicit24: true, approximate: true });
    else add(m, { hour: hourValue(word), minute: 0, explicit24: true });
  }
  for (const m of clean.matchAll(WITH_PART)) {
    const part = partOf(m.slice(2));
    if (part) add(m, { hour: hourValue(m[1]), minute: 0, part });
  }
  for (const m of clean.matchAll(COMPACT)) {
    const [, cue, hourText, minuteText, meridiem] = m;
    if (!cue && !meridiem) continue;
    const info = cue ? (CUE_INFO.get(cue) ?? {}) : {};
    const hour = Number(hourText);
    add(m, {
      hour,
      minute: Number(minuteText),
      meridiem: meridiemOf(meridiem),
      explicit24: /^0\d$/.test(hourText) || hour >= 13,
      approximate: info.approximate,
      bound: info.bound,
    });
  }
  for (const m of clean.matchAll(DAY_THEN_COMPACT)) add(m, { hour: Number(m[1]), minute: Number(m[2]) });
  for (const pattern of [DAY_THEN_HOUR, HOUR_THEN_DAY]) {
    for (const m of clean.matchAll(pattern)) add(m, { hour: Number(m[1]), minute: 0 });
  }
  return hits;
}

/** The business rule for an hour with no am/pm: 1–7 → afternoon, 8–11 → morning, 12 → noon; 0 and 13–23 as written. */
export function businessHour(hour: number): number {
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

/** The 24-hour clock time meant, or null when it is not a time of day. */
export function toClock(
  hour: number,
  minute: number,
  meridiem: Meridiem | undefined,
  part: TimeOfDay | 'night' | undefined,
  explicit24: boolean,
): ClockTime | null {
  if (!(Number.isInteger(hour) && Number.isInteger(minute) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59))
    return null;
  if (meridiem && hour >= 1 && hour <= 12) {
    if (meridiem === 'am') return { hour: hour === 12 ? 0 : hour, minute, certain: true };
    return { hour: hour === 12 ? 12 : hour + 12, minute, certain: true };
  }
  if (explicit24 || hour === 0 || hour >= 13) return { hour, minute, certain: true };
  if (part === 'morning') return { hour, minute, certain: true };
  if (part) return { hour: hour === 12 ? 12 : hour + 12, minute, certain: true };
  return { hour: businessHour(hour), minute, certain: false };
}

export function formatClock(time: ClockTime): LocalTime {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** The last part of the day named in the message, if any. */
export function findDayPart(clean: string): TimeOfDay | undefined {
  let last: { index: number; part: TimeOfDay } | undefined;
  for (const [pattern, part] of DAY_PARTS) {
    for (const m of clean.matchAll(pattern)) {
      if (!last || (m.index ?? 0) >= last.index) last = { index: m.index ?? 0, part };
    }
  }
  return last?.part;
}

/** The last time mentioned ("from 3 to 5" → 5; "move my 3pm to 5pm" → 17:00), with its qualifiers. */
export function findTimes(clean: string, dayPartHint?: TimeOfDay): TimeFindings {
  const findings: TimeFindings = {};
  const dayPart = findDayPart(clean) ?? dayPartHint;
  if (dayPart) findings.dayPart = dayPart;
  if (SAME_TIME.test(clean)) findings.sameTime = true;
  const hits = dropReplaced(clean, dropOverlaps(collect(clean)));
  for (let i = hits.length - 1; i >= 0; i--) {
    const hit = hits[i];
    const clock = toClock(hit.hour, hit.minute, hit.meridiem, hit.part ?? dayPart, hit.explicit24 === true);
    if (!clock) continue;
    findings.time = clock;
    findings.index = hit.index;
    if (hit.approximate) findings.approximate = true;
    if (hit.bound) findings.bound = hit.bound;
    break;
  }
  return findings;
}
