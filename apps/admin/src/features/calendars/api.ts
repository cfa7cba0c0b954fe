import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed, ExternalBusyBlock, GoogleConnection, GoogleConnectStart } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys } from '../bookings/keys';

export const calendarKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'calendars'] as const,
  feed: (tenantId: string, staffId: string) => [...calendarKeys.all(tenantId), 'feed', staffId] as const,
  google: (tenantId: string, staffId: string) => [...calendarKeys.all(tenantId), 'google', staffId] as const,
  externalBusy: (tenantId: string, from: string, to: string) =>
    [...calendarKeys.all(tenantId), 'external-busy', from, to] as const,
};

export function useCalendarFeed(staffId: string) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: calendarKeys.feed(tenantId, staffId),
    queryFn: () => api.get<CalendarFeed>(`/staff/${staffId}/calendar-feed`),
  });
}

function useSetFeed(staffId: string) {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return (feed: CalendarFeed) => queryClient.setQueryData(calendarKeys.feed(tenantId, staffId), feed);
}

export function useRegenerateFeed(staffId: string) {
  const { api } = useTenantScope();
  const setFeed = useSetFeed(staffId);
  return useMutation({ mutationFn: () => api.post<CalendarFeed>(`/staff/${staffId}/calendar-feed`), onSuccess: setFeed });
}

export function useSetFeedBusyOnly(staffId: string) {
  const { api } = useTenantScope();
  const setFeed = useSetFeed(staffId);
  return useMutation({
    mutationFn: (busyOnly: boolean) => api.patch<CalendarFeed>(`/staff/${staffId}/calendar-feed`, { busyOnly }),
    onSuccess: setFeed,
  });
}

export function useGoogleConnection(staffId: string) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: calendarKeys.google(tenantId, staffId),
    queryFn: () => api.get<GoogleConnection>(`/staff/${staffId}/google`),
  });
}

/** Starts Google's consent: the browser leaves for Google and comes back to the Staff page. */
export function useConnectGoogle(staffId: string, leave: (url: string) => void = (url) => window.location.assign(url)) {
  const { api } = useTenantScope();
  return useMutation({
    mutationFn: () => api.post<GoogleConnectStart>(`/staff/${staffId}/google/connect`),
    onSuccess: ({ url }) => leave(url),
  });
}

function useInvalidateGoogle(staffId: string) {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: calendarKeys.google(tenantId, staffId) }),
      queryClient.invalidateQueries({ queryKey: [...calendarKeys.all(tenantId), 'external-busy'] }),
      queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
    ]);
}

export function useSyncGoogle(staffId: string) {
  const { api } = useTenantScope();
  const invalidate = useInvalidateGoogle(staffId);
  return useMutation({ mutationFn: () => api.post<GoogleConnection>(`/staff/${staffId}/google/sync`), onSuccess: invalidate });
}

export function useDisconnectGoogle(staffId: string) {
  const { api } = useTenantScope();
  const invalidate = useInvalidateGoogle(staffId);
  return useMutation({ mutationFn: () => api.delete(`/staff/${staffId}/google`), onSuccess: invalidate });
}

/** Busy ranges of staff members' own calendars between two instants (ISO). */
export function useExternalBusy(from: string, to: string) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: calendarKeys.externalBusy(tenantId, from, to),
    queryFn: () => api.get<{ items: ExternalBusyBlock[] }>('/calendar/external-busy', { from, to }),
    select: (data) => data.items,
  });
}
