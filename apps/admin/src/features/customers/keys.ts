import type { ListCustomersQuery } from '@frontdesk/contracts';

export const customerKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'customers'] as const,
  list: (tenantId: string, filters: ListCustomersQuery) => [...customerKeys.all(tenantId), 'list', filters] as const,
  detail: (tenantId: string, id: string) => [...customerKeys.all(tenantId), 'detail', id] as const,
};
