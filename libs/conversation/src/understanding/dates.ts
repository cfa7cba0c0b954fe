import { DateTime } from 'luxon';
import type { LocalDate } from '@frontdesk/contracts';
import { DAY_MS, zoneClock } from '@frontdesk/scheduling';
import { DAY_ORDINAL_WORDS, MONTH_NUMBER, WEEKDAY_NUMBER } from './lexicon';
import type { DateRange, TimeOfDay } from './types';

/**
 * Dates, resolved in the tenant's zone relative to the message's instant.
 *
 * Rules for the ambiguous cases:
 * - a bare weekday ("Friday", "el viernes", "on Monday") is the next one
 *   strictly after today: on a Monday, "Monday" is in a week (people say
 *   "today" for today);
 * - "this Friday" / "este viernes" is today when today is Friday, else the
 *   coming one;
 * - English "next Friday" is the Friday of next week (Monday-based), so on a
 *   Monday it is 11 days away, on a Saturday 6; "Friday next week" and
 *   "el viernes de la semana que viene" likewise. Spanish "el próximo viernes"
 *   and "el viernes que viene", like English "this coming Friday", mean the
 *   next Friday strictly after today;
 * - a day without a month ("the 3rd", "el 3", "el día 3") is the next such
 *   day from today, today included; "Dec 3" without a year is the next
 *   December 3rd, today included;
 * - "12/3" is month/day in the United States (and the few places that write
 *   dates that way), day/month everywhere else; when only the other reading
 *   is a real date ("25/12" in the US) that one is taken;
 * - "this weekend" is the coming Saturday and Sunday (only Sunday, on a
 *   Sunday); "this week" runs from today to Sunday; "next week" is next
 *   Monday to Sunday.
 */
export interface DateFindings {
  date?: LocalDate;
  dateRange?: DateRange;
  /** Where `date` came from a bare day number, which may instead pick an option ("the 3rd", "el 3"). */
  ordinal?: { day: number; index: number; end: number };
  /** From "tonight", "this afternoon", "esta tarde". */
  dayPart?: TimeOfDay;
  /** "right now", "ahora mismo". */
  now?: boolean;
}

/** Countries that write the month first. */
const MONTH_FIRST = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'FM', 'MH', 'PW', 'PH']);

/**
 * The calendar date of `now` in `zone` (UTC when the zone is unknown), or null
 * for an invalid instant. The zone is needed only to find today's date: the
 * result is that date pinned to UTC, so the day arithmetic that follows is
 * plain calendar arithmetic (no offset look-ups, no DST edges).
 */
export function localToday(now: Date, zone: string): DateTime | null {
  if (Object.prototype.toString.call(now) !== '[object Date]' || Number.isNaN(now.getTime())) return null;
  return DateTime.fromMillis(dayIn(zone, now.getTime()) * DAY_MS, { zone: 'utc' });
}

/** The local day number of an instant in the zone; its UTC day for a zone that is not a known IANA zone. */
function dayIn(zone: string, instant: number): number {
  try {
    return zoneClock(zone).localDayAndMinute(instant).day;
  } catch {
    return Math.floor(instant / DAY_MS);
  }
}

type WeekdayMode = 'bare' | 'this' | 'next' | 'coming';

interface Hit {
  index: number;
  end: number;
  date?: DateTime;
  range?: [DateTime, DateTime];
  weekday?: { day: number; mode: WeekdayMode };
  week?: 'this' | 'next';
  ordinal?: number;
  dayPart?: TimeOfDay;
  now?: boolean;
}

const byLengthDesc = (a: string, b: string): number => b.length - a.length;
const WEEKDAYS = `(${Object.keys(WEEKDAY_NUMBER).join('|')})`;
const MONTHS = `(${Object.keys(MONTH_NUMBER).sort(byLengthDesc).join('|')})`;
const ORDINAL_WORDS = `(${Object.keys(DAY_ORDINAL_WORDS)
  .sort(byLengthDesc)
  .map((w) => w.replace(' ', '[\\s-]'))
  .join('|')})`;

const RELATIVE_DAY =
  /\b(the day after tomorrow|day after tomorrow|pasado manana|tomorrow|today|hoy|tonight|yesterday|ayer|this morning|this afternoon|this evening|esta manana|esta tarde|esta noche|right now|ahora mismo|ya mismo)\b/g;
/** "mañana" is tomorrow, except in "la mañana" / "esta mañana" (the morning). */
const MANANA = /(?<!\b(?:la|esta|pasado|las)\s)\bmanana\b/g;
const WEEKDAY = new RegExp(
  `\\b(?:(this|next|coming|this coming|este|el proximo|proximo|el|on|for|para el)\\s+)?${WEEKDAYS}\\b` +
    `(?:\\s+(que viene|proximo|next week|de la semana que viene|de la proxima semana|de la semana proxima|this week|de esta semana))?`,
  'g',
);
const MONTH_DAY = new RegExp(
  // Not "mar 24 nov" (Spanish "Tue 24 Nov"): a month name after the day makes the first word something else.
  `\\b${MONTHS}\\b\\.?\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?!\\s?(?:am|pm)\\b)(?!\\s+(?:de\\s+)?${MONTHS}\\b)(?:,?\\s+(?:de\\s+)?(\\d{4}))?`,
  'g',
);
const DAY_MONTH = new RegExp(
  `(?<![\\d:/.])\\b(?:the\\s+|el\\s+)?(\\d{1,2})(?:st|nd|rd|th|o|a)?\\s+(?:of\\s+|de\\s+)?${MONTHS}\\b\\.?(?:,?\\s+(?:del?\\s+)?(\\d{4}))?`,
  'g',
);
const ORDINAL_MONTH = new RegExp(`\\b(?:the\\s+|el\\s+)?${ORDINAL_WORDS}\\s+(?:of\\s+|de\\s+)?${MONTHS}\\b`, 'g');
const MONTH_ORDINAL = new RegExp(`\\b${MONTHS}\\s+(?:the\\s+)?${ORDINAL_WORDS}\\b`, 'g');
const NUMERIC = /(?<![\d/.:$])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g;
const ISO = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
const ORDINAL_EN = /\b(?:(?:on|for|by)\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:one|option|choice|slot|time|visit)\b)/g;
const ORDINAL_ES =
  /\b(?:para\s+)?(?:el\s+dia|del\s+dia|el|del|dia)\s+(\d{1,2})(?:o)?\b(?![:./]\d|\s?(?:am|pm|h)\b|\s+(?:de\s+la|y\s+media|y\s+cuarto|menos)\b)/g;
const IN_DAYS_EN = /\bin\s+(\d{1,2}|a|one|two|three|four|five|six|seven|a couple of|couple of)\s+(days?|weeks?)\b/g;
const IN_DAYS_ES = /\b(?:en|dentro de)\s+(\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete)\s+(dias?|semanas?)\b/g;
const RANGES =
  /\b(next weekend|this weekend|the weekend|weekend|later this week|this week|next week|el proximo fin de semana|proximo fin de semana|el fin de semana que viene|fin de semana que viene|este fin de semana|el fin de semana|fin de semana|este finde|el finde|finde|la proxima semana|proxima semana|la semana que viene|semana que viene|la semana proxima|semana proxima|esta semana|this month|next month|este mes|el mes que viene|mes que viene|el proximo mes|proximo mes)\b/g;

// prettier-ignore
const COUNT_WORDS: Readonly<Record<string, number>> = {
  a: 1, one: 1, un: 1, una: 1, two: 2, dos: 2, three: 3, tres: 3, four: 4, cuatro: 4, five: 5, cinco: 5,
  six: 6, seis: 6, seven: 7, siete: 7, 'a couple of': 2, 'couple of': 2,
};

function daysUntil(today: DateTime, weekday: number, includeToday: boolean): number {
  const diff = (weekday - today.weekday + 7) % 7;
  return diff === 0 && !includeToday ? 7 : diff;
}

function mondayOf(today: DateTime, weeksAhead: number): DateTime {
  return today.minus({ days: today.weekday - 1 }).plus({ weeks: weeksAhead });
}

function resolveWeekday(today: DateTime, day: number, mode: WeekdayMode): DateTime {
  switch (mode) {
    case 'this':
      return today.plus({ days: daysUntil(today, day, true) });
    case 'next':
      return mondayOf(today, 1).plus({ days: day - 1 });
    case 'bare':
    case 'coming':
      return today.plus({ days: daysUntil(today, day, false) });
  }
}

/** The next `month`/`day` on or after today, or that exact date when `year` is given; null when no such date. */
function monthDay(today: DateTime, month: number, day: number, year?: number): DateTime | null {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  if (year !== undefined) {
    const fullYear = year < 100 ? 2000 + year : year;
    const date = DateTime.fromObject({ year: fullYear, month, day }, { zone: today.zone });
    return date.isValid ? date : null;
  }
  for (let offset = 0; offset <= 4; offset++) {
    const date = DateTime.fromObject({ year: today.year + offset, month, day }, { zone: today.zone });
    if (date.isValid && date >= today) return date;
  }
  return null;
}

/** The next day-of-month `day` on or after today. */
export function nextDayOfMonth(today: DateTime, day: number): DateTime | null {
  if (!(day >= 1 && day <= 31)) return null;
  for (let offset = 0; offset <= 12; offset++) {
    const month = today.startOf('month').plus({ months: offset });
    if (day > (month.daysInMonth ?? 0)) continue;
    const date = month.set({ day });
    if (date >= today) return date;
  }
  return null;
}

function rangeFor(phrase: string, today: DateTime): Hit['range'] | null {
  const sunday = mondayOf(today, 0).plus({ days: 6 });
  if (/^(this week|esta semana)$/.test(phrase)) return [today, sunday];
  if (/week$|semana$|semana (que viene|proxima)$/.test(phrase) && !/fin de semana|weekend/.test(phrase)) {
    if (phrase === 'later this week') return today < sunday ? [today.plus({ days: 1 }), sunday] : null;
    return [mondayOf(today, 1), mondayOf(today, 1).plus({ days: 6 })];
  }
  if (
    /^(next weekend|el proximo fin de semana|proximo fin de semana|el fin de semana que viene|fin de semana que viene)$/.test(
      phrase,
    )
  ) {
    const saturday = mondayOf(today, 1).plus({ days: 5 });
    return [saturday, saturday.plus({ days: 1 })];
  }
  if (/weekend|fin de semana|finde/.test(phrase)) {
    if (today.weekday === 7) return [today, today];
    const saturday = today.plus({ days: 6 - today.weekday });
    return [saturday, saturday.plus({ days: 1 })];
  }
  if (/^(this month|este mes)$/.test(phrase)) return [today, today.endOf('month').startOf('day')];
  const next = today.startOf('month').plus({ months: 1 });
  return [next, next.endOf('month').startOf('day')];
}

function relativeDay(phrase: string, today: DateTime): Hit {
  const hit: Hit = { index: 0, end: 0 };
  if (/after tomorrow|pasado/.test(phrase)) hit.date = today.plus({ days: 2 });
  else if (phrase === 'tomorrow' || phrase === 'manana') hit.date = today.plus({ days: 1 });
  else if (phrase === 'yesterday' || phrase === 'ayer') hit.date = today.minus({ days: 1 });
  else hit.date = today;
  if (/tonight|evening|noche/.test(phrase)) hit.dayPart = 'evening';
  else if (/afternoon|tarde/.test(phrase)) hit.dayPart = 'afternoon';
  else if (/morning|esta manana/.test(phrase)) hit.dayPart = 'morning';
  if (/now|ahora|ya mismo/.test(phrase)) hit.now = true;
  return hit;
}

function collect(clean: string, today: DateTime, country: string): Hit[] {
  const hits: Hit[] = [];
  const add = (match: RegExpMatchArray, hit: Partial<Hit> | null): void => {
    if (hit && (hit.date || hit.range || hit.weekday || hit.week)) {
      hits.push({ ...hit, index: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
    }
  };
  const monthFirst = MONTH_FIRST.has((country ?? '').toUpperCase());

  for (const m of clean.matchAll(RELATIVE_DAY)) add(m, relativeDay(m[1], today));
  for (const m of clean.matchAll(MANANA)) add(m, { date: today.plus({ days: 1 }) });
  for (const m of clean.matchAll(WEEKDAY)) {
    const prefix = m[1];
    const suffix = m[3];
    let mode: WeekdayMode = 'bare';
    if (prefix === 'this' || prefix === 'este') mode = 'this';
    else if (prefix === 'next') mode = 'next';
    else if (prefix === 'coming' || prefix === 'this coming' || prefix === 'el proximo' || prefix === 'proximo') mode = 'coming';
    if (suffix === 'que viene' || suffix === 'proximo') mode = 'coming';
    else if (suffix === 'this week' || suffix === 'de esta semana') mode = 'this';
    else if (suffix) mode = 'next';
    add(m, { weekday: { day: WEEKDAY_NUMBER[m[2]], mode } });
  }
  for (const m of clean.matchAll(MONTH_DAY)) {
    const date = monthDay(today, MONTH_NUMBER[m[1]], Number(m[2]), m[3] ? Number(m[3]) : undefined);
    add(m, date && { date });
  }
  for (const m of clean.matchAll(DAY_MONTH)) {
    const date = monthDay(today, MONTH_NUMBER[m[2]], Number(m[1]), m[3] ? Number(m[3]) : undefined);
    add(m, date && { date });
  }
  for (const m of clean.matchAll(ORDINAL_MONTH)) {
    const date = monthDay(today, MONTH_NUMBER[m[2]], DAY_ORDINAL_WORDS[m[1].replace('-', ' ')]);
    add(m, date && { date });
  }
  for (const m of clean.matchAll(MONTH_ORDINAL)) {
    const date = monthDay(today, MONTH_NUMBER[m[1]], DAY_ORDINAL_WORDS[m[2].replace('-', ' ')]);
    add(m, date && { date });
  }
  for (const m of clean.matchAll(NUMERIC)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3] ? Number(m[3]) : undefined;
    const [month, day] = monthFirst ? [a, b] : [b, a];
    const date = monthDay(today, month, day, year) ?? monthDay(today, day, month, year);
    add(m, date && { date });
  }
  for (const m of clean.matchAll(ISO)) {
    const date = monthDay(today, Number(m[2]), Number(m[3]), Number(m[1]));
    add(m, date && { date });
  }
  for (const pattern of [ORDINAL_EN, ORDINAL_ES]) {
    for (const m of clean.matchAll(pattern)) {
      const day = Number(m[1]);
      const date = nextDayOfMonth(today, day);
      add(m, date && { date, ordinal: day });
    }
  }
  for (const pattern of [IN_DAYS_EN, IN_DAYS_ES]) {
    for (const m of clean.matchAll(pattern)) {
      const count = COUNT_WORDS[m[1]] ?? Number(m[1]);
      const days = /^(week|semana)/.test(m[2]) ? count * 7 : count;
      add(m, Number.isFinite(days) && days <= 366 ? { date: today.plus({ days }) } : null);
    }
  }
  for (const m of clean.matchAll(RANGES)) {
    const phrase = m[1];
    if (/^(this week|esta semana)$/.test(phrase)) add(m, { week: 'this', range: rangeFor(phrase, today) ?? undefined });
    else if (
      /^(next week|la proxima semana|proxima semana|la semana que viene|semana que viene|la semana proxima|semana proxima)$/.test(
        phrase,
      )
    ) {
      add(m, { week: 'next', range: rangeFor(phrase, today) ?? undefined });
    } else {
      const range = rangeFor(phrase, today);
      add(m, range ? { range } : null);
    }
  }
  return hits;
}

/** Longest first; a hit overlapping one already kept is dropped. Returned in text order. */
function dropOverlaps<T extends { index: number; end: number }>(hits: T[]): T[] {
  const kept: T[] = [];
  const sorted = [...hits].sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  for (const hit of sorted) {
    if (kept.every((k) => hit.end <= k.index || hit.index >= k.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.index - b.index);
}

export { dropOverlaps };

/** What comes right before a date or time that is being replaced: "Thursday instead of Tuesday", "4, not 3". */
const REPLACED =
  /\b(?:instead of|rather than|en vez de|en vez del|en lugar de|en lugar del|not|no)\s+(?:the\s+|el\s+|la\s+|las\s+|a las\s+|at\s+|on\s+)?$/;

/** Drops the hits that name the old value in a replacement ("instead of Tuesday"). */
export function dropReplaced<T extends { index: number }>(clean: string, hits: T[]): T[] {
  return hits.filter((h) => !REPLACED.test(clean.slice(Math.max(0, h.index - 30), h.index)));
}

export function findDates(clean: string, today: DateTime | null, country: string): DateFindings {
  const findings: DateFindings = {};
  if (!today) return findings;
  let hits = dropReplaced(clean, dropOverlaps(collect(clean, today, country)));

  // "next week on Tuesday", "el martes de esta semana": the weekday is placed in that week.
  const week = hits.find((h) => h.week);
  if (week) {
    const weekdays = hits.filter((h) => h.weekday && (h.weekday.mode === 'bare' || h.weekday.mode === 'coming'));
    if (weekdays.length > 0) {
      for (const h of weekdays) if (h.weekday) h.weekday.mode = week.week === 'next' ? 'next' : 'this';
      hits = hits.filter((h) => h !== week);
    }
  }

  let lastDate: Hit | undefined;
  let lastRange: Hit | undefined;
  for (const hit of hits) {
    if (hit.weekday) hit.date = resolveWeekday(today, hit.weekday.day, hit.weekday.mode);
    if (hit.date) lastDate = hit;
    else if (hit.range) lastRange = hit;
    if (hit.dayPart) findings.dayPart = hit.dayPart;
    if (hit.now) findings.now = true;
  }
  if (lastDate?.date && !(lastRange && lastRange.index > lastDate.index)) {
    findings.date = lastDate.date.toISODate() ?? undefined;
    if (lastDate.ordinal !== undefined) findings.ordinal = { day: lastDate.ordinal, index: lastDate.index, end: lastDate.end };
  } else if (lastRange?.range) {
    const [from, to] = lastRange.range;
    const fromIso = from.toISODate();
    const toIso = to.toISODate();
    if (fromIso && toIso) findings.dateRange = { from: fromIso, to: toIso };
  }
  return findings;
}
