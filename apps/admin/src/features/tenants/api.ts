import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, Locale, Tenant, TenantStatus } from '@frontdesk/contracts';
import { useAuth } from '../../app/auth';

/** Platform-wide (super-admin) data: no tenant in the key, no X-Tenant-Id on the wire. */
export const platformTenantKeys = {
  all: ['platform', 'tenants'] as const,
  list: () => [...platformTenantKeys.all, 'list'] as const,
};

/** Pending: the body of POST /admin/tenants is not in libs/contracts yet. */
export interface PendingCreateTenantRequest {
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  country: string;
  locale: Locale;
  owner: { email: string; name: string; password: string };
}

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
    mutationFn: (input: PendingCreateTenantRequest) => api.post<Tenant>('/admin/tenants', input),
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
