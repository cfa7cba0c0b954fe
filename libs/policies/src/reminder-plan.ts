import { DateTime } from 'luxon';
import type { ReminderSettings } from '@frontdesk/contracts';

export const REMINDER_LIMITS = { minOffset: 5, maxOffset: 10_080, maxOffsets: 4 } as const;
/** A reminder moved out of quiet hours to their end still leaves at least this long before the start. */
export const QUIET_END_MARGIN_MINUTES = 30;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: true,
  offsetsMinutes: [1440, 120],
  quietHours: { start: '21:00', end: '08:00' },
  whatsappTemplate: 'appointment_reminder',
  highRiskExtraOffsetMinutes: null,
};

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Meta's template names: lower-case letters, digits and underscores. */
export const WHATSAPP_TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

/** Every problem with reminder settings, each naming its field; empty when valid. */
export function validateReminderSettings(settings: ReminderSettings): string[] {
  const problems: string[] = [];
  const { minOffset, maxOffset, maxOffsets } = REMINDER_LIMITS;
  const offsets = settings.offsetsMinutes;
  if (!Array.isArray(offsets) || offsets.length > maxOffsets) {
    problems.push(`offsetsMinutes must be a list of at most ${maxOffsets} offsets`);
  } else {
    if (offsets.some((o) => !Number.isInteger(o) || o < minOffset || o > maxOffset)) {
      problems.push(`offsetsMinutes must be whole numbers of minutes from ${minOffset} to ${maxOffset}`);
    }
    if (new Set(offsets).size !== offsets.length) problems.push('offsetsMinutes must not repeat an offset');
  }
  const extra = settings.highRiskExtraOffsetMinutes;
  if (extra !== null) {
    if (!Number.isInteger(extra) || extra < minOffset || extra > maxOffset) {
      problems.push(`highRiskExtraOffsetMinutes must be null or a whole number of minutes from ${minOffset} to ${maxOffset}`);
    } else if (Array.isArray(offsets) && offsets.includes(extra)) {
      problems.push('highRiskExtraOffsetMinutes must differ from every offset of offsetsMinutes');
    }
  }
  const quiet = settings.quietHours;
  if (quiet !== null) {
    if (!LOCAL_TIME.test(String(quiet?.start)) || !LOCAL_TIME.test(String(quiet?.end))) {
      problems.push('quietHours must be null or {start, end}, each a time of day HH:MM');
    } else if (quiet.start === quiet.end) {
      problems.push('quietHours.start and quietHours.end must differ');
    }
  }
  if (!WHATSAPP_TEMPLATE_NAME.test(String(settings.whatsappTemplate))) {
    problems.push('whatsappTemplate must be a template name of lower-case letters, digits and underscores');
  }
  return problems;
}

export interface ReminderPlanInput {
  start: Date;
  /** The tenant's IANA zone: quiet hours are its wall times. */
  timezone: string;
  settings: Pick<ReminderSettings, 'offsetsMinutes' | 'quietHours' | 'highRiskExtraOffsetMinutes'>;
  /** When the booking became confirmed (or was rescheduled, or its risk tier changed): reminders due before then are late. */
  confirmedAt: Date;
  /** The booking's no-show risk is in the `high` tier: it gets the extra reminder, when the settings have one. */
  highRisk: boolean;
}

export type PlannedReminder =
  | {
      offsetMinutes: number;
      /** The high-risk booking's extra reminder (`highRiskExtraOffsetMinutes`), not one of `offsetsMinutes`. */
      extra: boolean;
      status: 'scheduled';
      dueAt: Date;
      /** Why it is not at start − offset: sent at once (late), or moved out of quiet hours. */
      moved: 'at_once' | 'quiet_hours_end' | 'quiet_hours_start' | null;
    }
  | { offsetMinutes: number; extra: boolean; status: 'skipped'; reason: 'too_close' };

const MINUTE = 60_000;

/**
 * When each reminder of a booking goes out (the contract's rules):
 * - due at start − offset;
 * - already due at confirmation: at once if the start is at least half the offset away, else skipped;
 * - inside the local quiet hours: moved to their end when that is at least 30 minutes before the
 *   start, else to their beginning (or at once, should that have passed already);
 * - a high-risk booking gets one more at `highRiskExtraOffsetMinutes` (when set), by the same rules.
 */
export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const plan = input.settings.offsetsMinutes.map((offsetMinutes) => planOne(input, offsetMinutes, false));
  const extra = input.settings.highRiskExtraOffsetMinutes;
  return input.highRisk && extra !== null ? [...plan, planOne(input, extra, true)] : plan;
}

function planOne(
  { start, timezone, settings, confirmedAt }: ReminderPlanInput,
  offsetMinutes: number,
  extra: boolean,
): PlannedReminder {
  let dueAt = new Date(start.getTime() - offsetMinutes * MINUTE);
  let moved: 'at_once' | 'quiet_hours_end' | 'quiet_hours_start' | null = null;
  if (dueAt <= confirmedAt) {
    if (start.getTime() - confirmedAt.getTime() < (offsetMinutes * MINUTE) / 2) {
      return { offsetMinutes, extra, status: 'skipped', reason: 'too_close' };
    }
    dueAt = confirmedAt;
    moved = 'at_once';
  }
  const quiet = settings.quietHours && quietPeriodAround(dueAt, settings.quietHours, timezone);
  if (quiet) {
    if (quiet.end.getTime() <= start.getTime() - QUIET_END_MARGIN_MINUTES * MINUTE) {
      return { offsetMinutes, extra, status: 'scheduled', dueAt: quiet.end, moved: 'quiet_hours_end' };
    }
    // Their beginning, or at once when that has passed already.
    return quiet.start > confirmedAt
      ? { offsetMinutes, extra, status: 'scheduled', dueAt: quiet.start, moved: 'quiet_hours_start' }
      : { offsetMinutes, extra, status: 'scheduled', dueAt: confirmedAt, moved: 'at_once' };
  }
  return { offsetMinutes, extra, status: 'scheduled', dueAt, moved };
}

/**
 * The quiet period (as instants) that `instant` falls in, or null. `start`/`end` are local wall
 * times of the zone; when start > end the period spans midnight. A wall time that does not
 * exist on a DST Sunday is taken as the first instant after the gap (luxon's rule).
 */
export function quietPeriodAround(
  instant: Date,
  hours: { start: string; end: string },
  timezone: string,
): { start: Date; end: Date } | null {
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  const minuteOfDay = local.hour * 60 + local.minute + local.second / 60;
  const s = minutesOf(hours.start);
  const e = minutesOf(hours.end);
  const day = local.startOf('day');
  const at = (d: DateTime, minutes: number) =>
    DateTime.fromObject(
      { year: d.year, month: d.month, day: d.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
      { zone: timezone },
    ).toJSDate();
  if (s < e) {
    return minuteOfDay >= s && minuteOfDay < e ? { start: at(day, s), end: at(day, e) } : null;
  }
  if (minuteOfDay >= s) return { start: at(day, s), end: at(day.plus({ days: 1 }), e) };
  if (minuteOfDay < e) return { start: at(day.minus({ days: 1 }), s), end: at(day, e) };
  return null;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}
