import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import type { Booking, BookingSource, BookingStatus } from '@frontdesk/contracts';
import { checkCustomerChange, checkTransition, customerCountDeltas, isActiveStatus } from '@frontdesk/policies';
import {
  blockedRange,
  computeSlots,
  type LeastBusyQuery,
  leastBusyStaff,
  nearestSlots,
  offeredSlotAt,
} from '@frontdesk/scheduling';
import { Db, type PipelinedStatement } from '../../common/db/db.service';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { type CustomerInput, CustomersService } from '../customers/customers.service';
import { MAX_AVAILABILITY_DAYS, toSlotView } from './availability.service';
import type { ListBookingsQuery } from './dto/booking.dto';
import { BOOKING_SELECT, findBooking, toBooking } from './booking-views';
import { BookingEntity, blockedRangeLiteral } from './entities/booking.entity';
import { linkExpired, ManageLinks } from './manage-links';
import {
  localDateOf,
  type Schedule,
  type ScheduleParams,
  ScheduleRepository,
  type ScheduleRow,
  shiftDate,
  startOfLocalDate,
} from './schedule.repository';

export interface BookingRequest {
  serviceId: string;
  start: Date;
  staffId?: string;
  customer: CustomerInput;
  notes?: string;
  source: BookingSource;
}

/** Raised inside a booking transaction when the requested start is not offered. */
export class SlotUnavailable extends Error {}

const ALTERNATIVES = 3;

const utcDateOf = (instant: Date) => instant.toISOString().slice(0, 10);
/** Days searched on each side of a refused start for the nearest alternatives. */
const ALTERNATIVE_WINDOW_DAYS = 7;

const pgCode = (error: unknown) =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;

/** A concurrent booking won the slot: the exclusion constraint refused this one. */
export const isOverlapViolation = (error: unknown) => pgCode(error) === '23P01';

/**
 * Postgres gave up on this transaction because of a concurrent one (deadlock, serialization
 * failure): trying again, with fresh data, settles it.
 */
export const isRetryableConflict = (error: unknown) => pgCode(error) === '40P01' || pgCode(error) === '40001';

/**
 * Serialises the writes that give one staff member a blocked range (creating, rescheduling,
 * confirming a hold) on a transaction-level advisory lock, taken just before the write.
 * Without it, two transactions inserting overlapping ranges at the same moment can each find
 * the other's uncommitted row in the exclusion constraint's check and wait for each other:
 * Postgres then aborts one with a deadlock (40P01) after `deadlock_timeout` (1 s) instead of
 * answering the overlap (23P01). With it, the second writer waits for the first to finish and
 * then sees its committed row. Callers take it after any customer row and before any
 * booking insert, never the other way round.
 */
const STAFF_LOCK = (staffParam: string) =>
  `pg_advisory_xact_lock(hashtextextended('bookings.staff:' || ${staffParam}::uuid::text, 0))`;

/**
 * Finds or creates the customer by phone (keeping name and email up to date), takes the staff
 * lock, and inserts the booking, in one statement: the row comes back with its customer.
 */
const INSERT_BOOKING_SQL = `
  with customer as (
    insert into customers (tenant_id, phone, name, email) values ($1, $2, $3, $4)
    on conflict (tenant_id, phone) do update
      set name = coalesce(excluded.name, customers.name),
          email = coalesce(excluded.email, customers.email),
          updated_at = now()
    returning id, name, phone, email),
  staff_lock as (select ${STAFF_LOCK('$6')} from customer),
  booking as (
    insert into bookings (tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source, notes, hold_expires_at)
    select $1::uuid, $5::uuid, $6::uuid, customer.id, $7::text, $8::timestamptz, $9::timestamptz, $10::tstzrange, $11::text, $12::text, $13::timestamptz
      from customer, staff_lock
    returning *)
  select booking.*, customer.name as customer_name, customer.phone as customer_phone, customer.email as customer_email
    from booking, customer`;

const LOCK_STAFF_SQL = `select ${STAFF_LOCK('$1')}`;

/**
 * Creating and changing bookings. Every write runs in one tenant transaction that loads the
 * schedule, re-checks the slot with the pure engine, and writes; the exclusion constraint on
 * `bookings` settles any race the re-check cannot see.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly db: Db,
    private readonly schedules: ScheduleRepository,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
    private readonly links: ManageLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Books an offered slot: `confirmed`, or `held` for `bookingHoldMinutes` when `hold` is set.
   * Three round trips: BEGIN with the schedule, the customer and booking, the audit row with
   * COMMIT. `slug`: the public slug `tenantId` was found by, checked as in `ScheduleParams.slug`
   * before anything is written.
   */
  async create(
    tenantId: string,
    request: BookingRequest,
    options: { hold?: boolean; slug?: string } = {},
  ): Promise<Booking & { manageUrl: string }> {
    const params = { ...this.paramsAround(tenantId, request.serviceId, request.start, request.staffId), slug: options.slug };
    const [text, values] = this.schedules.statement(params);
    const booking = await this.refusingUnavailable(tenantId, request, () =>
      this.db.asTenantPipelined<ScheduleRow, Booking>(tenantId, { text, values }, async (m, rows) => {
        const schedule = this.narrowed(this.schedules.toSchedule(rows[0], params), request.start);
        const view = await this.insert(m, tenantId, schedule, request, options);
        return { result: view, last: this.createdAudit(tenantId, view) };
      }),
    );
    return { ...booking, manageUrl: this.manageUrl(booking, tenantId) };
  }

  /**
   * `create` inside the caller's transaction (the conversation engine's). Throws
   * `SlotUnavailable` when the start is not offered; an overlap violation when a concurrent
   * booking won; the caller decides what to tell the customer.
   */
  async createIn(
    m: EntityManager,
    tenantId: string,
    request: BookingRequest,
    options: { hold?: boolean } = {},
  ): Promise<Booking> {
    const schedule = await this.scheduleAround(m, tenantId, request.serviceId, request.start, request.staffId);
    const view = await this.insert(m, tenantId, schedule, request, options);
    const audit = this.createdAudit(tenantId, view);
    await m.query(audit.text, audit.values);
    return view;
  }

  manageUrl(booking: Booking, tenantId: string): string {
    return this.links.url(booking.id, tenantId, new Date(booking.start));
  }

  list(query: ListBookingsQuery): Promise<{ items: Booking[]; total: number }> {
    return this.db.tx(async (m) => {
      const { tenantId } = getTenantContext();
      const conditions: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (query.from || query.to || query.phone) {
        const [tenant] = await m.query('select timezone, country from tenants where id = $1', [tenantId]);
        if (query.from) conditions.push(`b.start_at >= ${param(startOfLocalDate(query.from, tenant.timezone))}`);
        if (query.to) conditions.push(`b.start_at < ${param(startOfLocalDate(shiftDate(query.to, 1), tenant.timezone))}`);
        if (query.phone) conditions.push(`c.phone = ${param(this.customers.normalise(query.phone, tenant.country, 'phone'))}`);
      }
      const search = query.search?.trim();
      if (search) {
        // As the customers search: part of the name, or 3+ digits of the phone number.
        const name = `c.name ilike ${param(`%${search.replace(/[%_\\]/g, '\\$&')}%`)}`;
        const digits = search.replace(/\D/g, '');
        conditions.push(digits.length >= 3 ? `(${name} or c.phone like ${param(`%${digits}%`)})` : name);
      }
      if (query.status) conditions.push(`b.status = ${param(query.status)}`);
      if (query.staffId) conditions.push(`b.staff_id = ${param(query.staffId)}`);
      const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
      const [{ total }] = await m.query(
        `select count(*)::int as total from bookings b join customers c on c.id = b.customer_id ${where}`,
        params,
      );
      const rows = await m.query(
        `${BOOKING_SELECT} ${where} order by b.start_at, b.id limit ${param(query.limit ?? 100)} offset ${param(query.offset ?? 0)}`,
        params,
      );
      return { items: rows.map(toBooking), total };
    });
  }

  get(id: string): Promise<Booking> {
    return this.db.tx((m) => this.view(m, id));
  }

  cancel(tenantId: string, id: string, reason: string | undefined): Promise<Booking> {
    return this.db.asTenant(tenantId, (m) => this.cancelIn(m, tenantId, id, reason));
  }

  async reschedule(tenantId: string, id: string, start: Date, staffId?: string): Promise<Booking> {
    const current = await this.db.asTenant(tenantId, (m) => this.view(m, id));
    return this.refusingUnavailable(tenantId, { serviceId: current.serviceId, start, staffId }, () =>
      this.db.asTenant(tenantId, (m) => this.rescheduleIn(m, tenantId, id, start, staffId)),
    );
  }

  setStatus(id: string, status: BookingStatus): Promise<Booking> {
    return this.db.tx(async (m) => {
      const { tenantId } = getTenantContext();
      return this.transition(m, tenantId, id, status, 'booking.status');
    });
  }

  /** Turns a held slot into a confirmed booking (the customer said yes, or paid). */
  confirmHold(tenantId: string, id: string): Promise<Booking> {
    return this.db.asTenant(tenantId, (m) => this.confirmHoldIn(m, tenantId, id));
  }

  // ---- manage links (public) ----

  async manageView(token: string) {
    const { bookingId, tenantId } = this.links.verify(token);
    return this.db.asTenant(tenantId, async (m) => {
      const booking = await this.view(m, bookingId, () => new AppError(401, 'link_invalid', 'This link is not valid'));
      if (new Date(booking.start).getTime() <= Date.now()) throw linkExpired();
      const [business] = await m.query(
        'select name, slug, timezone, currency, locale, cancellation_notice_hours from tenants where id = $1',
        [tenantId],
      );
      const verdict = checkCustomerChange({
        status: booking.status,
        start: new Date(booking.start),
        now: new Date(),
        cancellationNoticeHours: business.cancellation_notice_hours,
      });
      return {
        booking,
        business: {
          name: business.name,
          slug: business.slug,
          timezone: business.timezone,
          currency: business.currency,
          locale: business.locale,
        },
        canChange: verdict.ok,
        cancellationNoticeHours: business.cancellation_notice_hours,
      };
    });
  }

  async manageCancel(token: string): Promise<Booking> {
    const { bookingId, tenantId } = this.links.verify(token);
    return this.db.asTenant(tenantId, async (m) => {
      await this.assertCustomerMayChange(m, tenantId, bookingId);
      return this.cancelIn(m, tenantId, bookingId, 'Cancelled by the customer');
    });
  }

  async manageReschedule(token: string, start: Date): Promise<Booking & { manageUrl: string }> {
    const { bookingId, tenantId } = this.links.verify(token);
    const current = await this.db.asTenant(tenantId, async (m) => {
      await this.assertCustomerMayChange(m, tenantId, bookingId);
      return this.view(m, bookingId);
    });
    const booking = await this.refusingUnavailable(tenantId, { serviceId: current.serviceId, start }, () =>
      this.db.asTenant(tenantId, async (m) => {
        await this.assertCustomerMayChange(m, tenantId, bookingId);
        return this.rescheduleIn(m, tenantId, bookingId, start, undefined);
      }),
    );
    return { ...booking, manageUrl: this.manageUrl(booking, tenantId) };
  }

  // ---- inside the conversation engine's transaction ----

  confirmHoldIn(m: EntityManager, tenantId: string, id: string): Promise<Booking> {
    return this.transition(m, tenantId, id, 'confirmed', 'booking.confirm');
  }

  /** Lets a held slot go before its time runs out (the customer changed their mind). */
  releaseHoldIn(m: EntityManager, tenantId: string, id: string): Promise<Booking> {
    return this.transition(m, tenantId, id, 'expired', 'booking.release');
  }

  /** A customer's own cancellation: refused inside the cancellation notice (`too_late`). */
  async customerCancelIn(m: EntityManager, tenantId: string, id: string): Promise<Booking> {
    await this.assertCustomerMayChange(m, tenantId, id);
    return this.cancelIn(m, tenantId, id, 'Cancelled by the customer');
  }

  /** A customer's own reschedule: refused inside the cancellation notice (`too_late`). */
  async customerRescheduleIn(m: EntityManager, tenantId: string, id: string, start: Date, staffId?: string): Promise<Booking> {
    await this.assertCustomerMayChange(m, tenantId, id);
    return this.rescheduleIn(m, tenantId, id, start, staffId);
  }

  // ---- holds ----

  /**
   * Expires holds whose time ran out, across tenants (the worker path). Rows are claimed with
   * FOR UPDATE SKIP LOCKED, so several API processes sweeping at once never touch the same row.
   */
  expireStaleHolds(batchSize = 500): Promise<number> {
    return this.db.crossTenant(async (m) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
      const [expired]: [{ id: string; tenant_id: string; status: BookingStatus }[], number] = await m.query(
        `with stale as (
           select id, status from bookings
            where status in ('held', 'pending_payment') and hold_expires_at <= now()
            order by hold_expires_at
            limit $1
            for update skip locked)
         update bookings b set status = 'expired', updated_at = now()
           from stale
          where b.id = stale.id
          returning b.id, b.tenant_id, stale.status`,
        [batchSize],
      );
      for (const row of expired) {
        await this.audit.record(m, {
          tenantId: row.tenant_id,
          action: 'booking.expire',
          entity: 'booking',
          entityId: row.id,
          before: { status: row.status },
          after: { status: 'expired' },
        });
      }
      return expired.length;
    });
  }

  // ---- internals ----

  private async cancelIn(m: EntityManager, tenantId: string, id: string, reason: string | undefined): Promise<Booking> {
    if (reason !== undefined) await m.query('update bookings set cancel_reason = $2 where id = $1', [id, reason]);
    return this.transition(m, tenantId, id, 'cancelled', 'booking.cancel');
  }

  private async rescheduleIn(
    m: EntityManager,
    tenantId: string,
    id: string,
    start: Date,
    staffId: string | undefined,
  ): Promise<Booking> {
    const before = await this.lock(m, id);
    if (!isActiveStatus(before.status)) throw conflict(`A ${before.status} booking cannot be rescheduled`);
    const now = new Date();
    const schedule = await this.scheduleAround(m, tenantId, before.serviceId, start, staffId, {
      excludeBookingId: id,
      allowInactiveService: true,
    });
    const slot = offeredSlotAt({ ...schedule.query, now }, start);
    if (!slot) throw new SlotUnavailable();
    const newStaffId =
      staffId ??
      (slot.staffIds.includes(before.staffId) ? before.staffId : leastBusyStaff(staffQuery(slot.staffIds, schedule, start)));
    const blocked = blockedRange(slot.start, slot.end, schedule.service);
    await this.lockStaff(m, newStaffId);
    await m.update(
      BookingEntity,
      { id },
      {
        staffId: newStaffId,
        startAt: slot.start,
        endAt: slot.end,
        blocked: blockedRangeLiteral(blocked.start, blocked.end),
      },
    );
    const after = await this.view(m, id);
    await this.audit.record(m, { tenantId, action: 'booking.reschedule', entity: 'booking', entityId: id, before, after });
    return after;
  }

  private async transition(m: EntityManager, tenantId: string, id: string, to: BookingStatus, action: string): Promise<Booking> {
    const before = await this.lock(m, id);
    const verdict = checkTransition(before.status, to, new Date(before.start), new Date());
    if (!verdict.ok) throw conflict(verdict.reason);
    // Its new row version goes through the exclusion constraint's check again.
    if (isActiveStatus(to)) await this.lockStaff(m, before.staffId);
    await m.update(
      BookingEntity,
      { id },
      { status: to, holdExpiresAt: isActiveStatus(to) && to !== 'confirmed' ? undefined : null },
    );
    await this.customers.adjustCounts(m, before.customer.id, customerCountDeltas(before.status, to));
    const after = await this.view(m, id);
    await this.audit.record(m, { tenantId, action, entity: 'booking', entityId: id, before, after });
    return after;
  }

  private async assertCustomerMayChange(m: EntityManager, tenantId: string, bookingId: string): Promise<void> {
    const booking = await this.view(m, bookingId, () => new AppError(401, 'link_invalid', 'This link is not valid'));
    const [tenant] = await m.query('select cancellation_notice_hours from tenants where id = $1', [tenantId]);
    const verdict = checkCustomerChange({
      status: booking.status,
      start: new Date(booking.start),
      now: new Date(),
      cancellationNoticeHours: tenant.cancellation_notice_hours,
    });
    if (verdict.ok) return;
    switch (verdict.reason) {
      case 'expired':
        throw linkExpired();
      case 'too_late':
        throw new AppError(
          409,
          'too_late',
          `Changes are possible up to ${tenant.cancellation_notice_hours} hours before the appointment; please call the business`,
        );
      case 'not_active':
        throw conflict(`This booking is ${booking.status} and can no longer be changed`);
    }
  }

  /**
   * Runs `work`; a start that is not offered, or lost to a concurrent booking, becomes 409 with
   * alternatives. A transaction Postgres aborted for a concurrent one (deadlock, serialization
   * failure) runs once more on fresh data, and counts as lost should that happen again.
   */
  private async refusingUnavailable<T>(
    tenantId: string,
    request: { serviceId: string; start: Date; staffId?: string },
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      try {
        return await work();
      } catch (error) {
        if (!isRetryableConflict(error)) throw error;
        return await work();
      }
    } catch (error) {
      if (!(error instanceof SlotUnavailable) && !isOverlapViolation(error) && !isRetryableConflict(error)) throw error;
      const alternatives = await this.alternatives(tenantId, request);
      throw new AppError(409, 'slot_unavailable', 'That time is not available', { alternatives });
    }
  }

  /** The offered slots nearest to a refused start, read in one round trip of their own. */
  private async alternatives(tenantId: string, request: { serviceId: string; start: Date; staffId?: string }) {
    // Read around the start's UTC date, wide enough for any zone, then keep the local window.
    const day = utcDateOf(request.start);
    const schedule = await this.schedules.read({
      tenantId,
      serviceId: request.serviceId,
      staffId: request.staffId,
      from: shiftDate(day, -ALTERNATIVE_WINDOW_DAYS - 1),
      to: shiftDate(day, ALTERNATIVE_WINDOW_DAYS + 1),
      allowInactiveService: true,
    });
    const date = localDateOf(request.start, schedule.tenant.timezone);
    const query = {
      ...schedule.query,
      from: shiftDate(date, -ALTERNATIVE_WINDOW_DAYS),
      to: shiftDate(date, Math.min(ALTERNATIVE_WINDOW_DAYS, MAX_AVAILABILITY_DAYS)),
    };
    const slots = computeSlots({ ...query, now: new Date() });
    return nearestSlots(slots, request.start, ALTERNATIVES).map(toSlotView);
  }

  /**
   * What decides whether `start` is offered: its local date is not known before the tenant's
   * zone is read, so the schedule is read for the UTC dates around it (any zone's local date
   * of `start` is among them) and `narrowed` to the local date once the zone is known.
   */
  private paramsAround(
    tenantId: string,
    serviceId: string,
    start: Date,
    staffId: string | undefined,
    options: { excludeBookingId?: string; allowInactiveService?: boolean } = {},
  ): ScheduleParams {
    const day = utcDateOf(start);
    return { tenantId, serviceId, staffId, from: shiftDate(day, -1), to: shiftDate(day, 1), ...options };
  }

  /** The schedule of `paramsAround`, for the local date of `start` only. */
  private narrowed(schedule: Schedule, start: Date): Schedule {
    const date = localDateOf(start, schedule.tenant.timezone);
    return { ...schedule, query: { ...schedule.query, from: date, to: date } };
  }

  private async scheduleAround(
    m: EntityManager,
    tenantId: string,
    serviceId: string,
    start: Date,
    staffId: string | undefined,
    options: { excludeBookingId?: string; allowInactiveService?: boolean } = {},
  ): Promise<Schedule> {
    return this.narrowed(await this.schedules.load(m, this.paramsAround(tenantId, serviceId, start, staffId, options)), start);
  }

  /**
   * Re-checks the slot against the schedule read in this transaction and writes the customer
   * and the booking (see INSERT_BOOKING_SQL). Throws `SlotUnavailable` when it is not offered.
   */
  private async insert(
    m: EntityManager,
    tenantId: string,
    schedule: Schedule,
    request: BookingRequest,
    options: { hold?: boolean },
  ): Promise<Booking> {
    const now = new Date();
    const slot = offeredSlotAt({ ...schedule.query, now }, request.start);
    if (!slot) throw new SlotUnavailable();
    const staffId = request.staffId ?? leastBusyStaff(staffQuery(slot.staffIds, schedule, request.start));
    const blocked = blockedRange(slot.start, slot.end, schedule.service);
    const phone = this.customers.normalise(request.customer.phone, schedule.tenant.country);
    const rows = await this.db.prepared(m, INSERT_BOOKING_SQL, [
      tenantId,
      phone,
      request.customer.name?.trim() || null,
      request.customer.email?.trim().toLowerCase() || null,
      schedule.service.id,
      staffId,
      options.hold ? 'held' : 'confirmed',
      slot.start,
      slot.end,
      blockedRangeLiteral(blocked.start, blocked.end),
      request.source,
      request.notes ?? null,
      options.hold ? new Date(now.getTime() + this.config.bookingHoldMinutes * 60_000) : null,
    ]);
    return toBooking(rows[0]);
  }

  private createdAudit(tenantId: string, view: Booking): PipelinedStatement {
    return this.audit.statement({ tenantId, action: 'booking.create', entity: 'booking', entityId: view.id, after: view });
  }

  /** Takes the staff lock (see STAFF_LOCK) before a write that changes a staff member's blocked ranges. */
  private async lockStaff(m: EntityManager, staffId: string): Promise<void> {
    await this.db.prepared(m, LOCK_STAFF_SQL, [staffId]);
  }

  private async lock(m: EntityManager, id: string): Promise<Booking> {
    const locked: unknown[] = await m.query('select id from bookings where id = $1 for update', [id]);
    if (locked.length === 0) throw notFound('Booking');
    return this.view(m, id);
  }

  private async view(m: EntityManager, id: string, missing = () => notFound('Booking')): Promise<Booking> {
    const booking = await findBooking(m, id);
    if (!booking) throw missing();
    return booking;
  }
}

/** Who may take a slot nobody chose staff for: the free ones, least busy that local day first (ties: schedule order). */
const staffQuery = (candidates: string[], schedule: Schedule, start: Date): LeastBusyQuery => ({
  candidates,
  staffOrder: schedule.staff.map((s) => s.id),
  bookings: schedule.bookings,
  timezone: schedule.tenant.timezone,
  start,
});
