import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Customer, CustomerDetail, CustomerList, ListCustomersQuery, UpdateCustomerRequest } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { bookingKeys } from '../bookings/keys';
import { customerKeys } from './keys';

export { customerKeys };

export function useCustomers(filters: ListCustomersQuery, options: { enabled?: boolean } = {}) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: customerKeys.list(tenantId, filters),
    queryFn: () => api.get<CustomerList>('/customers', { ...filters }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useCustomer(id: string) {
  const { tenantId, api } = useTenantScope();
  return useQuery({ queryKey: customerKeys.detail(tenantId, id), queryFn: () => api.get<CustomerDetail>(`/customers/${id}`) });
}

export function useUpdateCustomer() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...update }: UpdateCustomerRequest & { id: string }) => api.patch<Customer>(`/customers/${id}`, update),
    // Bookings show the customer's name and contact details too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.all(tenantId) }),
        queryClient.invalidateQueries({ queryKey: bookingKeys.all(tenantId) }),
      ]),
  });
}
