import { Inject, Injectable } from '@nestjs/common';
import type { LocalDate } from '@frontdesk/contracts';
import type { DateRange, Facts, FactSlotPage, SlotSearch, UpcomingBooking } from '@frontdesk/conversation';
import { shiftLocalDate, SlotPages } from '@frontdesk/scheduling';
import { type BookableCatalog, type BusyTimes, type BusyWindow, localDateOf, scheduleFor } from '../bookings/schedule.repository';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

/** The tenant's schedule over local dates `from`..`to` (inclusive), what `findSlots` computes from. */
export interface ScheduleWindow extends BusyWindow {
  /** Holds the whole booking window: searches outside it have nothing more to load. */
  complete: boolean;
}

/** A slot search reached beyond the schedule loaded so far; the shell loads it and steps again. */
export class ScheduleNeeded extends Error {
  constructor() {
    super('The conversation step needs more of the schedule');
  }
}

export type CustomerFacts = Facts['customer'];

/**
 * Days either side of what a step searched that the first schedule load adds: the engine's
 * "nearest openings" look up to two weeks around a wanted day, so one load usually suffices.
 */
const SCHEDULE_MARGIN_DAYS = 15;

/**
 * The engine's facts for one message, from the catalog, the customer's upcoming bookings and,
 * only once a step searches for slots, the schedule around the dates it searched.
 */
@Injectable()
export class ConversationFacts {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The whole window the engine may search: yesterday (zones) to the last bookable day and a margin. */
  private bookingWindow(catalog: BookableCatalog, now: Date): { from: LocalDate; to: LocalDate } {
    const today = localDateOf(now, catalog.tenant.timezone);
    return { from: shiftLocalDate(today, -1), to: shiftLocalDate(today, catalog.tenant.policy.maxAdvanceDays + 2) };
  }

  /**
   * The local dates of the schedule to load for `searches` (with a margin), or the whole
   * booking window when `whole` or when that is no larger.
   */
  scheduleRange(
    catalog: BookableCatalog,
    now: Date,
    searches: DateRange[],
    whole: boolean,
  ): Omit<ScheduleWindow, keyof BusyTimes> {
    const full = this.bookingWindow(catalog, now);
    let from = full.from;
    let to = full.to;
    if (!whole && searches.length > 0) {
      const wantedFrom = shiftLocalDate(
        searches.map((s) => s.from).reduce((a, b) => (a < b ? a : b)),
        -SCHEDULE_MARGIN_DAYS,
      );
      const wantedTo = shiftLocalDate(
        searches.map((s) => s.to).reduce((a, b) => (a > b ? a : b)),
        SCHEDULE_MARGIN_DAYS,
      );
      from = wantedFrom > full.from ? wantedFrom : full.from;
      to = wantedTo < full.to ? wantedTo : full.to;
    }
    return { from, to, complete: from === full.from && to === full.to };
  }

  /**
   * The engine's facts. `findSlots` computes from `schedule`; a search it does not cover (a
   * day of margin each side, for zones and buffers across midnight) is recorded in `missed`
   * and throws `ScheduleNeeded`, so the shell loads that part of the schedule and steps again
   * (the step is pure, so stepping again is safe).
   */
  build(
    catalog: BookableCatalog,
    customer: CustomerFacts,
    upcoming: UpcomingBooking[],
    now: Date,
    schedule: ScheduleWindow | undefined,
    missed: DateRange[],
  ): Facts {
    const { tenant } = catalog;
    const services = catalog.services.filter((s) => s.active);
    /** The loaded schedule covering `range`; records what is missing and throws when it is not loaded yet. */
    const loadedFor = (range: DateRange): ScheduleWindow => {
      const covered =
        schedule &&
        (schedule.complete || (schedule.from <= shiftLocalDate(range.from, -1) && shiftLocalDate(range.to, 1) <= schedule.to));
      if (!schedule || !covered) {
        missed.push(range);
        throw new ScheduleNeeded();
      }
      return schedule;
    };
    const cache = new Map<string, FactSlotPage>();
    /** A search's pages so far, by the search less its `from`, and the date its next page starts. */
    const runs = new Map<string, { pages: SlotPages; nextFrom: string | null }>();
    // A page of whole days, as the availability endpoints answer; the engine follows `nextFrom`,
    // and a search that does carries on where its previous page stopped (no day computed twice).
    const findSlots = (search: SlotSearch): FactSlotPage => {
      const busy = loadedFor(search);
      const key = JSON.stringify(search);
      const cached = cache.get(key);
      if (cached) return cached;
      const known =
        services.some((s) => s.id === search.serviceId) &&
        (search.staffId === undefined || catalog.staff.some((s) => s.id === search.staffId));
      if (!known) return { slots: [], nextFrom: null };
      const runKey = JSON.stringify({ ...search, from: undefined });
      let run = runs.get(runKey);
      if (!run || run.nextFrom !== search.from) {
        run = { pages: new SlotPages({ ...scheduleFor(catalog, busy, search).query, now }), nextFrom: null };
        runs.set(runKey, run);
      }
      const page = run.pages.next();
      run.nextFrom = page.nextFrom;
      const answer = {
        slots: page.slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), staffIds: s.staffIds })),
        nextFrom: page.nextFrom,
      };
      cache.set(key, answer);
      return answer;
    };

    return {
      now,
      business: {
        name: tenant.name,
        timezone: tenant.timezone,
        currency: tenant.currency,
        bookingUrl: `${this.config.publicBaseUrl}/book/${tenant.slug}`,
        hours: tenant.businessHours,
        maxAdvanceDays: tenant.policy.maxAdvanceDays,
        cancellationNoticeHours: tenant.cancellationNoticeHours,
      },
      services: services.map(({ id, name, durationMinutes, priceCents }) => ({ id, name, durationMinutes, priceCents })),
      staff: catalog.staff.map(({ id, name }) => ({ id, name })),
      customer,
      upcoming,
      findSlots,
      closedAllDay: (date) =>
        loadedFor({ from: date, to: date }).overrides.some(
          (o) => o.date === date && o.kind === 'closed' && o.staffId === null && o.start === null,
        ),
    };
  }
}
