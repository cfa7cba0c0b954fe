import { type QueryKey, useQuery } from '@tanstack/react-query';
import type { AvailabilityQuery, AvailabilityResponse } from '@frontdesk/contracts';

/**
 * Where a slot picker gets its free times: the tenant-scoped endpoint in the admin, a
 * business's public endpoint on the customer pages. Same query, same answer (api-v1.md).
 */
export interface SlotSource {
  queryKey: (params: AvailabilityQuery) => QueryKey;
  load: (params: AvailabilityQuery) => Promise<AvailabilityResponse>;
}

/** Free times for the params; nothing is fetched until they name a service and a range. */
export function useSlots(source: SlotSource, params: AvailabilityQuery | null) {
  const query = params ?? { serviceId: '', from: '', to: '' };
  return useQuery({
    queryKey: source.queryKey(query),
    queryFn: () => source.load(query),
    enabled: Boolean(params?.serviceId && params.from && params.to),
    // Slots go as others book: always ask again when a picker mounts.
    staleTime: 0,
  });
}
