import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../app/api-client';
import { useTenantScope } from '../../app/tenant-scope';
import type { AnalyticsSummary, DateRange, NoShowBreakdown, NoShowDimension } from './types';

export const analyticsKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'analytics'] as const,
  summary: (tenantId: string, range: DateRange) => [...analyticsKeys.all(tenantId), 'summary', range] as const,
  noShows: (tenantId: string, range: DateRange, by: NoShowDimension) =>
    [...analyticsKeys.all(tenantId), 'no-shows', by, range] as const,
};

export function useAnalyticsSummary(range: DateRange) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: analyticsKeys.summary(tenantId, range),
    queryFn: () => api.get<AnalyticsSummary>('/analytics/summary', { ...range }),
  });
}

export function useNoShows(range: DateRange, by: NoShowDimension) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: analyticsKeys.noShows(tenantId, range, by),
    queryFn: () => api.get<NoShowBreakdown>('/analytics/no-shows', { ...range, by }),
  });
}

/** The bookings of the range, one row each with outcome, risk and payment columns. */
export const BOOKINGS_CSV_PATH = '/analytics/bookings.csv';

/** Fetches the range's CSV (the request needs the session's headers) and hands it to the browser as a file. */
export async function downloadBookingsCsv(api: ApiClient, range: DateRange) {
  const file = await api.download(BOOKINGS_CSV_PATH, { ...range });
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = `bookings-${range.from}-to-${range.to}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
