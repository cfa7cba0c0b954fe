import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnalyticsBookingCounts, NoShowBreakdown, RiskTier } from '@frontdesk/contracts';

/** A range of appointments: local dates in the tenant's zone, both inclusive. */
export interface LocalRange {
  from: string;
  to: string;
}

export interface BookingFigures extends AnalyticsBookingCounts {
  confirmedByReply: number;
  /** Bookings reminded at least once (`reminded_at`), whichever start the reminder was planned for. */
  remindedBookings: number;
  medianMinutesToConfirm: number | null;
  collectedCents: number;
  refundedCents: number;
  keptCents: number;
}

export interface ReminderFigures {
  sent: number;
  delivered: number;
  failed: number;
}

export interface ConversationFigures {
  started: number;
  booked: number;
}

export interface BreakdownRow {
  key: string;
  label: string | null;
  bookings: number;
  completed: number;
  noShows: number;
}

export interface CsvBookingRow {
  id: string;
  start: Date;
  end: Date;
  localDate: string;
  localTime: string;
  status: string;
  lateCancelled: boolean;
  source: string;
  serviceId: string;
  serviceName: string;
  staffId: string;
  staffName: string;
  customerId: string;
  customerName: string | null;
  customerPhone: string;
  riskScore: number;
  riskTier: RiskTier;
  riskReasons: string[];
  customerConfirmedAt: Date | null;
  depositCents: number;
  paymentStatus: string;
  paidCents: number;
  refundedCents: number;
  createdAt: Date;
  /** `start` exactly as stored (microseconds included), where the next page of the export begins. */
  startKey: string;
}

/** Where a page of the export begins: after the booking with this start (`startKey`) and id. */
export interface CsvPageStart {
  startKey: string;
  id: string;
}

/** Before every booking: the first page's start. */
export const FIRST_CSV_PAGE: CsvPageStart = { startKey: '-infinity', id: '00000000-0000-0000-0000-000000000000' };

/**
 * The tenant's zone, read by the statement itself (an InitPlan, run once per statement), so that
 * no request waits for a lookup of it before its statements.
 */
const ZONE = '(select t.timezone from tenants t where t.id = $1)';

/**
 * The instants bounding a local date range in the tenant's zone: midnight starting `$2` up to
 * midnight ending `$3`, each resolved with that day's own offset (a DST day is 23 or 25 hours).
 */
const IN_RANGE = (column: string) =>
  `${column} >= ($2::date)::timestamp at time zone ${ZONE} and ${column} < ($3::date + 1)::timestamp at time zone ${ZONE}`;

/**
 * The local buckets (the tenant's zone) are reckoned once per quarter hour, not once per booking: bookings
 * are first counted per UTC quarter hour `q.bucket` (a cheap integer step per row, at most 96 groups a
 * day), and only those groups are converted to local time, which costs a zone lookup each. Exact
 * when the zone's offsets and changes fall on quarter hours, so that a UTC quarter hour lies within
 * one local hour: true of every zone's rules since 2012 (+05:45, +08:45 and +10:30 included) but
 * Antarctica/Casey's, which changed at 00:01 in 2020–2022 (`zdump -v` shows each change).
 */
const QUARTER_HOUR = `date_bin('15 minutes', b.start_at, timestamptz 'epoch')`;

/** How each breakdown groups bookings `b` first, and the key of each such group `q.bucket`. */
const BREAKDOWN_GROUPS: Record<NoShowBreakdown, { rows: string; key: string }> = {
  week: { rows: QUARTER_HOUR, key: `to_char(date_trunc('week', q.bucket at time zone ${ZONE}), 'YYYY-MM-DD')` },
  weekday: { rows: QUARTER_HOUR, key: `extract(isodow from q.bucket at time zone ${ZONE})::int::text` },
  hour: { rows: QUARTER_HOUR, key: `to_char(q.bucket at time zone ${ZONE}, 'HH24')` },
  weekdayHour: { rows: QUARTER_HOUR, key: `to_char(q.bucket at time zone ${ZONE}, 'ID-HH24')` },
  service: { rows: 'b.service_id::text', key: 'q.bucket' },
  staff: { rows: 'b.staff_id::text', key: 'q.bucket' },
  riskTier: { rows: 'b.risk_tier', key: 'q.bucket' },
};

/** The name of a service or staff key, looked up after grouping (a few rows, not one per booking). */
const BREAKDOWN_LABEL: Partial<Record<NoShowBreakdown, string>> = {
  service: '(select s.name from services s where s.tenant_id = $1 and s.id = g.key::uuid)',
  staff: '(select s.name from staff s where s.tenant_id = $1 and s.id = g.key::uuid)',
};

/**
 * The statements as run (the benchmark EXPLAINs these same texts). Each binds $1 tenant id,
 * $2 from, $3 to (local dates), and names the tenant explicitly besides row-level security, so the
 * planner can use the `(tenant_id, …)` covering indexes of the PrepareAnalytics migration for an
 * index-only range scan of the tenant's own rows.
 */
export const ANALYTICS_SQL = {
  bookingFigures: `select count(*)::int as total,
              count(*) filter (where b.status = 'confirmed')::int as confirmed,
              count(*) filter (where b.status = 'completed')::int as completed,
              count(*) filter (where b.status = 'no_show')::int as "noShow",
              count(*) filter (where b.status = 'cancelled')::int as cancelled,
              count(*) filter (where b.late_cancel)::int as "lateCancelled",
              count(*) filter (where b.status = 'expired')::int as expired,
              count(*) filter (where b.customer_confirmed_at is not null)::int as "confirmedByReply",
              count(*) filter (where b.reminded_at is not null)::int as "remindedBookings",
              -- date_part gives a float, which sorts in half the time of extract's numeric.
              round(percentile_cont(0.5) within group (order by date_part('epoch', b.customer_confirmed_at - b.created_at) / 60)
                filter (where b.customer_confirmed_at is not null))::int as "medianMinutesToConfirm",
              coalesce(sum(b.deposit_cents) filter (where b.payment_status in ('paid', 'refunded')), 0)::int as "collectedCents",
              coalesce(sum(b.deposit_cents) filter (where b.payment_status = 'refunded'), 0)::int as "refundedCents",
              coalesce(sum(b.deposit_cents) filter (where b.payment_status = 'paid'), 0)::int as "keptCents"
         from bookings b
        where b.tenant_id = $1 and ${IN_RANGE('b.start_at')}`,
  /**
   * Reminders sent for appointments in the range (by the start they were planned for), and what
   * the provider reported of them: one flat count over the `reminders_analytics` index of sent ones.
   */
  reminderFigures: `select count(*)::int as sent,
              count(*) filter (where r.message_status in ('delivered', 'read'))::int as delivered,
              count(*) filter (where r.message_status = 'failed')::int as failed
         from reminders r
        where r.tenant_id = $1 and ${IN_RANGE('r.planned_start')} and r.status = 'sent'`,
  /**
   * Conversations begun in the range, and those whose customer then made a booking through a
   * conversation (chat, SMS, WhatsApp) that got past its hold.
   */
  conversationFigures: `select count(*)::int as started,
              count(*) filter (where exists (
                select 1 from bookings b
                 where b.tenant_id = $1 and b.customer_id = c.customer_id and b.created_at >= c.created_at
                   and b.source in ('chat', 'sms', 'whatsapp') and b.status not in ('held', 'expired')))::int as booked
         from conversations c
        where c.tenant_id = $1 and ${IN_RANGE('c.created_at')}`,
  /** Bookings, completed and no-shows per key of the breakdown; only keys that have bookings. */
  noShowBreakdown: (
    by: NoShowBreakdown,
  ) => `select g.key, ${BREAKDOWN_LABEL[by] ?? 'null'} as label, g.bookings, g.completed, g."noShows"
         from (select ${BREAKDOWN_GROUPS[by].key} as key,
                      sum(q.bookings)::int as bookings, sum(q.completed)::int as completed, sum(q."noShows")::int as "noShows"
                 from (select ${BREAKDOWN_GROUPS[by].rows} as bucket,
                              count(*) as bookings,
                              count(*) filter (where b.status = 'completed') as completed,
                              count(*) filter (where b.status = 'no_show') as "noShows"
                         from bookings b
                        where b.tenant_id = $1 and ${IN_RANGE('b.start_at')}
                        group by 1) q
                group by 1) g`,
  /**
   * A page of the range's bookings with their outcome, risk and money: up to $6 bookings after
   * ($4 start, $5 id) in (start, id) order, read along the `(tenant_id, start_at)` index.
   */
  csvPage: `select b.id, b.start_at as start, b.start_at::text as "startKey", b.end_at as "end",
              to_char(b.start_at at time zone ${ZONE}, 'YYYY-MM-DD') as "localDate",
              to_char(b.start_at at time zone ${ZONE}, 'HH24:MI') as "localTime",
              b.status, b.late_cancel as "lateCancelled", b.source,
              b.service_id as "serviceId", sv.name as "serviceName", b.staff_id as "staffId", st.name as "staffName",
              b.customer_id as "customerId", coalesce(b.customer_name, c.name) as "customerName", c.phone as "customerPhone",
              b.risk_score as "riskScore", b.risk_tier as "riskTier", b.risk_reasons as "riskReasons",
              b.customer_confirmed_at as "customerConfirmedAt", b.deposit_cents as "depositCents",
              b.payment_status as "paymentStatus",
              coalesce(p.paid, 0)::int as "paidCents", coalesce(p.refunded, 0)::int as "refundedCents",
              b.created_at as "createdAt"
         from bookings b
         join services sv on sv.tenant_id = b.tenant_id and sv.id = b.service_id
         join staff st on st.tenant_id = b.tenant_id and st.id = b.staff_id
         join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
         left join lateral (
           select sum(py.amount_cents) filter (where py.status = 'paid') as paid, sum(py.refunded_cents) as refunded
             from payments py where py.tenant_id = b.tenant_id and py.booking_id = b.id) p on true
        where b.tenant_id = $1 and ${IN_RANGE('b.start_at')}
          and b.start_at >= $4::timestamptz and (b.start_at, b.id) > ($4::timestamptz, $5::uuid)
        order by b.start_at, b.id
        limit $6`,
};

/** The analytics reads, each in the caller's tenant transaction. */
@Injectable()
export class AnalyticsRepository {
  async bookingFigures(m: EntityManager, tenantId: string, range: LocalRange): Promise<BookingFigures> {
    const [row] = await m.query<BookingFigures[]>(ANALYTICS_SQL.bookingFigures, [tenantId, range.from, range.to]);
    return row;
  }

  async reminderFigures(m: EntityManager, tenantId: string, range: LocalRange): Promise<ReminderFigures> {
    const [row] = await m.query<ReminderFigures[]>(ANALYTICS_SQL.reminderFigures, [tenantId, range.from, range.to]);
    return row;
  }

  async conversationFigures(m: EntityManager, tenantId: string, range: LocalRange): Promise<ConversationFigures> {
    const [row] = await m.query<ConversationFigures[]>(ANALYTICS_SQL.conversationFigures, [tenantId, range.from, range.to]);
    return row;
  }

  noShowBreakdown(m: EntityManager, tenantId: string, range: LocalRange, by: NoShowBreakdown): Promise<BreakdownRow[]> {
    return m.query<BreakdownRow[]>(ANALYTICS_SQL.noShowBreakdown(by), [tenantId, range.from, range.to]);
  }

  csvPage(m: EntityManager, tenantId: string, range: LocalRange, after: CsvPageStart, limit: number): Promise<CsvBookingRow[]> {
    return m.query<CsvBookingRow[]>(ANALYTICS_SQL.csvPage, [tenantId, range.from, range.to, after.startKey, after.id, limit]);
  }
}
