/** Booking and availability shapes of the public v1 contract. */

export const BOOKING_STATUSES = ['held', 'pending_payment', 'confirmed', 'cancelled', 'completed', 'no_show', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_SOURCES = ['web', 'chat', 'sms', 'whatsapp', 'admin'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

export type PaymentStatus = 'none' | 'pending' | 'paid' | 'refunded';

export interface Booking {
  id: string;
  status: BookingStatus;
  serviceId: string;
  staffId: string;
  /** ISO-8601 UTC instants. */
  start: string;
  end: string;
  customer: { id: string; name: string | null; phone: string; email: string | null };
  source: BookingSource;
  depositCents: number;
  paymentStatus: PaymentStatus;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AvailableSlot {
  start: string;
  end: string;
  staffIds: string[];
}

export interface AvailabilityResponse {
  timezone: string;
  serviceId: string;
  slots: AvailableSlot[];
}

export interface BookingList {
  items: Booking[];
  total: number;
}
