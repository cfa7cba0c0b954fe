import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AvailabilityResponse, Booking, BookingList } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { customerKeys } from '../customers/keys';
import { type PendingAvailabilityQuery, availabilityKeys, type PendingListBookingsQuery, bookingKeys } from './keys';

export { availabilityKeys, bookingKeys };
export type { PendingAvailabilityQuery, PendingListBookingsQuery };

export function useBookings(filters: PendingListBookingsQuery, options: { enabled?: boolean } = {}) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: bookingKeys.list(tenantId, filters),
    queryFn: () => api.get<BookingList>('/bookings', { ...filters }),
    // Paging and filtering keep the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useBooking(id: string) {
  const { tenantId, api } = useTenantScope();
  return useQuery({ queryKey: bookingKeys.detail(tenantId, id), queryFn: () => api.get<Booking>(`/bookings/${id}`) });
}

export function useAvailability(params: PendingAvailabilityQuery | null) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: availabilityKeys.slots(tenantId, params ?? { serviceId: '', from: '', to: '' }),
    queryFn: () => api.get<AvailabilityResponse>('/availability', { ...params }),
    enabled: Boolean(params?.serviceId && params.from && params.to),
    staleTime: 0,
  });
}

/** Every change to a booking moves slots and customer counts. */
function useInvalidateBookings() {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: bookingKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: customerKeys.all(tenantId) }),
    ]);
}

/** Pending: the body of POST /bookings is not in libs/contracts yet (`CreateBookingRequest`). */
export interface PendingCreateBookingRequest {
  serviceId: string;
  start: string;
  staffId?: string;
  customer: { name: string; phone: string; email?: string };
  notes?: string;
}

export function useCreateBooking() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: (input: PendingCreateBookingRequest) => api.post<Booking>('/bookings', input),
    onSuccess: invalidate,
  });
}

export function useCancelBooking() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      api.post<Booking>(`/bookings/${id}/cancel`, reason ? { reason } : {}),
    onSuccess: invalidate,
  });
}

export function useRescheduleBooking() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, start, staffId }: { id: string; start: string; staffId?: string }) =>
      api.post<Booking>(`/bookings/${id}/reschedule`, staffId ? { start, staffId } : { start }),
    onSuccess: invalidate,
  });
}

export function useSetBookingStatus() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'confirmed' | 'completed' | 'no_show' }) =>
      api.post<Booking>(`/bookings/${id}/status`, { status }),
    onSuccess: invalidate,
  });
}
