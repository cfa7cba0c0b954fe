import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { LocalDate, OverrideKind, WeeklyHours } from '@frontdesk/contracts';
import { ACTIVE_BOOKING_STATUSES } from '@frontdesk/policies';
import type { BlockedRange, SlotQuery } from '@frontdesk/scheduling';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';

export interface ScheduleStaff {
  id: string;
  name: string;
  hours: SlotQuery['staff'][number]['hours'];
}

/** What a booking needs of its tenant beyond the engine's input. */
export interface ScheduleTenant {
  id: string;
  timezone: string;
  country: string;
}

export type ScheduleService = SlotQuery['service'];

/** Everything the slot engine needs for one service over a range of local dates. */
export interface Schedule {
  tenant: ScheduleTenant;
  service: ScheduleService;
  staff: ScheduleStaff[];
  /** Active bookings of those staff members, with their start (to count bookings per day). */
  bookings: (BlockedRange & { start: Date })[];
  /** The engine's input, less `now`. */
  query: Omit<SlotQuery, 'now'>;
}

const hhmm = (time: string | null) => (time === null ? null : time.slice(0, 5));

export function localDateOf(instant: Date, timezone: string): LocalDate {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate()!;
}

const DAY_MS = 86_400_000;

/** Plain UTC arithmetic: calendar days do not depend on a zone, and luxon here was a noticeable share of an availability request. */
export function shiftDate(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first instant of a local date in the zone. */
export function startOfLocalDate(date: LocalDate, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}

/** One row holding the whole schedule; json columns keep it to one round trip. */
export interface ScheduleRow {
  tenant: {
    id: string;
    slug: string;
    status: string;
    timezone: string;
    country: string;
    business_hours: WeeklyHours;
    min_notice_minutes: number;
    max_advance_days: number;
    slot_interval_minutes: number;
    same_day_cutoff: string | null;
  } | null;
  service: {
    id: string;
    duration_minutes: number;
    buffer_before_minutes: number;
    buffer_after_minutes: number;
    active: boolean;
  } | null;
  staff_exists: boolean;
  staff: ScheduleStaff[];
  overrides: {
    date: LocalDate;
    kind: OverrideKind;
    start_time: string | null;
    end_time: string | null;
    staff_id: string | null;
  }[];
  /** Epoch milliseconds: cheaper to carry in json than timestamps to parse. */
  bookings: { staff_id: string; blocked_start: number; blocked_end: number; start_at: number }[];
}

/**
 * The active statuses as SQL literals, not a parameter: the exclusion constraint's gist index
 * is partial on them, and only a plan that can see the list may use it. The statement is
 * prepared, and a generic plan for `status = any($n)` read every booking of the tenant (a few
 * ms at 20,000 bookings, growing with the book) instead of the staff member's few.
 */
const ACTIVE_STATUSES_SQL = ACTIVE_BOOKING_STATUSES.map((status) => `'${status}'`).join(', ');

/*
 * Every subquery also filters on tenant_id although row-level security already does: the
 * policy's OR keeps the planner from using the (tenant_id, …) indexes on its own. The
 * staff and bookings parts run even when the service turns out to be missing; the
 * answer is then discarded, which costs less than a second round trip.
 */
const SCHEDULE_SQL = `
  with chosen_staff as (
    select s.id, s.name, s.hours from staff s
     where s.tenant_id = $1 and s.active and ($3::uuid is null or s.id = $3)
       and (s.performs_all_services or exists (
             select 1 from staff_services ss where ss.tenant_id = $1 and ss.staff_id = s.id and ss.service_id = $2)))
  select
    (select json_build_object(
              'id', t.id, 'slug', t.slug, 'status', t.status, 'timezone', t.timezone, 'country', t.country, 'business_hours', t.business_hours,
              'min_notice_minutes', t.min_notice_minutes, 'max_advance_days', t.max_advance_days,
              'slot_interval_minutes', t.slot_interval_minutes, 'same_day_cutoff', t.same_day_cutoff)
       from tenants t where t.id = $1) as tenant,
    (select json_build_object(
              'id', sv.id, 'duration_minutes', sv.duration_minutes, 'buffer_before_minutes', sv.buffer_before_minutes,
              'buffer_after_minutes', sv.buffer_after_minutes, 'active', sv.active)
       from services sv where sv.tenant_id = $1 and sv.id = $2) as service,
    $3::uuid is null or exists (select 1 from staff s where s.tenant_id = $1 and s.id = $3 and s.active) as staff_exists,
    (select coalesce(json_agg(json_build_object('id', cs.id, 'name', cs.name, 'hours', cs.hours) order by cs.name, cs.id), '[]')
       from chosen_staff cs) as staff,
    (select coalesce(json_agg(json_build_object(
              'date', o.date, 'kind', o.kind, 'start_time', o.start_time, 'end_time', o.end_time, 'staff_id', o.staff_id)), '[]')
       from overrides o where o.tenant_id = $1 and o.date between $4 and $5) as overrides,
    (select coalesce(json_agg(json_build_object(
              'staff_id', b.staff_id,
              'blocked_start', extract(epoch from lower(b.blocked)) * 1000,
              'blocked_end', extract(epoch from upper(b.blocked)) * 1000,
              'start_at', extract(epoch from b.start_at) * 1000)), '[]')
       from bookings b
      where b.tenant_id = $1 and b.status in (${ACTIVE_STATUSES_SQL}) and b.staff_id in (select cs.id from chosen_staff cs)
        and b.blocked && tstzrange($6, $7, '[)') and ($8::uuid is null or b.id <> $8)) as bookings`;

export interface ScheduleParams {
  tenantId: string;
  serviceId: string;
  staffId?: string;
  from: LocalDate;
  to: LocalDate;
  /** The booking being rescheduled: its own slot does not block it. */
  excludeBookingId?: string;
  /** Rescheduling keeps working for a service that was deactivated since. */
  allowInactiveService?: boolean;
  /**
   * Public routes: the slug `tenantId` was found by, possibly a while ago (see `SlugHints`).
   * The schedule is then refused with `TenantMismatch` unless that tenant still has this slug
   * and is active, checked in the same statement, so a suspension or a slug change takes
   * effect at once.
   */
  slug?: string;
}

/** The tenant no longer has the slug it was found by, or is no longer active. */
export class TenantMismatch extends Error {}

/**
 * Loads the hours, overrides, staff and active bookings that decide availability, in one
 * statement. Reading them in the booking's own transaction is what lets a booking re-check
 * its slot against fresh data.
 */
@Injectable()
export class ScheduleRepository {
  constructor(private readonly db: Db) {}

  /** Inside the caller's tenant transaction (bookings re-check their slot there). */
  async load(m: EntityManager, params: ScheduleParams): Promise<Schedule> {
    const [sql, values] = this.statement(params);
    const rows = await this.db.prepared<ScheduleRow>(m, sql, values);
    return this.toSchedule(rows[0], params);
  }

  /** On its own, as the tenant, in one round trip: for reads that need nothing else. */
  async read(params: ScheduleParams): Promise<Schedule> {
    const [sql, values] = this.statement(params);
    const rows = await this.db.readAsTenant<ScheduleRow>(params.tenantId, sql, values);
    return this.toSchedule(rows[0], params);
  }

  /** The one statement that loads a schedule, for callers that send it themselves (see `Db.asTenantPipelined`). */
  statement(params: ScheduleParams): [string, unknown[]] {
    // The zone is only known once the tenant row is read, so bookings are fetched for a
    // window wide enough for any zone: a day more on each side than the one day of margin
    // (zones far from UTC, buffers across midnight) the engine needs. Extra rows block nothing.
    const windowStart = new Date(Date.parse(`${params.from}T00:00:00Z`) - 2 * DAY_MS);
    const windowEnd = new Date(Date.parse(`${params.to}T00:00:00Z`) + 3 * DAY_MS);
    return [
      SCHEDULE_SQL,
      [
        params.tenantId,
        params.serviceId,
        params.staffId ?? null,
        shiftDate(params.from, -1),
        shiftDate(params.to, 1),
        windowStart,
        windowEnd,
        params.excludeBookingId ?? null,
      ],
    ];
  }

  /** The schedule in `statement`'s row; 404 for an unknown or inactive service or staff member. */
  toSchedule(row: ScheduleRow, params: ScheduleParams): Schedule {
    if (params.slug !== undefined && (row.tenant?.slug !== params.slug || row.tenant.status !== 'active'))
      throw new TenantMismatch();
    if (!row.tenant) throw new Error(`Tenant ${params.tenantId} is not visible in this transaction`);
    if (!row.service || (!row.service.active && !params.allowInactiveService)) throw notFound('Service');
    if (!row.staff_exists) throw notFound('Staff member');

    const t = row.tenant;
    const tenant: ScheduleTenant = { id: t.id, timezone: t.timezone, country: t.country };
    const service: ScheduleService = {
      id: row.service.id,
      durationMinutes: row.service.duration_minutes,
      bufferBeforeMinutes: row.service.buffer_before_minutes,
      bufferAfterMinutes: row.service.buffer_after_minutes,
    };
    const staff = row.staff;
    const bookings = row.bookings.map((b) => ({
      staffId: b.staff_id,
      blockedStart: new Date(b.blocked_start),
      blockedEnd: new Date(b.blocked_end),
      start: new Date(b.start_at),
    }));

    return {
      tenant,
      service,
      staff,
      bookings,
      query: {
        timezone: t.timezone,
        from: params.from,
        to: params.to,
        policy: {
          minNoticeMinutes: t.min_notice_minutes,
          maxAdvanceDays: t.max_advance_days,
          slotIntervalMinutes: t.slot_interval_minutes,
          sameDayCutoff: hhmm(t.same_day_cutoff),
        },
        businessHours: t.business_hours,
        service,
        staff: staff.map((s) => ({ id: s.id, hours: s.hours })),
        overrides: row.overrides.map((o) => ({
          date: o.date,
          kind: o.kind,
          start: hhmm(o.start_time),
          end: hhmm(o.end_time),
          staffId: o.staff_id,
        })),
        bookings,
      },
    };
  }
}
