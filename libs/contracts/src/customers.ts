import type { Booking } from './bookings';
import type { Locale } from './catalog';

export interface Customer {
  id: string;
  name: string | null;
  /** E.164. */
  phone: string;
  email: string | null;
  language: Locale | null;
  notes: string | null;
  visitCount: number;
  cancellationCount: number;
  noShowCount: number;
  /** Cancelled, by anyone, inside the business's cancellation notice. */
  lateCancelCount: number;
  /** Bookings that took place (the same number as `visitCount`, which stays for older clients). */
  completedCount: number;
  optedOut: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerDetail extends Customer {
  /** Most recent first. */
  bookings: Booking[];
}

export interface CustomerList {
  items: Customer[];
  total: number;
}

/** `GET /api/v1/customers` query: `search` is part of a name or 3+ digits of a phone. */
export interface ListCustomersQuery {
  search?: string;
  limit?: number;
  offset?: number;
}

/** `PATCH /api/v1/customers/:id`. */
export interface UpdateCustomerRequest {
  name?: string;
  email?: string | null;
  notes?: string | null;
  optedOut?: boolean;
}
