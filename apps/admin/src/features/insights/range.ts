import { addDays, daysBetween } from '../../app/time';
import type { DateRange } from './types';

/** The range the page opens with: the last 90 days, today included. */
export const DEFAULT_DAYS = 90;

/** Ready-made ranges of the picker, in days ending today. */
export const PRESETS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
] as const;

/** The business's base line: its no-show rate over the year that ends with the range. */
export const BASELINE_DAYS = 365;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isLocalDate = (value: string | null): value is string =>
  value !== null && LOCAL_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export function lastDays(days: number, today: string): DateRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The range in the address (`?from=&to=`), or the default one when either date is missing or not a date. */
export function rangeFromParams(params: URLSearchParams, today: string): DateRange {
  const from = params.get('from');
  const to = params.get('to');
  return isLocalDate(from) && isLocalDate(to) ? { from, to } : lastDays(DEFAULT_DAYS, today);
}

/** What is wrong with a range typed into the picker, if anything. */
export function rangeProblem(range: DateRange): string | null {
  if (!isLocalDate(range.from) || !isLocalDate(range.to)) return 'Enter both dates.';
  if (daysBetween(range.from, range.to) < 0) return 'The end date must be on or after the start date.';
  return null;
}

export function baselineRange(range: DateRange): DateRange {
  return lastDays(BASELINE_DAYS, range.to);
}
