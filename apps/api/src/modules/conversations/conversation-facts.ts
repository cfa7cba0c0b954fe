import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { WeeklyHours } from '@frontdesk/contracts';
import type { Facts, FactSlot, SlotSearch, UpcomingBooking } from '@frontdesk/conversation';
import { ACTIVE_BOOKING_STATUSES } from '@frontdesk/policies';
import { computeSlots, type SlotQuery } from '@frontdesk/scheduling';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { TenantEntity } from '../tenants/entities/tenant.entity';

export interface CatalogFacts {
  tenant: TenantEntity;
  services: { id: string; name: string; aliases: string[]; durationMinutes: number; priceCents: number }[];
  staff: { id: string; name: string }[];
}

const hhmm = (time: string | null) => (time === null ? null : time.slice(0, 5));

/**
 * Loads, inside the conversation's transaction, everything the engine may need to answer
 * one message: the catalog, the customer's upcoming bookings, and the tenant's schedule over
 * its booking window, from which `findSlots` runs the pure slot engine on demand.
 */
@Injectable()
export class ConversationFacts {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async catalog(m: EntityManager, tenantId: string): Promise<CatalogFacts> {
    const tenant = await m.findOneOrFail(TenantEntity, { where: { id: tenantId } });
    const services: CatalogFacts['services'] = await m.query(
      `select id, name, aliases, duration_minutes as "durationMinutes", price_cents as "priceCents"
         from services where active order by name`,
    );
    const staff: CatalogFacts['staff'] = await m.query(`select id, name from staff where active order by name, id`);
    return { tenant, services, staff };
  }

  async load(m: EntityManager, catalog: CatalogFacts, customer: { id: string; name: string | null; optedOut: boolean }, now: Date): Promise<Facts> {
    const { tenant } = catalog;
    const zone = tenant.timezone;
    const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
    const windowFrom = DateTime.fromISO(today, { zone }).minus({ days: 1 });
    const windowTo = DateTime.fromISO(today, { zone }).plus({ days: tenant.maxAdvanceDays + 2 });

    const staffRows: { id: string; hours: WeeklyHours | null; performs_all_services: boolean; service_ids: string[] | null }[] = await m.query(
      `select s.id, s.hours, s.performs_all_services, array_agg(ss.service_id) filter (where ss.service_id is not null) as service_ids
         from staff s left join staff_services ss on ss.staff_id = s.id
        where s.active group by s.id order by s.name, s.id`,
    );
    const overrides: { date: string; kind: 'open' | 'closed'; start_time: string | null; end_time: string | null; staff_id: string | null }[] =
      await m.query(`select to_char(date, 'YYYY-MM-DD') as date, kind, start_time, end_time, staff_id from overrides where date between $1 and $2`, [
        windowFrom.toISODate(),
        windowTo.toISODate(),
      ]);
    const blocked: { id: string; staff_id: string; blocked_start: Date; blocked_end: Date }[] = await m.query(
      `select id, staff_id, lower(blocked) as blocked_start, upper(blocked) as blocked_end from bookings
        where status = any($1) and blocked && tstzrange($2, $3, '[)')`,
      [ACTIVE_BOOKING_STATUSES, windowFrom.toJSDate(), windowTo.toJSDate()],
    );
    const upcomingRows: { id: string; service_id: string; staff_id: string; start_at: Date; status: UpcomingBooking['status'] }[] = await m.query(
      `select id, service_id, staff_id, start_at, status from bookings
        where customer_id = $1 and status = any($2) and start_at > $3 order by start_at`,
      [customer.id, ACTIVE_BOOKING_STATUSES, now],
    );

    const serviceRows: { id: string; duration_minutes: number; buffer_before_minutes: number; buffer_after_minutes: number }[] = await m.query(
      `select id, duration_minutes, buffer_before_minutes, buffer_after_minutes from services where active`,
    );
    const base: Omit<SlotQuery, 'from' | 'to' | 'service' | 'staff' | 'bookings'> = {
      timezone: zone,
      now,
      policy: {
        minNoticeMinutes: tenant.minNoticeMinutes,
        maxAdvanceDays: tenant.maxAdvanceDays,
        slotIntervalMinutes: tenant.slotIntervalMinutes,
        sameDayCutoff: hhmm(tenant.sameDayCutoff),
      },
      businessHours: tenant.businessHours,
      overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, start: hhmm(o.start_time), end: hhmm(o.end_time), staffId: o.staff_id })),
    };
    const cache = new Map<string, FactSlot[]>();
    const findSlots = (search: SlotSearch): FactSlot[] => {
      const key = JSON.stringify(search);
      const cached = cache.get(key);
      if (cached) return cached;
      const service = serviceRows.find((s) => s.id === search.serviceId);
      if (!service) return [];
      const staff = staffRows.filter(
        (s) => (!search.staffId || s.id === search.staffId) && (s.performs_all_services || (s.service_ids ?? []).includes(service.id)),
      );
      const slots = computeSlots({
        ...base,
        from: search.from,
        to: search.to,
        service: {
          id: service.id,
          durationMinutes: service.duration_minutes,
          bufferBeforeMinutes: service.buffer_before_minutes,
          bufferAfterMinutes: service.buffer_after_minutes,
        },
        staff: staff.map((s) => ({ id: s.id, hours: s.hours })),
        bookings: blocked
          .filter((b) => b.id !== search.excludeBookingId)
          .map((b) => ({ staffId: b.staff_id, blockedStart: b.blocked_start, blockedEnd: b.blocked_end })),
      }).map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), staffIds: s.staffIds }));
      cache.set(key, slots);
      return slots;
    };

    return {
      now,
      business: {
        name: tenant.name,
        timezone: zone,
        currency: tenant.currency,
        bookingUrl: `${this.config.publicBaseUrl}/book/${tenant.slug}`,
        hours: tenant.businessHours,
        maxAdvanceDays: tenant.maxAdvanceDays,
        cancellationNoticeHours: tenant.cancellationNoticeHours,
      },
      services: catalog.services.map(({ id, name, durationMinutes, priceCents }) => ({ id, name, durationMinutes, priceCents })),
      staff: catalog.staff,
      customer: { name: customer.name, optedOut: customer.optedOut },
      upcoming: upcomingRows.map((b) => ({ id: b.id, serviceId: b.service_id, staffId: b.staff_id, start: b.start_at.toISOString(), status: b.status })),
      findSlots,
    };
  }
}
