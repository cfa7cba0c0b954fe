import { Injectable } from '@nestjs/common';
import type { AvailabilityResponse, AvailableSlot } from '@frontdesk/contracts';
import { computeSlots, type Slot, validateDateRange } from '@frontdesk/scheduling';
import { Db } from '../../common/db/db.service';
import { validationFailed } from '../../common/errors/app-error';
import type { AvailabilityQuery } from './dto/availability.dto';
import { ScheduleRepository } from './schedule.repository';

/** `from`/`to` may be at most this many days apart. */
export const MAX_AVAILABILITY_DAYS = 31;

export const toSlotView = (slot: Slot): AvailableSlot => ({
  start: slot.start.toISOString(),
  end: slot.end.toISOString(),
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
    return this.db.asTenant(tenantId, async (m) => {
      const schedule = await this.schedules.load(m, { tenantId, serviceId: query.serviceId, staffId: query.staffId, from: query.from, to: query.to });
      const slots = computeSlots({ ...schedule.query, now: new Date() });
      return { timezone: schedule.tenant.timezone, serviceId: schedule.service.id, slots: slots.map(toSlotView) };
    });
  }
}
