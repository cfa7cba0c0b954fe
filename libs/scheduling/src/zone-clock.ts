import { IANAZone } from 'luxon';
import type { LocalDate, LocalTime } from '@frontdesk/contracts';
import { DAY_MS, MINUTE_MS, formatLocalDate, formatLocalTime, parseLocalDate, parseLocalTime } from './local-time';

/**
 * How wall-clock times of one local date map to instants.
 *
 * Offsets come from Luxon's IANA zone; the wall → instant step is then one
 * subtraction per candidate, which is what keeps the engine fast. We do not
 * call `DateTime.fromObject` per wall time because of how Luxon resolves the
 * two DST edge cases:
 * - a wall time inside a spring-forward gap is silently shifted forward
 *   (02:30 → 03:30), which would offer a 03:30 slot twice or an hour that the
 *   business never opened;
 * - an ambiguous fall-back time is resolved from a guess seeded by the
 *   *current system time's* offset, so the same input can give different
 *   instants in summer and winter (New York 01:30 on 2026-11-01 comes back
 *   as -05:00 when run in November, Lord Howe 01:45 on 2026-04-05 as +11:00).
 * The rules here are deterministic:
 * - ambiguous wall time → the earlier instant (the offset in force before
 *   the transition);
 * - nonexistent wall time → no instant (`NaN`) for a candidate start, and the
 *   transition instant itself for an interval boundary (see `resolveWall`).
 */
export interface DayClock {
  /** The local date's midnight read as if it were UTC, in epoch ms. */
  readonly wallStart: number;
  /** Offset (ms) in force before `transition`, or all day when there is none. */
  readonly offsetBefore: number;
  readonly offsetAfter: number;
  /** Instant the offset changes, `Infinity` when it does not near this date. */
  readonly transition: number;
}

// Offsets are sampled once per day, SAMPLE_SHIFT_MS before each wall-clock
// midnight. Every instant whose wall time falls on date D lies between the
// samples of D and D + 3 (real offsets span -12h..+14h, so those instants
// span D's midnight -14h..+36h), and consecutive dates share most samples:
// Luxon's offset look-up costs ~10 µs, which would otherwise dominate a call.
const SAMPLE_SHIFT_MS = 16 * 3_600_000;

/** Wall time (minutes after local midnight) → instant; `NaN` inside a gap. */
export function wallToInstant(clock: DayClock, minuteOfDay: number): number {
  const wall = clock.wallStart + minuteOfDay * MINUTE_MS;
  if (wall < clock.transition + clock.offsetBefore) return wall - clock.offsetBefore;
  if (wall >= clock.transition + clock.offsetAfter) return wall - clock.offsetAfter;
  return NaN;
}

/**
 * Like `wallToInstant`, but a boundary that falls inside a spring-forward gap
 * resolves to the transition instant, i.e. the first local time that exists
 * after it (03:00 for New York's 02:00–03:00 gap). An interval ending at 02:30
 * on that day therefore ends when the clocks jump, and one starting at 02:30
 * starts then; grid candidates inside the gap are skipped either way, so no
 * slot ever starts or ends at a wall time the hours do not cover.
 */
export function resolveWall(clock: DayClock, minuteOfDay: number): number {
  const instant = wallToInstant(clock, minuteOfDay);
  return Number.isNaN(instant) ? clock.transition : instant;
}

export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly days = new Map<number, DayClock>();

  constructor(readonly timezone: string) {
    this.zone = IANAZone.create(timezone);
    if (!this.zone.isValid) throw new RangeError(`Unknown IANA time zone "${timezone}"`);
  }

  /**
   * The zone's offset (ms) at an instant, from the day clock of its UTC date (whose samples span
   * that date, see `day`): after the first call for a date, two comparisons instead of Luxon's
   * look-up.
   */
  offsetAt(instant: number): number {
    const clock = this.day(Math.floor(instant / DAY_MS));
    return instant < clock.transition ? clock.offsetBefore : clock.offsetAfter;
  }

  /** Local date (day number) and minute of day of an instant. */
  localDayAndMinute(instant: number): { day: number; minuteOfDay: number } {
    const wall = instant + this.offsetAt(instant);
    const day = Math.floor(wall / DAY_MS);
    return { day, minuteOfDay: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
  }

  /**
   * Assumes at most one offset change within the 3 days sampled, which holds for every zone in the tz database since long before online booking.
   */
  day(dayNumber: number): DayClock {
    const cached = this.days.get(dayNumber);
    if (cached) return cached;
    const offsetBefore = this.sampleOffset(dayNumber);
    const offsetAfter = this.sampleOffset(dayNumber + 3);
    let transition = Infinity;
    if (offsetBefore !== offsetAfter) {
      let sample = dayNumber;
      while (this.sampleOffset(sample + 1) === offsetBefore) sample++;
      transition = this.transitionAfterSample(sample);
    }
    const clock: DayClock = { wallStart: dayNumber * DAY_MS, offsetBefore, offsetAfter, transition };
    this.days.set(dayNumber, clock);
    return clock;
  }

  private readonly samples = new Map<number, number>();
  private readonly transitions = new Map<number, number>();

  private sampleOffset(sample: number): number {
    let offset = this.samples.get(sample);
    if (offset === undefined) {
      offset = this.zoneOffset(sample * DAY_MS - SAMPLE_SHIFT_MS);
      this.samples.set(sample, offset);
    }
    return offset;
  }

  /** Luxon's offset look-up (~10 µs): only for the samples and the search of a transition. */
  private zoneOffset(instant: number): number {
    return Math.round(this.zone.offset(instant) * MINUTE_MS);
  }

  /** The instant the offset changes between samples `sample` and `sample + 1`. */
  private transitionAfterSample(sample: number): number {
    const cached = this.transitions.get(sample);
    if (cached !== undefined) return cached;
    const before = this.sampleOffset(sample);
    let lo = sample * DAY_MS - SAMPLE_SHIFT_MS;
    let hi = lo + DAY_MS;
    // Luxon reports offsets per whole second, so search on the second grid.
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.zoneOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    this.transitions.set(sample, hi);
    return hi;
  }
}

const clocks = new Map<string, ZoneClock>();

/**
 * The clock of a zone, shared: a clock only remembers what it computed (offsets, transitions),
 * so each zone's are computed once per process. Throws a RangeError for an unknown zone.
 */
export function zoneClock(timezone: string): ZoneClock {
  let clock = clocks.get(timezone);
  if (!clock) {
    clock = new ZoneClock(timezone);
    clocks.set(timezone, clock);
  }
  return clock;
}

/**
 * The local date (`YYYY-MM-DD`) and time (`HH:MM`) of an instant (epoch ms) in `timezone`.
 */
export function localDateTimeOf(instant: number, timezone: string): { date: LocalDate; time: LocalTime } {
  const { day, minuteOfDay } = zoneClock(timezone).localDayAndMinute(instant);
  return { date: formatLocalDate(day), time: formatLocalTime(minuteOfDay) };
}

/**
 * The instant of a local date and time in `timezone`, by the engine's rules:
 * `null` when the wall time does not exist that day, the earlier instant when
 * it occurs twice.
 */
export function localTimeToInstant(timezone: string, date: LocalDate, time: LocalTime): Date | null {
  const clock = zoneClock(timezone).day(parseLocalDate(date));
  const instant = wallToInstant(clock, parseLocalTime(time));
  return Number.isNaN(instant) ? null : new Date(instant);
}
