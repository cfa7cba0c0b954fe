import type { Booking, ExternalBusyBlock, LocalDate, Override, Staff, WeeklyHours } from '@frontdesk/contracts';
import { addDays, timeToMinutes, toZoned, weekdayOf, zonedToUtc } from '../../app/time';

/*
 * Where everything goes on the calendar: one column per (date, staff member), positions
 * in minutes since local midnight in the tenant's zone. Pure, so the tricky parts (zones,
 * DST, midnight, overlaps) are tested from tables without rendering anything.
 */

export type CalendarBooking = Pick<
  Booking,
  'id' | 'status' | 'paymentStatus' | 'staffId' | 'serviceId' | 'start' | 'end' | 'customerConfirmedAt'
> &
  Partial<Pick<Booking, 'noShowRisk'>> & {
    customer: Pick<Booking['customer'], 'name' | 'phone'>;
  };

export type CalendarStaff = Pick<Staff, 'id' | 'name' | 'hours'>;

export interface CalendarInput {
  dates: LocalDate[];
  staff: CalendarStaff[];
  /** The business's weekly hours: what staff without their own hours work. */
  businessHours: WeeklyHours | null;
  bookings: CalendarBooking[];
  overrides: Override[];
  /** Busy time read from staff members' own calendars (Google). */
  externalBusy?: ExternalBusyBlock[];
  timeZone: string;
  /** The window shown when nothing reaches outside it (minutes since midnight). */
  defaultStartMinute?: number;
  defaultEndMinute?: number;
}

export interface Band {
  startMinute: number;
  endMinute: number;
}

export interface PlacedBooking extends Band {
  booking: CalendarBooking;
  /** Overlapping bookings share the column side by side: this one is lane `lane` of `lanes`. */
  lane: number;
  lanes: number;
  /** Started the day before / ends the day after (cut at midnight). */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface PlacedOverride extends Band {
  override: Override;
  wholeDay: boolean;
}

export interface CalendarColumn {
  key: string;
  date: LocalDate;
  staffId: string;
  staffName: string;
  /** Weekly working intervals (the staff member's own, else the business's). */
  hours: Band[];
  /** Overrides of the whole business and of this staff member on this date. */
  overrides: PlacedOverride[];
  bookings: PlacedBooking[];
  /** Busy time in this staff member's own calendar on this date. */
  externalBusy: Band[];
}

export interface CalendarLayout {
  /** The visible window, whole hours, minutes since midnight. */
  startMinute: number;
  endMinute: number;
  columns: CalendarColumn[];
  /** Bookings whose staff member has no column (inactive or filtered out) in the range. */
  unplaced: CalendarBooking[];
}

const DAY = 24 * 60;

export const columnKey = (date: LocalDate, staffId: string) => `${date}|${staffId}`;

/** Side-by-side lanes for overlapping items: each cluster of overlaps gets as many lanes as it needs. */
export function assignLanes<T extends Band>(items: T[]): (T & { lane: number; lanes: number })[] {
  const sorted = [...items].sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
  const placed: (T & { lane: number; lanes: number })[] = [];
  let cluster: (T & { lane: number; lanes: number })[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const closeCluster = () => {
    for (const item of cluster) item.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.startMinute >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= item.startMinute);
    if (lane === -1) lane = laneEnds.push(item.endMinute) - 1;
    else laneEnds[lane] = item.endMinute;
    const withLane = { ...item, lane, lanes: 1 };
    cluster.push(withLane);
    placed.push(withLane);
    clusterEnd = cluster.length === 1 ? item.endMinute : Math.max(clusterEnd, item.endMinute);
  }
  closeCluster();
  return placed;
}

/** A booking's part on one local date, or null when it does not touch that date. */
export function clipToDate(booking: Pick<Booking, 'start' | 'end'>, date: LocalDate, timeZone: string) {
  const dayStart = zonedToUtc(date, '00:00', timeZone).getTime();
  const nextDayStart = zonedToUtc(addDays(date, 1), '00:00', timeZone).getTime();
  const start = Date.parse(booking.start);
  const end = Date.parse(booking.end);
  if (end <= dayStart || start >= nextDayStart) return null;
  const continuesBefore = start < dayStart;
  const continuesAfter = end > nextDayStart;
  const startMinute = continuesBefore ? 0 : toZoned(start, timeZone).minutes;
  let endMinute = end >= nextDayStart ? DAY : toZoned(end, timeZone).minutes;
  // On the night clocks go back, wall-clock minutes repeat; fall back to elapsed time.
  if (endMinute <= startMinute)
    endMinute = Math.min(DAY, startMinute + Math.round((Math.min(end, nextDayStart) - Math.max(start, dayStart)) / 60_000));
  return { startMinute, endMinute, continuesBefore, continuesAfter };
}

export function layoutCalendar(input: CalendarInput): CalendarLayout {
  const { dates, staff, businessHours, bookings, overrides, timeZone } = input;
  let startMinute = input.defaultStartMinute ?? 8 * 60;
  let endMinute = input.defaultEndMinute ?? 18 * 60;
  const widen = (band: Band) => {
    startMinute = Math.min(startMinute, band.startMinute);
    endMinute = Math.max(endMinute, band.endMinute);
  };

  const columns = new Map<string, CalendarColumn>();
  for (const date of dates) {
    const weekday = weekdayOf(date);
    for (const member of staff) {
      const hours = ((member.hours ?? businessHours)?.[weekday] ?? []).map((interval) => ({
        startMinute: timeToMinutes(interval.start),
        endMinute: timeToMinutes(interval.end),
      }));
      hours.forEach(widen);
      const placedOverrides: PlacedOverride[] = overrides
        .filter((override) => override.date === date && (override.staffId === null || override.staffId === member.id))
        .map((override) => {
          const wholeDay = !override.start || !override.end;
          const band = wholeDay
            ? { startMinute: 0, endMinute: DAY }
            : { startMinute: timeToMinutes(override.start!), endMinute: timeToMinutes(override.end!) };
          if (!wholeDay) widen(band);
          return { override, wholeDay, ...band };
        });
      columns.set(columnKey(date, member.id), {
        key: columnKey(date, member.id),
        date,
        staffId: member.id,
        staffName: member.name,
        hours,
        overrides: placedOverrides,
        bookings: [],
        externalBusy: [],
      });
    }
  }

  const unplaced: CalendarBooking[] = [];
  const pieces = new Map<string, Omit<PlacedBooking, 'lane' | 'lanes'>[]>();
  for (const booking of bookings) {
    let placedSomewhere = false;
    for (const date of dates) {
      const key = columnKey(date, booking.staffId);
      if (!columns.has(key)) continue;
      const clip = clipToDate(booking, date, timeZone);
      if (!clip) continue;
      placedSomewhere = true;
      widen(clip);
      pieces.set(key, [...(pieces.get(key) ?? []), { booking, ...clip }]);
    }
    if (!placedSomewhere) unplaced.push(booking);
  }
  for (const [key, items] of pieces) columns.get(key)!.bookings = assignLanes(items);
  for (const busy of input.externalBusy ?? []) {
    for (const date of dates) {
      const column = columns.get(columnKey(date, busy.staffId));
      const clip = column && clipToDate(busy, date, timeZone);
      if (!column || !clip) continue;
      widen(clip);
      column.externalBusy.push({ startMinute: clip.startMinute, endMinute: clip.endMinute });
    }
  }

  return {
    startMinute: Math.max(0, Math.floor(startMinute / 60) * 60),
    endMinute: Math.min(DAY, Math.ceil(endMinute / 60) * 60),
    columns: [...columns.values()],
    unplaced,
  };
}

/** Snaps a pointer position in a column to the grid: minutes since midnight. */
export function snapMinute(offsetPx: number, pxPerMinute: number, startMinute: number, stepMinutes = 15): number {
  const raw = startMinute + offsetPx / pxPerMinute;
  return Math.max(0, Math.min(DAY, Math.round(raw / stepMinutes) * stepMinutes));
}
