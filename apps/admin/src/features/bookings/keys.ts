import type { AvailabilityQuery, ListBookingsQuery } from '@frontdesk/contracts';

/** Query keys of the booking feature; other features invalidate them after changes that move slots. */
export const bookingKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'bookings'] as const,
  list: (tenantId: string, filters: ListBookingsQuery) => [...bookingKeys.all(tenantId), 'list', filters] as const,
  detail: (tenantId: string, id: string) => [...bookingKeys.all(tenantId), 'detail', id] as const,
  /** Under `all`: any change to bookings (a reschedule replans them) refreshes the reminders too. */
  reminders: (tenantId: string, id: string) => [...bookingKeys.all(tenantId), 'reminders', id] as const,
};

export const availabilityKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'availability'] as const,
  slots: (tenantId: string, params: AvailabilityQuery) => [...availabilityKeys.all(tenantId), params] as const,
};
