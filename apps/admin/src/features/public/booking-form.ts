import type {
  AvailableSlot,
  CreateBookingRequest,
  PublicService,
  PublicStaff,
  SlotUnavailableDetails,
} from '@frontdesk/contracts';
import { ApiError } from '../../app/api-client';
import { formatMoney } from '../../app/time';

/** What a customer has filled in on the booking page. `staffId` '' means anyone. */
export interface BookingDraft {
  serviceId: string;
  staffId: string;
  slot: AvailableSlot | null;
  name: string;
  phone: string;
  email: string;
}

export const EMPTY_DRAFT: BookingDraft = { serviceId: '', staffId: '', slot: null, name: '', phone: '', email: '' };

/** The request's field paths, as the API's validation messages name them. */
export const BOOKING_FIELDS = ['serviceId', 'staffId', 'start', 'customer.name', 'customer.phone', 'customer.email'] as const;

/**
 * The create request for a draft, or null while it lacks a service or a time. Name and
 * phone go as typed (trimmed), so the API's messages about them land next to their fields;
 * an empty email is left out. With "anyone", the slot's staff are not pinned: the API
 * picks whoever is free when the request arrives.
 */
export function toBookingRequest(draft: BookingDraft): CreateBookingRequest | null {
  if (!draft.serviceId || !draft.slot) return null;
  const email = draft.email.trim();
  return {
    serviceId: draft.serviceId,
    start: draft.slot.start,
    ...(draft.staffId ? { staffId: draft.staffId } : {}),
    customer: { name: draft.name.trim(), phone: draft.phone.trim(), ...(email ? { email } : {}) },
  };
}

/** The staff a customer may pick for a service (everyone until a service is chosen). */
export function staffFor(staff: PublicStaff[], serviceId: string): PublicStaff[] {
  if (!serviceId) return staff;
  return staff.filter((s) => s.serviceIds === null || s.serviceIds.includes(serviceId));
}

/**
 * Choosing a service clears the time (its length changes what is free), and the staff
 * member when they do not perform it.
 */
export function withService(draft: BookingDraft, serviceId: string, staff: PublicStaff[]): BookingDraft {
  const keepsStaff = staffFor(staff, serviceId).some((s) => s.id === draft.staffId);
  return { ...draft, serviceId, slot: null, staffId: keepsStaff ? draft.staffId : '' };
}

/** The nearest free times a 409 `slot_unavailable` offers instead; none for any other error. */
export function alternativesOf(error: unknown): AvailableSlot[] {
  if (!(error instanceof ApiError) || error.code !== 'slot_unavailable') return [];
  const alternatives = (error.body as Partial<SlotUnavailableDetails>).alternatives;
  return Array.isArray(alternatives) ? alternatives : [];
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "30 min · $30.00", what a customer weighs a service by. */
export function serviceFacts(
  service: Pick<PublicService, 'durationMinutes' | 'priceCents'>,
  currency: string,
  locale = 'en',
): string {
  return `${formatDuration(service.durationMinutes)} · ${formatMoney(service.priceCents, currency, locale)}`;
}

export interface Problem {
  title: string;
  message: string;
}

/** What to tell a customer about a failed request on the public pages, in plain words. */
export function publicProblem(error: unknown): Problem {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong', message: error instanceof Error ? error.message : 'Please try again.' };
  }
  const said = error.messages.join(' ');
  switch (error.code) {
    case 'link_invalid':
      return {
        title: 'This link is not valid',
        message: 'Check that you opened the whole link from your confirmation message, or contact the business.',
      };
    case 'link_expired':
      // The appointment has started, or the booking changed since the link was sent: the API says which.
      return { title: 'This link has expired', message: said };
    case 'too_late':
      return { title: 'Too late to change online', message: said };
    case 'slot_unavailable':
      return { title: 'That time is no longer free', message: 'Someone booked it a moment ago. Please choose another time.' };
    case 'not_found':
      return { title: 'Business not found', message: 'There is no business at this address. Check the link you were sent.' };
    case 'tenant_suspended':
      return { title: 'Not taking bookings', message: said };
    case 'rate_limited':
      return { title: 'Too many requests', message: 'Please wait a minute and try again.' };
    case 'payment_provider_error':
      return { title: 'Payments are not answering', message: 'Nothing was booked or charged. Please try again in a moment.' };
    case 'network_error':
      return { title: 'Cannot reach the server', message: said };
    case 'service_not_offered':
      return { title: 'That service is not offered', message: said };
    case 'deposit_required':
      return { title: 'This change needs a larger deposit', message: said };
    case 'not_ready':
    case 'shutting_down':
      return { title: 'The server is restarting', message: 'Nothing was changed. Please try again in a moment.' };
    case 'validation_failed':
    case 'payload_too_large':
    case 'idempotency_key_reused':
    case 'conflict':
    case 'slug_taken':
    case 'state_invalid':
    case 'unauthorized':
    case 'forbidden':
    case 'internal_error':
      return { title: error.status >= 500 ? 'Something went wrong' : 'That did not work', message: said };
  }
  // A code this app does not know yet (the API may add some).
  return { title: 'That did not work', message: said };
}

/** A manage link as an in-app path when it points at this site, else as given. */
export function manageHref(manageUrl: string, origin: string): { path: string } | { url: string } {
  try {
    const url = new URL(manageUrl, origin);
    return url.origin === origin ? { path: `${url.pathname}${url.search}` } : { url: manageUrl };
  } catch {
    return { url: manageUrl };
  }
}
