import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BookingPolicy, ChannelSettings } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys } from '../bookings/keys';

export const settingsKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'settings'] as const,
  bookingPolicy: (tenantId: string) => [...settingsKeys.all(tenantId), 'booking-policy'] as const,
  channels: (tenantId: string) => [...settingsKeys.all(tenantId), 'channels'] as const,
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
