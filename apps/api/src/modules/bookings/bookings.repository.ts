import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking } from '@frontdesk/contracts';
import { shiftParameters, type Statement } from '../../common/db/statement';
import type { ListBookingsQuery } from './dto/booking.dto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { BookingEntity } from './entities/booking.entity';
import { shiftLocalDate } from '@frontdesk/scheduling';
import { startOfLocalDate } from './schedule.repository';

/** A booking row with its customer, as `BOOKING_SELECT` reads it. */
interface BookingRow extends BookingFields, PendingPayment {
  customerId: string;
  customerName: string | null;
  customerPhone: string;
  customerEmail: string | null;
}

/** Bookings read from `source` (the table, or an update's returned rows) with their customer and open payment. */
const bookingSelect = (source: string) => `
  select b.id, b.status, b.service_id as "serviceId", b.staff_id as "staffId", b.start_at as "startAt", b.end_at as "endAt",
         b.source, b.deposit_cents as "depositCents", b.payment_status as "paymentStatus", b.notes,
         b.customer_confirmed_at as "customerConfirmedAt",
         b.risk_score as "riskScore", b.risk_tier as "riskTier", b.risk_reasons as "riskReasons",
         b.created_at as "createdAt", b.updated_at as "updatedAt", b.customer_id as "customerId",
         coalesce(b.customer_name, c.name) as "customerName", c.phone as "customerPhone",
         coalesce(b.customer_email, c.email) as "customerEmail",
         p.checkout_url as "paymentUrl", case when p.id is not null then b.hold_expires_at end as "paymentExpiresAt"
    from ${source} b join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
    left join payments p on p.tenant_id = b.tenant_id and p.booking_id = b.id and p.status = 'open'
                        and b.status = 'pending_payment'`;
const BOOKING_SELECT = bookingSelect('bookings');

type BookingFields = Pick<
  BookingEntity,
  | 'id'
  | 'status'
  | 'serviceId'
  | 'staffId'
  | 'startAt'
  | 'endAt'
  | 'source'
  | 'depositCents'
  | 'paymentStatus'
  | 'notes'
  | 'customerConfirmedAt'
  | 'riskScore'
  | 'riskTier'
  | 'riskReasons'
  | 'createdAt'
  | 'updatedAt'
>;

/** The open Checkout page of a booking waiting for its deposit. */
export interface PendingPayment {
  paymentUrl: string | null;
  paymentExpiresAt: Date | null;
}

const NO_PENDING_PAYMENT: PendingPayment = { paymentUrl: null, paymentExpiresAt: null };

/** A booking in the contract's shape, from its columns and its customer (a row read, or one just written). */
export const bookingView = (
  b: BookingFields,
  customer: Booking['customer'],
  payment: PendingPayment = NO_PENDING_PAYMENT,
): Booking => ({
  id: b.id,
  status: b.status,
  serviceId: b.serviceId,
  staffId: b.staffId,
  start: b.startAt.toISOString(),
  end: b.endAt.toISOString(),
  customer,
  source: b.source,
  depositCents: b.depositCents,
  paymentStatus: b.paymentStatus,
  paymentUrl: payment.paymentUrl,
  paymentExpiresAt: payment.paymentExpiresAt?.toISOString() ?? null,
  notes: b.notes,
  customerConfirmedAt: b.customerConfirmedAt?.toISOString() ?? null,
  noShowRisk: { score: b.riskScore, tier: b.riskTier, reasons: b.riskReasons },
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});

const toBooking = (r: BookingRow): Booking =>
  bookingView(r, { id: r.customerId, name: r.customerName, phone: r.customerPhone, email: r.customerEmail }, r);

/** Reads bookings in the contract's shape (with their customer), inside the caller's tenant transaction. */
@Injectable()
export class BookingsRepository {
  async find(m: EntityManager, id: string): Promise<Booking | undefined> {
    const rows = await m.query<BookingRow[]>(`${BOOKING_SELECT} where b.id = $1`, [id]);
    return rows[0] && toBooking(rows[0]);
  }

  /** The booking, its row locked until the transaction ends; undefined when there is none. */
  async lock(m: EntityManager, id: string): Promise<Booking | undefined> {
    const rows = await m.query<BookingRow[]>(`${BOOKING_SELECT} where b.id = $1 for update of b`, [id]);
    return rows[0] && toBooking(rows[0]);
  }

  /**
   * Writes `set` to the booking and answers it as it then stands, in one statement (its row as
   * the update returns it, read as `find` reads one); undefined when there is no such booking.
   * `alongside`: another table's write sent in the same statement (it sees the same snapshot).
   */
  async update(
    m: EntityManager,
    id: string,
    set: QueryDeepPartialEntity<BookingEntity>,
    alongside?: Statement,
  ): Promise<Booking | undefined> {
    const [update, params]: Statement = m
      .createQueryBuilder()
      .update(BookingEntity)
      .set(set)
      .where('id = :id', { id })
      .getQueryAndParameters();
    const [also, alsoParams] = alongside ?? [undefined, []];
    const first = also === undefined ? '' : `alongside as (${shiftParameters(also, params.length)}), `;
    const rows = await m.query<BookingRow[]>(`with ${first}updated as (${update} returning *) ${bookingSelect('updated')}`, [
      ...params,
      ...alsoParams,
    ]);
    return rows[0] && toBooking(rows[0]);
  }

  /**
   * The booking's version (see `BookingEntity.version`), its row locked until the transaction
   * ends when `lock` is set; undefined when there is no such booking.
   */
  async version(m: EntityManager, id: string, { lock = false } = {}): Promise<number | undefined> {
    const rows = await m.query<{ version: number }[]>(`select version from bookings where id = $1${lock ? ' for update' : ''}`, [
      id,
    ]);
    return rows[0]?.version;
  }

  /** A customer's bookings, most recent first. */
  async ofCustomer(m: EntityManager, customerId: string, limit = 100): Promise<Booking[]> {
    const rows = await m.query<BookingRow[]>(`${BOOKING_SELECT} where b.customer_id = $1 order by b.start_at desc limit $2`, [
      customerId,
      limit,
    ]);
    return rows.map(toBooking);
  }

  /** The tenant's bookings matching `query`, by start; `phone` already normalised. */
  async list(
    m: EntityManager,
    tenant: { timezone: string },
    query: Omit<ListBookingsQuery, 'phone'> & { phone?: string },
  ): Promise<{ items: Booking[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.from) conditions.push(`b.start_at >= ${param(startOfLocalDate(query.from, tenant.timezone))}`);
    if (query.to) conditions.push(`b.start_at < ${param(startOfLocalDate(shiftLocalDate(query.to, 1), tenant.timezone))}`);
    if (query.phone) conditions.push(`c.phone = ${param(query.phone)}`);
    const search = query.search?.trim();
    if (search) {
      // As the customers search: part of the name (as the booking shows it), or 3+ digits of the phone number.
      const name = `coalesce(b.customer_name, c.name) ilike ${param(`%${search.replace(/[%_\\]/g, '\\$&')}%`)}`;
      const digits = search.replace(/\D/g, '');
      conditions.push(digits.length >= 3 ? `(${name} or c.phone like ${param(`%${digits}%`)})` : name);
    }
    if (query.status) conditions.push(`b.status = ${param(query.status)}`);
    if (query.staffId) conditions.push(`b.staff_id = ${param(query.staffId)}`);
    const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
    const [{ total }] = await m.query<{ total: number }[]>(
      `select count(*)::int as total from bookings b join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id ${where}`,
      params,
    );
    const rows = await m.query<BookingRow[]>(
      `${BOOKING_SELECT} ${where} order by b.start_at, b.id limit ${param(query.limit ?? 100)} offset ${param(query.offset ?? 0)}`,
      params,
    );
    return { items: rows.map(toBooking), total };
  }
}

/** The booking without what only its business sees (its no-show risk): for customer-facing answers. */
export function customerBookingView<T extends Booking>({ noShowRisk: _risk, ...booking }: T): Omit<T, 'noShowRisk'> {
  return booking;
}
