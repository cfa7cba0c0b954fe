import { QueryFailedError } from 'typeorm';
import type { AvailableSlot, ErrorCode } from '@frontdesk/contracts';
import { AppError } from '../../common/errors/app-error';

/**
 * Why a booking write was refused, in the terms the conversation engine explains to a
 * customer: the time is taken, it is too late to change, or the booking no longer stands.
 */
export type RefusalReason = 'slot_unavailable' | 'too_late' | 'not_active';

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
