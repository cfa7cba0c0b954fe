import { QueryFailedError } from 'typeorm';
import type { AvailableSlot, ErrorCode } from '@frontdesk/contracts';
import { AppError } from '../../common/errors/app-error';

/**
 * Why a booking write was refused, in the terms the conversation engine explains to a
 * customer: the time is taken, it is too late to change, the booking no longer stands, or
 * (changing its service) nobody who could take it offers the new service, or the new service
 * asks for a larger deposit than the one held.
 */
export type RefusalReason = 'slot_unavailable' | 'too_late' | 'not_active' | 'service_not_offered' | 'deposit_required';

/** A booking write refused for a typed reason; rendered over HTTP with its status and code. */
export class BookingRefused extends AppError {
  constructor(
    readonly reason: RefusalReason,
    status: number,
    code: ErrorCode,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(status, code, message, extra);
  }
}

export const slotUnavailable = (alternatives: AvailableSlot[] = []) =>
  new BookingRefused('slot_unavailable', 409, 'slot_unavailable', 'That time is not available', { alternatives });

export const tooLate = (cancellationNoticeHours: number) =>
  new BookingRefused(
    'too_late',
    409,
    'too_late',
    `Changes are possible up to ${cancellationNoticeHours} hours before the appointment; please call the business`,
  );

/** The staff member asked for (or, with none asked for, every active one) does not offer the new service. */
export const serviceNotOffered = (message: string) =>
  new BookingRefused('service_not_offered', 409, 'service_not_offered', message);

/**
 * Changing the service would need a larger deposit than the booking holds. Collecting the
 * difference would take a second Checkout payment, so the change is refused instead: the
 * customer (or the business) cancels and books the new service, or picks one the deposit covers.
 */
export const depositRequired = (depositCents: number, heldCents: number) =>
  new BookingRefused(
    'deposit_required',
    409,
    'deposit_required',
    'The new service needs a larger deposit than this booking holds; cancel it and book the new service instead',
    { depositCents, heldCents },
  );

export const notActive = (message: string) => new BookingRefused('not_active', 409, 'conflict', message);

export const bookingNotFound = () => new BookingRefused('not_active', 404, 'not_found', 'Booking not found');

/** The appointment has started: manage links and customer changes end there. */
export const appointmentStarted = () =>
  new BookingRefused('not_active', 410, 'link_expired', 'This appointment has already started, so the link no longer works');

const pgCode = (error: unknown) =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;

/** A concurrent booking won the slot: the exclusion constraint refused this one. */
const isOverlapViolation = (error: unknown) => pgCode(error) === '23P01';

/**
 * Postgres gave up on this transaction because of a concurrent one (deadlock, serialization
 * failure): trying again, with fresh data, settles it.
 */
export const isRetryableConflict = (error: unknown) => pgCode(error) === '40P01' || pgCode(error) === '40001';

/** The start was not offered, or a concurrent booking won it. */
export const isSlotLost = (error: unknown) =>
  (error instanceof BookingRefused && error.reason === 'slot_unavailable') ||
  isOverlapViolation(error) ||
  isRetryableConflict(error);
