import { WEEKDAYS } from '@frontdesk/contracts';
import type { LocalDate, Override, TimeInterval, WeeklyHours } from '@frontdesk/contracts';
import { formatLocalTime, parseLocalDate, parseLocalTime, weekdayIndex } from './local-time';

/** The fields of an override the engine reads; a full `Override` fits. */
export type ScheduleOverride = Pick<Override, 'date' | 'kind' | 'start' | 'end' | 'staffId'>;

/** Half-open `[start, end)` in minutes after local midnight. */
export interface MinuteRange {
  start: number;
  end: number;
}

/** Weekly hours parsed and merged once, indexed like `WEEKDAYS` (Monday first). */
export type ParsedWeek = MinuteRange[][];

export interface ParsedOverride {
  day: number;
  kind: ScheduleOverride['kind'];
  /** `null` only for a whole-day closure. */
  range: MinuteRange | null;
  staffId: string | null;
}

function toRange(start: string, end: string): MinuteRange | null {
  const range = { start: parseLocalTime(start), end: parseLocalTime(end) };
  // Validation rejects start >= end; treating it as empty keeps one bad row
  // from taking the whole availability page down.
  return range.start < range.end ? range : null;
}

export function parseWeek(hours: WeeklyHours): ParsedWeek {
  return WEEKDAYS.map((weekday) =>
    mergeRanges(
      (hours[weekday] ?? [])
        .map((interval) => toRange(interval.start, interval.end))
        .filter((range): range is MinuteRange => range !== null),
    ),
  );
}

/** `null` for overrides that cannot affect anything (e.g. an `open` without times). */
export function parseOverride(override: ScheduleOverride): ParsedOverride | null {
  const day = parseLocalDate(override.date);
  if (override.start === null || override.end === null) {
    return override.kind === 'closed' ? { day, kind: 'closed', range: null, staffId: override.staffId } : null;
  }
  const range = toRange(override.start, override.end);
  return range ? { day, kind: override.kind, range, staffId: override.staffId } : null;
}

/** Sorted, with touching or overlapping ranges merged (09:00–12:00 + 12:00–17:00 → 09:00–17:00). */
export function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

function subtractRange(ranges: MinuteRange[], cut: MinuteRange): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (const range of ranges) {
    if (cut.end <= range.start || cut.start >= range.end) {
      out.push(range);
      continue;
    }
    if (range.start < cut.start) out.push({ start: range.start, end: cut.start });
    if (cut.end < range.end) out.push({ start: cut.end, end: range.end });
  }
  return out;
}

/**
 * One staff member's working time on one date, rule 1 of the contract: weekly
 * hours ∪ `open` overrides − `closed` overrides, counting both business-wide
 * (`staffId: null`) overrides and the staff member's own.
 *
 * The union is taken before the difference, so a closure always wins over an
 * opening of the same date, whoever they belong to. What is left of an
 * interval after a partial closure is a working interval of its own: its grid
 * starts where the closure ends (13:00 after a 12:00–13:00 closure).
 *
 * `dayOverrides` must already be limited to `day`.
 */
export function workingRanges(
  week: ParsedWeek,
  day: number,
  dayOverrides: readonly ParsedOverride[],
  staffId: string,
): readonly MinuteRange[] {
  const base = week[weekdayIndex(day)];
  // Shared, already merged; callers only read the result.
  if (dayOverrides.length === 0) return base;
  const opens: MinuteRange[] = [...base];
  const closures: MinuteRange[] = [];
  for (const override of dayOverrides) {
    if (override.staffId !== null && override.staffId !== staffId) continue;
    if (override.kind === 'open') {
      if (override.range) opens.push(override.range);
    } else if (override.range === null) {
      return [];
    } else {
      closures.push(override.range);
    }
  }
  let ranges = mergeRanges(opens);
  for (const cut of closures) ranges = subtractRange(ranges, cut);
  return ranges;
}

/**
 * Working intervals of one staff member on one local date, as local times.
 * `hours` is the staff member's own weekly hours, or the business's when the
 * staff member has none; `overrides` may hold any dates and staff.
 */
export function workingIntervals(params: {
  date: LocalDate;
  hours: WeeklyHours;
  overrides: readonly ScheduleOverride[];
  staffId: string;
}): TimeInterval[] {
  const day = parseLocalDate(params.date);
  const dayOverrides = params.overrides
    .filter((override) => override.date === params.date)
    .map(parseOverride)
    .filter((override): override is ParsedOverride => override !== null);
  return workingRanges(parseWeek(params.hours), day, dayOverrides, params.staffId).map((range) => ({
    start: formatLocalTime(range.start),
    end: formatLocalTime(range.end),
  }));
}
