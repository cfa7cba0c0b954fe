import { DateTime } from 'luxon';
import {
  type DepositReason,
  type DepositRule,
  type DepositSettings,
  type PrimeTimeWindow,
  type RiskTier,
  WEEKDAYS,
  type Weekday,
} from '@frontdesk/contracts';

/**
 * Stripe's minimum charge per currency, in minor units (docs.stripe.com/currencies, "Minimum
 * and maximum charge amounts"). A currency not listed has no known minimum: nothing is raised.
 */
export const STRIPE_MINIMUM_CHARGE: Readonly<Record<string, number>> = {
  usd: 50,
  eur: 50,
  cad: 50,
  aud: 50,
  nzd: 50,
  sgd: 50,
  chf: 50,
  brl: 50,
  inr: 50,
  gbp: 30,
  mxn: 1000,
  jpy: 50,
  dkk: 250,
  nok: 300,
  sek: 300,
  pln: 200,
  ron: 200,
  aed: 200,
  myr: 200,
  bgn: 100,
  hkd: 400,
  thb: 1000,
  czk: 1500,
  huf: 17500,
};

export const PAYMENT_WINDOW_LIMITS = { min: 30, max: 1440 } as const;
/** The largest fixed deposit accepted: a million in major units of a two-decimal currency. */
export const MAX_FIXED_DEPOSIT_CENTS = 100_000_000;

export interface DepositInput {
  settings: DepositSettings;
  /** The tenant's ISO 4217 currency, lower case. */
  currency: string;
  timezone: string;
  service: { priceCents: number; deposit: DepositRule | null };
  start: Date;
  customer: { noShowCount: number };
  /** The booking's no-show risk tier, when it has been scored. */
  riskTier?: RiskTier | null;
}

export interface Deposit {
  /** Minor units; 0: no deposit. */
  amountCents: number;
  /** The rules whose amount is the deposit (several when they tie); empty when none. */
  reasons: DepositReason[];
}

const NO_DEPOSIT: Deposit = { amountCents: 0, reasons: [] };

/** What a rule asks of a price; a percentage is rounded half up to a minor unit. */
export function ruleAmount(rule: DepositRule, priceCents: number): number {
  switch (rule.type) {
    case 'none':
      return 0;
    case 'fixed':
      return rule.amountCents;
    case 'percent':
      return Math.floor((priceCents * rule.percent + 50) / 100);
  }
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const previousDay = (day: Weekday): Weekday => WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7];

/**
 * Whether a local weekday and minute of the day lies in the window. A window whose end is not
 * after its start runs past midnight: its days are the days it starts on.
 */
export function inPrimeTime(window: PrimeTimeWindow, day: Weekday, minute: number): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start < end) return window.days.includes(day) && minute >= start && minute < end;
  return (window.days.includes(day) && minute >= start) || (window.days.includes(previousDay(day)) && minute < end);
}

/**
 * The deposit a booking needs: the largest amount among the rules that apply (the service's
 * own or the default, prime time, weekend, repeat no-show, high risk), capped at the price;
 * an amount under Stripe's minimum charge is raised to it, still capped at the price. Whether
 * deposits are asked at all (settings enabled, payments available, the booking's source) is
 * the caller's question.
 */
export function depositFor(input: DepositInput): Deposit {
  const { settings, service } = input;
  const local = DateTime.fromJSDate(input.start, { zone: input.timezone });
  const day = WEEKDAYS[local.weekday - 1];
  const minute = local.hour * 60 + local.minute;

  const applying: [DepositReason, DepositRule][] = [
    service.deposit ? ['service', service.deposit] : ['default', settings.default],
  ];
  if (settings.primeTime?.windows.some((w) => inPrimeTime(w, day, minute)))
    applying.push(['prime_time', settings.primeTime.rule]);
  if (settings.weekend && (day === 'sat' || day === 'sun')) applying.push(['weekend', settings.weekend.rule]);
  if (settings.repeatNoShow && input.customer.noShowCount >= settings.repeatNoShow.threshold) {
    applying.push(['repeat_no_show', settings.repeatNoShow.rule]);
  }
  if (settings.highRisk && input.riskTier === 'high') applying.push(['high_risk', settings.highRisk.rule]);

  const amounts = applying.map(([reason, rule]) => [reason, ruleAmount(rule, service.priceCents)] as const);
  const largest = Math.max(...amounts.map(([, amount]) => amount));
  const capped = Math.min(largest, service.priceCents);
  if (capped <= 0) return NO_DEPOSIT;
  const minimum = STRIPE_MINIMUM_CHARGE[input.currency] ?? 0;
  return {
    amountCents: Math.min(Math.max(capped, minimum), service.priceCents),
    reasons: amounts.filter(([, amount]) => amount === largest).map(([reason]) => reason),
  };
}

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every problem with one deposit rule, each naming `field`; empty when valid. */
export function depositRuleProblems(rule: unknown, field: string): string[] {
  const r = rule as Partial<{ type: unknown; amountCents: unknown; percent: unknown }> | null;
  if (typeof r !== 'object' || r === null) return [`${field} must be a deposit rule`];
  switch (r.type) {
    case 'none':
      return [];
    case 'fixed':
      return Number.isInteger(r.amountCents) &&
        (r.amountCents as number) >= 1 &&
        (r.amountCents as number) <= MAX_FIXED_DEPOSIT_CENTS
        ? []
        : [`${field}.amountCents must be a whole number of minor units from 1 to ${MAX_FIXED_DEPOSIT_CENTS}`];
    case 'percent':
      return Number.isInteger(r.percent) && (r.percent as number) >= 1 && (r.percent as number) <= 100
        ? []
        : [`${field}.percent must be a whole number from 1 to 100`];
    default:
      return [`${field}.type must be one of none, fixed, percent`];
  }
}

/** Every problem with a service's own deposit rule (`null`: the default), each naming its field. */
export function validateServiceDeposit(rule: unknown): string[] {
  return rule === null ? [] : depositRuleProblems(rule, 'deposit');
}

/** Every problem with deposit settings, each naming its field; empty when valid. */
export function validateDepositSettings(settings: DepositSettings): string[] {
  const problems: string[] = [];
  if (typeof settings.enabled !== 'boolean') problems.push('enabled must be true or false');
  if (typeof settings.refundOnTimelyCancel !== 'boolean') problems.push('refundOnTimelyCancel must be true or false');
  const { min, max } = PAYMENT_WINDOW_LIMITS;
  if (
    !Number.isInteger(settings.paymentWindowMinutes) ||
    settings.paymentWindowMinutes < min ||
    settings.paymentWindowMinutes > max
  ) {
    problems.push(`paymentWindowMinutes must be a whole number from ${min} to ${max}`);
  }
  problems.push(...depositRuleProblems(settings.default, 'default'));
  if (settings.primeTime !== null) {
    problems.push(...depositRuleProblems(settings.primeTime.rule, 'primeTime.rule'));
    if (!Array.isArray(settings.primeTime.windows) || settings.primeTime.windows.length === 0) {
      problems.push('primeTime.windows must list at least one window');
    } else {
      settings.primeTime.windows.forEach((w, i) => problems.push(...windowProblems(w, `primeTime.windows[${i}]`)));
    }
  }
  if (settings.weekend !== null) problems.push(...depositRuleProblems(settings.weekend.rule, 'weekend.rule'));
  if (settings.highRisk !== null) problems.push(...depositRuleProblems(settings.highRisk.rule, 'highRisk.rule'));
  if (settings.repeatNoShow !== null) {
    problems.push(...depositRuleProblems(settings.repeatNoShow.rule, 'repeatNoShow.rule'));
    const { threshold } = settings.repeatNoShow;
    if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100) {
      problems.push('repeatNoShow.threshold must be a whole number from 1 to 100');
    }
  }
  return problems;
}

function windowProblems(window: PrimeTimeWindow, field: string): string[] {
  const problems: string[] = [];
  const days: unknown[] = Array.isArray(window.days) ? window.days : [];
  if (days.length === 0 || !days.every((d) => WEEKDAYS.includes(d as Weekday)) || new Set(days).size !== days.length) {
    problems.push(`${field}.days must list distinct weekdays (${WEEKDAYS.join(', ')})`);
  }
  const timesValid = LOCAL_TIME.test(String(window.start)) && LOCAL_TIME.test(String(window.end));
  if (!timesValid) problems.push(`${field}.start and .end must be times of day HH:MM`);
  else if (window.start === window.end) problems.push(`${field}.start and .end must differ`);
  return problems;
}

/**
 * Whether cancelling a booking gives its paid deposit back: only when the policy says so and
 * the cancellation comes at least `cancellationNoticeHours` before the start (whoever cancels).
 */
export function refundsOnCancel(input: {
  paid: boolean;
  refundOnTimelyCancel: boolean;
  start: Date;
  now: Date;
  cancellationNoticeHours: number;
}): boolean {
  const notice = input.start.getTime() - input.now.getTime();
  return input.paid && input.refundOnTimelyCancel && notice >= input.cancellationNoticeHours * 3_600_000;
}
