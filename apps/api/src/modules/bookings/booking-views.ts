import type { EntityManager } from 'typeorm';
import type { Booking } from '@frontdesk/contracts';

/** Reads bookings in the contract's shape (with their customer), inside the caller's transaction. */

export const BOOKING_SELECT = `
  select b.*, c.name as customer_name, c.phone as customer_phone, c.email as customer_email
    from bookings b join customers c on c.id = b.customer_id`;

export const toBooking = (r: Record<string, any>): Booking => ({
  id: r.id,
  status: r.status,
  serviceId: r.service_id,
  staffId: r.staff_id,
  start: new Date(r.start_at).toISOString(),
  end: new Date(r.end_at).toISOString(),
  customer: { id: r.customer_id, name: r.customer_name, phone: r.customer_phone, email: r.customer_email },
  source: r.source,
  depositCents: r.deposit_cents,
  paymentStatus: r.payment_status,
  notes: r.notes,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function findBooking(m: EntityManager, id: string): Promise<Booking | undefined> {
  const rows: Record<string, any>[] = await m.query(`${BOOKING_SELECT} where b.id = $1`, [id]);
  return rows[0] && toBooking(rows[0]);
}

/** A customer's bookings, most recent first. */
export async function bookingsOfCustomer(m: EntityManager, customerId: string, limit = 100): Promise<Booking[]> {
  const rows: Record<string, any>[] = await m.query(
    `${BOOKING_SELECT} where b.customer_id = $1 order by b.start_at desc limit $2`,
    [customerId, limit],
  );
  return rows.map(toBooking);
}
