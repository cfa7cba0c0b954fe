import type { LocalTime, Weekday } from './catalog';

/** How much of a service's price a rule asks for: nothing, a fixed amount, or a share of the price. */
export type DepositRule = { type: 'none' } | { type: 'fixed'; amountCents: number } | { type: 'percent'; percent: number };

/** Local times on some weekdays; a window whose end is not after its start runs past midnight into the next day. */
export interface PrimeTimeWindow {
  days: Weekday[];
  start: LocalTime;
  end: LocalTime;
}

/** `GET/PUT /api/v1/settings/deposits`. */
export interface DepositSettings {
  enabled: boolean;
  /** Every service without its own rule. */
  default: DepositRule;
  primeTime: { windows: PrimeTimeWindow[]; rule: DepositRule } | null;
  /** Appointments starting on a local Saturday or Sunday. */
  weekend: { rule: DepositRule } | null;
  /** Customers with at least `threshold` no-shows. */
  repeatNoShow: { threshold: number; rule: DepositRule } | null;
  /** Bookings whose no-show risk tier is `high`. */
  highRisk: { rule: DepositRule } | null;
  /** The Checkout Session's lifetime: 30..1440. */
  paymentWindowMinutes: number;
  /** A paid booking cancelled at least `cancellationNoticeHours` before its start is refunded. */
  refundOnTimelyCancel: boolean;
}

export const DEFAULT_DEPOSIT_SETTINGS: DepositSettings = {
  enabled: false,
  default: { type: 'none' },
  primeTime: null,
  weekend: null,
  repeatNoShow: null,
  highRisk: null,
  paymentWindowMinutes: 30,
  refundOnTimelyCancel: true,
};

/** Which rule set a booking's deposit. */
export type DepositReason = 'service' | 'default' | 'prime_time' | 'weekend' | 'repeat_no_show' | 'high_risk';

export type RiskTier = 'low' | 'medium' | 'high';

/** `GET /api/v1/settings/payments`: where deposits go. */
export interface PaymentSettings {
  /** False when the platform has no Stripe secret key: no deposit is ever asked. */
  available: boolean;
  /** `connect`: deposits go to the business's own connected account (charges enabled); `platform`: to the platform's. */
  mode: 'platform' | 'connect';
  stripeAccountId: string | null;
  chargesEnabled: boolean;
}

/** `POST /api/v1/settings/payments/connect`: Stripe's onboarding page for the business's connected account. */
export interface ConnectOnboarding {
  url: string;
}
