import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking } from '@frontdesk/contracts';
import { isActiveStatus } from '@frontdesk/policies';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { AuditService } from '../audit/audit.service';
import { planReminderRows } from '../reminders/reminder-rows';
import { TenantRow } from '../tenants/tenant-row';
import { BookingAlternatives, blockedRangeOf, leastBusy, offered } from './booking-alternatives.service';
import { depositRequired, notActive, serviceNotOffered } from './booking-errors';
import { refreshRisk } from './booking-risk';
import { BookingsService, STAFF_LOCK_SQL } from './bookings.service';
import { DepositCheckout } from './deposit-checkout';
import type { ReadBefore, Schedule } from './schedule.repository';
import { BookingEntity } from './entities/booking.entity';

/**
 * A change to an existing booking: a new start, staff member or service (any of them). Without
 * `start` the booking keeps its start; without `serviceId`, its service.
 */
export interface BookingChange {
  start?: Date;
  staffId?: string;
  serviceId?: string;
}

/**
 * Moving a booking, or changing its service. Like every booking write, it runs in one tenant
 * transaction that locks the booking, re-checks the new slot against the schedule (the booking's
 * own time excluded) and writes; the exclusion constraint settles any race the re-check cannot
 * see, and a lost race answers 409 `slot_unavailable` with alternatives. A new service ends the
 * booking after its own duration and buffers, must be offered by the staff member taking it
 * (409 `service_not_offered`), and keeps the deposit held — unless its rules ask for more than
 * was paid (409 `deposit_required`: a second payment for the difference is not something this
 * path takes).
 */
@Injectable()
export class BookingChanges {
  constructor(
    private readonly db: Db,
    private readonly bookings: BookingsService,
    private readonly slots: BookingAlternatives,
    private readonly checkout: DepositCheckout,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The business's change (the admin app): any active booking, any time the schedule offers. */
  async change(tenantId: string, id: string, change: BookingChange): Promise<Booking> {
    const current = await this.db.asTenant(tenantId, (m) => this.bookings.view(m, id));
    return this.slots.refusingUnavailable(tenantId, slotWanted(current, change), () =>
      this.db.asTenant(tenantId, async (m) =>
        this.changeIn(m, new TenantRow(m, tenantId), await this.bookings.locked(m, id), change),
      ),
    );
  }

  /**
   * A customer's own change: refused inside the cancellation notice (`too_late`). `read`: what
   * the caller's transaction read already (see `BookingsService.createIn`).
   */
  async customerChangeIn(
    m: EntityManager,
    tenantId: string,
    id: string,
    change: BookingChange,
    read?: ReadBefore,
  ): Promise<Booking> {
    const tenant = new TenantRow(m, tenantId, read?.catalog.tenant);
    const before = await this.bookings.assertCustomerMayChange(m, tenant, id);
    return this.changeIn(m, tenant, before, change, read);
  }

  /** Changes the booking `before`, read under its row lock. */
  private async changeIn(
    m: EntityManager,
    tenant: TenantRow,
    before: Booking,
    change: BookingChange,
    read?: ReadBefore,
  ): Promise<Booking> {
    const { id } = before;
    if (!isActiveStatus(before.status)) throw notActive(`A ${before.status} booking cannot be rescheduled`);
    const serviceId = change.serviceId ?? before.serviceId;
    const newService = serviceId !== before.serviceId;
    // Its Checkout page asks for the old service's deposit: paid or let go first.
    if (newService && before.status === 'pending_payment') {
      throw notActive('A booking waiting for its deposit cannot change its service; pay or cancel it first');
    }
    const start = change.start ?? new Date(before.start);
    const schedule = await this.slots.scheduleAround(m, serviceId, start, change.staffId, {
      excludeBookingId: id,
      // A booking keeps working for its own service deactivated since; a new service must be bookable.
      allowInactiveService: !newService,
      read,
    });
    if (newService && schedule.staff.length === 0) throw serviceNotOffered(notOfferedMessage(schedule, change.staffId));
    const now = this.clock.now();
    const slot = offered(schedule, start, now);
    const staffId =
      change.staffId ?? (slot.staffIds.includes(before.staffId) ? before.staffId : leastBusy(slot, schedule, start));
    if (newService) await this.assertDepositCovers(m, tenant, before, serviceId, slot.start);
    await m.query(STAFF_LOCK_SQL, [staffId]);
    await m.update(
      BookingEntity,
      { id },
      { serviceId, staffId, startAt: slot.start, endAt: slot.end, blocked: blockedRangeOf(slot, schedule.service) },
    );
    // The start is an input of the no-show risk (lead time, day and hour).
    await refreshRisk(m, { bookingIds: [id] }, now);
    const after = await this.bookings.view(m, id);
    const action = newService ? 'booking.change_service' : 'booking.reschedule';
    const audit = this.audit.statement({ tenantId: tenant.id, action, entity: 'booking', entityId: id, before, after });
    await planReminderRows(m, tenant, after, now, { alongside: [audit] });
    return after;
  }

  /**
   * Refuses a new service whose deposit, by the rules a new booking from the same source would
   * meet, is more than this booking paid. A hold asks for its deposit when it is confirmed, so
   * it has nothing to compare yet. Asking less than was paid keeps the deposit as it is.
   */
  private async assertDepositCovers(m: EntityManager, tenant: TenantRow, before: Booking, serviceId: string, start: Date) {
    if (before.status === 'held') return;
    const needed = await this.checkout.depositOf(
      m,
      await tenant.get(),
      { serviceId, customerId: before.customer.id, start, riskTier: before.noShowRisk.tier },
      // An admin booking paid a deposit only when the business asked for one: it is held to the rules too.
      { source: before.source, requestDeposit: before.depositCents > 0 },
    );
    const held = before.paymentStatus === 'paid' ? before.depositCents : 0;
    if (needed.amountCents > held) throw depositRequired(needed.amountCents, held);
  }
}

/** A change as the request body states it (ISO instants). */
export const changeOf = (body: { start?: string; staffId?: string; serviceId?: string }): BookingChange => ({
  start: body.start === undefined ? undefined : new Date(body.start),
  staffId: body.staffId,
  serviceId: body.serviceId,
});

/** The slot a change asks for, as the alternatives of a refusal are searched around. */
export function slotWanted(current: Booking, change: BookingChange) {
  return {
    serviceId: change.serviceId ?? current.serviceId,
    start: change.start ?? new Date(current.start),
    staffId: change.staffId,
  };
}

function notOfferedMessage(schedule: Schedule, staffId: string | undefined): string {
  if (staffId === undefined) return `Nobody here offers ${schedule.service.name}`;
  return `That staff member does not offer ${schedule.service.name}`;
}
