import type { LocalDate, LocalTime, Weekday } from '@frontdesk/contracts';

/**
 * Wall-clock arithmetic in the tenant's time zone with nothing but Intl: the browser's own
 * zone never matters, every function takes the zone it should work in.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour % 24,
    minute: fields.minute,
    second: fields.second,
  };
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

export interface ZonedTime {
  date: LocalDate;
  time: LocalTime;
  /** Minutes since local midnight. */
  minutes: number;
}

export function toZoned(instant: string | number | Date, timeZone: string): ZonedTime {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  const w = wallClock(ms, timeZone);
  return {
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
    minutes: w.hour * 60 + w.minute,
  };
}

/** The instant a local date and time name in the zone (a time skipped by DST lands just after the gap). */
export function zonedToUtc(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - offsetMinutes(wall, timeZone) * 60_000;
  const second = wall - offsetMinutes(first, timeZone) * 60_000;
  return new Date(second);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const WEEKDAY_BY_UTC_DAY: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAY_BY_UTC_DAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** The Monday of the date's week. */
export function startOfWeek(date: LocalDate): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

export function todayIn(timeZone: string, now: number = Date.now()): LocalDate {
  return toZoned(now, timeZone).date;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const minutesToTime = (minutes: number): LocalTime => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

export function timeToMinutes(time: LocalTime): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

// Display helpers. The locale is the tenant's; the zone is always given.

export function formatTime(instant: string, timeZone: string, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

export function formatDateTime(instant: string, timeZone: string, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** A local date as words ("Tue, Dec 1"); the date has no zone, so it is formatted as UTC. */
export function formatLocalDate(date: LocalDate, locale = 'en', withYear = false): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(new Date(`${date}T00:00:00Z`));
}

/** A local time of day ("9:30 AM" or "09:30" depending on the locale). */
export function formatLocalTime(time: LocalTime, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(
    new Date(`2000-01-01T${time}:00Z`),
  );
}

/** Digits after the decimal point of the currency's minor unit (2 for usd, 0 for jpy). */
export function minorUnitDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export function formatMoney(minorUnits: number, currency: string, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(
    minorUnits / 10 ** minorUnitDigits(currency),
  );
}
