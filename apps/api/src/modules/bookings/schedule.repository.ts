import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { DepositSettings, LocalDate, ReminderSettings, Service, Tenant, WeeklyHours } from '@frontdesk/contracts';
import { ACTIVE_BOOKING_STATUSES } from '@frontdesk/policies';
import {
  type BlockedRange,
  DAY_MS,
  eligibleStaff,
  localDateTimeOf,
  shiftLocalDate,
  type ScheduleOverride,
  type SlotPolicy,
  type SlotQuery,
} from '@frontdesk/scheduling';
import { notFound } from '../../common/errors/app-error';

/**
 * The business, every service and the active staff: what deciding availability starts from,
 * with the tenant's settings a booking write reads (a `TenantRow` answers from them). The
 * deposit and reminder settings are the columns as stored: null for a tenant that never saved any.
 */
export interface BookableCatalog {
  tenant: Omit<Tenant, 'status'> & {
    businessHours: WeeklyHours;
    policy: SlotPolicy;
    cancellationNoticeHours: number;
    depositSettings: DepositSettings | null;
    reminderSettings: ReminderSettings | null;
  };
  /** Active and inactive (a booking of a service deactivated since can still be moved). */
  services: Service[];
  /** Active staff members only, by name. */
  staff: { id: string; name: string; hours: WeeklyHours | null; performsAllServices: boolean; serviceIds: string[] }[];
}

export type CatalogStaff = BookableCatalog['staff'][number];

/** An active booking as it blocks time. */
export interface BookedRange extends BlockedRange {
  id: string;
  start: Date;
}

/** What blocks time over a range of local dates: overrides, active bookings and staff calendars' busy time (`busy`). */
export interface BusyTimes {
  overrides: ScheduleOverride[];
  bookings: BookedRange[];
  /** Busy ranges last read from staff members' own calendars (Google). */
  externalBusy: BlockedRange[];
}

/** Busy times read for local dates `from`..`to` (see `ScheduleRepository.busy`): they decide any start on those dates. */
export interface BusyWindow extends BusyTimes {
  from: LocalDate;
  to: LocalDate;
}

/**
 * What the caller's transaction read already (the conversation engine, before its commands
 * run), so a booking write re-checks its slot without reading it again: the catalog, and the
 * busy times until the first booking written after they were read.
 */
export interface ReadBefore {
  catalog: BookableCatalog;
  busy?: BusyWindow;
}

/** Everything the slot engine needs for one service over a range of local dates. */
export interface Schedule {
  tenant: BookableCatalog['tenant'];
  service: Service;
  /** Who may take it, in name order. */
  staff: CatalogStaff[];
  /** Active bookings of those staff members. */
  bookings: BookedRange[];
  /** The engine's input, less `now`. */
  query: Omit<SlotQuery, 'now'>;
}

export interface ScheduleParams {
  serviceId: string;
  staffId?: string;
  from: LocalDate;
  to: LocalDate;
  /** The booking being rescheduled: its own slot does not block it. */
  excludeBookingId?: string;
  /** Rescheduling keeps working for a service that was deactivated since. */
  allowInactiveService?: boolean;
}

export function localDateOf(instant: Date, timezone: string): LocalDate {
  return localDateTimeOf(instant.getTime(), timezone).date;
}

/** The first instant of a local date in the zone. */
export function startOfLocalDate(date: LocalDate, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}

/** The service asked for and who may take it; 404 for an unknown or inactive service or staff member. */
export function serviceAndStaff(catalog: BookableCatalog, params: ScheduleParams): { service: Service; staff: CatalogStaff[] } {
  const service = catalog.services.find((s) => s.id === params.serviceId);
  if (!service || (!service.active && !params.allowInactiveService)) throw notFound('Service');
  if (params.staffId !== undefined && !catalog.staff.some((s) => s.id === params.staffId)) throw notFound('Staff member');
  return { service, staff: eligibleStaff(catalog.staff, service.id, params.staffId) };
}

/**
 * The schedule of one service (and optionally one staff member) over `params.from`..`to`, from
 * the catalog and what blocks time; 404 for an unknown or inactive service or staff member.
 */
export function scheduleFor(catalog: BookableCatalog, busy: BusyTimes, params: ScheduleParams): Schedule {
  const { service, staff } = serviceAndStaff(catalog, params);
  const ids = new Set(staff.map((s) => s.id));
  const bookings = busy.bookings.filter((b) => ids.has(b.staffId) && b.id !== params.excludeBookingId);
  const { tenant } = catalog;
  return {
    tenant,
    service,
    staff,
    bookings,
    query: {
      timezone: tenant.timezone,
      from: params.from,
      to: params.to,
      policy: tenant.policy,
      businessHours: tenant.businessHours,
      service,
      staff: staff.map((s) => ({ id: s.id, hours: s.hours })),
      overrides: busy.overrides,
      bookings,
      externalBusy: busy.externalBusy.filter((b) => ids.has(b.staffId)),
    },
  };
}

/** The catalog as the SQL function `tenant_catalog()` gives it (null: no tenant is visible). */
export interface CatalogRow {
  tenant: Omit<BookableCatalog['tenant'], 'policy'> & SlotPolicy;
  services: Service[];
  staff: CatalogStaff[];
}

export function toCatalog(row: CatalogRow | null): BookableCatalog {
  if (!row) throw new Error('No tenant is visible in this transaction');
  const { minNoticeMinutes, maxAdvanceDays, slotIntervalMinutes, sameDayCutoff, ...tenant } = row.tenant;
  return {
    tenant: { ...tenant, policy: { minNoticeMinutes, maxAdvanceDays, slotIntervalMinutes, sameDayCutoff } },
    services: row.services,
    staff: row.staff,
  };
}

interface BusyRow {
  overrides: ScheduleOverride[];
  bookings: { id: string; staffId: string; start: string; blockedStart: string; blockedEnd: string }[];
  externalBusy: { staffId: string; blockedStart: string; blockedEnd: string }[];
}

const ACTIVE_STATUSES_SQL = ACTIVE_BOOKING_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The active statuses are literals, not a parameter, so the planner can use the exclusion
 * constraint's partial gist index on (tenant_id, staff_id, blocked). The statements of this
 * file name no tenant: row-level security's `tenant_id = app_tenant_id()` is the filter, and
 * the planner uses it as an index condition like any other.
 */
const BUSY_SQL = `
  select coalesce((select json_agg(json_build_object(
                    'date', to_char(o.date, 'YYYY-MM-DD'), 'kind', o.kind, 'start', to_char(o.start_time, 'HH24:MI'),
                    'end', to_char(o.end_time, 'HH24:MI'), 'staffId', o.staff_id))
                     from overrides o where o.date between $1::date and $2::date), '[]') as overrides,
         coalesce((select json_agg(json_build_object(
                    'id', b.id, 'staffId', b.staff_id, 'start', b.start_at,
                    'blockedStart', lower(b.blocked), 'blockedEnd', upper(b.blocked)))
                     from bookings b
                    where b.status in (${ACTIVE_STATUSES_SQL}) and b.blocked && tstzrange($3, $4, '[)')
                      and ($5::uuid[] is null or b.staff_id = any($5::uuid[]))), '[]') as bookings,
         coalesce((select json_agg(json_build_object(
                    'staffId', e.staff_id, 'blockedStart', lower(e.busy), 'blockedEnd', upper(e.busy)))
                     from external_busy e
                    where e.busy && tstzrange($3, $4, '[)')
                      and ($5::uuid[] is null or e.staff_id = any($5::uuid[]))), '[]') as "externalBusy"`;

/**
 * Loads what decides availability — the one loader of the booking endpoints, availability and
 * the conversation engine — inside the caller's tenant transaction, so a booking re-checks its
 * slot against what its own transaction sees.
 */
@Injectable()
export class ScheduleRepository {
  async catalog(m: EntityManager): Promise<BookableCatalog> {
    const [row] = await m.query<{ catalog: CatalogRow | null }[]>('select tenant_catalog() as catalog');
    return toCatalog(row.catalog);
  }

  /**
   * Overrides and active bookings that matter to local dates `from`..`to` in any zone: a day of
   * margin for the overrides, and bookings over a UTC window two days wider on each side
   * (zones far from UTC, buffers across midnight). Extra rows block nothing. `staffIds`: only
   * those staff members' bookings (a booking reads its candidates', not the whole book's).
   */
  async busy(m: EntityManager, from: LocalDate, to: LocalDate, staffIds?: string[]): Promise<BusyTimes> {
    const [row] = await m.query<BusyRow[]>(BUSY_SQL, [
      shiftLocalDate(from, -1),
      shiftLocalDate(to, 1),
      new Date(Date.parse(`${from}T00:00:00Z`) - 2 * DAY_MS),
      new Date(Date.parse(`${to}T00:00:00Z`) + 3 * DAY_MS),
      staffIds ?? null,
    ]);
    return {
      overrides: row.overrides,
      bookings: row.bookings.map((b) => ({
        id: b.id,
        staffId: b.staffId,
        start: new Date(b.start),
        blockedStart: new Date(b.blockedStart),
        blockedEnd: new Date(b.blockedEnd),
      })),
      externalBusy: row.externalBusy.map((b) => ({
        staffId: b.staffId,
        blockedStart: new Date(b.blockedStart),
        blockedEnd: new Date(b.blockedEnd),
      })),
    };
  }

  /** `scheduleFor` over freshly loaded data: the busy times of the staff who may take the service. */
  async load(m: EntityManager, params: ScheduleParams): Promise<Schedule> {
    const catalog = await this.catalog(m);
    const { staff } = serviceAndStaff(catalog, params);
    const busy = await this.busy(
      m,
      params.from,
      params.to,
      staff.map((s) => s.id),
    );
    return scheduleFor(catalog, busy, params);
  }
}
