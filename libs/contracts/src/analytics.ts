/** Analytics shapes of the "No-shows, risk and analytics" section of the v1 contract. */
/**
 * Query of every analytics endpoint: local dates (`YYYY-MM-DD`, the tenant's time zone) of the
 * appointments, both inclusive. `from` must not be after `to`; at most `ANALYTICS_MAX_RANGE_DAYS`
 * days. Anything else answers 400 `validation_failed`.
 */
export interface AnalyticsRangeQuery {
  from: string;
  to: string;
}

/** The longest range (in local days, both ends counted) one analytics request may span. */
export const ANALYTICS_MAX_RANGE_DAYS = 366;

export interface AnalyticsBookingCounts {
  /** Every booking whose start is in the range, any status. */
  total: number;
  /** The others: those of `total` now in that status. */
  confirmed: number;
  completed: number;
  noShow: number;
  cancelled: number;
  /** Cancelled inside `cancellationNoticeHours` of the start, by anyone (a subset of `cancelled`). */
  lateCancelled: number;
  expired: number;
}

export interface AnalyticsConversations {
  /** Conversations (one per customer, whatever the channel) begun on a local date in the range. */
  started: number;
  /** Of those, the ones whose customer then booked through a conversation (chat, SMS, WhatsApp; past its hold). */
  booked: number;
  /** booked / started; null when none started. */
  conversionRate: number | null;
}

export interface AnalyticsReminders {
  /** Reminders for appointments in the range (by the start they were planned for) that went out, whatever became of them after. */
  sent: number;
  /** Of those, reported delivered (or read) by the provider. */
  delivered: number;
  /** Of those, reported failed by the provider. */
  failed: number;
  /** Bookings of the range the customer confirmed by replying to a reminder (`customerConfirmedAt` set). */
  confirmedByReply: number;
  /** delivered / sent; null when none was sent. */
  deliveryRate: number | null;
  /** confirmedByReply / the range's bookings reminded at least once; null when none was reminded. */
  confirmationRate: number | null;
}

/** Deposits of the range's bookings (by each booking's `depositCents` and `paymentStatus`), minor units in the tenant's currency. */
export interface AnalyticsDeposits {
  /** Paid, whatever happened after (refunded ones included). */
  collectedCents: number;
  refundedCents: number;
  /** Paid and not refunded. */
  keptCents: number;
}

/** `GET /api/v1/analytics/summary?from=&to=` (owner). */
export interface AnalyticsSummary {
  bookings: AnalyticsBookingCounts;
  /** noShow / (completed + noShow); null when both are 0. */
  noShowRate: number | null;
  conversations: AnalyticsConversations;
  reminders: AnalyticsReminders;
  deposits: AnalyticsDeposits;
  /** Median whole minutes from a booking being made to the customer confirming it (`customerConfirmedAt`); null when none was. */
  medianMinutesToConfirm: number | null;
}

export const NO_SHOW_BREAKDOWNS = ['week', 'weekday', 'hour', 'weekdayHour', 'service', 'staff', 'riskTier'] as const;
export type NoShowBreakdown = (typeof NO_SHOW_BREAKDOWNS)[number];

/** `GET /api/v1/analytics/no-shows` query. */
export interface NoShowsQuery extends AnalyticsRangeQuery {
  by: NoShowBreakdown;
}

export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface NoShowRow {
  /**
   * `week`: the local date of the week's Monday; `weekday`: `mon`…`sun`; `hour`: `00`…`23`
   * (local start); `weekdayHour`: both, `mon-00`…`sun-23`; `service`/`staff`: the id;
   * `riskTier`: `low`/`medium`/`high`.
   */
  key: string;
  /** Human-readable: the service's or staff member's name, `Monday`, `09:00`, `Monday 09:00`, `Week of 2026-11-30`, `High`. */
  label: string;
  /** Bookings of this row whose start is in the range, any status. */
  bookings: number;
  /** Of those, the ones now `completed` (the rest of the rate's denominator). */
  completed: number;
  noShows: number;
  /** noShows / (completed + noShows); null when both are 0. */
  rate: number | null;
}

/**
 * `GET /api/v1/analytics/no-shows?from=&to=&by=` (owner). Rows in a stable order: `week` every week
 * touching the range, oldest first; `weekday` all seven, Monday first; `hour` all 24; `weekdayHour`
 * all 168 (a weekday × hour heat map), Monday's 24 hours first, then Tuesday's …; `riskTier`
 * low, medium, high; `service`/`staff` those with a booking in the range, by name.
 */
export interface NoShowBreakdownResponse {
  rows: NoShowRow[];
}

/** `GET /api/v1/analytics/bookings.csv?from=&to=` (owner): `text/csv`, one row per booking whose start is in the range. */
export type BookingsCsvQuery = AnalyticsRangeQuery;

/** The CSV's header row, in column order. */
export const BOOKINGS_CSV_COLUMNS = [
  'id',
  'start',
  'end',
  'localDate',
  'localTime',
  'status',
  'lateCancelled',
  'source',
  'serviceId',
  'serviceName',
  'staffId',
  'staffName',
  'customerId',
  'customerName',
  'customerPhone',
  'riskScore',
  'riskTier',
  'riskReasons',
  'customerConfirmedAt',
  'depositCents',
  'paymentStatus',
  'paidCents',
  'refundedCents',
  'createdAt',
] as const;
export type BookingsCsvColumn = (typeof BOOKINGS_CSV_COLUMNS)[number];
