/** Query keys of the booking feature; other features invalidate them after changes that move slots. */
/** Pending: the query of GET /bookings is not in libs/contracts yet (`ListBookingsQuery`). */
export interface PendingListBookingsQuery {
  from?: string;
  to?: string;
  status?: string;
  staffId?: string;
  phone?: string;
  limit?: number;
  offset?: number;
}

/** Pending: the query of GET /availability is not in libs/contracts yet. */
export interface PendingAvailabilityQuery {
  serviceId: string;
  from: string;
  to: string;
  staffId?: string;
}

export const bookingKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'bookings'] as const,
  list: (tenantId: string, filters: PendingListBookingsQuery) => [...bookingKeys.all(tenantId), 'list', filters] as const,
  detail: (tenantId: string, id: string) => [...bookingKeys.all(tenantId), 'detail', id] as const,
};

export const availabilityKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'availability'] as const,
  slots: (tenantId: string, params: PendingAvailabilityQuery) => [...availabilityKeys.all(tenantId), params] as const,
};
