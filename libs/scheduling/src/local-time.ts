import { WEEKDAYS } from '@frontdesk/contracts';
import type { LocalDate, LocalTime, Weekday } from '@frontdesk/contracts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `HH:MM` → minutes since local midnight. "24:00" is rejected on purpose: the
 * contract has no overnight or end-of-day intervals, so every value is a real
 * wall-clock time of the same day.
 */
export function parseLocalTime(time: LocalTime): number {
  const match = LOCAL_TIME.exec(time);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!(hours <= 23 && minutes <= 59)) {
    throw new RangeError(`Invalid local time "${time}", expected HH:MM`);
  }
  return hours * 60 + minutes;
}

export function formatLocalTime(minuteOfDay: number): LocalTime {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * `YYYY-MM-DD` → days since 1970-01-01. Calendar dates are counted on a
 * zone-less (proleptic UTC) calendar so that date arithmetic never depends on
 * the tenant's offsets; zones only enter when a wall time becomes an instant.
 */
export function parseLocalDate(date: LocalDate): number {
  const match = LOCAL_DATE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    // Date.UTC rolls 2026-02-30 over into March; a round trip catches that.
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`Invalid local date "${date}", expected YYYY-MM-DD`);
}

export function formatLocalDate(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The local date `days` after `date` (before it when negative): calendar arithmetic, no zone. */
export function shiftLocalDate(date: LocalDate, days: number): LocalDate {
  return formatLocalDate(parseLocalDate(date) + days);
}

/** Index into the Monday-first `WEEKDAYS`. */
export function weekdayIndex(dayNumber: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((dayNumber + 3) % 7) + 7) % 7;
}

export function weekdayOf(dayNumber: number): Weekday {
  return WEEKDAYS[weekdayIndex(dayNumber)];
}
