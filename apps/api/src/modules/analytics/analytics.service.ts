import { Readable, pipeline } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import {
  ANALYTICS_MAX_RANGE_DAYS,
  BOOKINGS_CSV_COLUMNS,
  type AnalyticsSummary,
  type NoShowBreakdown,
  type NoShowBreakdownResponse,
  type NoShowRow,
  type WeekdayKey,
} from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { validationFailed } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import {
  AnalyticsRepository,
  type BreakdownRow,
  type CsvBookingRow,
  FIRST_CSV_PAGE,
  type LocalRange,
} from './analytics.repository';

const DAY_MS = 86_400_000;
/** Bookings read per transaction of a CSV export. */
export const CSV_PAGE_ROWS = 5000;
const WEEKDAYS: { key: WeekdayKey; label: string }[] = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const RISK_TIERS = [
  { key: 'low', label: 'Low' },
  { key: 'medium', label: 'Medium' },
  { key: 'high', label: 'High' },
];

/** Calendar arithmetic on local dates (`YYYY-MM-DD`), done in UTC where every day has 24 hours. */
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Refuses a range that is backwards or longer than the contract allows; the DTO checked each date. */
export function checkRange(range: LocalRange): void {
  const days = dayNumber(range.to) - dayNumber(range.from) + 1;
  if (days < 1) throw validationFailed(`from (${range.from}) must not be after to (${range.to})`);
  if (days > ANALYTICS_MAX_RANGE_DAYS) {
    throw validationFailed(`The range spans ${days} days; at most ${ANALYTICS_MAX_RANGE_DAYS} are allowed`);
  }
}

/** Every Monday (local date) of a week that touches the range, oldest first. */
function mondaysOf(range: LocalRange): string[] {
  const first = dayNumber(range.from);
  // 1970-01-01 (day 0) was a Thursday: day n is a Monday when (n + 3) % 7 === 0.
  let monday = first - ((first + 3) % 7);
  const mondays: string[] = [];
  for (; monday <= dayNumber(range.to); monday += 7) mondays.push(dateOf(monday));
  return mondays;
}

const toRow = (key: string, label: string, counts?: BreakdownRow): NoShowRow => {
  const bookings = counts?.bookings ?? 0;
  const completed = counts?.completed ?? 0;
  const noShows = counts?.noShows ?? 0;
  return { key, label, bookings, completed, noShows, rate: ratio(noShows, completed + noShows) };
};

/** Rows in the contract's order: every bucket of a fixed axis (zeros included), named ones by name. */
export function shapeBreakdown(by: NoShowBreakdown, range: LocalRange, counted: BreakdownRow[]): NoShowRow[] {
  const byKey = new Map(counted.map((row) => [row.key, row]));
  switch (by) {
    case 'week':
      return mondaysOf(range).map((monday) => toRow(monday, `Week of ${monday}`, byKey.get(monday)));
    case 'weekday':
      return WEEKDAYS.map((day, i) => toRow(day.key, day.label, byKey.get(String(i + 1))));
    case 'hour':
      return HOURS.map((hour) => toRow(hour, `${hour}:00`, byKey.get(hour)));
    case 'weekdayHour':
      // Counted under the ISO weekday number and hour, `1-09` for Monday 09:00.
      return WEEKDAYS.flatMap((day, i) =>
        HOURS.map((hour) => toRow(`${day.key}-${hour}`, `${day.label} ${hour}:00`, byKey.get(`${i + 1}-${hour}`))),
      );
    case 'riskTier':
      return RISK_TIERS.map((tier) => toRow(tier.key, tier.label, byKey.get(tier.key)));
    case 'service':
    case 'staff':
      return counted
        .map((row) => toRow(row.key, row.label ?? row.key, row))
        .sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  }
}

/**
 * The best plan for a week and for a year of bookings differ: the analytics reads are planned for
 * their range every time, never with a prepared statement's generic plan.
 */
const CUSTOM_PLANS = { customPlans: true };

/** The owner's figures, computed in SQL over the tenant's own rows, each read in a tenant transaction. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly db: Db,
    private readonly analytics: AnalyticsRepository,
  ) {}

  async summary(range: LocalRange): Promise<AnalyticsSummary> {
    checkRange(range);
    const { tenantId } = getTenantContext();
    // Three independent reads, each in its own tenant transaction on its own pooled connection,
    // nothing before them (each reads the tenant's zone itself): the summary takes as long as the
    // slowest of them instead of their sum.
    const [bookings, reminders, conversations] = await Promise.all([
      this.db.tx((m) => this.analytics.bookingFigures(m, tenantId, range), CUSTOM_PLANS),
      this.db.tx((m) => this.analytics.reminderFigures(m, tenantId, range), CUSTOM_PLANS),
      this.db.tx((m) => this.analytics.conversationFigures(m, tenantId, range), CUSTOM_PLANS),
    ]);
    return {
      bookings: {
        total: bookings.total,
        confirmed: bookings.confirmed,
        completed: bookings.completed,
        noShow: bookings.noShow,
        cancelled: bookings.cancelled,
        lateCancelled: bookings.lateCancelled,
        expired: bookings.expired,
      },
      noShowRate: ratio(bookings.noShow, bookings.completed + bookings.noShow),
      conversations: { ...conversations, conversionRate: ratio(conversations.booked, conversations.started) },
      reminders: {
        sent: reminders.sent,
        delivered: reminders.delivered,
        failed: reminders.failed,
        confirmedByReply: bookings.confirmedByReply,
        deliveryRate: ratio(reminders.delivered, reminders.sent),
        confirmationRate: ratio(bookings.confirmedByReply, bookings.remindedBookings),
      },
      deposits: {
        collectedCents: bookings.collectedCents,
        refundedCents: bookings.refundedCents,
        keptCents: bookings.keptCents,
      },
      medianMinutesToConfirm: bookings.medianMinutesToConfirm,
    };
  }

  noShows(range: LocalRange, by: NoShowBreakdown): Promise<NoShowBreakdownResponse> {
    checkRange(range);
    const { tenantId } = getTenantContext();
    return this.db.tx(
      async (m) => ({ rows: shapeBreakdown(by, range, await this.analytics.noShowBreakdown(m, tenantId, range, by)) }),
      CUSTOM_PLANS,
    );
  }

  /**
   * The range's bookings as CSV (RFC 4180, header row first), instants in UTC ISO-8601, as a stream
   * read a page at a time: each page in its own short tenant transaction, the next one read only
   * when the client has taken the last, so a slow download never holds a pool connection.
   */
  bookingsCsv(range: LocalRange): Readable {
    checkRange(range);
    const { tenantId } = getTenantContext();
    const csv = stringify({ header: true, columns: [...BOOKINGS_CSV_COLUMNS], cast: { boolean: (value) => String(value) } });
    // A failed page destroys the CSV stream with its error: Fastify then cuts the response short and logs it.
    pipeline(Readable.from(this.csvRecords(tenantId, range)), csv, () => undefined);
    return csv;
  }

  private async *csvRecords(tenantId: string, range: LocalRange): AsyncGenerator<Record<string, unknown>> {
    let after = FIRST_CSV_PAGE;
    for (;;) {
      // The tenant named, not taken from the request's context: pages are read as the client drains the stream.
      const page = await this.db.asTenant(
        tenantId,
        (m) => this.analytics.csvPage(m, tenantId, range, after, CSV_PAGE_ROWS),
        CUSTOM_PLANS,
      );
      for (const row of page) yield csvRecord(row);
      if (page.length < CSV_PAGE_ROWS) return;
      after = page[page.length - 1];
    }
  }
}

/** A booking as the export writes it (the stringifier keeps the columns of the contract only). */
const csvRecord = (row: CsvBookingRow): Record<string, unknown> => ({
  ...row,
  start: row.start.toISOString(),
  end: row.end.toISOString(),
  customerConfirmedAt: row.customerConfirmedAt?.toISOString() ?? '',
  createdAt: row.createdAt.toISOString(),
  riskScore: Math.round(row.riskScore * 1000) / 1000,
  riskReasons: row.riskReasons.join(' '),
});
