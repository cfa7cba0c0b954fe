import { ANALYTICS_MAX_RANGE_DAYS, type AnalyticsRangeQuery } from '@frontdesk/contracts';
import { addDays, daysBetween } from '../../app/time';

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

export function lastDays(days: number, today: string): AnalyticsRangeQuery {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The range in the address (`?from=&to=`), or the default one when either date is missing or not a date. */
export function rangeFromParams(params: URLSearchParams, today: string): AnalyticsRangeQuery {
  const from = params.get('from');
  const to = params.get('to');
  return isLocalDate(from) && isLocalDate(to) ? { from, to } : lastDays(DEFAULT_DAYS, today);
}

/** What is wrong with a range typed into the picker, if anything. */
export function rangeProblem(range: AnalyticsRangeQuery): string | null {
  if (!isLocalDate(range.from) || !isLocalDate(range.to)) return 'Enter both dates.';
  const days = daysBetween(range.from, range.to) + 1;
  if (days < 1) return 'The end date must be on or after the start date.';
  if (days > ANALYTICS_MAX_RANGE_DAYS) return `Pick at most ${ANALYTICS_MAX_RANGE_DAYS} days.`;
  return null;
}

export function baselineRange(range: AnalyticsRangeQuery): AnalyticsRangeQuery {
  return lastDays(BASELINE_DAYS, range.to);
}
