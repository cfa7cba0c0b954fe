import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  blockedRange,
  computeSlots,
  leastBusyStaff,
  nearestSlots,
  offeredSlotAt,
  shiftLocalDate,
  type Slot,
} from '@frontdesk/scheduling';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { MAX_AVAILABILITY_DAYS, toSlotView } from './availability.service';
import { isRetryableConflict, isSlotLost, slotUnavailable } from './booking-errors';
import { blockedRangeLiteral } from './entities/booking.entity';
import {
  localDateOf,
  type ReadBefore,
  type Schedule,
  scheduleFor,
  serviceAndStaff,
  type ScheduleParams,
  ScheduleRepository,
} from './schedule.repository';

const ALTERNATIVES = 3;
/** Days searched on each side of a refused start for the nearest alternatives. */
const ALTERNATIVE_WINDOW_DAYS = 7;

const utcDateOf = (instant: Date) => instant.toISOString().slice(0, 10);

export interface SlotRequest {
  serviceId: string;
  start: Date;
  staffId?: string;
}

/**
 * The schedule lookups a booking write makes: whether a start is offered now (in the writer's
 * transaction), and which offered slots are nearest to one that was refused or lost.
 */
@Injectable()
export class BookingAlternatives {
  constructor(
    private readonly db: Db,
    private readonly schedules: ScheduleRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work`; a start that is not offered, or lost to a concurrent booking, becomes 409 with
   * alternatives. A transaction Postgres aborted for a concurrent one (deadlock, serialization
   * failure) runs once more on fresh data, and counts as lost should that happen again.
   */
  async refusingUnavailable<T>(tenantId: string, request: SlotRequest, work: () => Promise<T>): Promise<T> {
    try {
      try {
        return await work();
      } catch (error) {
        if (!isRetryableConflict(error)) throw error;
        return await work();
      }
    } catch (error) {
      if (!isSlotLost(error)) throw error;
      throw slotUnavailable(await this.alternatives(tenantId, request));
    }
  }

  /** The offered slots nearest to a refused start, read in a transaction of their own. */
  alternatives(tenantId: string, request: SlotRequest) {
    return this.db.asTenant(tenantId, (m) => this.alternativesIn(m, request));
  }

  /** The offered slots nearest to `start` (a refused or lost one), in the caller's transaction. */
  async alternativesIn(m: EntityManager, request: SlotRequest) {
    // Read around the start's UTC date, wide enough for any zone, then keep the local window.
    const day = utcDateOf(request.start);
    const schedule = await this.schedules.load(m, {
      serviceId: request.serviceId,
      staffId: request.staffId,
      from: shiftLocalDate(day, -ALTERNATIVE_WINDOW_DAYS - 1),
      to: shiftLocalDate(day, ALTERNATIVE_WINDOW_DAYS + 1),
      allowInactiveService: true,
    });
    const date = localDateOf(request.start, schedule.tenant.timezone);
    const slots = computeSlots({
      ...schedule.query,
      from: shiftLocalDate(date, -ALTERNATIVE_WINDOW_DAYS),
      to: shiftLocalDate(date, Math.min(ALTERNATIVE_WINDOW_DAYS, MAX_AVAILABILITY_DAYS)),
      now: this.clock.now(),
    });
    return nearestSlots(slots, request.start, ALTERNATIVES).map(toSlotView);
  }

  /**
   * The schedule deciding whether `start` is offered, for its local date: from the busy times
   * `read` before when they cover that date, or read for the UTC dates around it (any zone's
   * local date of `start` is among them), then narrowed.
   */
  async scheduleAround(
    m: EntityManager,
    serviceId: string,
    start: Date,
    staffId: string | undefined,
    options: Pick<ScheduleParams, 'excludeBookingId' | 'allowInactiveService'> & { read?: ReadBefore } = {},
  ): Promise<Schedule> {
    const { read, ...exclusions } = options;
    const catalog = read?.catalog ?? (await this.schedules.catalog(m));
    const date = localDateOf(start, catalog.tenant.timezone);
    const params = { serviceId, staffId, from: date, to: date, ...exclusions };
    const { staff } = serviceAndStaff(catalog, params);
    const known = read?.busy && read.busy.from <= date && date <= read.busy.to ? read.busy : undefined;
    const day = utcDateOf(start);
    const busy =
      known ??
      (await this.schedules.busy(
        m,
        shiftLocalDate(day, -1),
        shiftLocalDate(day, 1),
        staff.map((s) => s.id),
      ));
    return scheduleFor(catalog, busy, params);
  }
}

/** The slot at `start` if the schedule offers it at `now`; refused as `slot_unavailable` otherwise. */
export function offered(schedule: Schedule, start: Date, now: Date): Slot {
  const slot = offeredSlotAt({ ...schedule.query, now }, start);
  if (!slot) throw slotUnavailable();
  return slot;
}

/** The free staff member with the fewest bookings that local day (ties: schedule order). */
export const leastBusy = (slot: Slot, schedule: Schedule, start: Date): string =>
  leastBusyStaff({
    candidates: slot.staffIds,
    staffOrder: schedule.staff.map((s) => s.id),
    bookings: schedule.bookings,
    timezone: schedule.tenant.timezone,
    start,
  });

/** The booking's blocked range as the exclusion constraint reads it. */
export function blockedRangeOf(slot: Slot, service: { bufferBeforeMinutes: number; bufferAfterMinutes: number }): string {
  const blocked = blockedRange(slot.start, slot.end, service);
  return blockedRangeLiteral(blocked.start, blocked.end);
}
