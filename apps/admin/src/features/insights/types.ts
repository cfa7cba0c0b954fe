// The shapes of the spec's "No-shows, risk and analytics" section (GET /analytics/summary and
// /analytics/no-shows), until libs/contracts carries them.

export interface AnalyticsSummary {
  bookings: {
    total: number;
    confirmed: number;
    completed: number;
    noShow: number;
    cancelled: number;
    lateCancelled: number;
    expired: number;
  };
  /** noShow / (completed + noShow); null when both are 0. */
  noShowRate: number | null;
  conversations: { started: number; booked: number; conversionRate: number | null };
  reminders: {
    sent: number;
    delivered: number;
    failed: number;
    confirmedByReply: number;
    deliveryRate: number | null;
    confirmationRate: number | null;
  };
  deposits: { collectedCents: number; refundedCents: number; keptCents: number };
  medianMinutesToConfirm: number | null;
}

/**
 * `weekdayHour` (key `mon-09`: the weekday and local start hour) is the heat map's cross of
 * `weekday` and `hour`, an addition to the spec's list.
 */
export type NoShowDimension = 'week' | 'weekday' | 'hour' | 'weekdayHour' | 'service' | 'staff' | 'riskTier';

export interface NoShowRow {
  key: string;
  label: string;
  bookings: number;
  noShows: number;
  rate: number | null;
}

export interface NoShowBreakdown {
  rows: NoShowRow[];
}

/** An inclusive range of the appointments' local dates (YYYY-MM-DD). */
export interface DateRange {
  from: string;
  to: string;
}
