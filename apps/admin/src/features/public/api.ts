import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type {
  AvailabilityQuery,
  AvailabilityResponse,
  Booking,
  CreateBookingRequest,
  CreatedBooking,
  ManageRescheduleRequest,
  ManageView,
  PublicProfile,
} from '@frontdesk/contracts';
import { createApiClient } from '../../app/api-client';
import { useIdempotencyKey } from '../../app/idempotency';
import type { SlotSource } from '../bookings/components/slot-source';

/** Customers have no account: every request here goes out without a token. */
const publicApi = createApiClient();

/** Keys of the customer-facing pages; nothing here shares a cache entry with the signed-in views. */
export const publicKeys = {
  all: ['public'] as const,
  profile: (slug: string) => [...publicKeys.all, 'profile', slug] as const,
  anyAvailability: () => [...publicKeys.all, 'availability'] as const,
  availability: (slug: string) => [...publicKeys.anyAvailability(), slug] as const,
  slots: (slug: string, params: AvailabilityQuery) => [...publicKeys.availability(slug), params] as const,
  manage: (token: string) => [...publicKeys.all, 'manage', token] as const,
};

const enc = encodeURIComponent;

export function usePublicProfile(slug: string | null) {
  return useQuery({
    queryKey: publicKeys.profile(slug ?? ''),
    queryFn: () => publicApi.get<PublicProfile>(`/public/${enc(slug ?? '')}`),
    enabled: Boolean(slug),
    staleTime: 5 * 60_000,
  });
}

/** Free times from the business's public availability endpoint, for the slot picker. */
export function usePublicSlotSource(slug: string): SlotSource {
  return useMemo(
    () => ({
      queryKey: (params: AvailabilityQuery) => publicKeys.slots(slug, params),
      load: (params: AvailabilityQuery) =>
        publicApi.get<AvailabilityResponse>(`/public/${enc(slug)}/availability`, { ...params }),
    }),
    [slug],
  );
}

export function useCreatePublicBooking(slug: string) {
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (input: CreateBookingRequest) =>
      publicApi.post<CreatedBooking>(`/public/${enc(slug)}/bookings`, input, {
        headers: { 'idempotency-key': idempotency.keyFor(input) },
      }),
    onSuccess: idempotency.succeeded,
    // Booked or refused, the slots moved: ask again when they are shown next.
    onSettled: () => queryClient.invalidateQueries({ queryKey: publicKeys.availability(slug) }),
  });
}

export function useManageView(token: string) {
  return useQuery({
    queryKey: publicKeys.manage(token),
    queryFn: () => publicApi.get<ManageView>(`/public/manage/${enc(token)}`),
    staleTime: 0,
  });
}

export function useManageCancel(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => publicApi.post<Booking>(`/public/manage/${enc(token)}/cancel`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publicKeys.manage(token) }),
  });
}

export function useManageReschedule(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ManageRescheduleRequest) =>
      publicApi.post<CreatedBooking>(`/public/manage/${enc(token)}/reschedule`, input),
    // The page moves to the booking's new link on success; only the slots need asking again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: publicKeys.anyAvailability() }),
  });
}
