import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { Booking } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { conflict } from '../../common/errors/app-error';
import { type PaymentGateway, PAYMENT_GATEWAY, type RefundReason } from '../payments/payment-gateway';
import { paymentHttpError } from '../payments/payment-errors';
import { bookingNotFound } from './booking-errors';
import { BookingsRepository } from './bookings.repository';
import { markRefundDue } from './payment-outcomes';

export const REFUND_SWEEP_INTERVAL_MS = 15_000;
const BATCH = 100;

interface DueRow {
  paymentIntentId: string;
  account: string | null;
  reason: RefundReason;
}

/**
 * Refunds. Deciding one is a mark on the paid payment, in the transaction that decided it
 * (`markRefundDue`); making it calls Stripe after that commit, with the idempotency key derived
 * from the payment, and records it in a short transaction: the refund row, the payment's
 * refunded amount, the booking's `refunded` status. A mark left by a crash or an unreachable
 * Stripe is picked up by the sweep; a deposit is never refunded twice (Stripe answers a repeated
 * key with the first refund, and its id is unique in its tenant's `refunds`).
 */
@Injectable()
export class Refunds {
  private readonly logger = new Logger(Refunds.name);

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingsRepository,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** The owner's refund of a booking's paid deposit: 409 when nothing was paid; a refunded one is answered as it is. */
  async refundBooking(tenantId: string, bookingId: string): Promise<Booking> {
    const paymentId = await this.db.asTenant(tenantId, async (m) => {
      const booking = await this.bookings.lock(m, bookingId);
      if (!booking) throw bookingNotFound();
      if (booking.paymentStatus === 'refunded') return null;
      const payment = await paidPaymentOf(m, bookingId);
      if (booking.paymentStatus !== 'paid' || !payment) throw conflict('This booking has no paid deposit to refund');
      await markRefundDue(m, payment, 'owner');
      return payment;
    });
    if (paymentId) {
      try {
        await this.make(tenantId, paymentId);
      } catch (error) {
        throw paymentHttpError(error);
      }
    }
    return this.db.asTenant(tenantId, async (m) => (await this.bookings.find(m, bookingId))!);
  }

  /** Marks a booking's paid deposit for a full refund, in the caller's transaction; false when none was paid. */
  async markBookingRefundIn(m: EntityManager, bookingId: string, reason: RefundReason): Promise<boolean> {
    const payment = await paidPaymentOf(m, bookingId);
    if (!payment) return false;
    await markRefundDue(m, payment, reason);
    return true;
  }

  /**
   * Makes the refund marked on a booking's payment, after the transaction that marked it; false
   * when none was due or Stripe failed (the mark stays, the sweep retries).
   */
  async makeForBooking(tenantId: string, bookingId: string): Promise<boolean> {
    const [due] = await this.db.asTenant(tenantId, (m) =>
      m.query<{ id: string }[]>(`select id from payments where booking_id = $1 and refund_due_at is not null`, [bookingId]),
    );
    if (!due) return false;
    try {
      return await this.make(tenantId, due.id);
    } catch (error) {
      this.logger.warn(
        `Refund of payment ${due.id} left to the sweep: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  }

  @Interval(REFUND_SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const made = await this.makeDue();
      if (made > 0) this.logger.log(`Made ${made} refund(s)`);
    } catch (error) {
      this.logger.error(`Refund sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Makes every refund marked due; returns how many this call recorded. */
  async makeDue(): Promise<number> {
    let made = 0;
    for (const due of await this.db.refundsDue(BATCH)) {
      try {
        if (await this.make(due.tenantId, due.paymentId)) made++;
      } catch (error) {
        this.logger.warn(
          `Refund of payment ${due.paymentId} not made yet: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return made;
  }

  /** Makes the refund marked on a payment, if still due; true when this call recorded it. */
  async make(tenantId: string, paymentId: string): Promise<boolean> {
    const due = await this.db.asTenant(tenantId, async (m) => {
      const [row] = await m.query<DueRow[]>(
        `select payment_intent_id as "paymentIntentId", stripe_account_id as account, refund_due_reason as reason
           from payments where id = $1 and refund_due_at is not null`,
        [paymentId],
      );
      return row;
    });
    if (!due) return false;
    const refund = await this.gateway.createRefund({ paymentId, ...due });
    return this.db.asTenant(tenantId, async (m) => {
      // The booking before its payment, the order in which a refund is decided (refundBooking, cancels):
      // recording one refund while another request decides it must not deadlock.
      await m.query(`select 1 from bookings where id = (select booking_id from payments where id = $1) for update`, [paymentId]);
      const inserted = await m.query<unknown[]>(
        `insert into refunds (tenant_id, payment_id, stripe_refund_id, amount_cents, reason)
         values ($1, $2, $3, $4, $5) on conflict (stripe_refund_id, tenant_id) do nothing returning 1`,
        [tenantId, paymentId, refund.id, refund.amountCents, due.reason],
      );
      await m.query(
        `update payments
            set refunded_cents = least(amount_cents, (select coalesce(sum(amount_cents), 0) from refunds where payment_id = $1)),
                refund_due_at = null, refund_due_reason = null, updated_at = now()
          where id = $1`,
        [paymentId],
      );
      await m.query(
        `update bookings set payment_status = 'refunded'
          where id = (select booking_id from payments where id = $1) and payment_status = 'paid'
            and not exists (select 1 from payments where booking_id = bookings.id and status = 'paid' and refunded_cents < amount_cents)`,
        [paymentId],
      );
      return inserted.length > 0;
    });
  }
}

/** The booking's paid payment with money left to refund. */
async function paidPaymentOf(m: EntityManager, bookingId: string): Promise<string | undefined> {
  const [row] = await m.query<{ id: string }[]>(
    `select id from payments where booking_id = $1 and status = 'paid' and refunded_cents < amount_cents
      order by paid_at desc limit 1`,
    [bookingId],
  );
  return row?.id;
}
