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

/**
 * Every free time of the range: an answer holds whole days up to a limit and names the date
 * to ask from next (`nextFrom`), so the rest of the range is asked for until it is done.
 */
export async function loadRange(source: SlotSource, params: AvailabilityQuery): Promise<AvailabilityResponse> {
  const first = await source.load(params);
  const slots = [...first.slots];
  let from = params.from;
  let next = first.nextFrom;
  // Each answer moves forward by at least a day; one that does not would loop forever.
  while (next !== null && next > from && next <= params.to) {
    from = next;
    const page = await source.load({ ...params, from });
    slots.push(...page.slots);
    next = page.nextFrom;
  }
  return { ...first, slots, nextFrom: null };
}

/** Free times for the params; nothing is fetched until they name a service and a range. */
export function useSlots(source: SlotSource, params: AvailabilityQuery | null) {
  const query = params ?? { serviceId: '', from: '', to: '' };
  return useQuery({
    queryKey: source.queryKey(query),
    queryFn: () => loadRange(source, query),
    enabled: Boolean(params?.serviceId && params.from && params.to),
    // Slots go as others book: always ask again when a picker mounts.
    staleTime: 0,
  });
}
