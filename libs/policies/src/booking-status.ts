/** The transitions between booking statuses. */
import type { BookingStatus } from '@frontdesk/contracts';

/** Statuses that occupy their slot. */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['held', 'pending_payment', 'confirmed'];

export const isActiveStatus = (status: BookingStatus) => ACTIVE_BOOKING_STATUSES.includes(status);

/** Active for a while only: a hold while the customer confirms, or a window to pay the deposit. */
export const isHoldStatus = (status: BookingStatus) => status === 'held' || status === 'pending_payment';

const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  held: ['confirmed', 'pending_payment', 'cancelled', 'expired'],
  pending_payment: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['cancelled', 'completed', 'no_show'],
  // Staff may correct an attendance mark made by mistake.
  completed: ['no_show'],
  no_show: ['completed'],
  cancelled: [],
  expired: [],
};

/** Attendance can only be recorded once the appointment has begun. */
const NEEDS_STARTED: readonly BookingStatus[] = ['completed', 'no_show'];

export type TransitionVerdict = { ok: true } | { ok: false; reason: string };

export function checkTransition(from: BookingStatus, to: BookingStatus, appointmentStart: Date, now: Date): TransitionVerdict {
  if (from === to) return { ok: false, reason: `The booking is already ${from}` };
  if (!TRANSITIONS[from].includes(to)) return { ok: false, reason: `A ${from} booking cannot become ${to}` };
  if (NEEDS_STARTED.includes(to) && now.getTime() < appointmentStart.getTime()) {
    return { ok: false, reason: `A booking can be marked ${to} only once the appointment has started` };
  }
  return { ok: true };
}

/** How one status change moves the customer's visit, cancellation and no-show counts. */
export function customerCountDeltas(
  from: BookingStatus,
  to: BookingStatus,
): { visits: number; cancellations: number; noShows: number } {
  const weight = (status: BookingStatus) => ({
    visits: status === 'completed' ? 1 : 0,
    cancellations: status === 'cancelled' ? 1 : 0,
    noShows: status === 'no_show' ? 1 : 0,
  });
  const before = weight(from);
  const after = weight(to);
  return {
    visits: after.visits - before.visits,
    cancellations: after.cancellations - before.cancellations,
    noShows: after.noShows - before.noShows,
  };
}

/** A cancel, by anyone, inside the business's cancellation notice before the start (or after it). */
export function isLateCancel(start: Date, cancelledAt: Date, cancellationNoticeHours: number): boolean {
  return start.getTime() - cancelledAt.getTime() < cancellationNoticeHours * 3_600_000;
}

export type CustomerChangeVerdict = { ok: true } | { ok: false; reason: 'expired' | 'too_late' | 'not_active' };

/**
 * Whether a customer may still cancel or reschedule by themselves (manage link, chat):
 * only an active booking, not after it started, and not inside the cancellation notice.
 */
export function checkCustomerChange(params: {
  status: BookingStatus;
  start: Date;
  now: Date;
  cancellationNoticeHours: number;
}): CustomerChangeVerdict {
  if (params.now.getTime() >= params.start.getTime()) return { ok: false, reason: 'expired' };
  if (!isActiveStatus(params.status)) return { ok: false, reason: 'not_active' };
  if (params.start.getTime() - params.now.getTime() < params.cancellationNoticeHours * 3_600_000) {
    return { ok: false, reason: 'too_late' };
  }
  return { ok: true };
}
