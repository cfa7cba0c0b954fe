import { DateTime } from 'luxon';
import { type DepositReason, type DepositSettings, type Service, WEEKDAYS, type Weekday } from '@frontdesk/contracts';
import { type Deposit, depositFor } from '@frontdesk/policies';

export const REASON_LABELS: Record<DepositReason, string> = {
  service: "the service's own rule",
  default: 'the default rule',
  prime_time: 'prime time',
  weekend: 'weekend',
  repeat_no_show: 'repeat no-show',
  high_risk: 'high no-show risk',
};

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export interface PreviewCase {
  service: Pick<Service, 'priceCents' | 'deposit'>;
  weekday: Weekday;
  /** HH:MM, local. */
  time: string;
  noShowCount: number;
  highRisk: boolean;
}

/** The next `weekday` at `time` in the business's zone, from `now`: an instant to ask the policy about. */
export function nextLocalStart(weekday: Weekday, time: string, timezone: string, now: Date): Date {
  const [hour, minute] = time.split(':').map(Number);
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const ahead = (WEEKDAYS.indexOf(weekday) + 1 - today.weekday + 7) % 7;
  return today.plus({ days: ahead }).set({ hour, minute }).toJSDate();
}

/** What the deposit policy asks for one imagined booking, exactly as the API will compute it. */
export function previewDeposit(
  settings: DepositSettings,
  tenant: { timezone: string; currency: string },
  preview: PreviewCase,
  now: Date,
): Deposit {
  return depositFor({
    settings,
    currency: tenant.currency,
    timezone: tenant.timezone,
    service: preview.service,
    start: nextLocalStart(preview.weekday, preview.time, tenant.timezone, now),
    customer: { noShowCount: preview.noShowCount },
    riskTier: preview.highRisk ? 'high' : 'low',
  });
}
