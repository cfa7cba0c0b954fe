import { Injectable } from '@nestjs/common';
import type { AvailabilityResponse, AvailableSlot } from '@frontdesk/contracts';
import { computeSlots, type Slot, validateDateRange } from '@frontdesk/scheduling';
import { Db } from '../../common/db/db.service';
import { validationFailed } from '../../common/errors/app-error';
import type { AvailabilityQuery } from './dto/availability.dto';
import { ScheduleRepository } from './schedule.repository';

/** `from`/`to` may be at most this many days apart. */
export const MAX_AVAILABILITY_DAYS = 31;

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
let cachedDay = NaN;
let cachedDayPrefix = '';

/**
 * The text of `Date#toISOString`, several times faster: a page of slots spans few UTC days,
 * so the date part is formatted once per day and the time part from whole numbers.
 * `toISOString` was a tenth of an availability request's CPU time.
 */
export function isoInstant(instant: Date): string {
  const ms = instant.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, -13);
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${cachedDayPrefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}

export const toSlotView = (slot: Slot): AvailableSlot => ({
  start: isoInstant(slot.start),
  end: isoInstant(slot.end),
  staffIds: slot.staffIds,
});

@Injectable()
export class AvailabilityService {
  constructor(
    private readonly db: Db,
    private readonly schedules: ScheduleRepository,
  ) {}

  async availability(tenantId: string, query: AvailabilityQuery): Promise<AvailabilityResponse> {
    const problems = validateDateRange(query, MAX_AVAILABILITY_DAYS);
    if (problems.length) throw validationFailed(problems);
    const schedule = await this.db.asTenant(tenantId, (m) =>
      this.schedules.load(m, {
        serviceId: query.serviceId,
        staffId: query.staffId,
        from: query.from,
        to: query.to,
        excludeBookingId: query.excludeBookingId,
      }),
    );
    const slots = computeSlots({ ...schedule.query, now: new Date() });
    return { timezone: schedule.tenant.timezone, serviceId: schedule.service.id, slots: slots.map(toSlotView) };
  }
}
