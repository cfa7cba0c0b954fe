/** Booking and availability shapes of the public v1 contract. */
import type { Locale } from './catalog';
import type { RiskTier } from './deposits';

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
  /** The Checkout page of a booking waiting for its deposit; null otherwise. */
  paymentUrl: string | null;
  /** When that page stops taking payments (ISO-8601 UTC); null when not pending. */
  paymentExpiresAt: string | null;
  notes: string | null;
  /** When the customer confirmed they are coming (a reply to a reminder); null until then. */
  customerConfirmedAt: string | null;
  /** The explainable no-show risk, scored when booked and again while its inputs change; kept once the booking is settled. */
  noShowRisk: NoShowRiskView;
  createdAt: string;
  updatedAt: string;
}

/** `reasons`: stable snake_case codes, strongest first (`prior_no_shows`, `first_visit`, `long_lead_time`, `unconfirmed`, …). */
export interface NoShowRiskView {
  score: number;
  tier: RiskTier;
  reasons: string[];
}

export interface AvailableSlot {
  start: string;
  end: string;
  staffIds: string[];
}

/**
 * At most 1,000 slots and always whole local dates: when the range holds more, the answer
 * stops after the last whole date that fits and `nextFrom` names the local date to ask from
 * next (with the same `to`); `null` when the range is done.
 */
export interface AvailabilityResponse {
  timezone: string;
  serviceId: string;
  slots: AvailableSlot[];
  nextFrom: string | null;
}

export interface BookingList {
  items: Booking[];
  total: number;
}

/** The customer of a new booking; `phone` is normalised to E.164 with the tenant's country. */
export interface CustomerInput {
  name: string;
  phone: string;
  email?: string;
}

/** `POST /api/v1/public/:slug/bookings` and `POST /api/v1/bookings`. Without `staffId`: anyone free. */
export interface CreateBookingRequest {
  serviceId: string;
  start: string;
  staffId?: string;
  customer: CustomerInput;
  notes?: string;
}

/** The answer to a created (or customer-rescheduled) booking: the booking and its signed manage link. */
export interface CreatedBooking extends Booking {
  manageUrl: string;
}

/**
 * A booking as its customer sees it (public booking endpoint, manage page): the business's
 * `noShowRisk` of them stays with the business.
 */
export type CustomerBooking = Omit<Booking, 'noShowRisk'>;
export type CreatedCustomerBooking = Omit<CreatedBooking, 'noShowRisk'>;

/** `POST /api/v1/bookings/:id/cancel`. */
export interface CancelBookingRequest {
  reason?: string;
}

/** `POST /api/v1/bookings/:id/reschedule`. */
export interface RescheduleBookingRequest {
  /** Required unless `serviceId` is given; without it the booking keeps its start. */
  start?: string;
  staffId?: string;
  /**
   * Extension to v1: change the booking to this service (its end follows from the new duration).
   * 409 `service_not_offered` when the staff member taking it does not offer it, 409
   * `deposit_required` when its deposit rules ask for more than the booking paid.
   */
  serviceId?: string;
}

/** `POST /api/v1/bookings/:id/status`. */
export interface SetBookingStatusRequest {
  status: 'confirmed' | 'completed' | 'no_show';
}

/** `GET /api/v1/bookings` query. */
export interface ListBookingsQuery {
  /** Inclusive local dates. */
  from?: string;
  to?: string;
  status?: BookingStatus;
  staffId?: string;
  /** Exactly this phone number (normalised like a customer's). */
  phone?: string;
  /** Extension to v1: part of the customer's name (any case) or 3+ digits of their phone. */
  search?: string;
  limit?: number;
  offset?: number;
}

/** `GET /api/v1/availability` and `GET /api/v1/public/:slug/availability` query. */
export interface AvailabilityQuery {
  serviceId: string;
  /** Inclusive local dates, at most 31 days apart. */
  from: string;
  to: string;
  staffId?: string;
  /** Extension to v1: the booking being rescheduled; its own time does not block the slots. */
  excludeBookingId?: string;
}

/** The extra fields of a 409 `slot_unavailable` answer: up to 3 nearest offered slots. */
export interface SlotUnavailableDetails {
  alternatives: AvailableSlot[];
}

/** `POST /api/v1/public/manage/:token/reschedule`. */
export interface ManageRescheduleRequest {
  /** Required unless `serviceId` is given; without it the booking keeps its start. */
  start?: string;
  /** Extension to v1: change the booking to this service, as `RescheduleBookingRequest.serviceId`. */
  serviceId?: string;
}

/** The business as a manage link shows it. */
export interface ManageBusiness {
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  locale: Locale;
}

/** `GET /api/v1/public/manage/:token`. */
export interface ManageView {
  booking: CustomerBooking;
  business: ManageBusiness;
  /**
   * Extension to v1: the link was issued before the booking's latest change (a reschedule, a
   * cancellation, a status change). The booking is shown as it is now; the link can no longer
   * cancel or reschedule it (410 `link_expired`).
   */
  readOnly: boolean;
  /** Whether the customer may still cancel or reschedule through this link (current, active, outside the notice). */
  canChange: boolean;
  cancellationNoticeHours: number;
}
