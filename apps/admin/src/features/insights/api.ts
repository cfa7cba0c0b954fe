import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../app/api-client';
import { useTenantScope } from '../../app/tenant-scope';
import type {
  AnalyticsRangeQuery,
  AnalyticsSummary,
  BookingsCsvQuery,
  NoShowBreakdown,
  NoShowBreakdownResponse,
} from '@frontdesk/contracts';

export const analyticsKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'analytics'] as const,
  summary: (tenantId: string, range: AnalyticsRangeQuery) => [...analyticsKeys.all(tenantId), 'summary', range] as const,
  noShows: (tenantId: string, range: AnalyticsRangeQuery, by: NoShowBreakdown) =>
    [...analyticsKeys.all(tenantId), 'no-shows', by, range] as const,
};

export function useAnalyticsSummary(range: AnalyticsRangeQuery) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: analyticsKeys.summary(tenantId, range),
    queryFn: () => api.get<AnalyticsSummary>('/analytics/summary', { ...range }),
  });
}

export function useNoShows(range: AnalyticsRangeQuery, by: NoShowBreakdown) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: analyticsKeys.noShows(tenantId, range, by),
    queryFn: () => api.get<NoShowBreakdownResponse>('/analytics/no-shows', { ...range, by }),
  });
}

/** The bookings of the range, one row each with outcome, risk and payment columns. */
export const BOOKINGS_CSV_PATH = '/analytics/bookings.csv';

/** Fetches the range's CSV (the request needs the session's headers) and hands it to the browser as a file. */
export async function downloadBookingsCsv(api: ApiClient, range: BookingsCsvQuery) {
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
