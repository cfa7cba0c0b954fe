import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { LocalDate, Locale, WeeklyHours } from '@frontdesk/contracts';
import type { DateRange, Facts, FactSlot, SlotSearch, UpcomingBooking } from '@frontdesk/conversation';
import { ACTIVE_BOOKING_STATUSES } from '@frontdesk/policies';
import { computeSlots, type ScheduleOverride, type SlotQuery } from '@frontdesk/scheduling';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

/** `ACTIVE_BOOKING_STATUSES` as a Postgres array literal, for statements sent with text values. */
export const ACTIVE_STATUSES_LITERAL = `{${ACTIVE_BOOKING_STATUSES.join(',')}}`;

/** What the engine needs of the business, its services and its staff: one statement's row. */
export interface CatalogFacts {
  tenant: {
    id: string;
    slug: string;
    name: string;
    timezone: string;
    currency: string;
    country: string;
    locale: Locale;
    businessHours: WeeklyHours;
    minNoticeMinutes: number;
    maxAdvanceDays: number;
    slotIntervalMinutes: number;
    sameDayCutoff: string | null;
    cancellationNoticeHours: number;
  };
  services: {
    id: string;
    name: string;
    aliases: string[];
    durationMinutes: number;
    priceCents: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
  }[];
  staff: { id: string; name: string; hours: WeeklyHours | null; performsAllServices: boolean; serviceIds: string[] }[];
}

/** `CATALOG_SQL`'s row. */
export interface CatalogRow {
  tenant: CatalogFacts['tenant'] | null;
  services: CatalogFacts['services'];
  staff: CatalogFacts['staff'];
}

/**
 * The tenant (visible through row-level security), its active services and staff, in one row:
 * the json columns keep the catalog to one statement, sent with the transaction's first round trip.
 */
export const CATALOG_SQL = `
  select json_build_object(
           'id', t.id, 'slug', t.slug, 'name', t.name, 'timezone', t.timezone, 'currency', t.currency,
           'country', t.country, 'locale', t.locale, 'businessHours', t.business_hours,
           'minNoticeMinutes', t.min_notice_minutes, 'maxAdvanceDays', t.max_advance_days,
           'slotIntervalMinutes', t.slot_interval_minutes, 'sameDayCutoff', to_char(t.same_day_cutoff, 'HH24:MI'),
           'cancellationNoticeHours', t.cancellation_notice_hours) as tenant,
         coalesce((select json_agg(json_build_object(
                    'id', s.id, 'name', s.name, 'aliases', s.aliases, 'durationMinutes', s.duration_minutes,
                    'priceCents', s.price_cents, 'bufferBeforeMinutes', s.buffer_before_minutes,
                    'bufferAfterMinutes', s.buffer_after_minutes) order by s.name, s.id)
                     from services s where s.tenant_id = t.id and s.active), '[]') as services,
         coalesce((select json_agg(json_build_object(
                    'id', st.id, 'name', st.name, 'hours', st.hours, 'performsAllServices', st.performs_all_services,
                    'serviceIds', coalesce((select json_agg(ss.service_id) from staff_services ss where ss.staff_id = st.id), '[]'))
                    order by st.name, st.id)
                     from staff st where st.tenant_id = t.id and st.active), '[]') as staff
    from tenants t where t.id = $1`;

/** Overrides and blocked time over local dates `$1`..`$2`, read as instants from `$3` to `$4`. */
const SCHEDULE_SQL = `
  select coalesce((select json_agg(json_build_object(
                    'date', to_char(o.date, 'YYYY-MM-DD'), 'kind', o.kind, 'start', to_char(o.start_time, 'HH24:MI'),
                    'end', to_char(o.end_time, 'HH24:MI'), 'staffId', o.staff_id))
                     from overrides o where o.date between $1::date and $2::date), '[]') as overrides,
         coalesce((select json_agg(json_build_object(
                    'id', b.id, 'staffId', b.staff_id, 'blockedStart', lower(b.blocked), 'blockedEnd', upper(b.blocked)))
                     from bookings b where b.status = any($5::text[]) and b.blocked && tstzrange($3, $4, '[)')), '[]') as blocked`;

/** The tenant's schedule over local dates `from`..`to` (inclusive), what `findSlots` computes from. */
export interface ScheduleWindow {
  from: LocalDate;
  to: LocalDate;
  /** Holds the whole booking window: searches outside it have nothing more to load. */
  complete: boolean;
  overrides: ScheduleOverride[];
  blocked: { id: string; staffId: string; blockedStart: Date; blockedEnd: Date }[];
}

/** `scheduleStatement`'s row. */
export interface ScheduleRow {
  overrides: ScheduleOverride[];
  blocked: { id: string; staffId: string; blockedStart: string; blockedEnd: string }[];
}

/** A slot search reached beyond the schedule loaded so far; the shell loads it and steps again. */
export class ScheduleNeeded extends Error {
  constructor() {
    super('The conversation step needs more of the schedule');
  }
}

export interface CustomerFacts {
  name: string | null;
  optedOut: boolean;
  /** The conversation's bot is paused (staff took over): the engine stays silent. */
  botPaused: boolean;
}

const plusDays = (date: LocalDate, days: number): LocalDate =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/**
 * Days either side of what a step searched that the first schedule load adds: the engine's
 * "nearest openings" look up to two weeks around a wanted day, so one load usually suffices.
 */
const SCHEDULE_MARGIN_DAYS = 15;

/**
 * What the engine may need to answer one message, loaded inside the conversation's
 * transaction: the catalog (one statement), the customer's upcoming bookings, and, only when
 * the step searches for slots, the schedule around the dates it searched.
 */
@Injectable()
export class ConversationFacts {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catalogFrom(row: CatalogRow | undefined): CatalogFacts {
    if (!row?.tenant) throw new Error('The tenant is not visible in this transaction');
    return { tenant: row.tenant, services: row.services, staff: row.staff };
  }

  /** The whole window the engine may search: yesterday (zones) to the last bookable day and a margin. */
  bookingWindow(catalog: CatalogFacts, now: Date): { from: LocalDate; to: LocalDate } {
    const today = DateTime.fromJSDate(now, { zone: catalog.tenant.timezone }).toISODate()!;
    return { from: plusDays(today, -1), to: plusDays(today, catalog.tenant.maxAdvanceDays + 2) };
  }

  /**
   * The statement loading the schedule that covers `searches` (with a margin), or the whole
   * booking window when `whole` or when that is no larger.
   */
  scheduleStatement(
    catalog: CatalogFacts,
    now: Date,
    searches: DateRange[],
    whole: boolean,
  ): { text: string; values: unknown[]; window: Omit<ScheduleWindow, 'overrides' | 'blocked'> } {
    const full = this.bookingWindow(catalog, now);
    let from = full.from;
    let to = full.to;
    if (!whole && searches.length > 0) {
      const wantedFrom = plusDays(
        searches.map((s) => s.from).reduce((a, b) => (a < b ? a : b)),
        -SCHEDULE_MARGIN_DAYS,
      );
      const wantedTo = plusDays(
        searches.map((s) => s.to).reduce((a, b) => (a > b ? a : b)),
        SCHEDULE_MARGIN_DAYS,
      );
      from = wantedFrom > full.from ? wantedFrom : full.from;
      to = wantedTo < full.to ? wantedTo : full.to;
    }
    const zone = catalog.tenant.timezone;
    const complete = from === full.from && to === full.to;
    return {
      text: SCHEDULE_SQL,
      values: [
        from,
        to,
        DateTime.fromISO(from, { zone }).toJSDate(),
        DateTime.fromISO(to, { zone }).plus({ days: 1 }).toJSDate(),
        ACTIVE_STATUSES_LITERAL,
      ],
      window: { from, to, complete },
    };
  }

  scheduleFrom(window: Omit<ScheduleWindow, 'overrides' | 'blocked'>, row: ScheduleRow): ScheduleWindow {
    return {
      ...window,
      overrides: row.overrides,
      blocked: row.blocked.map((b) => ({ ...b, blockedStart: new Date(b.blockedStart), blockedEnd: new Date(b.blockedEnd) })),
    };
  }

  /**
   * The engine's facts. `findSlots` computes from `schedule`; a search it does not cover (a
   * day of margin each side, for zones and buffers across midnight) is recorded in `missed`
   * and throws `ScheduleNeeded`, so the shell loads that part of the schedule and steps again
   * (the step is pure, so stepping again is safe).
   */
  build(
    catalog: CatalogFacts,
    customer: CustomerFacts,
    upcoming: UpcomingBooking[],
    now: Date,
    schedule: ScheduleWindow | undefined,
    missed: DateRange[],
  ): Facts {
    const { tenant } = catalog;
    const base: Omit<SlotQuery, 'from' | 'to' | 'service' | 'staff' | 'bookings' | 'overrides'> = {
      timezone: tenant.timezone,
      now,
      policy: {
        minNoticeMinutes: tenant.minNoticeMinutes,
        maxAdvanceDays: tenant.maxAdvanceDays,
        slotIntervalMinutes: tenant.slotIntervalMinutes,
        sameDayCutoff: tenant.sameDayCutoff,
      },
      businessHours: tenant.businessHours,
    };
    /** The loaded schedule covering `range`; records what is missing and throws when it is not loaded yet. */
    const scheduleFor = (range: DateRange): ScheduleWindow => {
      const covered =
        schedule && (schedule.complete || (schedule.from <= plusDays(range.from, -1) && plusDays(range.to, 1) <= schedule.to));
      if (!schedule || !covered) {
        missed.push(range);
        throw new ScheduleNeeded();
      }
      return schedule;
    };
    const cache = new Map<string, FactSlot[]>();
    const findSlots = (search: SlotSearch): FactSlot[] => {
      const schedule = scheduleFor(search);
      const key = JSON.stringify(search);
      const cached = cache.get(key);
      if (cached) return cached;
      const service = catalog.services.find((s) => s.id === search.serviceId);
      if (!service) return [];
      const staff = catalog.staff.filter(
        (s) => (!search.staffId || s.id === search.staffId) && (s.performsAllServices || s.serviceIds.includes(service.id)),
      );
      const slots = computeSlots({
        ...base,
        from: search.from,
        to: search.to,
        service: {
          id: service.id,
          durationMinutes: service.durationMinutes,
          bufferBeforeMinutes: service.bufferBeforeMinutes,
          bufferAfterMinutes: service.bufferAfterMinutes,
        },
        staff: staff.map((s) => ({ id: s.id, hours: s.hours })),
        overrides: schedule.overrides,
        bookings: schedule.blocked.filter((b) => b.id !== search.excludeBookingId),
      }).map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), staffIds: s.staffIds }));
      cache.set(key, slots);
      return slots;
    };

    return {
      now,
      business: {
        name: tenant.name,
        timezone: tenant.timezone,
        currency: tenant.currency,
        bookingUrl: `${this.config.publicBaseUrl}/book/${tenant.slug}`,
        hours: tenant.businessHours,
        maxAdvanceDays: tenant.maxAdvanceDays,
        cancellationNoticeHours: tenant.cancellationNoticeHours,
      },
      services: catalog.services.map(({ id, name, durationMinutes, priceCents }) => ({ id, name, durationMinutes, priceCents })),
      staff: catalog.staff.map(({ id, name }) => ({ id, name })),
      customer,
      upcoming,
      findSlots,
      closedAllDay: (date) =>
        scheduleFor({ from: date, to: date }).overrides.some(
          (o) => o.date === date && o.kind === 'closed' && o.staffId === null && o.start === null,
        ),
    };
  }
}
