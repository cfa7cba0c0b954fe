import { zoneClock } from './zone-clock';

export interface LeastBusyQuery {
  /** Who could take the slot (a slot's `staffIds`). */
  candidates: readonly string[];
  /** Every staff member in the business's order; breaks ties. */
  staffOrder: readonly string[];
  /** Active bookings (any days: only those on the local day of `start` count). */
  bookings: readonly { staffId: string; start: Date }[];
  /** IANA zone in which "the same day" is meant. */
  timezone: string;
  start: Date;
}

/**
 * Who gets a booking nobody chose staff for: of the candidates, the one with the fewest bookings
 * on the local day of `start`; a tie goes to the one first in `staffOrder`. Candidates missing
 * from `staffOrder` are not considered; throws a RangeError when that leaves none.
 */
export function leastBusyStaff({ candidates, staffOrder, bookings, timezone, start }: LeastBusyQuery): string {
  const clock = zoneClock(timezone);
  const dayOf = (instant: Date) => clock.localDayAndMinute(instant.getTime()).day;
  const day = dayOf(start);
  const load = new Map(candidates.map((id) => [id, 0]));
  for (const booking of bookings) {
    const count = load.get(booking.staffId);
    if (count !== undefined && dayOf(booking.start) === day) load.set(booking.staffId, count + 1);
  }
  const order = staffOrder.filter((id) => load.has(id));
  if (order.length === 0) throw new RangeError('None of the candidates is in the staff order');
  return order.reduce((best, id) => (load.get(id)! < load.get(best)! ? id : best));
}

/**
 * The time a booking keeps its staff member from others: `[start − bufferBefore, end + bufferAfter)`,
 * in real minutes (across a DST change too).
 */
export function blockedRange(
  start: Date,
  end: Date,
  buffers: { bufferBeforeMinutes: number; bufferAfterMinutes: number },
): { start: Date; end: Date } {
  return {
    start: new Date(start.getTime() - buffers.bufferBeforeMinutes * 60_000),
    end: new Date(end.getTime() + buffers.bufferAfterMinutes * 60_000),
  };
}
