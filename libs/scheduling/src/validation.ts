import { WEEKDAYS } from '@frontdesk/contracts';
import type { LocalDate, LocalTime, OverrideKind, TimeInterval, WeeklyHours } from '@frontdesk/contracts';
import { parseLocalDate } from './local-time';

/*
 * Rules for the schedule data owners enter. Each validator returns every problem it
 * finds, each message naming the field it is about (`hours.tue[1]: …`), so a form can
 * show them all at once; an empty list means valid.
 */

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_FORMAT = 'must be a time of day HH:MM between 00:00 and 23:59';
const INTERVAL_KEYS = ['start', 'end'];

/** `HH:MM`, 24h, zero-padded; such strings also order correctly as plain text. */
export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/** `YYYY-MM-DD` naming a real calendar day (2026-02-30 is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  return dayNumber(value) !== null;
}

function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  try {
    return parseLocalDate(value);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a value as `WeeklyHours`: exactly the seven day keys, each an array of
 * `{start, end}` with `start < end` and no two intervals of a day overlapping.
 * Touching intervals (09:00–12:00 and 12:00–17:00) are allowed: they describe the same
 * time as one interval and the slot engine merges them.
 */
export function validateWeeklyHours(value: unknown, field = 'hours'): string[] {
  if (!isRecord(value)) return [`${field} must be an object with the keys ${WEEKDAYS.join(', ')}`];
  const problems = Object.keys(value)
    .filter((key) => !(WEEKDAYS as readonly string[]).includes(key))
    .map((key) => `${field}.${key}: not a day; the days are ${WEEKDAYS.join(', ')}`);
  for (const day of WEEKDAYS) {
    const intervals = value[day];
    if (intervals === undefined) problems.push(`${field}.${day}: missing; send [] for a closed day`);
    else if (!Array.isArray(intervals)) problems.push(`${field}.${day} must be an array of {start, end} intervals`);
    else problems.push(...validateDay(intervals, `${field}.${day}`));
  }
  return problems;
}

export function isWeeklyHours(value: unknown): value is WeeklyHours {
  return validateWeeklyHours(value).length === 0;
}

function validateDay(intervals: unknown[], path: string): string[] {
  const problems: string[] = [];
  const wellFormed: Array<{ index: number; interval: TimeInterval }> = [];
  intervals.forEach((interval, index) => {
    const own = validateInterval(interval, `${path}[${index}]`);
    problems.push(...own);
    if (own.length === 0) wellFormed.push({ index, interval: interval as TimeInterval });
  });
  // A sweep over intervals sorted by start finds overlaps without comparing every pair.
  const byStart = [...wellFormed].sort((a, b) => a.interval.start.localeCompare(b.interval.start));
  let reachesFurthest: TimeInterval | undefined;
  for (const { index, interval } of byStart) {
    if (reachesFurthest && interval.start < reachesFurthest.end) {
      problems.push(`${path}[${index}]: overlaps ${reachesFurthest.start}–${reachesFurthest.end}`);
    }
    if (!reachesFurthest || interval.end > reachesFurthest.end) reachesFurthest = interval;
  }
  return problems;
}

function validateInterval(interval: unknown, path: string): string[] {
  if (!isRecord(interval)) return [`${path} must be an object {start, end}`];
  const problems = Object.keys(interval)
    .filter((key) => !INTERVAL_KEYS.includes(key))
    .map((key) => `${path}.${key}: unknown field; an interval has only start and end`);
  const { start, end } = interval;
  if (!isLocalTime(start)) problems.push(`${path}.start ${TIME_FORMAT}`);
  if (!isLocalTime(end)) problems.push(`${path}.end ${TIME_FORMAT}`);
  if (isLocalTime(start) && isLocalTime(end) && start >= end) {
    problems.push(`${path}: start ${start} must be before end ${end}`);
  }
  return problems;
}

/** An override as entered; `start`/`end` absent or null mean "no times". */
export interface OverrideDraft {
  date: LocalDate;
  kind: OverrideKind;
  start?: LocalTime | null;
  end?: LocalTime | null;
}

/**
 * `closed` without times closes the whole day, `closed` with times blocks that range,
 * `open` needs times (an open day without hours would add nothing). Times come as a
 * pair, start before end.
 */
export function validateOverride(override: OverrideDraft): string[] {
  const problems: string[] = [];
  if (!isLocalDate(override.date)) problems.push(`date: ${String(override.date)} is not a real date YYYY-MM-DD`);
  if (override.kind !== 'closed' && override.kind !== 'open') problems.push('kind must be closed or open');
  const start = override.start ?? null;
  const end = override.end ?? null;
  if (start !== null && !isLocalTime(start)) problems.push(`start ${TIME_FORMAT}`);
  if (end !== null && !isLocalTime(end)) problems.push(`end ${TIME_FORMAT}`);
  if (start === null && end === null) {
    if (override.kind === 'open') problems.push('start and end are required when kind is open');
  } else if (start === null) {
    problems.push('start is required when end is given');
  } else if (end === null) {
    problems.push('end is required when start is given');
  } else if (isLocalTime(start) && isLocalTime(end) && start >= end) {
    problems.push(`end must be after start (${start})`);
  }
  return problems;
}

/** Inclusive `from`–`to` date range of at most `maxDays` days after `from`. */
export function validateDateRange(range: { from: LocalDate; to: LocalDate }, maxDays: number): string[] {
  const from = dayNumber(range.from);
  const to = dayNumber(range.to);
  const problems: string[] = [];
  if (from === null) problems.push(`from: ${String(range.from)} is not a real date YYYY-MM-DD`);
  if (to === null) problems.push(`to: ${String(range.to)} is not a real date YYYY-MM-DD`);
  if (from !== null && to !== null) {
    if (to < from) problems.push(`to must be on or after from (${range.from})`);
    else if (to - from > maxDays) problems.push(`to must be at most ${maxDays} days after from (${range.from})`);
  }
  return problems;
}
