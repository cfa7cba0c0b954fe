import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, Service } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys } from '../bookings/keys';

export const serviceKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'services'] as const,
  list: (tenantId: string) => [...serviceKeys.all(tenantId), 'list'] as const,
};

export type ServiceInput = Omit<Service, 'id'>;

export function useServices() {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: serviceKeys.list(tenantId),
    queryFn: () => api.get<ListResponse<Service>>('/services'),
    select: (data) => data.items,
  });
}

function useInvalidateServices() {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: serviceKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
    ]);
}

export function useCreateService() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateServices();
  return useMutation({ mutationFn: (input: ServiceInput) => api.post<Service>('/services', input), onSuccess: invalidate });
}

export function useUpdateService() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateServices();
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<ServiceInput> & { id: string }) => api.patch<Service>(`/services/${id}`, input),
    onSuccess: invalidate,
  });
}

/** Deletes the service, or deactivates it when bookings still refer to it (the API decides). */
export function useDeleteService() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateServices();
  return useMutation({ mutationFn: (id: string) => api.delete<Service | undefined>(`/services/${id}`), onSuccess: invalidate });
}
