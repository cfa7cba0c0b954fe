import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { LocalDate } from '@frontdesk/contracts';
import { ACTIVE_BOOKING_STATUSES } from '@frontdesk/policies';
import type { BlockedRange, SlotQuery } from '@frontdesk/scheduling';
import { notFound } from '../../common/errors/app-error';
import { OverrideEntity } from '../catalog/entities/override.entity';
import { ServiceEntity } from '../catalog/entities/service.entity';
import { TenantEntity } from '../tenants/entities/tenant.entity';

export interface ScheduleStaff {
  id: string;
  name: string;
  hours: SlotQuery['staff'][number]['hours'];
}

/** Everything the slot engine needs for one service over a range of local dates. */
export interface Schedule {
  tenant: TenantEntity;
  service: ServiceEntity;
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

export function shiftDate(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** The first instant of a local date in the zone. */
export function startOfLocalDate(date: LocalDate, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}

/**
 * Loads, inside the caller's tenant transaction, the hours, overrides, staff and active
 * bookings that decide availability. Reading them in the booking's own transaction is
 * what lets a booking re-check its slot against fresh data.
 */
@Injectable()
export class ScheduleRepository {
  async load(
    m: EntityManager,
    params: {
      tenantId: string;
      serviceId: string;
      staffId?: string;
      from: LocalDate;
      to: LocalDate;
      /** The booking being rescheduled: its own slot does not block it. */
      excludeBookingId?: string;
      /** Rescheduling keeps working for a service that was deactivated since. */
      allowInactiveService?: boolean;
    },
  ): Promise<Schedule> {
    const tenant = await m.findOneOrFail(TenantEntity, { where: { id: params.tenantId } });
    const service = await m.findOne(ServiceEntity, { where: { id: params.serviceId } });
    if (!service || (!service.active && !params.allowInactiveService)) throw notFound('Service');

    if (params.staffId) {
      const exists: unknown[] = await m.query('select 1 from staff where id = $1 and active', [params.staffId]);
      if (exists.length === 0) throw notFound('Staff member');
    }
    const staff: ScheduleStaff[] = await m.query(
      `select s.id, s.name, s.hours from staff s
        where s.active and ($2::uuid is null or s.id = $2)
          and (s.performs_all_services or exists (
                select 1 from staff_services ss where ss.staff_id = s.id and ss.service_id = $1))
        order by s.name, s.id`,
      [service.id, params.staffId ?? null],
    );

    // One day of margin on each side covers zones far from UTC and buffers across midnight.
    const overrides = await m
      .createQueryBuilder(OverrideEntity, 'o')
      .where('o.date between :from and :to', { from: shiftDate(params.from, -1), to: shiftDate(params.to, 1) })
      .getMany();
    const windowStart = startOfLocalDate(shiftDate(params.from, -1), tenant.timezone);
    const windowEnd = startOfLocalDate(shiftDate(params.to, 2), tenant.timezone);
    const rows: { staff_id: string; blocked_start: Date; blocked_end: Date; start_at: Date }[] = staff.length
      ? await m.query(
          `select staff_id, lower(blocked) as blocked_start, upper(blocked) as blocked_end, start_at from bookings
            where status = any($1) and staff_id = any($2) and blocked && tstzrange($3, $4, '[)')
              and ($5::uuid is null or id <> $5)`,
          [ACTIVE_BOOKING_STATUSES, staff.map((s) => s.id), windowStart, windowEnd, params.excludeBookingId ?? null],
        )
      : [];
    const bookings = rows.map((r) => ({ staffId: r.staff_id, blockedStart: r.blocked_start, blockedEnd: r.blocked_end, start: r.start_at }));

    return {
      tenant,
      service,
      staff,
      bookings,
      query: {
        timezone: tenant.timezone,
        from: params.from,
        to: params.to,
        policy: {
          minNoticeMinutes: tenant.minNoticeMinutes,
          maxAdvanceDays: tenant.maxAdvanceDays,
          slotIntervalMinutes: tenant.slotIntervalMinutes,
          sameDayCutoff: hhmm(tenant.sameDayCutoff),
        },
        businessHours: tenant.businessHours,
        service: {
          id: service.id,
          durationMinutes: service.durationMinutes,
          bufferBeforeMinutes: service.bufferBeforeMinutes,
          bufferAfterMinutes: service.bufferAfterMinutes,
        },
        staff: staff.map((s) => ({ id: s.id, hours: s.hours })),
        overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, start: hhmm(o.startTime), end: hhmm(o.endTime), staffId: o.staffId })),
        bookings,
      },
    };
  }
}
