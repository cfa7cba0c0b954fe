import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Booking, BookingSource, BookingStatus, CreatedBooking } from '@frontdesk/contracts';
import {
  checkCustomerChange,
  checkTransition,
  customerCountDeltas,
  isActiveStatus,
  isHoldStatus,
  isLateCancel,
  refundsOnCancel,
} from '@frontdesk/policies';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { Metrics } from '../metrics/metrics.service';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { countsUpdate, type CustomerInput, CustomersService } from '../customers/customers.service';
import { BookingAlternatives, blockedRangeOf, leastBusy, offered } from './booking-alternatives.service';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { TenantRow } from '../tenants/tenant-row';
import { appointmentStarted, bookingNotFound, notActive, tooLate } from './booking-errors';
import { BookingsRepository, bookingView } from './bookings.repository';
import { insertScored, refreshRisk, riskColumns } from './booking-risk';
import type { ListBookingsQuery } from './dto/booking.dto';
import type { ReadBefore } from './schedule.repository';
import { BookingEntity, FIRST_BOOKING_VERSION } from './entities/booking.entity';
import { type Answer, IdempotencyKeys, type IdempotentRequest } from './idempotency-keys';
import { ManageLinks } from './manage-links';
import { planReminderRows } from '../reminders/reminder-rows';
import { DepositCheckout, NO_DEPOSIT, pendingPaymentColumns } from './deposit-checkout';
import { Refunds } from './refunds';
import { paymentHttpError } from '../payments/payment-errors';
import { PaymentGatewayError } from '../payments/payment-gateway';
import { depositSettingsOf } from '../payments/tenant-payments';

export interface BookingRequest {
  serviceId: string;
  start: Date;
  staffId?: string;
  customer: CustomerInput;
  notes?: string;
  source: BookingSource;
  /** Admin bookings: ask the customer for the deposit the rules set (customers' own bookings always are). */
  requestDeposit?: boolean;
}

/** Where anyone may book under any phone number: what they type does not change the customer's record. */
const PUBLIC_SOURCES = new Set<BookingSource>(['web', 'chat']);

/**
 * Serialises the writes that give one staff member a blocked range (creating, rescheduling,
 * confirming a hold) on a transaction-level advisory lock, taken just before the write.
 * Without it, two transactions inserting overlapping ranges at the same moment can each find
 * the other's uncommitted row in the exclusion constraint's check and wait for each other:
 * Postgres then aborts one with a deadlock (40P01) after `deadlock_timeout` (1 s) instead of
 * answering the overlap (23P01). With it, the second writer waits for the first to finish and
 * then sees its committed row. Taken after the customer row and before the booking write.
 */
export const STAFF_LOCK_SQL = `select pg_advisory_xact_lock(hashtextextended('bookings.staff:' || $1::uuid::text, 0))`;

/**
 * Creating and changing bookings. Every write runs in one tenant transaction that loads the
 * schedule, re-checks the slot with the pure engine, and writes; the exclusion constraint on
 * `bookings` settles any race the re-check cannot see. Refusals are `BookingRefused`, with a
 * typed reason the conversation engine explains and an HTTP status the API answers with.
 */
@Injectable()
export class BookingsService {
  private readonly logger = new Logger(BookingsService.name);

  constructor(
    private readonly db: Db,
    private readonly slots: BookingAlternatives,
    private readonly bookings: BookingsRepository,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
    private readonly links: ManageLinks,
    private readonly idempotency: IdempotencyKeys,
    private readonly checkout: DepositCheckout,
    private readonly refunds: Refunds,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Books an offered slot, `confirmed` (or `held` for `bookingHoldMinutes` when `hold` is set),
   * and answers 201 with its manage link. With `idempotency`, a repeat of the request answers
   * what the first one did and books nothing.
   */
  async create(
    tenantId: string,
    request: BookingRequest,
    options: { hold?: boolean; idempotency?: IdempotentRequest } = {},
  ): Promise<Answer<CreatedBooking>> {
    const answer = await this.slots.refusingUnavailable(tenantId, request, () =>
      this.db.asTenant(tenantId, (m) =>
        this.idempotency.once(m, tenantId, options.idempotency, 201, async () => {
          const booking = await this.createIn(m, tenantId, request, options);
          const manageUrl = this.links.url(booking.id, tenantId, FIRST_BOOKING_VERSION, new Date(booking.start));
          return { ...booking, manageUrl };
        }),
      ),
    );
    if (answer.body.status !== 'pending_payment') return answer;
    // The stored answer predates the Checkout Session: every answer (a replay too) reads the
    // booking's payment afresh, and `openPayment` gets the same session for the same booking.
    return { ...answer, body: { ...(await this.openPayment(tenantId, answer.body.id)), manageUrl: answer.body.manageUrl } };
  }

  /**
   * Opens the Checkout Session of a booking waiting for its deposit (after its transaction
   * committed). Should Stripe fail, the booking lets its slot go (`expired`) rather than hold
   * it with no way to pay, and the caller gets 502 `payment_provider_error`.
   */
  async openPayment(tenantId: string, id: string): Promise<Booking> {
    try {
      return await this.checkout.open(tenantId, id);
    } catch (error) {
      // A conflict is this booking's own session being made by a concurrent request (the same
      // idempotency key): that one records it; the sweeper settles the booking if nobody does.
      if (error instanceof PaymentGatewayError && error.kind === 'conflict') throw paymentHttpError(error);
      await this.db.asTenant(tenantId, async (m) => {
        const booking = await this.bookings.lock(m, id);
        if (booking?.status === 'pending_payment') {
          await this.transition(m, new TenantRow(m, tenantId), booking, 'expired', 'booking.payment_unavailable');
        }
      });
      throw paymentHttpError(error);
    }
  }

  /**
   * `create` inside the caller's transaction (the conversation engine's, which `read` the catalog
   * and schedule before). `customer`: the record of `request.customer`'s phone as the caller's
   * transaction just wrote it, with nothing left to bring up to date: booked for without
   * writing it again.
   */
  async createIn(
    m: EntityManager,
    tenantId: string,
    request: BookingRequest,
    options: { hold?: boolean; read?: ReadBefore; customer?: Booking['customer'] } = {},
  ): Promise<Booking> {
    const now = this.clock.now();
    const schedule = await this.slots.scheduleAround(m, request.serviceId, request.start, request.staffId, {
      read: options.read,
    });
    const slot = offered(schedule, request.start, now);
    const staffId = request.staffId ?? leastBusy(slot, schedule, request.start);
    // A public booking (booking page, web chat) keeps what was typed on the booking itself and
    // leaves an existing customer's record alone; staff and verified channels update it.
    const typed = PUBLIC_SOURCES.has(request.source);
    const customer =
      options.customer ?? (await this.customers.upsert(m, schedule.tenant, request.customer, { keepRecord: typed }));
    const tenant = new TenantRow(m, tenantId, options.read?.catalog.tenant);
    await m.query(STAFF_LOCK_SQL, [staffId]);
    const values = {
      tenantId,
      serviceId: schedule.service.id,
      staffId,
      customerId: customer.id,
      status: options.hold ? ('held' as const) : ('confirmed' as const),
      startAt: slot.start,
      endAt: slot.end,
      blocked: blockedRangeOf(slot, schedule.service),
      source: request.source,
      depositCents: 0,
      paymentStatus: 'none' as const,
      notes: request.notes ?? null,
      customerConfirmedAt: null,
      customerName: typed ? request.customer.name?.trim() || null : null,
      customerEmail: typed ? request.customer.email?.trim().toLowerCase() || null : null,
      depositReasons: [] as string[],
      holdExpiresAt: options.hold ? new Date(now.getTime() + this.config.bookingHoldMinutes * 60_000) : null,
    };
    const insert = m.createQueryBuilder().insert().into(BookingEntity).values(values).returning('*');
    // The id and timestamps come back with the score: nothing to read again.
    const { risk, unstored, ...generated } = await insertScored(m, insert.getQueryAndParameters(), customer.id, this.clock.now());
    // Counted at the insert, inside the caller's transaction: the rare one rolled back afterwards
    // (a chat turn failing after it) is counted too.
    this.metrics.bookingCreated(values.source, values.status);
    // The deposit rules read the risk tier at booking time (the high-risk rule), so the booking is
    // scored first and turned into one waiting for its deposit after. A hold (chat) asks for its
    // deposit when it is confirmed, not when the slot is held.
    const deposit = options.hold
      ? NO_DEPOSIT
      : await this.checkout.depositOf(
          m,
          await tenant.get(),
          { serviceId: schedule.service.id, customerId: customer.id, start: slot.start, riskTier: risk.tier },
          request,
        );
    const pending =
      deposit.amountCents > 0
        ? pendingPaymentColumns(deposit, depositSettingsOf(await tenant.get()).paymentWindowMinutes, now)
        : {};
    if (deposit.amountCents > 0) await m.update(BookingEntity, { id: generated.id }, pending);
    const view = bookingView(
      { ...values, ...pending, ...generated, riskScore: risk.score, riskTier: risk.tier, riskReasons: risk.reasons },
      {
        ...customer,
        name: values.customerName ?? customer.name,
        email: values.customerEmail ?? customer.email,
      },
    );
    const audit = this.audit.statement({
      tenantId,
      action: 'booking.create',
      entity: 'booking',
      entityId: view.id,
      after: view,
    });
    // Also when not confirmed: scoring the new booking into the high tier planned its reminders
    // while it was still `confirmed`, and one now waiting for its deposit must have none.
    const alongside = unstored ? [unstored, audit] : [audit];
    await planReminderRows(m, tenant, view, this.clock.now(), { hadNone: options.hold, alongside });
    return view;
  }

  list(tenantId: string, query: ListBookingsQuery): Promise<{ items: Booking[]; total: number }> {
    return this.db.asTenant(tenantId, async (m) => {
      const tenant = await m.findOneByOrFail(TenantEntity, { id: tenantId });
      const phone = query.phone === undefined ? undefined : this.customers.normalise(query.phone, tenant.country, 'phone');
      return this.bookings.list(m, tenant, { ...query, phone });
    });
  }

  get(tenantId: string, id: string): Promise<Booking> {
    return this.db.asTenant(tenantId, (m) => this.view(m, id));
  }

  async cancel(tenantId: string, id: string, reason: string | undefined): Promise<Booking> {
    const cancelled = await this.db.asTenant(tenantId, async (m) =>
      this.cancelIn(m, new TenantRow(m, tenantId), await this.locked(m, id), reason),
    );
    return this.afterCancel(tenantId, cancelled);
  }

  /**
   * What a cancellation leaves for after its commit: the refund it decided (should Stripe fail,
   * it stays due for the refund sweep), or the Checkout Session of a booking that was still
   * waiting for its deposit (expired at Stripe so it cannot be paid after). Answers the booking
   * as it then stands.
   */
  async afterCancel(tenantId: string, cancelled: Booking): Promise<Booking> {
    if (cancelled.paymentStatus !== 'paid') {
      await this.closePayment(tenantId, cancelled.id);
      return cancelled;
    }
    const made = await this.refunds.makeForBooking(tenantId, cancelled.id);
    return made ? this.get(tenantId, cancelled.id) : cancelled;
  }

  /**
   * Ends the open Checkout Session of a booking no longer waiting for its deposit, after the
   * commit that let it go. Should Stripe fail, the session runs out at its own `expires_at`, and
   * a payment made meanwhile goes through the late-payment rules.
   */
  async closePayment(tenantId: string, id: string): Promise<void> {
    await this.checkout.close(tenantId, id).catch((error: unknown) => {
      this.logger.warn(`Checkout of booking ${id} left open: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  setStatus(tenantId: string, id: string, status: BookingStatus): Promise<Booking> {
    return this.db.asTenant(tenantId, async (m) =>
      this.transition(m, new TenantRow(m, tenantId), await this.locked(m, id), status, 'booking.status'),
    );
  }

  /**
   * Turns a held slot into a confirmed booking (the customer said yes), or into one waiting for
   * its deposit (`pending_payment`) when the rules ask for one: the caller opens its Checkout
   * page with `openPayment` once its transaction committed. `read`: what the caller's
   * transaction read already (see `createIn`): the tenant's settings are not read again.
   */
  async confirmHoldIn(m: EntityManager, tenantId: string, id: string, read?: ReadBefore): Promise<Booking> {
    const tenant = new TenantRow(m, tenantId, read?.catalog.tenant);
    const held = await this.locked(m, id);
    if (held.status !== 'held') return this.transition(m, tenant, held, 'confirmed', 'booking.confirm');
    // Scored before the deposit is decided (the high-risk rule), the customer's other bookings
    // with it: the transition records no outcome to score them again for, and writes this one's.
    const now = this.clock.now();
    const risk = (await refreshRisk(m, { customerId: held.customer.id }, now, { storedByCaller: id })).get(id);
    const scoredColumns = risk ? riskColumns(risk) : {};
    const settings = await tenant.get();
    const riskTier = risk?.tier ?? held.noShowRisk.tier;
    const booking = { serviceId: held.serviceId, customerId: held.customer.id, start: new Date(held.start), riskTier };
    const deposit = await this.checkout.depositOf(m, settings, booking, held);
    if (deposit.amountCents === 0) {
      return this.transition(m, tenant, held, 'confirmed', 'booking.confirm', { columns: scoredColumns, scored: true });
    }
    const windowMinutes = depositSettingsOf(settings).paymentWindowMinutes;
    const { status: _pending, ...pending } = pendingPaymentColumns(deposit, windowMinutes, now);
    const columns = { ...scoredColumns, ...pending };
    return this.transition(m, tenant, held, 'pending_payment', 'booking.await_payment', { columns, scored: true });
  }

  /** Lets a held slot go before its time runs out (the customer changed their mind). */
  async releaseHoldIn(m: EntityManager, tenantId: string, id: string): Promise<Booking> {
    return this.transition(m, new TenantRow(m, tenantId), await this.locked(m, id), 'expired', 'booking.release');
  }

  /** Marks a confirmed booking that ended at or before `cutoff` completed (the sweeper); false when someone set a status first. */
  completeFinished(tenantId: string, id: string, cutoff: Date): Promise<boolean> {
    return this.db.asTenant(tenantId, async (m) => {
      const booking = await this.bookings.lock(m, id);
      if (booking?.status !== 'confirmed' || new Date(booking.end) > cutoff) return false;
      await this.transition(m, new TenantRow(m, tenantId), booking, 'completed', 'booking.auto_complete');
      return true;
    });
  }

  /** Expires a hold or payment window that ran out (the sweeper); false when it was settled meanwhile. */
  expireHold(tenantId: string, id: string): Promise<boolean> {
    return this.db.asTenant(tenantId, async (m) => {
      const row = await m.findOne(BookingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const ranOut = row?.holdExpiresAt && row.holdExpiresAt <= this.clock.now() && isHoldStatus(row.status);
      if (!ranOut) return false;
      await this.transition(m, new TenantRow(m, tenantId), await this.locked(m, id), 'expired', 'booking.expire');
      return true;
    });
  }

  /**
   * A booking waiting for its deposit settled: `confirmed` once paid, `expired` when its window
   * ended unpaid. Goes through the same transition as any confirmation.
   */
  async settlePaymentIn(m: EntityManager, tenantId: string, id: string, to: 'confirmed' | 'expired'): Promise<Booking> {
    const action = to === 'confirmed' ? 'booking.paid' : 'booking.payment_expired';
    return this.transition(m, new TenantRow(m, tenantId), await this.locked(m, id), to, action);
  }

  /**
   * A customer's own cancellation: refused inside the cancellation notice (`too_late`). `read`:
   * what the caller's transaction read already (see `createIn`).
   */
  async customerCancelIn(m: EntityManager, tenantId: string, id: string, read?: ReadBefore): Promise<Booking> {
    const tenant = new TenantRow(m, tenantId, read?.catalog.tenant);
    const booking = await this.assertCustomerMayChange(m, tenant, id);
    return this.cancelIn(m, tenant, booking, 'Cancelled by the customer');
  }

  /**
   * Refuses a customer's change to `bookingId` unless `checkCustomerChange` allows it; answers
   * the booking, its row locked until the transaction ends.
   */
  async assertCustomerMayChange(m: EntityManager, tenant: TenantRow, bookingId: string): Promise<Booking> {
    const booking = await this.locked(m, bookingId);
    const cancellationNoticeHours = await tenant.cancellationNoticeHours();
    const verdict = checkCustomerChange({
      status: booking.status,
      start: new Date(booking.start),
      now: this.clock.now(),
      cancellationNoticeHours,
    });
    if (verdict.ok) return booking;
    switch (verdict.reason) {
      case 'expired':
        throw appointmentStarted();
      case 'too_late':
        throw tooLate(cancellationNoticeHours);
      case 'not_active':
        throw notActive(`This booking is ${booking.status} and can no longer be changed`);
    }
  }

  async view(m: EntityManager, id: string): Promise<Booking> {
    const booking = await this.bookings.find(m, id);
    if (!booking) throw bookingNotFound();
    return booking;
  }

  /** The booking, its row locked until the transaction ends. */
  async locked(m: EntityManager, id: string): Promise<Booking> {
    const booking = await this.bookings.lock(m, id);
    if (!booking) throw bookingNotFound();
    return booking;
  }

  // ---- internals ----

  private async cancelIn(m: EntityManager, tenant: TenantRow, before: Booking, reason: string | undefined): Promise<Booking> {
    const columns = {
      ...(reason !== undefined && { cancelReason: reason }),
      // Nothing was paid and nothing will be: its session is expired after commit (`afterCancel`).
      ...(before.paymentStatus === 'pending' && { paymentStatus: 'none' as const }),
    };
    const cancelled = await this.transition(m, tenant, before, 'cancelled', 'booking.cancel', { columns });
    // Only a deposit paid is refunded: the deposit settings are read for one.
    if (cancelled.paymentStatus !== 'paid') return cancelled;
    const timely = refundsOnCancel({
      paid: true,
      refundOnTimelyCancel: depositSettingsOf(await tenant.get()).refundOnTimelyCancel,
      start: new Date(cancelled.start),
      now: this.clock.now(),
      cancellationNoticeHours: await tenant.cancellationNoticeHours(),
    });
    if (timely) await this.refunds.markBookingRefundIn(m, cancelled.id, 'timely_cancel');
    return cancelled;
  }

  /**
   * Moves the booking `before` (read under its row lock) to status `to`, with `columns` written
   * in the same update. `scored`: the caller scored the customer's bookings just before, and the
   * transition records no outcome that would change their scores.
   */
  private async transition(
    m: EntityManager,
    tenant: TenantRow,
    before: Booking,
    to: BookingStatus,
    action: string,
    { columns = {}, scored = false }: { columns?: QueryDeepPartialEntity<BookingEntity>; scored?: boolean } = {},
  ): Promise<Booking> {
    const { id } = before;
    const now = this.clock.now();
    const verdict = checkTransition(before.status, to, new Date(before.start), now);
    if (!verdict.ok) throw notActive(verdict.reason);
    // Its new row version goes through the exclusion constraint's check again.
    if (isActiveStatus(to)) await m.query(STAFF_LOCK_SQL, [before.staffId]);
    const lateCancel = to === 'cancelled' && isLateCancel(new Date(before.start), now, await tenant.cancellationNoticeHours());
    const set = {
      status: to,
      ...(isHoldStatus(to) ? {} : { holdExpiresAt: null }),
      ...(to === 'cancelled' ? { cancelledAt: now, lateCancel } : {}),
      ...columns,
    };
    // The customer's counts move in the same statement.
    const deltas = { ...customerCountDeltas(before.status, to), lateCancels: lateCancel ? 1 : 0 };
    let after = await this.bookings.update(m, id, set, countsUpdate(before.customer.id, deltas));
    if (!after) throw bookingNotFound();
    // An outcome changes the customer's history: every booking of theirs still ahead is scored
    // again, this one too while it stays active (read again with its new score).
    const scores = scored ? undefined : await refreshRisk(m, { customerId: before.customer.id }, this.clock.now());
    if (scores?.has(id)) after = await this.view(m, id);
    const audit = this.audit.statement({ tenantId: tenant.id, action, entity: 'booking', entityId: id, before, after });
    // Confirmed: reminders planned; cancelled, expired, done: the unsent ones dropped.
    await planReminderRows(m, tenant, after, this.clock.now(), { hadNone: before.status === 'held', alongside: [audit] });
    return after;
  }
}
