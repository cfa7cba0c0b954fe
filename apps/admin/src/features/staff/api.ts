import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, Staff } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys } from '../bookings/keys';

export const staffKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'staff'] as const,
  list: (tenantId: string) => [...staffKeys.all(tenantId), 'list'] as const,
};

export type StaffInput = Omit<Staff, 'id'>;

export function useStaff() {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: staffKeys.list(tenantId),
    queryFn: () => api.get<ListResponse<Staff>>('/staff'),
    select: (data) => data.items,
  });
}

function useInvalidateStaff() {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: staffKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
    ]);
}

export function useCreateStaff() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateStaff();
  return useMutation({ mutationFn: (input: StaffInput) => api.post<Staff>('/staff', input), onSuccess: invalidate });
}

export function useUpdateStaff() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateStaff();
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<StaffInput> & { id: string }) => api.patch<Staff>(`/staff/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteStaff() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateStaff();
  return useMutation({ mutationFn: (id: string) => api.delete<Staff | undefined>(`/staff/${id}`), onSuccess: invalidate });
}
