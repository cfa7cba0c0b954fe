import { DateTime } from 'luxon';
import type { WeeklyHours, Weekday } from '@frontdesk/contracts';
import type { Slot, SlotQuery } from './slots';

/** Weekly hours from `{ mon: [['09:00', '17:00']] }`; unnamed days are closed. */
export function week(days: Partial<Record<Weekday, Array<[string, string]>>>): WeeklyHours {
  const hours: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  for (const [weekday, intervals] of Object.entries(days) as Array<[Weekday, Array<[string, string]>]>) {
    hours[weekday] = intervals.map(([start, end]) => ({ start, end }));
  }
  return hours;
}

export const EVERY_DAY_9_TO_17 = week({
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
  sat: [['09:00', '17:00']],
  sun: [['09:00', '17:00']],
});

/** A query with neutral defaults: UTC, no notice, no buffers, one staff member. */
export function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    timezone: 'UTC',
    from: '2026-03-10',
    to: '2026-03-10',
    now: new Date('2026-03-01T00:00:00Z'),
    policy: { minNoticeMinutes: 0, maxAdvanceDays: 365, slotIntervalMinutes: 60, sameDayCutoff: null },
    businessHours: EVERY_DAY_9_TO_17,
    service: { id: 'svc', durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    staff: [{ id: 'alice', hours: null }],
    overrides: [],
    bookings: [],
    ...overrides,
  };
}

/** `2026-03-10T09:00` style local wall times of the slots' starts, in `zone`. */
export function localStarts(slots: readonly Slot[], zone: string): string[] {
  return slots.map((slot) => DateTime.fromJSDate(slot.start, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"));
}

export function isoStarts(slots: readonly Slot[]): string[] {
  return slots.map((slot) => slot.start.toISOString());
}

// A deliberately naive second implementation of the contract, for
// property-based tests to compare the engine against. It shares no code with
// the engine and only uses Luxon in the unambiguous direction (instant → wall
// time), checking each guess instead of computing offsets.

const HOUR_MS = 3_600_000;

function wallMs(date: string, minuteOfDay: number): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
}

function wallOf(instant: number, zone: string): number {
  return instant + DateTime.fromMillis(instant, { zone }).offset * 60_000;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

/** The earliest instant whose wall time in `zone` is `date` + `minuteOfDay`, or null. */
const referenceCache = new Map<string, number | null>();
export function referenceInstant(zone: string, date: string, minuteOfDay: number): number | null {
  const key = `${zone}|${date}|${minuteOfDay}`;
  if (!referenceCache.has(key)) referenceCache.set(key, uncachedReferenceInstant(zone, date, minuteOfDay));
  return referenceCache.get(key) as number | null;
}

function uncachedReferenceInstant(zone: string, date: string, minuteOfDay: number): number | null {
  const wall = wallMs(date, minuteOfDay);
  const offsets = new Set([-16, -8, 0, 8, 16].map((hours) => DateTime.fromMillis(wall + hours * HOUR_MS, { zone }).offset));
  const instants = [...offsets].map((offset) => wall - offset * 60_000).filter((i) => wallOf(i, zone) === wall);
  return instants.length ? Math.min(...instants) : null;
}

/** A boundary in a gap moves to the first wall time after it that exists. */
export function referenceBoundary(zone: string, date: string, minuteOfDay: number): number {
  for (let minute = minuteOfDay; ; minute++) {
    const instant = referenceInstant(zone, addDays(date, Math.floor(minute / 1440)), minute % 1440);
    if (instant !== null) return instant;
  }
}

const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Working intervals as minute runs, from a per-minute map of the day. */
export function referenceWorkingMinutes(
  q: Pick<SlotQuery, 'businessHours' | 'overrides'>,
  hours: WeeklyHours | null,
  date: string,
  staffId: string,
): Array<[number, number]> {
  const weekday = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)[
    DateTime.fromISO(date, { zone: 'utc' }).weekday - 1
  ];
  const working = new Array<boolean>(1440).fill(false);
  const mark = (start: string, end: string, value: boolean) => {
    for (let m = toMinutes(start); m < toMinutes(end); m++) working[m] = value;
  };
  for (const interval of (hours ?? q.businessHours)[weekday]) mark(interval.start, interval.end, true);
  const mine = q.overrides.filter((o) => o.date === date && (o.staffId === null || o.staffId === staffId));
  for (const o of mine) if (o.kind === 'open' && o.start && o.end) mark(o.start, o.end, true);
  for (const o of mine) {
    if (o.kind !== 'closed') continue;
    if (o.start && o.end) mark(o.start, o.end, false);
    else working.fill(false);
  }
  const runs: Array<[number, number]> = [];
  for (let m = 0; m < 1440; m++) {
    if (!working[m]) continue;
    if (runs.length && runs[runs.length - 1][1] === m) runs[runs.length - 1][1] = m + 1;
    else runs.push([m, m + 1]);
  }
  return runs;
}

export function referenceClosures(q: SlotQuery, staffId: string): Array<[number, number]> {
  return q.overrides
    .filter((o) => o.kind === 'closed' && (o.staffId === null || o.staffId === staffId))
    .map((o): [number, number] =>
      o.start && o.end
        ? [referenceBoundary(q.timezone, o.date, toMinutes(o.start)), referenceBoundary(q.timezone, o.date, toMinutes(o.end))]
        : [referenceBoundary(q.timezone, o.date, 0), referenceBoundary(q.timezone, addDays(o.date, 1), 0)],
    );
}

/** Half-open ranges; an empty one (e.g. a closure wholly inside a DST gap) overlaps nothing. */
export const overlaps = (a: readonly [number, number], b: readonly [number, number]): boolean =>
  a[0] < a[1] && b[0] < b[1] && a[0] < b[1] && b[0] < a[1];

export function referenceSlots(q: SlotQuery): Array<[string, string[]]> {
  const { policy, service } = q;
  const minute = 60_000;
  const now = DateTime.fromJSDate(q.now, { zone: q.timezone });
  const today = now.toISODate() as string;
  const byStart = new Map<number, string[]>();
  for (const member of [...q.staff].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const blocked = [
      ...q.bookings
        .filter((b) => b.staffId === member.id)
        .map((b): [number, number] => [b.blockedStart.getTime(), b.blockedEnd.getTime()]),
      ...referenceClosures(q, member.id),
    ];
    for (let date = q.from; date <= q.to; date = addDays(date, 1)) {
      if (date > addDays(today, policy.maxAdvanceDays)) continue;
      if (policy.sameDayCutoff && date === today && now.toFormat('HH:mm') >= policy.sameDayCutoff) continue;
      for (const [a, b] of referenceWorkingMinutes(q, member.hours, date, member.id)) {
        const intervalStart = referenceBoundary(q.timezone, date, a);
        const intervalEnd = referenceBoundary(q.timezone, date, b);
        for (let m = a; m < b; m += policy.slotIntervalMinutes) {
          const start = referenceInstant(q.timezone, date, m);
          if (start === null) continue;
          const end = start + service.durationMinutes * minute;
          if (start < intervalStart || end > intervalEnd) continue;
          if (start < q.now.getTime() + policy.minNoticeMinutes * minute) continue;
          const buffered: [number, number] = [
            start - service.bufferBeforeMinutes * minute,
            end + service.bufferAfterMinutes * minute,
          ];
          if (blocked.some((range) => overlaps(buffered, range))) continue;
          byStart.set(start, [...(byStart.get(start) ?? []), member.id]);
        }
      }
    }
  }
  return [...byStart.entries()].sort((x, y) => x[0] - y[0]).map(([start, ids]) => [new Date(start).toISOString(), ids]);
}
