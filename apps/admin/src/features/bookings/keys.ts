/** Query keys of the booking feature; other features invalidate them after changes that move slots. */
export interface BookingFilters {
  from?: string;
  to?: string;
  status?: string;
  staffId?: string;
  phone?: string;
  limit?: number;
  offset?: number;
}

export interface AvailabilityParams {
  serviceId: string;
  from: string;
  to: string;
  staffId?: string;
}

export const bookingKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'bookings'] as const,
  list: (tenantId: string, filters: BookingFilters) => [...bookingKeys.all(tenantId), 'list', filters] as const,
  detail: (tenantId: string, id: string) => [...bookingKeys.all(tenantId), 'detail', id] as const,
};

export const availabilityKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'availability'] as const,
  slots: (tenantId: string, params: AvailabilityParams) => [...availabilityKeys.all(tenantId), params] as const,
};
