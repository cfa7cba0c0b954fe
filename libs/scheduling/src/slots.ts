import type { BookingPolicy, LocalDate, Service, Staff, WeeklyHours } from '@frontdesk/contracts';
import { MINUTE_MS, MINUTES_PER_DAY, formatLocalDate, parseLocalDate, parseLocalTime } from './local-time';
import { resolveWall, wallToInstant, zoneClock } from './zone-clock';
import type { DayClock } from './zone-clock';
import { parseOverride, parseWeek, workingRanges } from './working-intervals';
import type { ParsedOverride, ParsedWeek, ScheduleOverride } from './working-intervals';

export type SlotPolicy = Pick<BookingPolicy, 'minNoticeMinutes' | 'maxAdvanceDays' | 'slotIntervalMinutes' | 'sameDayCutoff'>;
export type SlotService = Pick<Service, 'id' | 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>;
/** `hours: null` means the staff member works the business hours. */
export type SlotStaff = Pick<Staff, 'id' | 'hours'>;

/** An active booking's buffered range `[start − bufferBefore, end + bufferAfter)`. */
export interface BlockedRange {
  staffId: string;
  blockedStart: Date;
  blockedEnd: Date;
}

export interface SlotQuery {
  /** IANA zone of the tenant; every local date and time is read in it. */
  timezone: string;
  /** Inclusive local dates. */
  from: LocalDate;
  to: LocalDate;
  now: Date;
  policy: SlotPolicy;
  businessHours: WeeklyHours;
  service: SlotService;
  /** Already limited to active staff who perform the service. */
  staff: readonly SlotStaff[];
  overrides: readonly ScheduleOverride[];
  bookings: readonly BlockedRange[];
  /**
   * Busy time in a staff member's own calendar (e.g. Google): blocks like a `closed` override
   * range of that staff member (buffers may not reach into it). `blockedStart`/`blockedEnd` are
   * the busy range itself.
   */
  externalBusy?: readonly BlockedRange[];
}

export interface Slot {
  start: Date;
  end: Date;
  /** Sorted; the staff members who can take this slot. */
  staffIds: string[];
}

function assertWholeMinutes(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * One staff member's blocked ranges, kept as two independently sorted lists.
 * A query [a, b) overlaps #{start < b} − #{end ≤ a} of them: every range that
 * ends by `a` also starts before `b`. Both counts only grow as candidates move
 * forward, so two pointers answer each candidate in amortised O(1), and plain
 * numeric typed-array sorts replace sorting pairs with a comparator (which was
 * a fifth of a call with 2,000 bookings).
 */
class BlockedTime {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private startsBefore = 0;
  private endsBy = 0;
  private lastQueryStart = -Infinity;

  constructor(starts: number[], ends: number[]) {
    this.starts = Float64Array.from(starts).sort();
    this.ends = Float64Array.from(ends).sort();
  }

  /** Whether `[from, to)` (non-empty) overlaps any blocked range. */
  overlaps(from: number, to: number): boolean {
    const { starts, ends } = this;
    if (from < this.lastQueryStart) {
      // Candidates of one staff member only move forward; this restart keeps
      // the answer right should that ever not hold.
      this.startsBefore = 0;
      this.endsBy = 0;
    }
    this.lastQueryStart = from;
    while (this.startsBefore < starts.length && starts[this.startsBefore] < to) this.startsBefore++;
    while (this.startsBefore > 0 && starts[this.startsBefore - 1] >= to) this.startsBefore--;
    while (this.endsBy < ends.length && ends[this.endsBy] <= from) this.endsBy++;
    return this.startsBefore > this.endsBy;
  }
}

function byId(a: SlotStaff, b: SlotStaff): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The slots of one local date, ordered by start. */
export interface DaySlots {
  date: LocalDate;
  slots: Slot[];
}

/**
 * The slots offered for `service` between two local dates, per the five rules
 * of the availability contract (shared/spec/api-v1.md), one local date at a
 * time in date order: a date is computed only when the caller asks for it, so
 * a caller that has enough stops the work there (and may yield to other work
 * between dates). Dates that cannot offer anything (long past, beyond
 * `maxAdvanceDays`) are not yielded.
 *
 * Everything runs on epoch milliseconds: each local date gets one `DayClock`
 * (a few Luxon offset look-ups), after which turning a wall-clock candidate
 * into an instant is a subtraction, and each staff member's blocked ranges
 * are sorted once and swept with pointers as candidates move forward.
 */
export function* slotsByDay(query: SlotQuery): Generator<DaySlots, void, undefined> {
  const { policy, service } = query;
  assertWholeMinutes('slotIntervalMinutes', policy.slotIntervalMinutes, 1);
  assertWholeMinutes('minNoticeMinutes', policy.minNoticeMinutes, 0);
  assertWholeMinutes('maxAdvanceDays', policy.maxAdvanceDays, 0);
  assertWholeMinutes('durationMinutes', service.durationMinutes, 1);
  assertWholeMinutes('bufferBeforeMinutes', service.bufferBeforeMinutes, 0);
  assertWholeMinutes('bufferAfterMinutes', service.bufferAfterMinutes, 0);
  const nowMs = query.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is an invalid Date');

  const zone = zoneClock(query.timezone);
  const step = policy.slotIntervalMinutes;
  const durationMs = service.durationMinutes * MINUTE_MS;
  const beforeMs = service.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = service.bufferAfterMinutes * MINUTE_MS;
  const earliestStart = nowMs + policy.minNoticeMinutes * MINUTE_MS;
  const today = zone.localDayAndMinute(nowMs);
  const cutoffPassed = policy.sameDayCutoff !== null && today.minuteOfDay >= parseLocalTime(policy.sameDayCutoff);
  // A start on a date before yesterday is always before now, so those dates
  // are skipped unread; yesterday stays in case the clock went back at midnight.
  const firstDay = Math.max(parseLocalDate(query.from), today.day - 1);
  const lastDay = Math.min(parseLocalDate(query.to), today.day + policy.maxAdvanceDays);
  if (firstDay > lastDay) return;

  const staff: SlotStaff[] = [];
  const staffIndex = new Map<string, number>();
  for (const member of [...query.staff].sort(byId)) {
    if (staffIndex.has(member.id)) continue;
    staffIndex.set(member.id, staff.length);
    staff.push(member);
  }

  // Only blocked time that a buffered candidate of these dates can touch matters.
  const windowStart = resolveWall(zone.day(firstDay), 0) - beforeMs;
  const windowEnd = resolveWall(zone.day(lastDay + 1), 0) + durationMs + afterMs;
  const reachDays =
    1 + Math.ceil((service.bufferBeforeMinutes + service.durationMinutes + service.bufferAfterMinutes) / MINUTES_PER_DAY);

  const overridesByDay = new Map<number, ParsedOverride[]>();
  const blockedStarts: number[][] = staff.map(() => []);
  const blockedEnds: number[][] = staff.map(() => []);
  const addBlocked = (staffId: string | null, start: number, end: number): void => {
    // Empty ranges must go: the overlap count assumes start < end.
    if (end <= windowStart || start >= windowEnd || !(start < end)) return;
    // Business-wide closures block everyone; bookings of unlisted staff nobody.
    const first = staffId === null ? 0 : staffIndex.get(staffId);
    if (first === undefined) return;
    const last = staffId === null ? staff.length - 1 : first;
    for (let k = first; k <= last; k++) {
      blockedStarts[k].push(start);
      blockedEnds[k].push(end);
    }
  };

  for (const raw of query.overrides) {
    const override = parseOverride(raw);
    if (!override) continue;
    if (override.day >= firstDay && override.day <= lastDay) {
      const list = overridesByDay.get(override.day);
      if (list) list.push(override);
      else overridesByDay.set(override.day, [override]);
    }
    // Rule 3: a closure also blocks buffers reaching into it from outside its
    // working time, so it is blocked time as instants, not just a gap in the
    // hours. A whole-day closure blocks local midnight to local midnight.
    if (override.kind === 'closed' && override.day >= firstDay - reachDays && override.day <= lastDay + reachDays) {
      const clock = zone.day(override.day);
      const start = resolveWall(clock, override.range ? override.range.start : 0);
      const end = override.range ? resolveWall(clock, override.range.end) : resolveWall(zone.day(override.day + 1), 0);
      addBlocked(override.staffId, start, end);
    }
  }
  for (const booking of query.bookings) {
    addBlocked(booking.staffId, booking.blockedStart.getTime(), booking.blockedEnd.getTime());
  }
  for (const busy of query.externalBusy ?? []) {
    addBlocked(busy.staffId, busy.blockedStart.getTime(), busy.blockedEnd.getTime());
  }

  const businessWeek = parseWeek(query.businessHours);
  const weeks = new Map<WeeklyHours, ParsedWeek>();
  const members = staff.map((member, k) => {
    let week = businessWeek;
    if (member.hours) {
      week = weeks.get(member.hours) ?? parseWeek(member.hours);
      weeks.set(member.hours, week);
    }
    // Candidates of one staff member move forward across dates too, so one
    // sweep of their blocked time serves every date.
    return { id: member.id, week, blocked: new BlockedTime(blockedStarts[k], blockedEnds[k]) };
  });
  // Indexed by local wall-clock minute of the date: the engine's wall → instant
  // mapping is one-to-one and increasing (gap times are dropped, a repeated
  // time maps to its first occurrence only), so minute order is start order.
  const byMinute = new Array<{ start: number; staffIds: string[] } | undefined>(MINUTES_PER_DAY);

  for (let day = firstDay; day <= lastDay; day++) {
    const date = formatLocalDate(day);
    if (members.length === 0 || (cutoffPassed && day === today.day)) {
      yield { date, slots: [] };
      continue;
    }
    const clock: DayClock = zone.day(day);
    const overrides = overridesByDay.get(day) ?? [];
    let first = MINUTES_PER_DAY;
    let last = -1;
    for (const { id, week, blocked } of members) {
      for (const range of workingRanges(week, day, overrides, id)) {
        const latestEnd = resolveWall(clock, range.end);
        if (latestEnd - durationMs < earliestStart) continue;
        // Rule 2: the grid steps in wall-clock minutes from the interval's start.
        for (let minute = range.start; minute < range.end; minute += step) {
          const start = wallToInstant(clock, minute);
          // Rule 5: a wall time inside a spring-forward gap is not a start.
          if (Number.isNaN(start)) continue;
          const end = start + durationMs;
          if (end > latestEnd) break;
          if (start < earliestStart) continue;
          if (blocked.overlaps(start - beforeMs, end + afterMs)) continue;
          const slot = byMinute[minute];
          if (slot) slot.staffIds.push(id);
          else byMinute[minute] = { start, staffIds: [id] };
          if (minute < first) first = minute;
          if (minute > last) last = minute;
        }
      }
    }
    // Staff were visited in id order, so each staffIds list is already sorted.
    const slots: Slot[] = [];
    for (let minute = first; minute <= last; minute++) {
      const slot = byMinute[minute];
      if (!slot) continue;
      byMinute[minute] = undefined;
      slots.push({ start: new Date(slot.start), end: new Date(slot.start + durationMs), staffIds: slot.staffIds });
    }
    yield { date, slots };
  }
}

/** Every slot offered between the query's two local dates, ordered by start. */
export function computeSlots(query: SlotQuery): Slot[] {
  const slots: Slot[] = [];
  for (const day of slotsByDay(query)) {
    for (const slot of day.slots) slots.push(slot);
  }
  return slots;
}

/**
 * The offered slot starting exactly at `start`, or `null` when that start is
 * not offered (taken, closed, too soon, too far, off the grid). Runs the same
 * code as `computeSlots` over the start's local date, so a booking transaction
 * can re-check a requested start against freshly locked data with no risk of
 * the two disagreeing. Pass `staff` limited to one member to check that member.
 */
export function offeredSlotAt(query: Omit<SlotQuery, 'from' | 'to'>, start: Date): Slot | null {
  const instant = start.getTime();
  if (Number.isNaN(instant)) return null;
  const date = formatLocalDate(zoneClock(query.timezone).localDayAndMinute(instant).day);
  const slots = computeSlots({ ...query, from: date, to: date });
  return slots.find((slot) => slot.start.getTime() === instant) ?? null;
}

/**
 * The `n` slots whose starts are closest to `requestedStart` (a tie goes to
 * the earlier one), in start order. `slots` must be ordered by start, as
 * `computeSlots` returns them.
 */
export function nearestSlots<T extends { start: Date }>(slots: readonly T[], requestedStart: Date, n = 3): T[] {
  const target = requestedStart.getTime();
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[mid].start.getTime() < target) lo = mid + 1;
    else hi = mid;
  }
  // The answer is the contiguous run (left, right) grown one slot at a time
  // towards whichever neighbour is closer.
  let left = lo - 1;
  let right = lo;
  for (let taken = 0; taken < n && (left >= 0 || right < slots.length); taken++) {
    const before = left >= 0 ? target - slots[left].start.getTime() : Infinity;
    const after = right < slots.length ? slots[right].start.getTime() - target : Infinity;
    if (before <= after) left--;
    else right++;
  }
  return slots.slice(left + 1, right);
}
