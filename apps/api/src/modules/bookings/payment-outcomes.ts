import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking } from '@frontdesk/contracts';
import { customerCountDeltas, isActiveStatus } from '@frontdesk/policies';
import { Clock } from '../../common/clock';
import { AuditService } from '../audit/audit.service';
import { CustomersService } from '../customers/customers.service';
import { planReminderRows } from '../reminders/reminder-rows';
import { TenantRow } from '../tenants/tenant-row';
import type { RefundReason } from '../payments/payment-gateway';
import { BookingAlternatives } from './booking-alternatives.service';
import { refreshRisk } from './booking-risk';
import { BookingsRepository } from './bookings.repository';
import { isSlotLost } from './booking-errors';
import { BookingsService, STAFF_LOCK_SQL } from './bookings.service';
import { BookingEntity } from './entities/booking.entity';
import { PaymentNotices } from './payment-notices';

/** A Checkout Session that was paid, as Stripe (a webhook, or the sweeper asking) reported it. */
export interface PaidSession {
  sessionId: string;
  bookingId: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
  /** The connected account it was paid on; null for the platform. */
  account: string | null;
}

const LATE_ALTERNATIVES = 3;

/**
 * What a settled Checkout Session does to its booking and the ledger, in the caller's tenant
 * transaction (the webhook's, or the sweeper's). Safe in any order and any number of times: a
 * session recorded as paid is never handled twice, and an expiry never undoes a payment. No
 * network here: a refund is marked due and made by the refund worker after commit.
 * Each answers the outcome stored with the webhook event.
 */
@Injectable()
export class PaymentOutcomes {
  constructor(
    private readonly bookings: BookingsService,
    private readonly repository: BookingsRepository,
    private readonly notices: PaymentNotices,
    private readonly slots: BookingAlternatives,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async paid(m: EntityManager, tenantId: string, session: PaidSession): Promise<string> {
    const booking = await this.repository.lock(m, session.bookingId);
    if (!booking) return 'ignored: no such booking';
    const [payment] = await m.query<{ id: string; status: string }[]>(
      `select id, status from payments where checkout_session_id = $1 for update`,
      [session.sessionId],
    );
    if (payment?.status === 'paid') return 'ignored: already recorded as paid';
    const paymentId = payment
      ? (await this.markPaid(m, payment.id, session), payment.id)
      : await this.insertPaid(m, tenantId, session);

    if (booking.status === 'pending_payment') {
      await m.update(BookingEntity, { id: booking.id }, { paymentStatus: 'paid' });
      // A deposit held is an input of the no-show risk.
      await refreshRisk(m, { bookingIds: [booking.id] }, this.clock.now());
      const confirmed = await this.bookings.settlePaymentIn(m, tenantId, booking.id, 'confirmed');
      await this.notices.tell(m, confirmed, { kind: 'confirmed' });
      return 'confirmed';
    }
    if (booking.paymentStatus === 'paid' || booking.paymentStatus === 'refunded') {
      await markRefundDue(m, paymentId, 'late_payment');
      return 'refund due: the booking was paid already';
    }
    if (booking.status === 'confirmed' || booking.status === 'completed' || booking.status === 'no_show') {
      await m.update(BookingEntity, { id: booking.id }, { paymentStatus: 'paid', depositCents: session.amountCents });
      return 'paid';
    }
    const revived = await this.revive(m, tenantId, booking.id);
    if (revived) {
      await m.update(BookingEntity, { id: booking.id }, { paymentStatus: 'paid' });
      await refreshRisk(m, { bookingIds: [booking.id] }, this.clock.now());
      await this.notices.tell(m, revived, { kind: 'confirmed' });
      return 'confirmed late: the slot was still free';
    }
    // The money arrived and goes back: the booking shows it paid until the refund is made.
    await m.update(BookingEntity, { id: booking.id }, { paymentStatus: 'paid' });
    await markRefundDue(m, paymentId, 'late_payment');
    const alternatives = await this.slots
      .alternativesIn(m, { serviceId: booking.serviceId, start: new Date(booking.start) })
      .then((slots) => slots.slice(0, LATE_ALTERNATIVES));
    await this.notices.tell(m, booking, { kind: 'refunded_slot_taken', alternatives });
    return 'refund due: the slot was taken';
  }

  /** The session ended unpaid (expired, or its async payment failed): a booking still waiting lets its slot go. */
  /**
   * A payment arrived for a booking that expired or was cancelled meanwhile: confirmed after
   * all when its slot is still free (the exclusion constraint decides, inside a savepoint);
   * undefined when the slot was taken or the appointment has begun.
   */
  private async revive(m: EntityManager, tenantId: string, id: string): Promise<Booking | undefined> {
    const before = await this.repository.lock(m, id);
    if (!before || isActiveStatus(before.status) || new Date(before.start) <= this.clock.now()) return undefined;
    const { lateCancel } = await m.findOneByOrFail(BookingEntity, { id });
    await m.query(STAFF_LOCK_SQL, [before.staffId]);
    await m.query('savepoint revive');
    try {
      // A cancellation undone by the payment no longer counts, late or not.
      await m.update(BookingEntity, { id }, { status: 'confirmed', holdExpiresAt: null, cancelledAt: null, lateCancel: false });
    } catch (error) {
      if (!isSlotLost(error)) throw error;
      await m.query('rollback to savepoint revive');
      return undefined;
    }
    await m.query('release savepoint revive');
    await this.customers.adjustCounts(m, before.customer.id, {
      ...customerCountDeltas(before.status, 'confirmed'),
      lateCancels: lateCancel ? -1 : 0,
    });
    await refreshRisk(m, { customerId: before.customer.id }, this.clock.now());
    const after = await this.bookings.view(m, id);
    await this.audit.record(m, { tenantId, action: 'booking.paid_late', entity: 'booking', entityId: id, before, after });
    await planReminderRows(m, new TenantRow(m, tenantId), after, this.clock.now());
    return after;
  }

  async lapsed(m: EntityManager, tenantId: string, sessionId: string | null, bookingId: string): Promise<string> {
    if (sessionId) {
      await m.query(
        `update payments set status = 'expired', closed_at = now(), updated_at = now()
                    where checkout_session_id = $1 and status = 'open'`,
        [sessionId],
      );
    }
    const booking = await this.repository.lock(m, bookingId);
    if (!booking) return 'ignored: no such booking';
    if (booking.status !== 'pending_payment') return `ignored: the booking is ${booking.status}`;
    const [paid] = await m.query<unknown[]>(`select 1 from payments where booking_id = $1 and status = 'paid'`, [bookingId]);
    if (paid) return 'ignored: the booking has a paid session';
    await m.update(BookingEntity, { id: bookingId }, { paymentStatus: 'none' });
    const expired = await this.bookings.settlePaymentIn(m, tenantId, bookingId, 'expired');
    await this.notices.tell(m, expired, { kind: 'expired' });
    return 'expired';
  }

  private async markPaid(m: EntityManager, paymentId: string, session: PaidSession): Promise<void> {
    await m.query(
      `update payments set status = 'paid', payment_intent_id = $2, paid_at = now(), closed_at = coalesce(closed_at, now()),
                           updated_at = now()
        where id = $1`,
      [paymentId, session.paymentIntentId],
    );
  }

  /** A paid session we never recorded (its creation's answer was lost, or the booking was let go meanwhile). */
  private async insertPaid(m: EntityManager, tenantId: string, session: PaidSession): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `insert into payments (tenant_id, booking_id, checkout_session_id, stripe_account_id, payment_intent_id, checkout_url,
                             amount_cents, currency, status, expires_at, paid_at, closed_at)
       values ($1, $2, $3, $4, $5, '', $6, $7, 'paid', now(), now(), now())
       returning id`,
      [
        tenantId,
        session.bookingId,
        session.sessionId,
        session.account,
        session.paymentIntentId,
        session.amountCents,
        session.currency,
      ],
    );
    return row.id;
  }
}

/** Marks a paid payment for a full refund the refund worker makes after commit. */
export async function markRefundDue(m: EntityManager, paymentId: string, reason: RefundReason): Promise<void> {
  await m.query(
    `update payments set refund_due_at = coalesce(refund_due_at, now()), refund_due_reason = coalesce(refund_due_reason, $2),
                         updated_at = now()
      where id = $1 and status = 'paid' and refunded_cents < amount_cents`,
    [paymentId, reason],
  );
}
