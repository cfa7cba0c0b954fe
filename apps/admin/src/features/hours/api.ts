import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOverrideRequest, ListResponse, LocalDate, Override, WeeklyHours } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys } from '../bookings/keys';

export const hoursKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'hours'] as const,
  weekly: (tenantId: string) => [...hoursKeys.all(tenantId), 'weekly'] as const,
};

export const overrideKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'overrides'] as const,
  range: (tenantId: string, from: LocalDate, to: LocalDate) => [...overrideKeys.all(tenantId), { from, to }] as const,
};

export function useBusinessHours() {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: hoursKeys.weekly(tenantId),
    queryFn: () => api.get<{ weekly: WeeklyHours }>('/hours'),
    select: (data) => data.weekly,
  });
}

export function useSaveBusinessHours() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (weekly: WeeklyHours) => api.put<{ weekly: WeeklyHours }>('/hours', { weekly }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: hoursKeys.all(tenantId) }),
        queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
      ]),
  });
}

export function useOverrides(from: LocalDate, to: LocalDate) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: overrideKeys.range(tenantId, from, to),
    queryFn: () => api.get<ListResponse<Override>>('/overrides', { from, to }),
    select: (data) => data.items,
  });
}

function useInvalidateOverrides() {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: overrideKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
    ]);
}

export function useCreateOverride() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateOverrides();
  return useMutation({
    mutationFn: (input: CreateOverrideRequest) => api.post<Override>('/overrides', input),
    onSuccess: invalidate,
  });
}

export function useDeleteOverride() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateOverrides();
  return useMutation({ mutationFn: (id: string) => api.delete(`/overrides/${id}`), onSuccess: invalidate });
}
