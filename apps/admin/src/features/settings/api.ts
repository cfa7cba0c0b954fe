import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BookingPolicy, ChannelSettings, ConnectOnboarding, DepositSettings, PaymentSettings } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys } from '../bookings/keys';

export const settingsKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'settings'] as const,
  bookingPolicy: (tenantId: string) => [...settingsKeys.all(tenantId), 'booking-policy'] as const,
  channels: (tenantId: string) => [...settingsKeys.all(tenantId), 'channels'] as const,
  deposits: (tenantId: string) => [...settingsKeys.all(tenantId), 'deposits'] as const,
  payments: (tenantId: string) => [...settingsKeys.all(tenantId), 'payments'] as const,
};

export function useBookingPolicy() {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: settingsKeys.bookingPolicy(tenantId),
    queryFn: () => api.get<BookingPolicy>('/settings/booking-policy'),
  });
}

export function useSaveBookingPolicy() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: BookingPolicy) => api.put<BookingPolicy>('/settings/booking-policy', policy),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKeys.bookingPolicy(tenantId) }),
        queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
      ]),
  });
}

export function useChannels() {
  const { tenantId, api } = useTenantScope();
  return useQuery({ queryKey: settingsKeys.channels(tenantId), queryFn: () => api.get<ChannelSettings>('/settings/channels') });
}

export function useSaveChannels() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channels: ChannelSettings) => api.put<ChannelSettings>('/settings/channels', channels),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.channels(tenantId) }),
  });
}

export function useDepositSettings() {
  const { tenantId, api } = useTenantScope();
  return useQuery({ queryKey: settingsKeys.deposits(tenantId), queryFn: () => api.get<DepositSettings>('/settings/deposits') });
}

export function useSaveDepositSettings() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: DepositSettings) => api.put<DepositSettings>('/settings/deposits', settings),
    onSuccess: (saved) => queryClient.setQueryData(settingsKeys.deposits(tenantId), saved),
  });
}

export function usePaymentSettings() {
  const { tenantId, api } = useTenantScope();
  return useQuery({ queryKey: settingsKeys.payments(tenantId), queryFn: () => api.get<PaymentSettings>('/settings/payments') });
}

/** Creates the connected account if needed; the caller sends the owner to the onboarding URL. */
export function useConnectStripe() {
  const { api } = useTenantScope();
  return useMutation({ mutationFn: () => api.post<ConnectOnboarding>('/settings/payments/connect') });
}

/** Reads the connected account's state from Stripe (back from onboarding). */
export function useRefreshPayments() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<PaymentSettings>('/settings/payments/refresh'),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.payments(tenantId), settings),
  });
}
