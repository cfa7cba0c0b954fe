import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking, BookingSource, DepositRule, RiskTier } from '@frontdesk/contracts';
import { type Deposit, depositFor } from '@frontdesk/policies';
import { Db } from '../../common/db/db.service';
import { type PaymentGateway, PAYMENT_GATEWAY } from '../payments/payment-gateway';
import { depositSettingsOf, paymentAccountOf } from '../payments/tenant-payments';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import type { TenantSettings } from '../tenants/tenant-row';
import { BookingsRepository } from './bookings.repository';
import { BookingEntity } from './entities/booking.entity';
import { ManageLinks } from './manage-links';

export const NO_DEPOSIT: Deposit = { amountCents: 0, reasons: [] };

/** Sources where the customer books themselves: the ones deposits apply to without being asked. */
const CUSTOMER_SOURCES = new Set<BookingSource>(['web', 'chat', 'sms', 'whatsapp']);

/** A new booking's deposit question: who made it, and whether the business asked for one (admin). */
export interface DepositAsk {
  source: BookingSource;
  requestDeposit?: boolean;
}

interface PendingRow {
  id: string;
  status: string;
  depositCents: number;
  holdExpiresAt: Date | null;
  startAt: Date;
  createdAt: Date;
  version: number;
  serviceName: string;
  openPaymentId: string | null;
}

/**
 * The deposit of a new booking, and its Checkout page. Deciding the deposit runs in the
 * booking's transaction; opening the Checkout Session calls Stripe, so it runs after that
 * transaction committed and records the session in a short one of its own.
 */
@Injectable()
export class DepositCheckout {
  constructor(
    private readonly db: Db,
    private readonly bookings: BookingsRepository,
    private readonly links: ManageLinks,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  /**
   * What a new booking must pay before it counts: nothing unless the business enabled deposits,
   * payments are available, and the customer booked (or the business asked with `requestDeposit`).
   */
  async depositOf(
    m: EntityManager,
    tenant: Pick<TenantSettings, 'depositSettings' | 'currency' | 'timezone'>,
    booking: { serviceId: string; customerId: string; start: Date; riskTier: RiskTier },
    ask: DepositAsk,
  ): Promise<Deposit> {
    const settings = depositSettingsOf(tenant);
    const asked = CUSTOMER_SOURCES.has(ask.source) || ask.requestDeposit === true;
    if (!settings.enabled || !this.gateway.available || !asked) return NO_DEPOSIT;
    const [service] = await m.query<{ priceCents: number; deposit: DepositRule | null }[]>(
      `select price_cents as "priceCents", deposit from services where id = $1`,
      [booking.serviceId],
    );
    const [customer] = await m.query<{ noShowCount: number }[]>(
      `select no_show_count as "noShowCount" from customers where id = $1`,
      [booking.customerId],
    );
    return depositFor({
      settings,
      currency: tenant.currency.toLowerCase(),
      timezone: tenant.timezone,
      service,
      start: booking.start,
      customer,
      riskTier: booking.riskTier,
    });
  }

  /**
   * Opens the Checkout Session of a booking waiting for its deposit (or finds the one opened
   * before: the idempotency key and every parameter are derived from the stored booking, so a
   * retry gets the same session) and records it. Answers the booking as it now stands; one no
   * longer pending is answered as it is.
   */
  async open(tenantId: string, bookingId: string): Promise<Booking> {
    const loaded = await this.db.asTenant(tenantId, async (m) => ({
      tenant: await m.findOneByOrFail(TenantEntity, { id: tenantId }),
      row: await this.pendingRow(m, bookingId),
    }));
    const { tenant, row } = loaded;
    if (row?.status === 'pending_payment' && !row.openPaymentId && row.holdExpiresAt) {
      const account = paymentAccountOf(tenant);
      const manageUrl = this.links.url(row.id, tenantId, row.version, row.startAt, row.createdAt);
      const session = await this.gateway.createCheckoutSession({
        tenantId,
        bookingId: row.id,
        account,
        amountCents: row.depositCents,
        currency: tenant.currency.toLowerCase(),
        description: `Deposit: ${row.serviceName}`,
        expiresAt: checkoutExpiry(row.holdExpiresAt, row.createdAt),
        successUrl: `${manageUrl}?payment=success`,
        cancelUrl: `${manageUrl}?payment=cancelled`,
      });
      await this.db.asTenant(tenantId, (m) =>
        m.query(
          `insert into payments (tenant_id, booking_id, checkout_session_id, stripe_account_id, checkout_url,
                                 amount_cents, currency, application_fee_cents, status, expires_at)
           select $1, $2, $3, $4, $5, $6, $7, $8, 'open', $9
            where exists (select 1 from bookings where id = $2 and status = 'pending_payment')
           on conflict do nothing`,
          [
            tenantId,
            row.id,
            session.id,
            account,
            session.url,
            session.amountTotalCents,
            session.currency,
            session.applicationFeeCents,
            session.expiresAt,
          ],
        ),
      );
    }
    return this.db.asTenant(tenantId, async (m) => {
      const booking = await this.bookings.find(m, bookingId);
      if (!booking) throw new Error(`Booking ${bookingId} vanished while its payment was opened`);
      return booking;
    });
  }

  /**
   * Ends the open Checkout Session of a booking that stopped waiting for its deposit (it was
   * cancelled), after that commit, so it can no longer be paid. A session paid meanwhile stays
   * open here: Stripe's event for it goes through the late-payment rules.
   */
  async close(tenantId: string, bookingId: string): Promise<void> {
    const [open] = await this.db.asTenant(tenantId, (m) =>
      m.query<{ sessionId: string; account: string | null }[]>(
        `select checkout_session_id as "sessionId", stripe_account_id as account from payments
          where booking_id = $1 and status = 'open'`,
        [bookingId],
      ),
    );
    if (!open) return;
    const session = await this.gateway.expireCheckoutSession(open.sessionId, open.account);
    if (session.status !== 'expired') return;
    await this.db.asTenant(tenantId, (m) =>
      m.query(
        `update payments set status = 'expired', closed_at = now(), updated_at = now()
          where checkout_session_id = $1 and status = 'open'`,
        [open.sessionId],
      ),
    );
  }

  private async pendingRow(m: EntityManager, bookingId: string): Promise<PendingRow | undefined> {
    const [row] = await m.query<PendingRow[]>(
      `select b.id, b.status, b.deposit_cents as "depositCents", b.hold_expires_at as "holdExpiresAt",
              b.start_at as "startAt", b.created_at as "createdAt", b.version, s.name as "serviceName",
              (select p.id from payments p where p.tenant_id = b.tenant_id and p.booking_id = b.id and p.status = 'open')
                as "openPaymentId"
         from bookings b join services s on s.tenant_id = b.tenant_id and s.id = b.service_id
        where b.id = $1`,
      [bookingId],
    );
    return row;
  }
}

/** How long past the booking's own deadline its Checkout Session stays open (see `checkoutExpiry`). */
const CHECKOUT_SLACK_MS = 5 * 60_000;
const STRIPE_MAX_SESSION_MS = 24 * 3_600_000;

/**
 * The Checkout Session's `expires_at`. Stripe wants it 30 minutes to 24 hours after the session
 * is made, and the session is made just after the booking commits, so a 30-minute window would
 * be refused by a few milliseconds: the session runs a few minutes past the booking's deadline
 * (capped at 24 hours after the booking). Derived from stored columns only, so a retry sends the
 * same value under the same idempotency key. The payment sweeper ends the session at the
 * booking's own deadline; a payment in between goes through the late-payment rules.
 */
export function checkoutExpiry(deadline: Date, bookedAt: Date): Date {
  return new Date(Math.min(deadline.getTime() + CHECKOUT_SLACK_MS, bookedAt.getTime() + STRIPE_MAX_SESSION_MS));
}

/** The entity columns a pending booking is written with. */
export function pendingPaymentColumns(
  deposit: Deposit,
  windowMinutes: number,
  now: Date,
): Pick<BookingEntity, 'status' | 'paymentStatus' | 'depositCents' | 'depositReasons' | 'holdExpiresAt'> {
  return {
    status: 'pending_payment',
    paymentStatus: 'pending',
    depositCents: deposit.amountCents,
    depositReasons: deposit.reasons,
    holdExpiresAt: new Date(now.getTime() + windowMinutes * 60_000),
  };
}
