import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTenantRequest, ListResponse, Tenant, TenantStatus } from '@frontdesk/contracts';
import { useAuth } from '../../app/auth';

/** Platform-wide (super-admin) data: no tenant in the key, no X-Tenant-Id on the wire. */
export const platformTenantKeys = {
  all: ['platform', 'tenants'] as const,
  list: () => [...platformTenantKeys.all, 'list'] as const,
};

export function usePlatformTenants() {
  const { api } = useAuth();
  return useQuery({
    queryKey: platformTenantKeys.list(),
    queryFn: () => api.get<ListResponse<Tenant>>('/admin/tenants'),
    select: (data) => data.items,
  });
}

export function useOnboardTenant() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTenantRequest) => api.post<Tenant>('/admin/tenants', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: platformTenantKeys.all }),
  });
}

export function useSetTenantStatus() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: TenantStatus }) => api.patch<Tenant>(`/admin/tenants/${id}`, { status }),
    onSuccess: (tenant) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: platformTenantKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['tenant', tenant.id, 'profile'] }),
      ]),
  });
}
