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

/** How often, and how many times, the manage page asks again after Checkout sent the customer back. */
export const PAYMENT_POLL = { intervalMs: 1500, reads: 10 };

/** Back from Checkout and the webhook not seen yet: the booking still waits for its payment, and we have not asked too often. */
export function confirmingPayment(view: ManageView | undefined, reads: number): boolean {
  return (
    view !== undefined &&
    view.booking.status === 'pending_payment' &&
    view.booking.paymentStatus === 'pending' &&
    reads < PAYMENT_POLL.reads
  );
}

/** Whether the manage page is still reading the booking again after a successful Checkout. */
export function useConfirmingPayment(token: string, view: ManageView | undefined): boolean {
  const reads = useQueryClient().getQueryState(publicKeys.manage(token))?.dataUpdateCount ?? 0;
  return confirmingPayment(view, reads);
}

/** The booking behind a manage link; `returnedFromCheckout` reads it again until the payment shows (paid or expired). */
export function useManageView(token: string, { returnedFromCheckout = false } = {}) {
  return useQuery({
    queryKey: publicKeys.manage(token),
    queryFn: () => publicApi.get<ManageView>(`/public/manage/${enc(token)}`),
    staleTime: 0,
    refetchInterval: (query) =>
      returnedFromCheckout && confirmingPayment(query.state.data, query.state.dataUpdateCount) ? PAYMENT_POLL.intervalMs : false,
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
