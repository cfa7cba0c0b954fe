import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type {
  AvailabilityQuery,
  AvailabilityResponse,
  Booking,
  BookingList,
  CancelBookingRequest,
  CreateBookingRequest,
  CreatedBooking,
  ListBookingsQuery,
  RescheduleBookingRequest,
  SetBookingStatusRequest,
} from '@frontdesk/contracts';
import { useIdempotencyKey } from '../../app/idempotency';
import { useTenantScope } from '../../app/tenant-scope';
import { customerKeys } from '../customers/keys';
import type { SlotSource } from './components/slot-source';
import { availabilityKeys, bookingKeys } from './keys';

export { availabilityKeys, bookingKeys };

export function useBookings(filters: ListBookingsQuery, options: { enabled?: boolean } = {}) {
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

/** Free times from the tenant-scoped availability endpoint, for the slot picker. */
export function useTenantSlotSource(): SlotSource {
  const { tenantId, api } = useTenantScope();
  return useMemo(
    () => ({
      queryKey: (params: AvailabilityQuery) => availabilityKeys.slots(tenantId, params),
      load: (params: AvailabilityQuery) => api.get<AvailabilityResponse>('/availability', { ...params }),
    }),
    [tenantId, api],
  );
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

export function useCreateBooking() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (input: CreateBookingRequest) =>
      api.post<CreatedBooking>('/bookings', input, { headers: { 'idempotency-key': idempotency.keyFor(input) } }),
    onSuccess: () => {
      idempotency.succeeded();
      return invalidate();
    },
  });
}

export function useCancelBooking() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, reason }: CancelBookingRequest & { id: string }) =>
      api.post<Booking>(`/bookings/${id}/cancel`, reason ? { reason } : {}),
    onSuccess: invalidate,
  });
}

export function useRescheduleBooking() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, ...change }: RescheduleBookingRequest & { id: string }) =>
      api.post<Booking>(`/bookings/${id}/reschedule`, withoutEmpty(change)),
    onSuccess: invalidate,
  });
}

/** The request without the fields left out or empty (`staffId: ''` is "anyone free"). */
const withoutEmpty = (change: RescheduleBookingRequest): RescheduleBookingRequest =>
  Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined && value !== ''));

export function useSetBookingStatus() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id, status }: SetBookingStatusRequest & { id: string }) =>
      api.post<Booking>(`/bookings/${id}/status`, { status }),
    onSuccess: invalidate,
  });
}

/** `POST /bookings/:id/refund` (owner): gives the paid deposit back; the booking shows `refunded` afterwards. */
export function useRefundDeposit() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.post<Booking>(`/bookings/${id}/refund`, {}),
    onSuccess: invalidate,
  });
}
