/** Pending: the query of GET /customers is not in libs/contracts yet. */
export interface PendingListCustomersQuery {
  search?: string;
  limit: number;
  offset: number;
}

export const customerKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'customers'] as const,
  list: (tenantId: string, filters: PendingListCustomersQuery) => [...customerKeys.all(tenantId), 'list', filters] as const,
  detail: (tenantId: string, id: string) => [...customerKeys.all(tenantId), 'detail', id] as const,
};
